// Words and numbers shown in the panel, as pure functions.
import { formatBytes, formatDuration, plural } from '../../engine/format';
import type { ModelInfo, PullProgress, TurnMetrics } from '../../engine/types';
import type { DebateStatus } from '../../extension/contract/protocol';

/** Ollama's own rate when it reported one, else tokens over the generation time after the first token. */
export function tokensPerSecond(metrics: TurnMetrics): number | null {
  if (metrics.tokensPerSecond !== null) return metrics.tokensPerSecond;
  const generatingMs = metrics.durationMs - (metrics.timeToFirstTokenMs ?? 0);
  return metrics.tokens > 0 && generatingMs > 0 ? (metrics.tokens * 1000) / generatingMs : null;
}

/** E.g. "first token 1.2 s · 23.4 tokens/s · 312 tokens". */
export function formatMetrics(metrics: TurnMetrics): string {
  const parts: string[] = [];
  if (metrics.timeToFirstTokenMs !== null) parts.push(`first token ${formatDuration(metrics.timeToFirstTokenMs)}`);
  const rate = tokensPerSecond(metrics);
  if (rate !== null) parts.push(`${rate.toFixed(1)} tokens/s`);
  parts.push(plural(metrics.tokens, 'token'));
  return parts.join(' · ');
}

/** E.g. "8B · Q4_K_M · 4.9 GB". */
export function formatModelDetails(model: ModelInfo): string {
  return [model.parameterSize, model.quantization, formatBytes(model.sizeBytes)]
    .filter((part): part is string => part !== null && part.length > 0)
    .join(' · ');
}

/** E.g. "pulling manifest", "downloading 42% of 4.9 GB". */
export function formatPullProgress(progress: PullProgress): string {
  if (progress.fraction === null || progress.totalBytes === null) return progress.status;
  return `${progress.status} ${Math.round(progress.fraction * 100)}% of ${formatBytes(progress.totalBytes)}`;
}

export interface StatusContext {
  host: string;
  /** The speaker whose turn is live, e.g. "Speaker 2 (llama3.2:1b)". */
  speaking: string | null;
}

export function statusText(status: DebateStatus, context: StatusContext): string {
  switch (status) {
    case 'idle':
      return 'Ready. Pick a topic and speakers, then start the debate.';
    case 'connecting':
      return `Connecting to Ollama at ${context.host}…`;
    case 'loading':
      return 'Loading models…';
    case 'speaking':
      return context.speaking === null ? 'Speaking…' : `${context.speaking} is speaking…`;
    case 'pausing':
      return context.speaking === null ? 'Pausing after this turn…' : `${context.speaking} is speaking; the debate pauses after this turn.`;
    case 'paused':
      return 'Debate paused: it waits for the moderator.';
    case 'interrupted':
      return 'Debate interrupted before it finished; it can resume from its last completed turn.';
    case 'running-elsewhere':
      return 'Running elsewhere: shown as it was when read.';
    case 'done':
      return 'Debate finished.';
    case 'stopped':
      return 'Debate stopped.';
    case 'failed':
      return 'Debate failed.';
    default:
      return assertNever(status);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
