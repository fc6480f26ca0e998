// The walkthrough's readiness watch with a scripted model listing and timers fired by hand.
import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../../engine/types';
import type { ModelListing, ModelListingListener } from '../../../extension/models/model-catalog';
import {
  FAST_CHECK_INTERVAL_MS,
  FAST_CHECKS_FOR_MS,
  nextCheckDelay,
  OllamaReadinessWatch,
  readinessOf,
  SLOW_CHECK_INTERVAL_MS,
  type OllamaReadiness,
} from '../../../extension/walkthrough/ollama-readiness';
import { ManualScheduler } from '../manual-scheduler';

const HOST = 'http://127.0.0.1:11434';
const model = (name: string): ModelInfo => ({ name, sizeBytes: 1, parameterSize: null, quantization: null, family: null, modifiedAt: null });
const down: ModelListing = { ok: false, host: HOST, error: { kind: 'unreachable', message: 'Cannot reach Ollama' } };
const empty: ModelListing = { ok: true, host: HOST, models: [] };
const withModel: ModelListing = { ok: true, host: HOST, models: [model('llama3.2:1b')] };

/** A host whose answers the test sets, a watch on it, and what the watch published. */
function watched(answers: ModelListing[]) {
  const scheduler = new ManualScheduler();
  const published: OllamaReadiness[] = [];
  const listeners = new Set<ModelListingListener>();
  let listings = 0;
  let clock = 0;
  const watch = new OllamaReadinessWatch({
    list: async () => answers[Math.min(listings++, answers.length - 1)] as ModelListing,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish: (readiness) => published.push(readiness),
    scheduler,
    now: () => clock,
  });
  /** Fires the next check and waits for its answer. */
  const tick = async () => {
    scheduler.runAll();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    watch, scheduler, published, tick, listeners,
    listings: () => listings,
    advance: (ms: number) => void (clock += ms),
  };
}

describe('readinessOf', () => {
  it('tells a host that does not answer, one without models and one with a model apart', () => {
    expect(readinessOf(down)).toEqual({ reachable: false, hasModels: false });
    expect(readinessOf(empty)).toEqual({ reachable: true, hasModels: false });
    expect(readinessOf(withModel)).toEqual({ reachable: true, hasModels: true });
  });
});

describe('nextCheckDelay', () => {
  it('checks every few seconds for the first minutes, then once a minute', () => {
    expect(nextCheckDelay(0)).toBe(FAST_CHECK_INTERVAL_MS);
    expect(nextCheckDelay(FAST_CHECKS_FOR_MS - 1)).toBe(FAST_CHECK_INTERVAL_MS);
    expect(nextCheckDelay(FAST_CHECKS_FOR_MS)).toBe(SLOW_CHECK_INTERVAL_MS);
  });
});

describe('OllamaReadinessWatch', () => {
  it('publishes each change as Ollama starts and gets a model, then stops checking', async () => {
    const host = watched([down, down, empty, withModel]);
    expect(await host.watch.watch()).toEqual({ reachable: false, hasModels: false });
    expect(host.published).toEqual([{ reachable: false, hasModels: false }]);
    await host.tick(); // still down: nothing new to publish
    expect(host.published).toHaveLength(1);
    await host.tick();
    await host.tick();
    expect(host.published).toEqual([
      { reachable: false, hasModels: false },
      { reachable: true, hasModels: false },
      { reachable: true, hasModels: true },
    ]);
    expect(host.listings()).toBe(4);
    expect(host.scheduler.pendingCount).toBe(0);
  });

  it('does not poll at all when the first check finds Ollama ready', async () => {
    const host = watched([withModel]);
    await host.watch.watch();
    expect(host.scheduler.pendingCount).toBe(0);
    expect(host.watch.current).toEqual({ reachable: true, hasModels: true });
  });

  it('takes a listing made elsewhere (after a pull) at once and stops polling', async () => {
    const host = watched([empty]);
    await host.watch.watch();
    expect(host.scheduler.pendingCount).toBe(1);
    for (const listener of host.listeners) listener(withModel);
    expect(host.published.at(-1)).toEqual({ reachable: true, hasModels: true });
    expect(host.scheduler.pendingCount).toBe(0);
  });

  it('joins a check on its way instead of starting a second one', async () => {
    const host = watched([down]);
    const [first, second] = await Promise.all([host.watch.watch(), host.watch.watch()]);
    expect(second).toEqual(first);
    expect(host.listings()).toBe(1);
    expect(host.scheduler.pendingCount).toBe(1);
  });

  it('slows down after the first minutes, and a new watch() speeds it up again', async () => {
    const delays: number[] = [];
    const host = watched([down]);
    const schedule = host.scheduler.setTimeout.bind(host.scheduler);
    host.scheduler.setTimeout = (callback, delayMs) => {
      delays.push(delayMs);
      return schedule(callback, delayMs);
    };
    await host.watch.watch();
    host.advance(FAST_CHECKS_FOR_MS);
    await host.tick();
    await host.watch.watch(); // cancels the slow timer, checks, and restarts the clock
    expect(host.scheduler.pendingCount).toBe(1);
    expect(delays).toEqual([FAST_CHECK_INTERVAL_MS, SLOW_CHECK_INTERVAL_MS, FAST_CHECK_INTERVAL_MS]);
  });

  it('stops checking and publishing once disposed', async () => {
    const host = watched([down, withModel]);
    await host.watch.watch();
    host.watch.dispose();
    expect(host.scheduler.pendingCount).toBe(0);
    expect(host.listeners.size).toBe(0);
    expect(host.published).toHaveLength(1);
  });
});
