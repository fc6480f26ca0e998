// Helpers for running the engine against the Ollama protocol simulator.
import { afterEach } from 'vitest';
import { runDebate } from '../../engine/run';
import type { DebateRun } from '../../engine/session';
import type { DebateConfig, DebateEvent, RunOptions, SpeakerConfig, SpeakerTurn, Transcript, Turn } from '../../engine/types';
import type { ChatMessageBody, ChatRequestBody } from '../simulator/ollama-simulator';
import { startSimulator, type OllamaSimulator, type SimulatorOptions } from '../simulator/ollama-simulator';

const running: OllamaSimulator[] = [];

/** Starts a simulator that is closed after the current test, pass or fail. */
export async function simulator(options: SimulatorOptions = {}): Promise<OllamaSimulator> {
  const sim = await startSimulator(options);
  running.push(sim);
  return sim;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

/** Every event of a run, to its end. */
export async function drain(events: AsyncIterable<DebateEvent>): Promise<DebateEvent[]> {
  const seen: DebateEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

export function collect(config: DebateConfig, options?: RunOptions): Promise<DebateEvent[]> {
  return drain(runDebate(config, options));
}

/** Every event of a session's run, to its end. */
export function collectRun(run: DebateRun): Promise<DebateEvent[]> {
  return drain(run.events);
}

/** The transcript of the run's last event, which must be run-end. */
export function transcriptOf(events: readonly DebateEvent[]): Transcript {
  const last = events[events.length - 1];
  if (last?.type !== 'run-end') throw new Error(`last event is ${last?.type}, not run-end`);
  return last.transcript;
}

/** The speaker turns ended in these events (moderator turns are never streamed). */
export function turnsOf(events: readonly DebateEvent[]): SpeakerTurn[] {
  return events.flatMap((event) => (event.type === 'turn-end' && event.turn.kind === 'speaker' ? [event.turn] : []));
}

/** The speaker turns of a transcript, in order. */
export function speakerTurns(turns: readonly Turn[]): SpeakerTurn[] {
  return turns.filter((turn): turn is SpeakerTurn => turn.kind === 'speaker');
}

export function errorsOf(events: readonly DebateEvent[]) {
  return events.flatMap((event) => (event.type === 'error' ? [event.error] : []));
}

/** Concatenated token events per turn id. */
export function streamedText(events: readonly DebateEvent[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'token') texts.set(event.turnId, (texts.get(event.turnId) ?? '') + event.text);
  }
  return texts;
}

export function chatBody(body: unknown): ChatRequestBody {
  return body as ChatRequestBody;
}

/** The messages of each /api/chat request the simulator received, oldest first. */
export function chatMessages(sim: OllamaSimulator): ChatMessageBody[][] {
  return sim.chatRequests().map((request) => chatBody(request.body).messages ?? []);
}

export function debate(sim: OllamaSimulator, speakers: SpeakerConfig[], patch: Partial<DebateConfig> = {}): DebateConfig {
  return { topic: 'Is tea better than coffee?', exchanges: 1, host: sim.url, speakers, ...patch };
}

/** Resolves once `predicate` holds for the simulator, polling gently. */
export async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
