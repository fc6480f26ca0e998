// The debate library: a folder holding one folder per debate (see paths.ts). The folders are
// the index; nothing else lists them, so nothing can disagree with them. Every reader (the
// CLI, any VS Code window, the Debates view) calls list() and sees the same record.
//
// Rules kept here: a damaged debate is listed with its reason and never stops the others from
// loading; nothing is deleted unless the person asks; a debate whose meta says `running` but
// whose writer is gone is shown as `interrupted`.
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { type Verdict, withVerdict } from '../judge/verdict';
import type { DebateOutcome } from '../types';
import { isDebateId, randomIdSuffix } from './ids';
import { type LibraryFs, errorCode, nodeFs, systemReason } from './library-fs';
import { type IsAlive, type LockInfo, type LockState, type LockView, describeHolder, inspectLock, processIsAlive } from './lock';
import { type DebateMeta, type MetaProblem, readMeta, serializeMeta, writeMeta } from './meta';
import { CHECKPOINTS_FILE, META_FILE, debateFolder } from './paths';
import { type SearchHit, TextCache, matchingMetaFields, queryPattern, textHit } from './search';

export type LibraryEntry =
  | {
      id: string;
      ok: true;
      meta: DebateMeta;
      /** What to show: meta.outcome, except `running` without a live writer, which is `interrupted`. */
      outcome: DebateOutcome;
      /** The live writer, when another process (or this one) holds the debate: others show it read-only. */
      lockedBy: LockInfo | null;
      /** A branch whose parent debate was deleted (its parentId is kept, pointing at nothing). */
      parentMissing: boolean;
    }
  | { id: string; ok: false; problem: MetaProblem; reason: string };

/** What updateMeta may change: everything but the record's identity. */
export type MetaPatch = Partial<Omit<DebateMeta, 'schema' | 'id' | 'createdAt'>>;

export interface LibraryOptions {
  fs?: LibraryFs;
  now?: () => Date;
  isAlive?: IsAlive;
  /** This machine's name, to tell a dead local holder from a remote one. */
  hostname?: string;
}

/** A write to the library failed: the message says what was not saved, where, and the system's reason. */
export class LibraryWriteError extends Error {
  override readonly name = 'LibraryWriteError';

  constructor(
    message: string,
    readonly path: string,
    /** The system error code (ENOSPC, EACCES...), or null. */
    readonly code: string | null,
  ) {
    super(message);
  }
}

function notSaved(what: string, path: string, error: unknown): LibraryWriteError {
  return new LibraryWriteError(`${what} not saved: could not write ${path}: ${systemReason(error)}`, path, errorCode(error));
}

/** Pure: the outcome to show. A `running` debate with no live lock lost its process (crash, kill, reload): it can resume. */
export function effectiveOutcome(recorded: DebateOutcome, lock: LockState): DebateOutcome {
  return recorded === 'running' && lock !== 'held' ? 'interrupted' : recorded;
}

/** Pure: the title to show, falling back to the topic. */
export function displayTitle(meta: DebateMeta): string {
  return meta.title ?? meta.topic;
}

/** Pure: a title as stored: whitespace runs made one space; blank means none (the topic is shown). */
export function normalizeTitle(title: string | null): string | null {
  const clean = title?.replace(/\s+/gu, ' ').trim() ?? '';
  return clean === '' ? null : clean;
}

export class DebateLibrary {
  private readonly fs: LibraryFs;
  private readonly now: () => Date;
  private readonly isAlive: IsAlive;
  private readonly hostname: string;
  private readonly texts = new TextCache();

  constructor(
    /** The library folder (see defaultLibraryFolder). It is created by the first create(). */
    readonly folder: string,
    options: LibraryOptions = {},
  ) {
    this.fs = options.fs ?? nodeFs;
    this.now = options.now ?? (() => new Date());
    this.isAlive = options.isAlive ?? processIsAlive;
    this.hostname = options.hostname ?? osHostname();
  }

  /** The folder of debate `id`; throws for a string that is not a debate id. */
  folderOf(id: string): string {
    return debateFolder(this.folder, id);
  }

