// The library as a session's store: records in meta.json, turns in the file
// checkpointer, the turn in progress in live-turn.json, one writer per debate.
// A write that fails (full disk, unwritable folder) never stops a debate: the
// record is kept in memory for this process and the person is warned once.
import { appendFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { DebateSessions, type SessionOptions } from '../session';
import type { Verdict } from '../judge/verdict';
import type { DebateRecord, DebateStore, LiveTurnRecord, LockResult, RecordUpdate } from '../store';
import { FileCheckpointer, type CheckpointFs } from './file-checkpointer';
import { DebateLibrary } from './library';
import { nodeFs, systemReason, type LibraryFs } from './library-fs';
import { clearLiveTurns, readLiveTurns, writeLiveTurns } from './live-turn';
import { acquireLock, describeHolder, HEARTBEAT_INTERVAL_MS, lockState, processIsAlive, type LockApp } from './lock';
import { CHECKPOINTS_FILE } from './paths';

export interface LibraryStoreOptions {
  app: LockApp;
  /** Shown to other processes that find the debate locked, e.g. the workspace name. */
  label?: string;
  onWarning?: (message: string) => void;
  fs?: LibraryFs & CheckpointFs;
  isAlive?: (pid: number) => boolean;
}

export class LibraryStore implements DebateStore {
  readonly library: DebateLibrary;
  readonly checkpointer: FileCheckpointer;
  /**
   * Records of debates this process writes (held) or could not save: for those this copy is
   * the truth. Any other record is read from disk each time, since another process or window
   * may change or delete it.
   */
  private readonly records = new Map<string, DebateRecord>();
  private readonly held = new Set<string>();
  private readonly unsaved = new Set<string>();
  private readonly warned = new Set<string>();
  private readonly fs: LibraryFs & CheckpointFs;
  private readonly isAlive: (pid: number) => boolean;
  private readonly listeners: ((id: string, message: string) => void)[] = [];

  constructor(readonly folder: string, private readonly options: LibraryStoreOptions) {
    this.fs = options.fs ?? { ...nodeFs, appendFileSync };
    this.isAlive = options.isAlive ?? processIsAlive;
    this.library = new DebateLibrary(folder, { fs: this.fs, isAlive: this.isAlive });
    this.checkpointer = new FileCheckpointer({
      threadFile: (id) => join(this.library.folderOf(id), CHECKPOINTS_FILE),
      fs: this.fs,
      onWriteError: (error, id) => this.notSaved(id, error),
    });
  }

  create(record: DebateRecord): void {
    this.records.set(record.id, record);
    try {
      this.library.create({ schema: 1, ...record });
    } catch (error) {
      this.unsaved.add(record.id);
      this.notSaved(record.id, error);
    }
  }

  read(id: string): DebateRecord | null {
    const cached = this.isOurs(id) ? this.records.get(id) : undefined;
    if (cached !== undefined) return cached;
    const entry = this.library.get(id);
    if (entry === null || !entry.ok) return null;
    const { schema: _schema, ...record } = entry.meta;
    if (this.isOurs(id)) this.records.set(id, record);
    return record;
  }

  has(id: string): boolean {
    return this.unsaved.has(id) || this.fs.existsSync(this.library.folderOf(id));
  }

  update(id: string, update: RecordUpdate): void {
    const record = this.read(id);
    if (record === null) return;
    if (this.isOurs(id)) this.records.set(id, { ...record, ...update });
    if (!this.unsaved.has(id)) this.attempt(id, () => this.library.updateMeta(id, update));
  }

  private isOurs(id: string): boolean {
    return this.held.has(id) || this.unsaved.has(id);
  }

  lock(id: string): LockResult {
    let acquired: ReturnType<typeof acquireLock>;
    try {
      acquired = acquireLock(this.fs, this.library.folderOf(id), { pid: process.pid, hostname: osHostname(), app: this.options.app, ...(this.options.label !== undefined && { label: this.options.label }) }, () => new Date(), { isAlive: this.isAlive });
    } catch (error) {
      // An unwritable library can't hold a lock either; the debate runs unsaved rather than not at all.
      this.notSaved(id, error);
      return { ok: true, lock: { release: () => undefined } };
    }
    if (!acquired.ok) return { ok: false, heldBy: describeHolder(acquired.holder) };
    const { lock } = acquired;
    this.held.add(id);
    const heartbeat = setInterval(() => {
      if (!lock.heartbeat()) this.warn(id, `Another process took over debate ${id}; this one stops saving it.`);
    }, HEARTBEAT_INTERVAL_MS);
    heartbeat.unref();
    return {
      ok: true,
      lock: {
        release: () => {
          clearInterval(heartbeat);
          this.held.delete(id);
          if (!this.unsaved.has(id)) this.records.delete(id);
          lock.release();
        },
      },
    };
  }

  wasCutOff(id: string): boolean {
    const record = this.read(id);
    if (record?.outcome !== 'running' || this.held.has(id)) return false;
    return lockState(this.fs, this.library.folderOf(id), new Date(), this.isAlive) !== 'held';
  }

  saveLiveTurns(id: string, turns: readonly LiveTurnRecord[]): void {
    this.attempt(id, () => writeLiveTurns(this.fs, this.library.folderOf(id), turns));
  }

  readLiveTurns(id: string): LiveTurnRecord[] {
    return readLiveTurns(this.fs, this.library.folderOf(id));
  }

  clearLiveTurns(id: string): void {
    this.attempt(id, () => clearLiveTurns(this.fs, this.library.folderOf(id)));
  }

  addVerdict(id: string, verdict: Verdict): void {
    this.attempt(id, () => this.library.addVerdict(id, verdict));
    this.refresh(id);
  }

  refresh(id: string): void {
    if (!this.isOurs(id)) this.checkpointer.forget(id);
  }

  /** Every turn text a debate's checkpoints hold (for search), read straight from the log. */
  turnText(id: string): string {
    const text = this.fs.readFileSync(join(this.library.folderOf(id), CHECKPOINTS_FILE), 'utf8');
    return turnTextsInLog(text).join('\n');
  }

  private attempt(id: string, write: () => void): void {
    try {
      write();
    } catch (error) {
      this.notSaved(id, error);
    }
  }

  private notSaved(id: string, error: unknown): void {
    this.warn(id, `Debate ${id} is not being saved to ${this.folder}: ${systemReason(error)}. It goes on; export it before closing to keep it.`);
  }

  /** Once per debate: a full disk would otherwise repeat the same warning on every token. */
  private warn(id: string, message: string): void {
    if (this.warned.has(id)) return;
    this.warned.add(id);
    this.options.onWarning?.(message);
    for (const listener of this.listeners) listener(id, message);
  }

  onWarning(listener: (id: string, message: string) => void): void {
    this.listeners.push(listener);
  }
}

/** The text of each turn stored in a checkpoint log (JSON leaves are embedded as JSON). */
export function turnTextsInLog(log: string): string[] {
  const texts: string[] = [];
  for (const line of log.split('\n')) {
    if (!line.includes('"text"')) continue;
    try {
      const record: unknown = JSON.parse(line);
      const json = typeof record === 'object' && record !== null && 'json' in record ? record.json : null;
      if (typeof json === 'object' && json !== null && 'kind' in json && 'text' in json && typeof json.text === 'string') texts.push(json.text);
    } catch {
      // A torn line: the checkpointer reports it; search just skips it.
    }
  }
  return texts;
}

/** A library folder, ready to run debates in: its store and the sessions on it (with the process's speaker backends). */
export function openLibrary(folder: string, options: LibraryStoreOptions, sessionOptions: SessionOptions = {}): { store: LibraryStore; sessions: DebateSessions } {
  const store = new LibraryStore(folder, options);
  return { store, sessions: new DebateSessions(store, sessionOptions) };
}
