// VS Code's language models (`vscode.lm`, e.g. Copilot's) as a speaker backend: the engine's
// speaker node streams a 'vscode-lm' speaker's turns through here as it does Ollama's. A request
// is sent only while a debate the person started runs, so VS Code's consent dialog (shown on a
// model's first request, with the justification below) always follows a person's action. The
// turn's limits, timings and recording are the engine's own (turn-stream.ts), shared with Ollama.
import * as vscode from 'vscode';
import { EngineError } from '../../engine/errors';
import { turnMetrics } from '../../engine/metrics';
import type { SpeakerBackend } from '../../engine/speaker-backend';
import { TurnStream, type TurnRequest, type TurnResult } from '../../engine/turn-stream';
import type { SpeakerConfig, TurnMetrics } from '../../engine/types';
import { accessRefusedError, describeLanguageModelError, languageModelFailureWords, modelGoneError, type LanguageModelSubject } from './lm-errors';
import { languageModelTurns } from './lm-messages';

/** How long a complete reply's token count may take before the chunk count stands in for it. */
export const TOKEN_COUNT_DEADLINE_MS = 2000;

export class LanguageModelBackend implements SpeakerBackend {
  /** The models the last prepare found, by id: a turn and its prompt's window use them. */
  private readonly models = new Map<string, vscode.LanguageModelChat>();

  constructor(private readonly access: vscode.LanguageModelAccessInformation) {}

  /** Finds each speaker's model; a model VS Code no longer offers, or one the person refused, stops the debate before its first turn. */
  async prepare(speakers: readonly SpeakerConfig[], signal: AbortSignal): Promise<void> {
    for (const speaker of speakers) {
      const model = await findModel(speaker.model).catch((error: unknown) => {
        throw new EngineError(describeLanguageModelError(error, subjectOf(speaker, undefined)));
      });
      signal.throwIfAborted();
      const subject = subjectOf(speaker, model);
      if (model === undefined) throw new EngineError(modelGoneError(subject));
      // Only a refusal the person already gave: consent not yet asked (undefined) is asked by the first request.
      if (this.access.canSendRequest(model) === false) throw new EngineError(accessRefusedError(subject));
      this.models.set(speaker.model, model);
    }
  }

  contextWindow(speaker: SpeakerConfig): number {
    const model = this.models.get(speaker.model);
    if (model === undefined) throw new Error(`The language model ${speaker.model} was not prepared before ${speaker.name}'s turn.`);
    return model.maxInputTokens;
  }

  async streamTurn(request: TurnRequest): Promise<TurnResult> {
    const { speaker } = request;
    // Never throws: a model that can't be found fails the turn below.
    const model = this.models.get(speaker.model) ?? (await findModel(speaker.model).catch(() => undefined));
    const words = languageModelFailureWords(subjectOf(speaker, model));
    const turn = new TurnStream(request);
    const cancellation = new vscode.CancellationTokenSource();
    // Stop, a timeout or the reply cap cancels the request, and the turn ends at once even if the provider lingers.
    const stopped = stopSignal(turn.signal, () => cancellation.cancel());
    let failure: unknown = null;
    try {
      if (model === undefined) throw vscode.LanguageModelError.NotFound(speaker.model);
      // Stopped before it began: nothing is sent.
      const response = turn.signal.aborted ? STOPPED : await Promise.race([model.sendRequest(chatMessages(request), requestOptions(speaker), cancellation.token), stopped.promise]);
      if (response !== STOPPED) {
        for await (const piece of untilStopped(response.text, stopped.promise)) {
          turn.countChunk();
          turn.add('reply', piece);
          if (turn.capped) break;
        }
      }
    } catch (error) {
      failure = error;
    } finally {
      turn.end();
      stopped.dispose();
    }
    const result = turn.result(failure, words, (measured) => turnMetrics(measured, null, request.contextWindow));
    cancellation.dispose();
    if (model === undefined || result.reply.status !== 'complete' || result.reply.text === '') return result;
    const counted = await countTokens(model, result.reply.text);
    return counted === null ? result : { ...result, reply: { ...result.reply, metrics: withCountedTokens(result.reply.metrics, counted) } };
  }
}

async function findModel(id: string): Promise<vscode.LanguageModelChat | undefined> {
  const [model] = await vscode.lm.selectChatModels({ id });
  return model;
}

function subjectOf(speaker: SpeakerConfig, model: vscode.LanguageModelChat | undefined): LanguageModelSubject {
  return { speaker: speaker.name, modelId: speaker.model, modelName: model?.name ?? speaker.model };
}

function chatMessages(request: TurnRequest): vscode.LanguageModelChatMessage[] {
  return languageModelTurns(request.messages).map((turn) =>
    turn.role === 'user' ? vscode.LanguageModelChatMessage.User(turn.text) : vscode.LanguageModelChatMessage.Assistant(turn.text),
  );
}

function requestOptions(speaker: SpeakerConfig): vscode.LanguageModelChatRequestOptions {
  return {
    // Shown in VS Code's consent dialog on the model's first request.
    justification: vscode.l10n.t('Talking Models uses this model as a speaker in the debate you started.'),
    // A model-specific option: providers that take a temperature read it there.
    ...(speaker.temperature !== undefined && { modelOptions: { temperature: speaker.temperature } }),
  };
}

const STOPPED = Symbol('stopped');

/** Settles with STOPPED once `signal` aborts (at once if it has), after calling `onStop`. */
function stopSignal(signal: AbortSignal, onStop: () => void): { promise: Promise<typeof STOPPED>; dispose(): void } {
  let stop = () => {};
  const promise = new Promise<typeof STOPPED>((resolve) => {
    stop = () => {
      onStop();
      resolve(STOPPED);
    };
  });
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  return { promise, dispose: () => signal.removeEventListener('abort', stop) };
}

/** The pieces of a stream until `stopped` settles: then at once, even from a provider that keeps its stream open after the cancellation. */
export async function* untilStopped<T>(pieces: AsyncIterable<T>, stopped: Promise<typeof STOPPED>): AsyncGenerator<T> {
  const iterator = pieces[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), stopped]);
      if (next === STOPPED || next.done === true) return;
      yield next.value;
    }
  } finally {
    // Closing a provider's stream is best effort: it may already have ended or failed.
    void iterator.return?.()?.then(undefined, () => undefined);
  }
}

/** The reply's tokens as the model counts them; null when it can't say within TOKEN_COUNT_DEADLINE_MS (the chunk count stands). */
async function countTokens(model: vscode.LanguageModelChat, text: string): Promise<number | null> {
  const cancellation = new vscode.CancellationTokenSource();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      cancellation.cancel();
      resolve(null);
    }, TOKEN_COUNT_DEADLINE_MS);
  });
  try {
    const counted = await Promise.race([Promise.resolve(model.countTokens(text, cancellation.token)), deadline]);
    return counted !== null && Number.isInteger(counted) && counted > 0 ? counted : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    cancellation.dispose();
  }
}

/** The metrics with the model's own token count, and the rate from the first token to the end. */
export function withCountedTokens(metrics: TurnMetrics, tokens: number): TurnMetrics {
  const generatingMs = metrics.timeToFirstTokenMs === null ? 0 : metrics.durationMs - metrics.timeToFirstTokenMs;
  return { ...metrics, tokens, tokensPerSecond: generatingMs > 0 ? tokens / (generatingMs / 1000) : null };
}