  /**
   * Every debate, newest first (ids sort by creation time). Folders whose names are not debate
   * ids are ignored (the library may share a folder with other files); damaged debates are
   * listed with their reason. An absent library folder is an empty library.
   */
  list(): LibraryEntry[] {
    let names: string[];
    try {
      names = this.fs.readdirSync(this.folder);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw new Error(`Could not read the debate library ${this.folder}: ${systemReason(error)}`);
    }
    const now = this.now();
    const entries: LibraryEntry[] = [];
    for (const id of names.filter(isDebateId).sort().reverse()) {
      const entry = this.load(id, now);
      if (entry !== null) entries.push(entry);
    }
    const present = new Set(entries.map((entry) => entry.id));
    for (const entry of entries) {
      if (entry.ok && entry.meta.parentId !== undefined) entry.parentMissing = !present.has(entry.meta.parentId);
    }
    return entries;
  }

  /** One debate as list() shows it, or null when the library has no such debate. */
  get(id: string): LibraryEntry | null {
    if (!isDebateId(id)) return null;
    const entry = this.load(id, this.now());
    if (entry?.ok === true && entry.meta.parentId !== undefined) entry.parentMissing = !this.exists(entry.meta.parentId);
    return entry;
  }

  /**
   * Creates the debate's folder and its meta.json; returns the folder. Throws a
   * LibraryWriteError ("… not saved: could not write <path>: <reason>") when the library can't
   * be written, after removing the half-made folder so it doesn't show up as damaged.
   */
  create(meta: DebateMeta): string {
    const folder = this.folderOf(meta.id);
    const what = `Debate ${meta.id}`;
    // An invalid summary is the caller's bug, not a write failure: say so before making anything.
    serializeMeta(meta);
    try {
      this.fs.mkdirSync(this.folder, { recursive: true });
    } catch (error) {
      throw notSaved(what, this.folder, error);
    }
    try {
      // Not recursive: an existing folder (the same id twice) must fail, not be overwritten.
      this.fs.mkdirSync(folder);
    } catch (error) {
      throw notSaved(what, folder, error);
    }
    try {
      writeMeta(this.fs, folder, meta);
    } catch (error) {
      try {
        this.fs.rmSync(folder, { recursive: true, force: true });
      } catch {
        // Left behind, it is listed as damaged ("meta.json is missing"); the write error matters more.
      }
      throw notSaved(what, join(folder, META_FILE), error);
    }
    return folder;
  }

  /**
   * Reads meta.json, applies `patch`, sets updatedAt (unless the patch does) and writes it
   * back atomically; returns the new summary. Throws when the debate can't be read or written.
   */
  updateMeta(id: string, patch: MetaPatch): DebateMeta {
    const folder = this.folderOf(id);
    const read = readMeta(this.fs, folder);
    if (!read.ok) throw new Error(`Debate ${id} can't be updated: ${read.reason}`);
    // Spread first, then the identity fields again: a patch from untyped code can't change them.
    const meta: DebateMeta = {
      ...read.meta,
      ...patch,
      schema: read.meta.schema,
      id: read.meta.id,
      createdAt: read.meta.createdAt,
      updatedAt: patch.updatedAt ?? this.now().toISOString(),
    };
    serializeMeta(meta); // throws on an invalid patch, which is not a write failure
    try {
      writeMeta(this.fs, folder, meta);
    } catch (error) {
      throw notSaved(`Debate ${id}`, join(folder, META_FILE), error);
    }
    return meta;
  }

  /**
   * Saves a judge's verdict with debate `id` (in its meta.json, after any earlier ones; see
   * withVerdict); returns the new summary. Throws, like updateMeta, when it can't be saved.
   */
  addVerdict(id: string, verdict: Verdict): DebateMeta {
    const read = readMeta(this.fs, this.folderOf(id));
    if (!read.ok) throw new Error(`Debate ${id} can't be updated: ${read.reason}`);
    return this.updateMeta(id, { verdicts: withVerdict(read.meta.verdicts, verdict) });
  }

  /** Sets the displayed title; null or blank goes back to showing the topic. */
  rename(id: string, title: string | null): DebateMeta {
    return this.updateMeta(id, { title: normalizeTitle(title) });
  }

