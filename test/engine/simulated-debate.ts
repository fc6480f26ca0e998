// Helpers for running the engine against the Ollama protocol simulator.
import { afterEach } from 'vitest';
import { runDebate } from '../../engine/run';
import type { DebateConfig, DebateEvent, RunOptions, SpeakerConfig, Transcript, Turn } from '../../engine/types';
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

export async function collect(config: DebateConfig, options?: RunOptions): Promise<DebateEvent[]> {
  const events: DebateEvent[] = [];
  for await (const event of runDebate(config, options)) events.push(event);
  return events;
}

export function transcriptOf(events: readonly DebateEvent[]): Transcript {
  const last = events[events.length - 1];
  if (last?.type !== 'debate-end') throw new Error(`last event is ${last?.type}, not debate-end`);
  return last.transcript;
}

export function turnsOf(events: readonly DebateEvent[]): Turn[] {
  return events.flatMap((event) => (event.type === 'turn-end' ? [event.turn] : []));
}

export function errorsOf(events: readonly DebateEvent[]) {
  return events.flatMap((event) => (event.type === 'error' ? [event.error] : []));
}

/** Concatenated token events per turn index. */
export function streamedText(events: readonly DebateEvent[]): Map<number, string> {
  const texts = new Map<number, string>();
  for (const event of events) {
    if (event.type === 'token') texts.set(event.turnIndex, (texts.get(event.turnIndex) ?? '') + event.text);
  }
  return texts;
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
