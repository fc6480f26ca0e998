// An engine for the extension's tests that runs a scripted debate: listing, pulling
// and describing errors are the engine's own (against the simulator), the debate
// is whatever events the test gives, so these tests do not depend on the graph.
import { describeOllamaError } from '../../engine/errors';
import { listModels, pullModel } from '../../engine/ollama-api';
import type { DebateConfig, DebateEvent, RunOptions, SpeakerTurn } from '../../engine/types';
import type { DebateEngine } from '../../extension/engine-access';
import { transcript, turn } from './fixtures';

export type RunScript = (config: DebateConfig, options: RunOptions) => AsyncIterable<DebateEvent>;

export function scriptedEngine(runDebate: RunScript): DebateEngine {
  return { runDebate: (config, options = {}) => runDebate(config, options), listModels, pullModel, describeOllamaError };
}

/** An engine for tests that list or pull models and run no debate. */
export function modelsOnlyEngine(): DebateEngine {
  return scriptedEngine(() => {
    throw new Error('This test runs no debate.');
  });
}

/** The events of a debate whose turns say `replies`, each reply sent in `chunks` tokens. */
export function debateEvents(replies: readonly string[], chunks = 3): DebateEvent[] {
  const turns: SpeakerTurn[] = replies.map((reply, position) => turn(position, reply, { metrics: { ...turn(0, '').metrics, tokens: chunks } }));
  const events: DebateEvent[] = [{ type: 'run-start', transcript: transcript() }, { type: 'models-loading', models: ['llama3.2:1b'] }];
  for (const finished of turns) {
    const { id, speakerIndex, speaker, model, tone, exchange } = finished;
    events.push({ type: 'turn-start', turnId: id, speakerIndex, speaker, model, tone, exchange });
    const size = Math.ceil(finished.text.length / chunks);
    for (let at = 0; at < finished.text.length; at += size) events.push({ type: 'token', turnId: id, text: finished.text.slice(at, at + size) });
    events.push({ type: 'turn-end', turn: finished });
  }
  events.push({ type: 'run-end', transcript: transcript({ turns, outcome: 'complete', stopReason: 'exchanges', endedAt: '2026-01-02T03:05:00.000Z' }) });
  return events;
}

/**
 * Plays `events`, yielding to the event loop before each; an abort ends the run as the
 * engine does: the turn in progress kept as stopped, then run-end.
 */
export async function* play(events: readonly DebateEvent[], signal?: AbortSignal): AsyncGenerator<DebateEvent> {
  let live: { id: string; text: string } | null = null;
  const kept: SpeakerTurn[] = [];
  for (const event of events) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (signal?.aborted) {
      if (live !== null) {
        const stopped = turn(kept.length, live.text, { id: live.id, status: 'stopped', note: 'Stopped by the user.' });
        kept.push(stopped);
        yield { type: 'turn-end', turn: stopped };
      }
      yield { type: 'run-end', transcript: transcript({ turns: kept, outcome: 'stopped', stopReason: 'user', endedAt: '2026-01-02T03:05:00.000Z' }) };
      return;
    }
    if (event.type === 'turn-start') live = { id: event.turnId, text: '' };
    if (event.type === 'token' && live !== null) live.text += event.text;
    if (event.type === 'turn-end' && event.turn.kind === 'speaker') {
      kept.push(event.turn);
      live = null;
    }
    yield event;
  }
}

