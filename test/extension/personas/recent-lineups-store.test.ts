// The recent line-ups' store over a memento (context.globalState in VS Code): a started debate's
// line-up remembered newest first, an equal one once, at most MAX_RECENT_LINEUPS; damaged storage
// read as far as it is usable; a failed write logged and never thrown; listeners told.
import { describe, expect, it, vi } from 'vitest';
import { MAX_RECENT_LINEUPS } from '../../../engine/personas/recent-lineups';
import { lineUpOfRequest, RECENT_LINEUPS_KEY, RecentLineUps, type RecentLineUpsMemento } from '../../../extension/personas/recent-lineups-store';

function memento(initial?: unknown): RecentLineUpsMemento & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>(initial === undefined ? [] : [[RECENT_LINEUPS_KEY, initial]]);
  return { values, get: (key) => values.get(key), update: async (key, value) => void values.set(key, structuredClone(value)) };
}

function log() {
  return { info: vi.fn<(message: string) => void>(), warn: vi.fn<(message: string) => void>(), error: vi.fn<(message: string) => void>() };
}

const request = (model: string, tone = 'Rational') => ({
  speakers: [
    { model, tone, stance: 'for' as const, role: 'an economist' },
    { model: 'qwen2.5:0.5b', tone: 'Cynic', name: 'Bob', stance: 'against' as const },
  ],
});

describe('lineUpOfRequest', () => {
  it('names each speaker as the debate does (its own name, else "Speaker N") and keeps its part only', () => {
    expect(lineUpOfRequest({ speakers: [{ model: 'a', tone: 'Rational', temperature: 0.3 }, { model: 'b', tone: 'Cynic', name: ' Bob ', role: 'a nurse.' }] })).toEqual([
      { name: 'Speaker 1', model: 'a', tone: 'Rational' },
      { name: 'Bob', model: 'b', tone: 'Cynic', role: 'a nurse' },
    ]);
  });
});

describe('RecentLineUps', () => {
  it('remembers started line-ups newest first, an equal one moved to the front, and tells its listeners', async () => {
    const store = new RecentLineUps(memento(), log());
    const heard = vi.fn();
    store.subscribe(heard);
    await store.remember(request('llama3.2:1b'));
    await store.remember(request('gemma3:4b'));
    await store.remember(request('llama3.2:1b'));
    expect(store.list().map((lineUp) => lineUp[0]!.model)).toEqual(['llama3.2:1b', 'gemma3:4b']);
    expect(heard).toHaveBeenCalledTimes(3);
    expect(heard.mock.lastCall?.[0]).toEqual(store.list());
  });

  it(`keeps at most ${MAX_RECENT_LINEUPS}, dropping the oldest`, async () => {
    const store = new RecentLineUps(memento(), log());
    for (let i = 0; i < MAX_RECENT_LINEUPS + 3; i++) await store.remember(request(`model-${i}`));
    const models = store.list().map((lineUp) => lineUp[0]!.model);
    expect(models).toHaveLength(MAX_RECENT_LINEUPS);
    expect(models[0]).toBe(`model-${MAX_RECENT_LINEUPS + 2}`);
    expect(models).not.toContain('model-2');
  });

  it('reads damaged storage as far as it is usable', () => {
    const damaged = [
      'not a line-up',
      [{ name: 'Ada', model: 'llama3.2:1b', tone: 'Rational', stance: 'sideways' }],
      [{ name: '', model: 'x', tone: 'Cynic' }],
      [],
    ];
    expect(new RecentLineUps(memento(damaged), log()).list()).toEqual([[{ name: 'Ada', model: 'llama3.2:1b', tone: 'Rational' }]]);
    expect(new RecentLineUps(memento({ lineUps: 3 }), log()).list()).toEqual([]);
  });

  it('logs a write that fails, keeps the earlier list and tells no listener', async () => {
    const failing: RecentLineUpsMemento = { get: () => undefined, update: () => Promise.reject(new Error('disk full')) };
    const logger = log();
    const store = new RecentLineUps(failing, logger);
    const heard = vi.fn();
    store.subscribe(heard);
    await expect(store.remember(request('llama3.2:1b'))).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith('Could not remember the line-up: disk full');
    expect(heard).not.toHaveBeenCalled();
  });

  it('stops telling a listener that unsubscribed', async () => {
    const store = new RecentLineUps(memento(), log());
    const heard = vi.fn();
    store.subscribe(heard)();
    await store.remember(request('llama3.2:1b'));
    expect(heard).not.toHaveBeenCalled();
  });
});
