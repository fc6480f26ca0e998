// runDebate: validation, model preloading, the graph, and the event stream that
// every consumer reads. It never throws; the last event is always debate-end.
import { streamTurn } from './chat-turn';
import { buildSpeakerContext } from './context';
import { EngineError, isAbortError } from './errors';
import { EventChannel } from './event-channel';
import { buildDebateGraph, recursionLimitFor, type TurnOutcome } from './graph';
import { resolveHost } from './host';
import { DEFAULT_CONTEXT_BUDGET_CHARS, DEFAULT_FIRST_TOKEN_TIMEOUT_MS, DEFAULT_STALL_TIMEOUT_MS } from './limits';
import { connectToHosts, distinctTargets, preloadModels } from './preload';
import type { DebateStateValue } from './state';
import { findTone } from './tones';
import { disableTracing } from './tracing';
import type { DebateConfig, DebateError, DebateEvent, DebateOutcome, RunOptions, SpeakerConfig, Tone, Transcript, Turn } from './types';
import { validateConfig } from './validate';

type Emit = (event: DebateEvent) => void;

/** A validated speaker with everything its turns need resolved once. */
interface ReadySpeaker {
  /** As configured, with the tone's canonical name and trimmed name and model. */
  config: SpeakerConfig;
  host: string;
  tone: Tone;
}

function endDebate(emit: Emit, transcript: Transcript, outcome: DebateOutcome, turns: Turn[]): void {
  emit({ type: 'debate-end', transcript: { ...transcript, turns, outcome, endedAt: new Date().toISOString() } });
}

function failWith(emit: Emit, error: DebateError): void {
  emit({ type: 'error', error });
}

function unexpected(error: unknown): DebateError {
  return { kind: 'unknown', message: `The debate stopped on an internal error: ${error instanceof Error ? error.message : String(error)}` };
}

/** Resolves every speaker of a valid config; throws EngineError for a malformed OLLAMA_HOST. */
function prepareSpeakers(config: DebateConfig): ReadySpeaker[] {
  return config.speakers.map((speaker) => {
    const tone = findTone(speaker.tone, config.customTones);
    // validateConfig guarantees the tone exists; this guards the invariant rather than trusting it silently.
    if (tone === undefined) throw new EngineError({ kind: 'invalid-config', field: 'tone', message: `Unknown tone "${speaker.tone}".` });
    const explicit = speaker.host !== undefined && speaker.host.trim() !== '' ? speaker.host : config.host;
    return { config: { ...speaker, name: speaker.name.trim(), model: speaker.model.trim(), tone: tone.name }, host: resolveHost(explicit), tone };
  });
}

function newTranscript(config: DebateConfig, speakers: SpeakerConfig[]): Transcript {
  return { topic: config.topic, speakers, exchanges: config.exchanges, startedAt: new Date().toISOString(), endedAt: null, turns: [], outcome: 'running' };
}

function startDebate(config: DebateConfig, speakers: SpeakerConfig[], emit: Emit): Transcript {
  const transcript = newTranscript(config, speakers);
  emit({ type: 'debate-start', topic: transcript.topic, speakers, exchanges: transcript.exchanges, startedAt: transcript.startedAt });
  return transcript;
}

