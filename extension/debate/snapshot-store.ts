// Panel snapshots kept as files in the extension's storage folder, so a panel comes
// back with its transcript after a window reload. Written synchronously with node:fs,
// not workspace.fs or a Memento: a reload ends the extension host without waiting for
// pending asynchronous writes (VS Code cancels them), and the last tokens the panel
// showed must survive it. Two files per panel: the snapshot (at turn boundaries and at
// most every 500 ms) and the turn in progress (with every token batch posted to the
// webview; a turn's text at most, so cheap to rewrite).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PanelSnapshot } from '../contract/protocol';
import { withLatestLiveTurn, type SavedLiveTurn } from './revival';

/** Closing a panel and reloading the window look alike from here: old panels are pruned instead. */
export const MAX_STORED_PANELS = 12;
const SNAPSHOT_SUFFIX = '.snapshot.json';
const LIVE_TURN_SUFFIX = '.live-turn.json';

export class SnapshotStore {
  /** Panels written by this session: pruning runs when a new one appears, not on every write. */
  private readonly written = new Set<string>();

  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true });
  }

  load(panelId: string): PanelSnapshot | null {
    const snapshot = readJson(this.path(panelId, SNAPSHOT_SUFFIX));
    if (!isSnapshot(snapshot)) return null;
    const live = readJson(this.path(panelId, LIVE_TURN_SUFFIX));
    return withLatestLiveTurn({ ...snapshot, warning: snapshot.warning ?? null }, isSavedLiveTurn(live) ? live : null);
  }

  /** Throws on a file-system error (the caller logs it). */
  save(panelId: string, snapshot: PanelSnapshot): void {
    this.write(panelId, SNAPSHOT_SUFFIX, snapshot);
  }

  /** Throws on a file-system error (the caller logs it). */
  saveLiveTurn(panelId: string, saved: SavedLiveTurn): void {
    this.write(panelId, LIVE_TURN_SUFFIX, saved);
  }

  private path(panelId: string, suffix: string): string {
    return join(this.folder, panelId + suffix);
  }

  private write(panelId: string, suffix: string, value: unknown): void {
    const target = this.path(panelId, suffix);
    const temporary = `${target}.tmp`;
    writeFileSync(temporary, JSON.stringify(value));
    // Atomic: a reload in the middle of a write leaves the previous file whole.
    renameSync(temporary, target);
    if (!this.written.has(panelId)) {
      this.written.add(panelId);
      this.prune();
    }
  }

  /** Deletes the files of every panel beyond the MAX_STORED_PANELS most recently saved. */
  private prune(): void {
    const panels = readdirSync(this.folder)
      .filter((name) => name.endsWith(SNAPSHOT_SUFFIX))
      .map((name) => ({ panelId: name.slice(0, -SNAPSHOT_SUFFIX.length), savedAt: statSync(join(this.folder, name)).mtimeMs }))
      .sort((a, b) => b.savedAt - a.savedAt);
    for (const { panelId } of panels.slice(MAX_STORED_PANELS)) {
      for (const suffix of [SNAPSHOT_SUFFIX, LIVE_TURN_SUFFIX]) rmSync(this.path(panelId, suffix), { force: true });
    }
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null; // missing or half-written by an older version: nothing to restore
  }
}

/** The state VS Code hands the serializer is whatever the webview last passed to setState. */
export function panelIdFromState(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || !('panelId' in state)) return null;
  const id: unknown = state.panelId;
  return typeof id === 'string' && /^[\w-]{1,64}$/.test(id) ? id : null;
}

/**
 * A shape check: a snapshot written by an older version may be missing fields, and one
 * from before turns had ids (a transcript without an id) cannot be drawn.
 */
function isSnapshot(value: unknown): value is PanelSnapshot {
  if (!isRecord(value)) return false;
  const fields = value as Partial<Record<keyof PanelSnapshot, unknown>>;
  const transcript = fields.transcript;
  return (
    typeof fields.status === 'string' &&
    isRecord(fields.form) &&
    Array.isArray(fields.tones) &&
    'liveTurn' in fields &&
    (transcript === null || (isRecord(transcript) && typeof transcript.id === 'string'))
  );
}

function isSavedLiveTurn(value: unknown): value is SavedLiveTurn {
  if (!isRecord(value) || typeof value.debateId !== 'string' || !isRecord(value.turn)) return false;
  const turn = value.turn as Partial<Record<keyof SavedLiveTurn['turn'], unknown>>;
  return (
    typeof turn.turnId === 'string' &&
    typeof turn.speakerIndex === 'number' &&
    typeof turn.exchange === 'number' &&
    typeof turn.text === 'string' &&
    typeof turn.speaker === 'string' &&
    typeof turn.model === 'string' &&
    typeof turn.tone === 'string'
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
