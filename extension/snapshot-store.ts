// Panel snapshots kept in the workspace's state, so a panel comes back with its
// transcript after a window reload. Only the most recent few are kept: closing
// a panel and reloading the window look alike from here, so nothing is deleted
// on close; old snapshots are dropped instead.
import type { Memento } from 'vscode';
import type { PanelSnapshot } from './protocol';

const KEY_PREFIX = 'talkingModels.panel.';
export const MAX_STORED_PANELS = 12;

interface StoredSnapshot {
  savedAt: number;
  snapshot: PanelSnapshot;
}

export class SnapshotStore {
  constructor(
    private readonly memento: Memento,
    private readonly now: () => number = Date.now,
  ) {}

  load(panelId: string): PanelSnapshot | null {
    const stored = this.memento.get<unknown>(KEY_PREFIX + panelId);
    return isStoredSnapshot(stored) ? stored.snapshot : null;
  }

  async save(panelId: string, snapshot: PanelSnapshot): Promise<void> {
    const entry: StoredSnapshot = { savedAt: this.now(), snapshot };
    await this.memento.update(KEY_PREFIX + panelId, entry);
    await Promise.all(this.staleKeys().map((key) => this.memento.update(key, undefined)));
  }

  /** Keys beyond the most recent MAX_STORED_PANELS. */
  private staleKeys(): string[] {
    const entries = this.memento
      .keys()
      .filter((key) => key.startsWith(KEY_PREFIX))
      .map((key) => {
        const stored = this.memento.get<unknown>(key);
        return { key, savedAt: isStoredSnapshot(stored) ? stored.savedAt : 0 };
      })
      .sort((a, b) => b.savedAt - a.savedAt);
    return entries.slice(MAX_STORED_PANELS).map((entry) => entry.key);
  }
}

/** The state VS Code hands the serializer is whatever the webview last passed to setState. */
export function panelIdFromState(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || !('panelId' in state)) return null;
  const id: unknown = state.panelId;
  return typeof id === 'string' && /^[\w-]{1,64}$/.test(id) ? id : null;
}

/** A shape check: a snapshot written by an older version may be missing fields. */
function isStoredSnapshot(value: unknown): value is StoredSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const { savedAt, snapshot } = value as Partial<Record<keyof StoredSnapshot, unknown>>;
  if (typeof savedAt !== 'number' || typeof snapshot !== 'object' || snapshot === null) return false;
  const fields = snapshot as Partial<Record<keyof PanelSnapshot, unknown>>;
  return (
    typeof fields.status === 'string' &&
    typeof fields.form === 'object' &&
    fields.form !== null &&
    Array.isArray(fields.tones) &&
    'transcript' in fields &&
    'liveTurn' in fields
  );
}
