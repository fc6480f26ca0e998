// One Ollama speaker's turn: stream ChatOllama into a TurnStream (turn-stream.ts: the limits,
// the timings and the recorded turn every backend shares), in Ollama's words when it fails.
// Reasoning is kept apart from the reply in both forms Ollama sends it: `message.thinking`
// (which @langchain/ollama hands on as `additional_kwargs.reasoning_content`) and
// `<think>…</think>` inline in the content (split out by thinking.ts).
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { AsyncLocalStorageProviderSingleton } from '@langchain/core/singletons';
import { ChatOllama, type ChatOllamaInput } from '@langchain/ollama';
import type { ChatMessage } from './context';
import { describeOllamaError, firstTokenTimeoutError, stalledStreamError } from './errors';
import { KEEP_ALIVE } from './limits';
import { readTimings, turnMetrics, type OllamaTimings } from './metrics';
import { ollamaFetch } from './ollama-fetch';
import { thinkingSplitter } from './thinking';
import { TurnStream, type TurnFailureWords, type TurnRequest, type TurnResult } from './turn-stream';
import type { DebateError, SpeakerConfig, ThinkingSetting } from './types';

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
  const { speaker } = request;
  const turn = new TurnStream(request);
  const model = new ThinkingChatOllama(
    {
      model: speaker.model,
      baseUrl: request.host,
      keepAlive: KEEP_ALIVE,
      temperature: speaker.temperature,
      numCtx: request.contextWindow,
      fetch: ollamaFetch({ signal: turn.signal }),
    },
    speaker.thinking,
  );
  let timings: OllamaTimings | null = null;
  let failure: unknown = null;
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
      turn.countChunk();
      turn.add('thinking', reasoning);
      const split = inline.push(content);
      turn.add('thinking', split.thinking);
      turn.add('reply', split.reply);
      if (turn.capped) break;
    }
  } catch (error) {
    failure = error;
  } finally {
    turn.end();
  }
  if (!turn.capped) {
    const rest = inline.end();
    turn.add('thinking', rest.thinking);
    turn.add('reply', rest.reply);
  }
  return turn.result(failure, ollamaFailureWords(request), (measured) => turnMetrics(measured, timings, request.contextWindow));
}

/** Ollama's words for a turn's failures, naming the host, the model and the speaker. */
function ollamaFailureWords({ host, speaker }: TurnRequest): TurnFailureWords {
  const context = { host, model: speaker.model, speaker: speaker.name };
  return {
    firstTokenTimeout: (timeoutMs) => firstTokenTimeoutError(context, timeoutMs),
    stalled: (timeoutMs) => stalledStreamError(context, timeoutMs),
    failure: (error, phase) => withThinkingAdvice(describeOllamaError(error, { ...context, phase }), speaker),
  };
}

/** Ollama refuses `think` for a model without the capability (HTTP 400): say what to change. */
export function withThinkingAdvice(error: DebateError, speaker: SpeakerConfig): DebateError {
  if (error.status !== 400 || !/does not support thinking/i.test(error.message)) return error;
  return { ...error, message: `${error.message}. Set ${speaker.name}'s thinking to off, or to the model's own default.` };
}
