// Words and numbers shown in the panel, and which error it shows, as pure functions.
import { formatBytes, formatDuration } from '../../engine/format';
import type { DebateError, ModelInfo, ModeratorActivity, PullProgress, Transcript, Turn, TurnMetrics } from '../../engine/types';
import { lastSpeakerTurn } from '../../extension/contract/debate-rules';
import type { DebateStatus, DebateView, ModeratorAtWork } from '../../extension/contract/protocol';
import { exportableDebate } from '../../extension/contract/snapshot';
import * as l10n from './l10n';

/** Ollama's own rate when it reported one, else tokens over the generation time after the first token. */
export function tokensPerSecond(metrics: TurnMetrics): number | null {
  if (metrics.tokensPerSecond !== null) return metrics.tokensPerSecond;
  const generatingMs = metrics.durationMs - (metrics.timeToFirstTokenMs ?? 0);
  return metrics.tokens > 0 && generatingMs > 0 ? (metrics.tokens * 1000) / generatingMs : null;
}

/** E.g. "first token 1.2 s · 23.4 tokens/s · 312 tokens". */
export function formatMetrics(metrics: TurnMetrics): string {
  const parts: string[] = [];
  if (metrics.timeToFirstTokenMs !== null) parts.push(l10n.t('first token {0}', formatDuration(metrics.timeToFirstTokenMs)));
  const rate = tokensPerSecond(metrics);
  if (rate !== null) parts.push(l10n.t('{0} tokens/s', rate.toFixed(1)));
  parts.push(metrics.tokens === 1 ? l10n.t('1 token') : l10n.t('{0} tokens', metrics.tokens));
  return parts.join(' · ');
}

/** "1 exchange", "3 exchanges". */
export function exchangesText(count: number): string {
  return count === 1 ? l10n.t('1 exchange') : l10n.t('{0} exchanges', count);
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
  return l10n.t('{0} {1}% of {2}', progress.status, Math.round(progress.fraction * 100), formatBytes(progress.totalBytes));
}

/** What the panel knows of the Ollama host: still asking it for its models, it answered, or it did not. */
export type Connection = 'checking' | 'answering' | 'not-answering';

export interface StatusContext {
  host: string;
  /** Who speaks now, e.g. "Speaker 2 (llama3.2:1b)": one speaker, or every speaker of a simultaneous round still speaking. */
  speaking: string | readonly string[] | null;
  /** The AI moderator at work: said in place of the speakers. */
  moderator?: ModeratorAtWork | null;
  /** The debate's own judge at work at its end (its model): said in place of everyone else. */
  judge?: string | null;
  /** Before a debate, "Ready" only once Ollama answered (default: it did). */
  connection?: Connection;
  /** What ended a finished debate before its last exchange (earlyEndNote), if anything did. */
  earlyEnd?: string | null;
}

/** What a stop condition says when it ended the debate without a note of its own. */
const EARLY_END_FALLBACK = {
  repetition: l10n.t('A speaker repeated an earlier reply.'),
  consensus: l10n.t('The speakers agree.'),
} as const;

/**
 * What ended the debate before its last exchange, in words: what a stop condition found (e.g. "Speaker 1 repeated
 * 100% of …", "The speakers agree that …"), or the AI moderator's reason for closing it. Null when nothing did (the
 * person's own "End debate" carries no reason).
 */
export function earlyEndNote(transcript: Pick<Transcript, 'stopReason' | 'stopNote'> | null): string | null {
  const reason = transcript?.stopReason;
  if (reason === 'repetition' || reason === 'consensus') return transcript?.stopNote ?? EARLY_END_FALLBACK[reason];
  if (reason === 'moderator') return transcript?.stopNote ?? null;
  return null;
}

function idleText({ host, connection = 'answering' }: StatusContext): string {
  switch (connection) {
    case 'checking':
      return host === '' ? l10n.t('Looking for Ollama…') : l10n.t('Looking for Ollama at {0}…', host);
    case 'not-answering':
      return l10n.t('Not ready: no answer from Ollama at {0} (the error says what to do).', host);
    case 'answering':
      return l10n.t('Ready. Pick a topic and speakers, then start the debate.');
    default:
      return assertNever(connection);
  }
}

const MODERATOR_DOING: Record<ModeratorActivity, (round: number) => string> = {
  framing: () => l10n.t('framing the question'),
  review: (round) => l10n.t('summarising round {0}', round),
  picking: () => l10n.t('choosing who speaks next'),
};