async function conductDebate(config: DebateConfig, signal: AbortSignal, emit: Emit): Promise<void> {
  const invalid = validateConfig(config);
  if (invalid !== null) {
    const transcript = startDebate(config, Array.isArray(config.speakers) ? config.speakers : [], emit);
    failWith(emit, invalid);
    return endDebate(emit, transcript, 'failed', []);
  }
  let ready: ReadySpeaker[];
  try {
    ready = prepareSpeakers(config);
  } catch (error) {
    const transcript = startDebate(config, config.speakers, emit);
    failWith(emit, error instanceof EngineError ? error.detail : unexpected(error));
    return endDebate(emit, transcript, 'failed', []);
  }
  const speakers = ready.map((speaker) => speaker.config);
  const transcript = startDebate(config, speakers, emit);

  const targets = distinctTargets(ready.map((speaker) => ({ host: speaker.host, model: speaker.config.model })));
  try {
    await connectToHosts(targets, signal);
    emit({ type: 'models-loading', models: [...new Set(targets.map((target) => target.model))] });
    await preloadModels(targets, signal);
  } catch (error) {
    if (signal.aborted) return endDebate(emit, transcript, 'stopped', []);
    failWith(emit, error instanceof EngineError ? error.detail : unexpected(error));
    return endDebate(emit, transcript, 'failed', []);
  }

  const budgetChars = config.contextBudgetChars ?? DEFAULT_CONTEXT_BUDGET_CHARS;
  const firstTokenTimeoutMs = config.firstTokenTimeoutMs ?? DEFAULT_FIRST_TOKEN_TIMEOUT_MS;
  const stallTimeoutMs = config.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  // Kept beside the graph state so an unexpected graph failure still reports every finished turn.
  const recorded: Turn[] = [];

  const takeTurn = async (state: DebateStateValue, speakerIndex: number): Promise<TurnOutcome> => {
    if (signal.aborted) return { turn: null, halt: { outcome: 'stopped' } };
    const speaker = state.speakers[speakerIndex];
    const { host, tone } = ready[speakerIndex];
    const index = state.transcript.length;
    const { messages } = buildSpeakerContext({ topic: state.topic, speakers: state.speakers, speakerIndex, tone, turns: state.transcript, budgetChars });
    emit({ type: 'turn-start', turnIndex: index, speakerIndex, speaker: speaker.name, model: speaker.model, tone: tone.name, exchange: state.exchange });
    const { turn, error } = await streamTurn({
      index,
      exchange: state.exchange,
      speakerIndex,
      speaker,
      tone: tone.name,
      host,
      messages,
      firstTokenTimeoutMs,
      stallTimeoutMs,
      signal,
      onToken: (text) => emit({ type: 'token', turnIndex: index, text }),
    });
    recorded.push(turn);
    emit({ type: 'turn-end', turn });
    if (error !== null) {
      failWith(emit, error);
      return { turn, halt: { outcome: 'failed', error } };
    }
    return { turn, halt: turn.status === 'stopped' ? { outcome: 'stopped' } : null };
  };

  try {
    // The run's signal is deliberately not given to LangGraph: aborting there would throw
    // away the state. Each turn sees the signal itself and the graph routes to END.
    const final = await buildDebateGraph(speakers.length, takeTurn).invoke(
      { topic: config.topic, speakers, exchanges: config.exchanges },
      { recursionLimit: recursionLimitFor(speakers.length, config.exchanges) },
    );
    return endDebate(emit, transcript, final.halt?.outcome ?? (signal.aborted ? 'stopped' : 'complete'), final.transcript);
  } catch (error) {
    if (isAbortError(error) && signal.aborted) return endDebate(emit, transcript, 'stopped', recorded);
    failWith(emit, unexpected(error));
    return endDebate(emit, transcript, 'failed', recorded);
  }
}

/** Adjacent token events of one turn, not yet read, become one event with the joined text. */
export function joinTokens(last: DebateEvent, next: DebateEvent): DebateEvent | null {
  if (last.type !== 'token' || next.type !== 'token' || last.turnIndex !== next.turnIndex) return null;
  return { type: 'token', turnIndex: last.turnIndex, text: last.text + next.text };
}

/**
 * Runs a debate and streams its events. Breaking out of the loop early stops
 * the debate just like aborting `options.signal`.
 */
export function runDebate(config: DebateConfig, options: RunOptions = {}): AsyncIterable<DebateEvent> {
  disableTracing();
  const stop = new AbortController();
  const external = options.signal;
  const forwardAbort = () => stop.abort(external?.reason);
  if (external?.aborted) stop.abort(external.reason);
  else external?.addEventListener('abort', forwardAbort, { once: true });
  let finished: Promise<void> = Promise.resolve();
  const channel = new EventChannel<DebateEvent>(async () => {
    stop.abort();
    await finished;
  }, joinTokens);
  let ended = false;
  const emit: Emit = (event) => {
    ended ||= event.type === 'debate-end';
    channel.push(event);
  };
  finished = conductDebate(config, stop.signal, emit)
    .catch((error: unknown) => {
      // Only a bug gets here; the contract still holds: an error, then debate-end.
      if (ended) return;
      failWith(emit, unexpected(error));
      endDebate(emit, newTranscript(config, Array.isArray(config.speakers) ? config.speakers : []), 'failed', []);
    })
    .finally(() => {
      external?.removeEventListener('abort', forwardAbort);
      channel.close();
    });
  return channel;
}
