// One speaker's turn: stream ChatOllama, hand each token straight to the caller,
// and turn whatever happens (done, stop, timeout, failure) into a recorded Turn.
// Reasoning is kept apart from the reply in both forms Ollama sends it: `message.thinking`
// (which @langchain/ollama hands on as `additional_kwargs.reasoning_content`) and
// `<think>…</think>` inline in the content (split out by thinking.ts).
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { ChatOllama, type ChatOllamaInput } from '@langchain/ollama';
import type { ChatMessage } from './context';
import { describeOllamaError, firstTokenTimeoutError, stalledStreamError } from './errors';
import { DEFAULT_MAX_REPLY_CHARS, KEEP_ALIVE } from './limits';
import { readTimings, turnMetrics, type OllamaTimings } from './metrics';
import { ollamaFetch } from './ollama-fetch';
import { cutOffOf } from './run-cut-off';
import { thinkingSplitter } from './thinking';
import type { DebateError, SpeakerConfig, ThinkingSetting, TurnReply } from './types';

export interface TurnRequest {
  speaker: SpeakerConfig;
  host: string;
  messages: readonly ChatMessage[];
  /** The window sent as `num_ctx` (context-window.ts), the same the model was preloaded with. */
  contextWindow: number;
  firstTokenTimeoutMs: number;
  stallTimeoutMs: number;
  /** Most characters a reply may have: it is cut there, kept and marked (default DEFAULT_MAX_REPLY_CHARS). */
  maxReplyChars?: number;
  /** The run's signal: aborting it stops this turn and keeps what was said. */
  signal: AbortSignal;
  onToken: (text: string) => void;
  /** Reasoning as it streams (never part of the reply). */
  onThinking?: (text: string) => void;
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
 * ChatOllama sends its `think` field as given but types it boolean; Ollama also takes a level.
 * Undefined sends nothing, so the model keeps its own default.
 */
class ThinkingChatOllama extends ChatOllama {
  constructor(fields: ChatOllamaInput, private readonly thinking: ThinkingSetting | undefined) {
    super(fields);
  }

