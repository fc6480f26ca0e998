import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveTurn, PanelSnapshot } from '../../extension/protocol';
import { withLatestLiveTurn } from '../../extension/snapshot';
import { MAX_STORED_PANELS, panelIdFromState, SnapshotStore } from '../../extension/snapshot-store';
import { idleSnapshot, turn } from './fixtures';

const heading = { speakerIndex: 1, speaker: 'Speaker 2', model: 'qwen2.5:0.5b', tone: 'Cynic', exchange: 1 };

function liveTurn(turnIndex: number, text: string): LiveTurn {
  return { ...heading, turnIndex, text };
}

/** A debate in progress: one finished turn, and the second one streaming `liveText`. */
function runningSnapshot(liveText: string | null): PanelSnapshot {
  return {
    ...idleSnapshot(),
    status: 'speaking',
    transcript: {
      topic: 'Tabs or spaces?',
      speakers: [],
      exchanges: 1,
      startedAt: '2026-03-04T10:00:00.000Z',
      endedAt: null,
      turns: [turn(0, 'Spaces.')],
      outcome: 'running',
    },
    liveTurn: liveText === null ? null : liveTurn(1, liveText),
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

  it('ignores a stored file that is not a snapshot, or not JSON', () => {
    writeFileSync(join(folder, 'broken.snapshot.json'), JSON.stringify({ status: 'done' }));
    writeFileSync(join(folder, 'torn.snapshot.json'), '{"status": "do');
    const store = new SnapshotStore(folder);
    expect(store.load('broken')).toBeNull();
    expect(store.load('torn')).toBeNull();
  });

  it('restores the turn in progress as saved with the last token batch, newer than the snapshot', () => {
    const store = new SnapshotStore(folder);
    store.save('panel-1', runningSnapshot('Tabs are'));
    store.saveLiveTurn('panel-1', liveTurn(1, 'Tabs are for people who'));
    expect(new SnapshotStore(folder).load('panel-1')?.liveTurn?.text).toBe('Tabs are for people who');
  });

  it('writes through a temporary file, leaving no partial file behind', () => {
    const store = new SnapshotStore(folder);
    store.save('panel-1', runningSnapshot('Tabs'));
    store.saveLiveTurn('panel-1', liveTurn(1, 'Tabs are'));
    expect(readdirSync(folder).sort()).toEqual(['panel-1.live-turn.json', 'panel-1.snapshot.json']);
  });

  it('keeps only the most recently saved panels, with their live turns', () => {
    const store = new SnapshotStore(folder);
    for (let i = 0; i < MAX_STORED_PANELS + 3; i++) {
      store.save(`p${i}`, idleSnapshot());
      store.saveLiveTurn(`p${i}`, liveTurn(0, 'x'));
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

describe('withLatestLiveTurn', () => {
  it('takes the saved turn in progress when it is the snapshot turn, further along', () => {
    expect(withLatestLiveTurn(runningSnapshot('Tabs'), liveTurn(1, 'Tabs are fine')).liveTurn?.text).toBe('Tabs are fine');
  });

  it('takes it as the live turn when the snapshot was saved just before that turn began', () => {
    expect(withLatestLiveTurn(runningSnapshot(null), liveTurn(1, 'Tabs')).liveTurn).toEqual(liveTurn(1, 'Tabs'));
  });

  it('ignores a saved turn that is older, of an earlier turn, or of a debate that is over', () => {
    const snapshot = runningSnapshot('Tabs are fine');
    expect(withLatestLiveTurn(snapshot, liveTurn(1, 'Tabs'))).toBe(snapshot);
    expect(withLatestLiveTurn(runningSnapshot(null), liveTurn(0, 'Spaces.'))).toEqual(runningSnapshot(null));
    const finished = { ...snapshot, liveTurn: null, transcript: { ...snapshot.transcript!, outcome: 'complete' as const } };
    expect(withLatestLiveTurn(finished, liveTurn(1, 'Tabs are fine, really'))).toBe(finished);
    expect(withLatestLiveTurn(snapshot, null)).toBe(snapshot);
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
