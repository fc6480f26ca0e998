// One writer per debate at a time. The lock is a small file in the debate's folder, created
// with the 'wx' flag (fails if it exists) so two processes can't both create it. It names
// its holder (for the read-only note other windows show) and carries a heartbeat: a lock
// whose process died is taken over, since nothing else would ever remove it.
//
// A lock is stale (may be taken over) when its holder is on this host and its pid is no
// longer alive, or when its heartbeat is older than STALE_AFTER_MS (a holder on another host,
// or a pid reused by an unrelated process). The holder calls heartbeat() every
// HEARTBEAT_INTERVAL_MS, well inside that window.
import { randomBytes } from 'node:crypto';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { type LibraryFs, errorCode, readTextIfExists, writeFileAtomic } from './library-fs';
import { LOCK_FILE } from './paths';

export const STALE_AFTER_MS = 30_000;
export const HEARTBEAT_INTERVAL_MS = 10_000;

export type LockApp = 'CLI' | 'VS Code';

/** Who asks for the lock. */
export interface LockOwner {
  pid: number;
  hostname: string;
  app: LockApp;
  /** Where in the app, e.g. the VS Code window's folder name. */
  label?: string;
}

/** What the lock file holds. */
export interface LockInfo extends LockOwner {
  /** Random, unique per acquisition: tells "still my lock" from "a lock someone took over", even with the same pid. */
  token: string;
  acquiredAt: string;
  heartbeatAt: string;
}

export interface HeldLock {
  /** As last written by this holder. */
  readonly info: LockInfo;
  /** Rewrites heartbeatAt. False when the lock is no longer ours (taken over after a long stall): stop writing the debate. */
  heartbeat(): boolean;
  /** Removes the lock file if it is still ours; true if it was. */
  release(): boolean;
}

/**
 * `holder` is null when a lock file exists but can't be read yet (being created this instant,
 * or damaged); a damaged one is taken over once it is older than STALE_AFTER_MS.
 */
export type AcquireResult = { ok: true; lock: HeldLock } | { ok: false; holder: LockInfo | null };

export type LockState = 'free' | 'held' | 'stale';

export type IsAlive = (pid: number) => boolean;

const lockInfoSchema: z.ZodType<LockInfo> = z.object({
  pid: z.number().int(),
  hostname: z.string(),
  app: z.enum(['CLI', 'VS Code']),
  label: z.string().optional(),
  token: z.string().min(1),
  acquiredAt: z.string(),
  heartbeatAt: z.string(),
});

/** Whether process `pid` exists on this host: signal 0 checks without sending anything. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user, so it is alive.
    return errorCode(error) !== 'ESRCH';
  }
}

/** Pure: whether a readable lock may be taken over (see the file comment). */
export function isStale(info: LockInfo, now: Date, ownHostname: string, isAlive: IsAlive): boolean {
  if (info.hostname === ownHostname && !isAlive(info.pid)) return true;
  const beat = Date.parse(info.heartbeatAt);
  // An unreadable time can't prove the holder alive.
  if (Number.isNaN(beat)) return true;
  return now.getTime() - beat > STALE_AFTER_MS;
}

/** Pure: "running in the CLI (pid 1234) on host build-box" for the read-only note. */
export function describeHolder(info: LockInfo | null): string {
  if (info === null) return 'being opened by another program';
  const where = info.app === 'CLI' ? 'in the CLI' : `in VS Code${info.label !== undefined && info.label !== '' ? ` (${info.label})` : ''}`;
  return `running ${where} (pid ${info.pid}) on host ${info.hostname}`;
}

type ReadLock = { kind: 'none' } | { kind: 'held'; info: LockInfo; text: string } | { kind: 'damaged'; ageMs: number };

function lockPath(folder: string): string {
  return join(folder, LOCK_FILE);
}