  override invocationParams(options?: this['ParsedCallOptions']): ReturnType<ChatOllama['invocationParams']> {
    return { ...super.invocationParams(options), think: this.thinking };
  }
}

/** The reasoning of one streamed chunk, as @langchain/ollama passes Ollama's `message.thinking` on. */
function reasoningOf(chunk: { additional_kwargs: Record<string, unknown> }): string {
  const reasoning = chunk.additional_kwargs.reasoning_content;
  return typeof reasoning === 'string' ? reasoning : '';
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
  const model = new ThinkingChatOllama(
    {
      model: speaker.model,
      baseUrl: host,
      keepAlive: KEEP_ALIVE,
      temperature: speaker.temperature,
      numCtx: request.contextWindow,
      fetch: ollamaFetch({ signal }),
    },
    speaker.thinking,
  );
  const startedAt = performance.now();
  /** The first reply token: what time to first token measures. */
  let firstTokenAt: number | null = null;
  /** The first token of either kind: reasoning is a sign of life too. */
  let firstLifeAt: number | null = null;
  let thinkingStartedAt: number | null = null;
  let thinkingEndedAt: number | null = null;
  let text = '';
  let thinking = '';
  let chunks = 0;
  let timings: OllamaTimings | null = null;
  let failure: unknown = null;
  const timer = setTimeout(() => timeout.abort(), request.firstTokenTimeoutMs);
  // A silent stream once tokens flowed: checked by one coarse interval rather than a timer
  // re-armed per token, which would cost CPU on every token.
  let lastTokenAt = startedAt;
  const stallCheck = setInterval(
    () => {
      if (firstLifeAt !== null && performance.now() - lastTokenAt > request.stallTimeoutMs) timeout.abort();
    },
    Math.min(1000, request.stallTimeoutMs / 4),
  );
  /** The part of a piece within the cap (reply and reasoning together); past it, the model is stopped. */
  const withinCap = (piece: string): string => {
    const room = maxReplyChars - text.length - thinking.length;
    if (piece.length <= room) return piece;
    // Closing the request stops generation.
    cap.abort();
    return piece.slice(0, Math.max(0, room)).replace(/[\uD800-\uDBFF]$/, '');
  };
  /** A piece of reasoning or reply: within the cap, a sign of life, recorded and handed on. */
  const add = (kind: 'thinking' | 'reply', whole: string): void => {
    const piece = withinCap(whole);
    if (piece === '') return;
    const now = performance.now();
    if (firstLifeAt === null) {
      firstLifeAt = now;
      clearTimeout(timer);
    }
    lastTokenAt = now;
    if (kind === 'thinking') {
      thinkingStartedAt ??= now;
      thinking += piece;
      request.onThinking?.(piece);
      return;
    }
    firstTokenAt ??= now;
    if (thinkingStartedAt !== null) thinkingEndedAt ??= now;
    text += piece;
    request.onToken(piece);
  };
  const inline = thinkingSplitter();
  try {
    // No `signal` here on purpose: LangChain would race every chunk against it (a promise and
    // two listeners per token). The fetch bound to it already ends the stream at once.
    const stream = await model.stream(request.messages.map(toLangChain));
    for await (const chunk of stream) {
      const reasoning = reasoningOf(chunk);
      const content = typeof chunk.content === 'string' ? chunk.content : '';
      if (reasoning === '' && content === '') {
        timings = readTimings(chunk.response_metadata) ?? timings;
        continue;
      }
      chunks++;
      add('thinking', reasoning);
      const split = inline.push(content);
      add('thinking', split.thinking);
      add('reply', split.reply);
      if (cap.signal.aborted) break;
    }
  } catch (error) {
    failure = error;
  } finally {
    clearTimeout(timer);
    clearInterval(stallCheck);
  }
  if (!cap.signal.aborted) {
    const rest = inline.end();
    add('thinking', rest.thinking);
    add('reply', rest.reply);
  }
  const endedAt = performance.now();
  const metrics = turnMetrics({ startedAt, firstTokenAt, endedAt, chunks }, timings, request.contextWindow);
  const reasoning = reasoningFields(thinking, thinkingStartedAt, thinkingEndedAt ?? endedAt);
  const said = { text, metrics, ...reasoning };
  if (request.signal.aborted) return { reply: { ...said, status: 'stopped', note: cutOffOf(request.signal)?.note ?? STOPPED_NOTE }, error: null };
  if (cap.signal.aborted) return { reply: { ...said, status: 'complete', note: cutNote(maxReplyChars) }, error: null };
  const context = { host, model: speaker.model, speaker: speaker.name };
  let error: DebateError | null = null;
  if (timeout.signal.aborted) {
    error = firstLifeAt === null ? firstTokenTimeoutError(context, request.firstTokenTimeoutMs) : stalledStreamError(context, request.stallTimeoutMs);
  }
  else if (failure !== null) error = withThinkingAdvice(describeOllamaError(failure, { ...context, phase: firstLifeAt === null ? 'request' : 'stream' }), speaker);
  return error === null
    ? { reply: { ...said, status: 'complete' }, error: null }
    : { reply: { ...said, status: 'failed', note: error.message }, error };
}

/** Ollama refuses `think` for a model without the capability (HTTP 400): say what to change. */
export function withThinkingAdvice(error: DebateError, speaker: SpeakerConfig): DebateError {
  if (error.status !== 400 || !/does not support thinking/i.test(error.message)) return error;
  return { ...error, message: `${error.message}. Set ${speaker.name}'s thinking to off, or to the model's own default.` };
}

/** The turn's reasoning fields: none when the model did not reason. */
function reasoningFields(thinking: string, startedAt: number | null, endedAt: number): Pick<TurnReply, 'thinking' | 'thinkingMs'> {
  const trimmed = thinking.trim();
  if (trimmed === '' || startedAt === null) return {};
  return { thinking: trimmed, thinkingMs: Math.max(0, Math.round(endedAt - startedAt)) };
}
