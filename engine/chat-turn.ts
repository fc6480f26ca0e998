// One speaker's turn: stream ChatOllama, hand each token straight to the caller,
// and turn whatever happens (done, stop, timeout, failure) into a recorded Turn.
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { ChatOllama } from '@langchain/ollama';
import type { ChatMessage } from './context';
import { describeOllamaError, firstTokenTimeoutError, stalledStreamError } from './errors';
import { DEFAULT_MAX_REPLY_CHARS, KEEP_ALIVE } from './limits';
import { readTimings, turnMetrics, type OllamaTimings } from './metrics';
import { ollamaFetch } from './ollama-fetch';
import type { DebateError, SpeakerConfig, TurnReply } from './types';

export interface TurnRequest {
  speaker: SpeakerConfig;
  host: string;
  messages: readonly ChatMessage[];
  firstTokenTimeoutMs: number;
  stallTimeoutMs: number;
  /** Most characters a reply may have: it is cut there, kept and marked (default DEFAULT_MAX_REPLY_CHARS). */
  maxReplyChars?: number;
  /** The run's signal: aborting it stops this turn and keeps what was said. */
  signal: AbortSignal;
  onToken: (text: string) => void;
}

export interface TurnResult {
  reply: TurnReply;
  /** Set when the turn failed; a stopped turn has none. */
  error: DebateError | null;
}

export const STOPPED_NOTE = 'Stopped by the user.';

/** The note of a reply cut at the reply cap (a complete turn: the debate goes on). */
export function cutNote(maxReplyChars: number): string {
  return `Cut at ${maxReplyChars.toLocaleString('en-US')} characters, the longest reply allowed; the model was stopped there.`;
}

function toLangChain(message: ChatMessage): BaseMessage {
  switch (message.role) {
    case 'system':
      return new SystemMessage(message.content);
    case 'user':
      return new HumanMessage(message.content);
    case 'assistant':
      return new AIMessage(message.content);
    default: {
      const unknownRole: never = message.role;
      throw new Error(`Unknown chat role ${String(unknownRole)}`);
    }
  }
}

/**
 * Runs `start` outside LangGraph's implicit run context. Inside it, ChatOllama
 * would inherit the graph's callback manager and await a callback for every
 * token, and every promise of the turn would carry the graph's context: together
 * over half again the CPU per token of a bare ChatOllama.stream (see the bench).
 * The engine streams tokens itself, so it needs none of that.
 */
function outsideGraphContext<T>(start: () => T): T {
  return AsyncLocalStorageProviderSingleton.getInstance().run(undefined, start);
}

/** Streams one turn; never throws (failures are recorded in the result). */
export function streamTurn(request: TurnRequest): Promise<TurnResult> {
  return outsideGraphContext(() => runTurn(request));
}

async function runTurn(request: TurnRequest): Promise<TurnResult> {
  const { speaker, host } = request;
  const timeout = new AbortController();
  const cap = new AbortController();
  const maxReplyChars = request.maxReplyChars ?? DEFAULT_MAX_REPLY_CHARS;
  const signal = AbortSignal.any([request.signal, timeout.signal, cap.signal]);
  const model = new ChatOllama({
    model: speaker.model,
    baseUrl: host,
    think: false,
    keepAlive: KEEP_ALIVE,
    temperature: speaker.temperature,
    numCtx: speaker.contextSize,
    fetch: ollamaFetch({ signal }),
  });
  const startedAt = performance.now();
  let firstTokenAt: number | null = null;
  let text = '';
  let chunks = 0;
  let timings: OllamaTimings | null = null;
  let failure: unknown = null;
  const timer = setTimeout(() => timeout.abort(), request.firstTokenTimeoutMs);
  // A silent stream once tokens flowed: checked by one coarse interval rather than a timer
  // re-armed per token, which would cost CPU on every token.
  let lastTokenAt = startedAt;
  const stallCheck = setInterval(
    () => {
      if (firstTokenAt !== null && performance.now() - lastTokenAt > request.stallTimeoutMs) timeout.abort();
    },
    Math.min(1000, request.stallTimeoutMs / 4),
  );
  try {
    // No `signal` here on purpose: LangChain would race every chunk against it (a promise and
    // two listeners per token). The fetch bound to it already ends the stream at once.
    const stream = await model.stream(request.messages.map(toLangChain));
    for await (const chunk of stream) {
      let piece = typeof chunk.content === 'string' ? chunk.content : '';
      if (text.length + piece.length > maxReplyChars) {
        // Past the cap: keep what fits, stop the model (closing the request stops generation).
        piece = piece.slice(0, Math.max(0, maxReplyChars - text.length)).replace(/[\uD800-\uDBFF]$/, '');
        cap.abort();
      }
      if (piece !== '') {
        if (firstTokenAt === null) {
          firstTokenAt = performance.now();
          clearTimeout(timer);
        }
        text += piece;
        chunks++;
        lastTokenAt = performance.now();
        request.onToken(piece);
      } else {
        timings = readTimings(chunk.response_metadata) ?? timings;
      }
      if (cap.signal.aborted) break;
    }
  } catch (error) {
    failure = error;
  } finally {
    clearTimeout(timer);
    clearInterval(stallCheck);
  }
  const metrics = turnMetrics({ startedAt, firstTokenAt, endedAt: performance.now(), chunks }, timings);
  if (request.signal.aborted) return { reply: { text, metrics, status: 'stopped', note: STOPPED_NOTE }, error: null };
  if (cap.signal.aborted) return { reply: { text, metrics, status: 'complete', note: cutNote(maxReplyChars) }, error: null };
  const context = { host, model: speaker.model, speaker: speaker.name };
  let error: DebateError | null = null;
  if (timeout.signal.aborted) {
    error = firstTokenAt === null ? firstTokenTimeoutError(context, request.firstTokenTimeoutMs) : stalledStreamError(context, request.stallTimeoutMs);
  }
  else if (failure !== null) error = describeOllamaError(failure, { ...context, phase: firstTokenAt === null ? 'request' : 'stream' });
  return error === null
    ? { reply: { text, metrics, status: 'complete' }, error: null }
    : { reply: { text, metrics, status: 'failed', note: error.message }, error };
}