/** E.g. "Moderator (gemma3:4b) is summarising round 2". */
export function moderatorAtWorkText({ activity, model, round }: ModeratorAtWork): string {
  return l10n.t('Moderator ({0}) is {1}', model, MODERATOR_DOING[activity](round));
}

/** Who is at work in a run: "A (m) is speaking", "A (m), B (n) and C (o) are speaking", the moderator or the judge; null: nobody yet. */
function atWorkText({ speaking, moderator, judge }: StatusContext): string | null {
  if (judge) return l10n.t('Judge ({0}) is judging the debate blind', judge);
  if (moderator) return moderatorAtWorkText(moderator);
  const names = typeof speaking === 'string' ? [speaking] : (speaking ?? []);
  if (names.length < 2) return names.length === 0 ? null : l10n.t('{0} is speaking', names[0]!);
  return l10n.t('{0} and {1} are speaking', names.slice(0, -1).join(l10n.t(', ')), names[names.length - 1]!);
}

export function statusText(status: DebateStatus, context: StatusContext): string {
  switch (status) {
    case 'idle':
      return idleText(context);
    case 'connecting':
      return l10n.t('Connecting to Ollama at {0}…', context.host);
    case 'loading':
      return l10n.t('Loading models…');
    case 'speaking': {
      const atWork = atWorkText(context);
      return atWork === null ? l10n.t('Speaking…') : `${atWork}…`;
    }
    case 'pausing': {
      const atWork = atWorkText(context);
      return atWork === null ? l10n.t('Pausing after this turn…') : l10n.t('{0}; the debate pauses after this turn.', atWork);
    }
    case 'paused':
      return l10n.t('Debate paused: it waits for the moderator.');
    case 'interrupted':
      return l10n.t('Debate interrupted before it finished; it can resume from its last completed turn.');
    case 'running-elsewhere':
      return l10n.t('Running elsewhere: shown as it was when read.');
    case 'done': {
      const earlyEnd = context.earlyEnd ?? null;
      return earlyEnd === null ? l10n.t('Debate finished.') : l10n.t('Debate ended early: {0}', earlyEnd);
    }
    case 'stopped':
      return l10n.t('Debate stopped.');
    case 'failed':
      return l10n.t('Debate failed.');
    default:
      return assertNever(status);
  }
}

/**
 * Why Start refused the draft, in words that name the real cause: a model can't be chosen
 * while the host's models can't be listed, so that (not "Choose a model") is what to fix.
 */
export function startRefusal(refusal: { field: string; message: string }, modelsError: DebateError | null): string {
  return modelsError !== null && refusal.field.endsWith('.model') ? modelsError.message : refusal.message;
}

/** Why Export is off (the debate has no turn yet, not even one in progress), or null when it is on. */
export function exportBlockedReason(view: Pick<DebateView, 'transcript' | 'liveTurns'>): string | null {
  if (view.transcript === null) return l10n.t('Nothing to export yet: start a debate first.');
  return exportableDebate(view) === null ? l10n.t('Nothing to export yet: this debate has no turn.') : null;
}

/** Where the error shown comes from: the debate's run, or listing the host's models. */
export type ErrorSource = 'debate' | 'connection';

/** What the banner is told: the debate's last error and its turns, and the host's listing error. */
export interface ErrorInputs {
  debateError: DebateError | null;
  turns: readonly Turn[];
  connectionError: DebateError | null;
}

/**
 * The one error to show: the debate's, unless its last speaker turn failed saying exactly that
 * (the turn shows it, marked, with Retry this turn); else the host not answering.
 */
export function bannerError({ debateError, turns, connectionError }: ErrorInputs): { error: DebateError; source: ErrorSource } | null {
  const failedTurn = lastSpeakerTurn(turns);
  const saidByTurn = failedTurn?.status === 'failed' && failedTurn.note === debateError?.message;
  if (debateError !== null && !saidByTurn) return { error: debateError, source: 'debate' };
  return connectionError === null ? null : { error: connectionError, source: 'connection' };
}

/** A message split at its code spans (`like this`); an unpaired backtick stays as written. */
export function codeSpans(message: string): { code: boolean; text: string }[] {
  const parts: { code: boolean; text: string }[] = [];
  let rest = message;
  for (let match = /`([^`]+)`/.exec(rest); match !== null; match = /`([^`]+)`/.exec(rest)) {
    if (match.index > 0) parts.push({ code: false, text: rest.slice(0, match.index) });
    parts.push({ code: true, text: match[1]! });
    rest = rest.slice(match.index + match[0].length);
  }
  if (rest !== '') parts.push({ code: false, text: rest });
  return parts;
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