  /** Ids of the debates branched from `id` (a damaged branch can't say, so it is not among them). */
  children(id: string): string[] {
    return this.list().flatMap((entry) => (entry.ok && entry.meta.parentId === id ? [entry.id] : []));
  }

  /**
   * Removes debate `id` and all its files; returns the ids of its branches, which stay (the
   * caller asks the person first, listing them). Refuses while a live process holds the
   * debate's lock. The folder is first renamed to a name list() ignores, so the debate
   * disappears at once and whole, even if removing its files then fails. A debate that is
   * already gone is not an error.
   */
  delete(id: string): string[] {
    const folder = this.folderOf(id);
    const lock = inspectLock(this.fs, folder, this.now(), this.isAlive, this.hostname);
    if (lock.state === 'held') throw new Error(`Debate ${id} was not deleted: it is ${describeHolder(lock.holder)}. Stop it there first.`);
    const branches = this.children(id);
    // Unique, in case an earlier delete of this id left its files behind.
    const aside = join(this.folder, `.deleting-${id}-${randomIdSuffix()}`);
    try {
      this.fs.renameSync(folder, aside);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return branches;
      throw new Error(`Debate ${id} was not deleted: could not move ${folder}: ${systemReason(error)}`);
    }
    try {
      this.fs.rmSync(aside, { recursive: true, force: true });
    } catch (error) {
      throw new Error(`Debate ${id} is gone from the library, but its files remain in ${aside}: ${systemReason(error)}. Delete that folder by hand.`);
    }
    return branches;
  }

  /**
   * Debates matching `query` (case-insensitive, whitespace-tolerant; see queryPattern) in their
   * title, topic, speaker names, models or tones, or in their turns' text, newest first. A
   * blank query matches nothing. `readText(id)` returns a debate's turns' text (they live in
   * its checkpoints); it is called again only when checkpoints.jsonl's size or mtime has
   * changed since the last search. A readText that throws counts as no text.
   */
  search(query: string, readText: (id: string) => string): SearchHit[] {
    const pattern = queryPattern(query);
    if (pattern === null) return [];
    const entries = this.list();
    this.texts.retain(new Set(entries.map((entry) => entry.id)));
    const hits: SearchHit[] = [];
    for (const entry of entries) {
      if (!entry.ok) continue;
      const fields = matchingMetaFields(entry.meta, pattern);
      const text = this.texts.get(entry.id, this.checkpointsKey(entry.id), () => {
        try {
          return readText(entry.id);
        } catch {
          return '';
        }
      });
      const snippet = textHit(text, pattern);
      if (snippet !== null) fields.push('text');
      if (fields.length > 0) hits.push({ id: entry.id, fields, snippet });
    }
    return hits;
  }

  /** Changes whenever the checkpoints file does (it is append-only, so its size grows with each write). */
  private checkpointsKey(id: string): string {
    try {
      const stat = this.fs.statSync(join(this.folderOf(id), CHECKPOINTS_FILE));
      return `${stat.size}:${stat.mtimeMs}`;
    } catch {
      return 'none';
    }
  }

  private exists(id: string): boolean {
    try {
      return this.fs.statSync(this.folderOf(id)).isDirectory();
    } catch {
      return false;
    }
  }

  /** One debate's entry; null when `id` names no debate folder (gone, or a stray file with an id-like name). */
  private load(id: string, now: Date): LibraryEntry | null {
    const folder = this.folderOf(id);
    const read = readMeta(this.fs, folder);
    if (!read.ok) {
      // Only then is it worth a stat: a missing meta.json in a folder is damage, in no folder it is nothing.
      if ((read.problem === 'missing' || read.problem === 'unreadable') && !this.exists(id)) return null;
      return { id, ok: false, problem: read.problem, reason: read.reason };
    }
    let lock: LockView;
    try {
      lock = inspectLock(this.fs, folder, now, this.isAlive, this.hostname);
    } catch {
      // An unreadable lock must not hide the debate; with no proof of a live writer it shows as free.
      lock = { state: 'free', holder: null };
    }
    return {
      id,
      ok: true,
      meta: read.meta,
      outcome: effectiveOutcome(read.meta.outcome, lock.state),
      lockedBy: lock.holder,
      parentMissing: false,
    };
  }
}