function parseLock(text: string): LockInfo | null {
  try {
    const parsed = lockInfoSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function readLock(fsys: LibraryFs, folder: string, now: Date): ReadLock {
  const path = lockPath(folder);
  // Most debates have no lock: don't pay for a failed read. Removed between the two calls is handled too.
  const text = fsys.existsSync(path) ? readTextIfExists(fsys, path) : null;
  if (text === null) return { kind: 'none' };
  const info = parseLock(text);
  if (info !== null) return { kind: 'held', info, text };
  // Empty or torn: 'wx' creates the file before its content is written, so this may be a
  // holder between those two calls. Only its age tells a crash from that.
  try {
    return { kind: 'damaged', ageMs: now.getTime() - fsys.statSync(path).mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'none' };
    throw error;
  }
}

/** What the library shows about a debate's lock: its state and, when held, who holds it. */
export interface LockView {
  state: LockState;
  /** The live holder; null when the lock is free, stale, or not readable yet. */
  holder: LockInfo | null;
}

/** Reads `<folder>`'s lock once. Throws only on a file-system error other than a missing file. */
export function inspectLock(fsys: LibraryFs, folder: string, now: Date, isAlive: IsAlive = processIsAlive, hostname: string = osHostname()): LockView {
  const read = readLock(fsys, folder, now);
  const state = classify(read, now, hostname, isAlive);
  return { state, holder: state === 'held' && read.kind === 'held' ? read.info : null };
}

/** Whether `<folder>` has no lock, a live one or one that may be taken over. */
export function lockState(fsys: LibraryFs, folder: string, now: Date, isAlive: IsAlive = processIsAlive, hostname: string = osHostname()): LockState {
  return inspectLock(fsys, folder, now, isAlive, hostname).state;
}

function classify(read: ReadLock, now: Date, hostname: string, isAlive: IsAlive): LockState {
  switch (read.kind) {
    case 'none':
      return 'free';
    case 'damaged':
      return read.ageMs > STALE_AFTER_MS ? 'stale' : 'held';
    case 'held':
      return isStale(read.info, now, hostname, isAlive) ? 'stale' : 'held';
  }
}

/**
 * After a failed create (disk full while writing, say), removes the lock file if it holds a
 * beginning of our own text, so a half-written lock doesn't block the debate for
 * STALE_AFTER_MS. Best effort: the create's error is the one reported.
 */
function removeOwnPartialLock(fsys: LibraryFs, path: string, text: string): void {
  try {
    const found = readTextIfExists(fsys, path);
    if (found !== null && text.startsWith(found)) fsys.rmSync(path, { force: true });
  } catch {
    // Nothing more to do: the caller reports the original error.
  }
}

export interface AcquireOptions {
  isAlive?: IsAlive;
  /** Injectable for tests; random by default. */
  token?: () => string;
}

/**
 * Takes the lock of `<folder>` for `owner`, taking over a stale one. `now` is a clock, not a
 * time: the returned lock's heartbeat() reads it again. Throws only on a file-system error.
 */
export function acquireLock(fsys: LibraryFs, folder: string, owner: LockOwner, now: () => Date, options: AcquireOptions = {}): AcquireResult {
  const isAlive = options.isAlive ?? processIsAlive;
  const token = (options.token ?? (() => randomBytes(8).toString('hex')))();
  const path = lockPath(folder);
  // A few rounds at most: each retry means another process changed the lock meanwhile.
  for (let attempt = 0; attempt < 3; attempt++) {
    const time = now();
    const info: LockInfo = { ...owner, token, acquiredAt: time.toISOString(), heartbeatAt: time.toISOString() };
    const text = JSON.stringify(info);
    try {
      fsys.writeFileSync(path, text, { flag: 'wx' });
      return { ok: true, lock: new FileLock(fsys, path, info, now) };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') {
        removeOwnPartialLock(fsys, path, text);
        throw error;
      }
    }
    const read = readLock(fsys, folder, time);
    if (read.kind === 'none') continue; // released meanwhile: try to create it again
    const holder = read.kind === 'held' ? read.info : null;
    if (classify(read, time, owner.hostname, isAlive) === 'held') return { ok: false, holder };
    // Removed by us or, if another process got there first, by it: either way, try to create it again.
    removeStaleLock(fsys, path, read.kind === 'held' ? read.text : null, token);
  }
  const last = readLock(fsys, folder, now());
  return { ok: false, holder: last.kind === 'held' ? last.info : null };
}

/**
 * Removes the stale lock whose text was `staleText` (null: a damaged one), without removing a
 * fresh lock that another process created after taking over the same stale one. Plain
 * read-then-delete would: A and B both see the stale lock, A deletes it and creates its own,
 * then B deletes A's. So the file is first moved aside (one atomic rename, which only one
 * process can win for a given file), then checked; a fresh lock moved aside by mistake is put
 * back with 'wx'. False when the lock was not (or no longer) the stale one.
 */
function removeStaleLock(fsys: LibraryFs, path: string, staleText: string | null, token: string): boolean {
  const aside = `${path}.${token}.stale`;
  try {
    fsys.renameSync(path, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
  const moved = readTextIfExists(fsys, aside);
  const wasStale = staleText === null ? moved === null || parseLock(moved) === null : moved === staleText;
  if (!wasStale && moved !== null) {
    try {
      fsys.writeFileSync(path, moved, { flag: 'wx' });
    } catch (error) {
      // EEXIST: yet another process holds it now; the one whose lock this was finds out at its next heartbeat.
      if (errorCode(error) !== 'EEXIST') throw error;
    }
  }
  fsys.rmSync(aside, { force: true });
  return wasStale;
}

class FileLock implements HeldLock {
  private current: LockInfo;

  constructor(
    private readonly fsys: LibraryFs,
    private readonly path: string,
    info: LockInfo,
    private readonly now: () => Date,
  ) {
    this.current = info;
  }

  get info(): LockInfo {
    return this.current;
  }

  heartbeat(): boolean {
    if (!this.stillOurs()) return false;
    const next: LockInfo = { ...this.current, heartbeatAt: this.now().toISOString() };
    // Atomic, so a reader never sees a torn lock and mistakes it for a damaged one.
    writeFileAtomic(this.fsys, this.path, JSON.stringify(next));
    this.current = next;
    return true;
  }

  release(): boolean {
    if (!this.stillOurs()) return false;
    this.fsys.rmSync(this.path, { force: true });
    return true;
  }

  private stillOurs(): boolean {
    const text = readTextIfExists(this.fsys, this.path);
    return text !== null && parseLock(text)?.token === this.current.token;
  }
}
