import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PanelSnapshot } from '../../../extension/contract/protocol';
import type { SavedLiveTurn } from '../../../extension/debate/revival';
import { MAX_STORED_PANELS, panelIdFromState, SnapshotStore } from '../../../extension/debate/snapshot-store';
import { idleSnapshot, transcript, turn, turnId } from '../fixtures';

const heading = { speakerIndex: 1, speaker: 'Speaker 2', model: 'qwen2.5:0.5b', tone: 'Cynic', exchange: 1 };

function savedLiveTurn(position: number, text: string): SavedLiveTurn {
  return { debateId: 'debate-1', turn: { ...heading, turnId: turnId(position), text } };
}

/** A debate in progress: one finished turn, and the second one streaming `liveText`. */
function runningSnapshot(liveText: string | null): PanelSnapshot {
  return {
    ...idleSnapshot(),
    status: 'speaking',
    transcript: transcript({ turns: [turn(0, 'Spaces.')] }),
    liveTurn: liveText === null ? null : savedLiveTurn(1, liveText).turn,
  };
}

describe('SnapshotStore', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'talking-models-store-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('gives back what was saved for a panel id, and null for an unknown one', () => {
    const store = new SnapshotStore(folder);
    const snapshot = { ...idleSnapshot(), status: 'done' as const };
    store.save('panel-1', snapshot);
    expect(new SnapshotStore(folder).load('panel-1')).toEqual(snapshot);
    expect(store.load('panel-2')).toBeNull();
  });

  it('ignores a stored file that is not a snapshot, not JSON, or from before turns had ids', () => {
    writeFileSync(join(folder, 'broken.snapshot.json'), JSON.stringify({ status: 'done' }));
    writeFileSync(join(folder, 'torn.snapshot.json'), '{"status": "do');
    const { id: _id, ...withoutId } = transcript();
    writeFileSync(join(folder, 'old.snapshot.json'), JSON.stringify({ ...idleSnapshot(), transcript: withoutId }));
    const store = new SnapshotStore(folder);
    expect(store.load('broken')).toBeNull();
    expect(store.load('torn')).toBeNull();
    expect(store.load('old')).toBeNull();
  });

  it('reads a snapshot saved before warnings existed as one without a warning', () => {
    const { warning: _warning, ...older } = idleSnapshot();
    writeFileSync(join(folder, 'older.snapshot.json'), JSON.stringify(older));
    expect(new SnapshotStore(folder).load('older')).toEqual(idleSnapshot());
  });

  it('restores the turn in progress as saved with the last token batch, newer than the snapshot', () => {
    const store = new SnapshotStore(folder);
    store.save('panel-1', runningSnapshot('Tabs are'));
    store.saveLiveTurn('panel-1', savedLiveTurn(1, 'Tabs are for people who'));
    expect(new SnapshotStore(folder).load('panel-1')?.liveTurn?.text).toBe('Tabs are for people who');
  });

  it('writes through a temporary file, leaving no partial file behind', () => {
    const store = new SnapshotStore(folder);
    store.save('panel-1', runningSnapshot('Tabs'));
    store.saveLiveTurn('panel-1', savedLiveTurn(1, 'Tabs are'));
    expect(readdirSync(folder).sort()).toEqual(['panel-1.live-turn.json', 'panel-1.snapshot.json']);
  });

  it('keeps only the most recently saved panels, with their live turns', () => {
    const store = new SnapshotStore(folder);
    for (let i = 0; i < MAX_STORED_PANELS + 3; i++) {
      store.save(`p${i}`, idleSnapshot());
      store.saveLiveTurn(`p${i}`, savedLiveTurn(0, 'x'));
      // Distinct, increasing modification times, as a session of real saves would leave.
      const time = new Date(Date.UTC(2026, 0, 1, 0, i));
      for (const suffix of ['.snapshot.json', '.live-turn.json']) utimesSync(join(folder, `p${i}${suffix}`), time, time);
    }
    new SnapshotStore(folder).save('fresh', idleSnapshot());
    const kept = readdirSync(folder).filter((name) => name.endsWith('.snapshot.json'));
    expect(kept).toHaveLength(MAX_STORED_PANELS);
    expect(kept).toContain('fresh.snapshot.json');
    expect(existsSync(join(folder, 'p0.snapshot.json'))).toBe(false);
    expect(existsSync(join(folder, 'p0.live-turn.json'))).toBe(false);
    expect(existsSync(join(folder, `p${MAX_STORED_PANELS + 2}.snapshot.json`))).toBe(true);
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
