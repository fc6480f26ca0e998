/**
 * Producing one reply for /api/chat or /api/generate: load the model if needed, stream the
 * tokens (or collect them when `stream: false`), inject the configured fault, and close with
 * the final chunk whose timing fields come from the real elapsed time, in nanoseconds.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Exchange } from './exchange';
import { tokensBeforeFault, type Fault } from './faults';
import type { ModelResidency } from './model-residency';
import type { PromptCache, SlotLease } from './prompt-cache';
import {
  errorBody,
  type ChatMessageBody,
  nanosBetween,
  replyChunk,
  replyFinal,
  type DoneReason,
  type GenerationStats,
  type ReplyShape,
  type SimModel,
} from './protocol';

export interface GenerationJob {
  exchange: Exchange;
  shape: ReplyShape;
  /** The installed model answering. */
  model: SimModel;
  /** The name as the client sent it; echoed in every chunk's `model`. */
  requestedName: string;
  /** Reasoning, streamed as `thinking` before the reply's tokens (empty: none). */
  thinkingTokens: readonly string[];
  tokens: readonly string[];
  doneReason: Extract<DoneReason, 'stop' | 'length'>;
  promptTokens: number;
  /** The conversation as sent: what the prompt cache, when modelled, renders and matches. */
  messages: readonly ChatMessageBody[];
  stream: boolean;
  keepAliveMs: number;
  fault: Fault | null;
}

export interface GenerationEnvironment {
  residency: ModelResidency;
  tokenDelayMs(): number;
  splitWrites(): boolean;
  /** Ollama's prompt cache, when this simulator models it: prompt tokens then cost time before the first token. */
  promptCache: PromptCache | null;
}

export async function generate(job: GenerationJob, env: GenerationEnvironment): Promise<void> {
  const { exchange, fault } = job;
  if (fault?.type === 'http-error') {
    exchange.sendJson(fault.status, errorBody(fault.message));
    return;
  }
  let loadMs: number;
  try {
    loadMs = await env.residency.acquire(job.model.name, job.keepAliveMs, exchange.signal);
  } catch (error) {
    if (exchange.signal.aborted) return; // the client left, or the simulator closed, during the load
    throw error;
  }
  try {
    await produce(job, env, loadMs);
  } catch (error) {
    if (!exchange.signal.aborted) throw error;
  } finally {
    env.residency.release(job.model.name, job.keepAliveMs);
  }
}

/** Takes a cache slot when the cache is modelled, and gives it back with the tokens generated, however the reply ends. */
async function produce(job: GenerationJob, env: GenerationEnvironment, loadMs: number): Promise<void> {
  const { exchange } = job;
  const lease = env.promptCache ? await env.promptCache.lease(job.model.name, job.messages, exchange.signal, exchange.record.id) : null;
  const progress = { generated: [] as string[] };
  try {
    await stream(job, env, loadMs, lease, progress);
  } finally {
    lease?.release(progress.generated);
  }
}

async function stream(
  job: GenerationJob,
  env: GenerationEnvironment,
  loadMs: number,
  lease: SlotLease | null,
  progress: { generated: string[] },
): Promise<void> {
  const { exchange, fault } = job;
  // Reasoning first, then the reply: faults count tokens of both kinds.
  const thinkingCount = job.thinkingTokens.length;
  const tokens = [...job.thinkingTokens, ...job.tokens];
  const loadedAt = performance.now();
  if (lease && lease.evaluationMs > 0) await sleep(lease.evaluationMs, undefined, { signal: exchange.signal });
  const faultAt = fault ? tokensBeforeFault(fault, tokens.length) : null;
  let firstTokenAt: number | null = null;
  for (let index = 0; index <= tokens.length; index += 1) {
    if (fault && index === faultAt) {
      if (fault.type === 'raw-line-after') {
        if (job.stream) await exchange.writeRaw(`${fault.line}\n`);
      } else {
        await strike(fault, job, env);
        return;
      }
    }
    if (index === tokens.length) break;
    const delay = env.tokenDelayMs();
    // No timer at zero delay: a 1 ms timer per token would dominate benchmarks.
    if (delay > 0) await sleep(delay, undefined, { signal: exchange.signal });
    const token = tokens[index] ?? '';
    const chunk = index < thinkingCount ? replyChunk(job.shape, job.requestedName, '', token) : replyChunk(job.shape, job.requestedName, token);
    if (job.stream) await exchange.writeLine(chunk, env.splitWrites());
    progress.generated.push(token);
    firstTokenAt ??= performance.now();
  }
  const endedAt = performance.now();
  const stats = timings(job, lease, exchange.record.receivedAt, loadMs, loadedAt, firstTokenAt ?? endedAt, endedAt);
  if (job.stream) {
    await exchange.writeLine(replyFinal(job.shape, job.requestedName, '', job.doneReason, stats), env.splitWrites());
    exchange.endStream();
  } else {
    exchange.sendJson(200, replyFinal(job.shape, job.requestedName, job.tokens.join(''), job.doneReason, stats, job.thinkingTokens.join('')));
  }
}

function timings(
  job: GenerationJob,
  lease: SlotLease | null,
  receivedAt: number,
  loadMs: number,
  loadedAt: number,
  firstTokenAt: number,
  endedAt: number,
): GenerationStats {
  const load = Math.max(1, Math.round(loadMs * 1e6));
  const promptEval = nanosBetween(loadedAt, firstTokenAt);
  const evaluation = nanosBetween(firstTokenAt, endedAt);
  return {
    total_duration: Math.max(nanosBetween(receivedAt, endedAt), load + promptEval + evaluation),
    load_duration: load,
    prompt_eval_count: lease ? lease.promptTokens : job.promptTokens,
    ...(lease && { prompt_eval_cached_count: lease.cachedTokens }),
    prompt_eval_duration: promptEval,
    eval_count: job.thinkingTokens.length + job.tokens.length,
    eval_duration: evaluation,
  };
}

async function strike(fault: Fault, job: GenerationJob, env: GenerationEnvironment): Promise<void> {
  const { exchange } = job;
  switch (fault.type) {
    case 'http-error':
      exchange.sendJson(fault.status, errorBody(fault.message));
      return;
    case 'drop-after':
      exchange.cut();
      return;
    case 'stall-after':
      await untilAborted(exchange.signal);
      return;
    case 'raw-line-after':
      return;
    case 'error-line-after':
      if (job.stream) {
        await exchange.writeLine(errorBody(fault.message), env.splitWrites());
        exchange.endStream();
      } else {
        exchange.sendJson(500, errorBody(fault.message));
      }
      return;
    default: {
      const unknown: never = fault;
      throw new Error(`unknown fault ${JSON.stringify(unknown)}`);
    }
  }
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
