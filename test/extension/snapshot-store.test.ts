import type { Memento } from 'vscode';
import { describe, expect, it } from 'vitest';
import { MAX_STORED_PANELS, panelIdFromState, SnapshotStore } from '../../extension/snapshot-store';
import { idleSnapshot } from './fixtures';

/** workspaceState in memory. */
function memoryMemento(): Memento {
  const values = new Map<string, unknown>();
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, defaultValue?: T) => (values.has(key) ? (values.get(key) as T) : defaultValue),
    update: async (key: string, value: unknown) => {
      if (value === undefined) values.delete(key);
      else values.set(key, structuredClone(value));
    },
  };
}

describe('SnapshotStore', () => {
  it('gives back what was saved for a panel id, and null for an unknown one', async () => {
    const store = new SnapshotStore(memoryMemento());
    const snapshot = { ...idleSnapshot(), status: 'done' as const };
    await store.save('panel-1', snapshot);
    expect(store.load('panel-1')).toEqual(snapshot);
    expect(store.load('panel-2')).toBeNull();
  });

  it('ignores a stored value that is not a snapshot', async () => {
    const memento = memoryMemento();
    await memento.update('talkingModels.panel.broken', { savedAt: 1, snapshot: { status: 'done' } });
    expect(new SnapshotStore(memento).load('broken')).toBeNull();
  });

  it('keeps only the most recently saved panels', async () => {
    let clock = 0;
    const memento = memoryMemento();
    const store = new SnapshotStore(memento, () => ++clock);
    for (let i = 0; i < MAX_STORED_PANELS + 3; i++) await store.save(`p${i}`, idleSnapshot());
    await store.save('p0', idleSnapshot());
    expect(memento.keys()).toHaveLength(MAX_STORED_PANELS);
    expect(store.load('p0')).not.toBeNull();
    expect(store.load('p1')).toBeNull();
    expect(store.load(`p${MAX_STORED_PANELS + 2}`)).not.toBeNull();
  });
});

describe('panelIdFromState', () => {
  it('reads the panel id the webview kept, refusing anything else', () => {
    expect(panelIdFromState({ panelId: '0b7c-41d2', form: {} })).toBe('0b7c-41d2');
    for (const state of [undefined, null, 'p1', {}, { panelId: 7 }, { panelId: '../../etc' }, { panelId: '' }]) {
      expect(panelIdFromState(state)).toBeNull();
    }
  });
});
