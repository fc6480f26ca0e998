// A LangGraph checkpoint saver that keeps each thread in one append-only
// JSON-lines file, in plain JavaScript: the SQLite saver needs a native module
// built for each VS Code's Electron ABI, which a single VSIX can't ship.
//
// - Writes are synchronous (appendFileSync): the VS Code extension host can be
//   reloaded or killed at any moment and async writes get cancelled, so once
//   put()/putWrites() has returned its lines are in the OS's hands and survive
//   kill -9 (not a power cut: there is no fsync).
// - Every record is idempotent (it sets a key), so replaying the file rebuilds the
//   state whatever order concurrent calls committed in, and a line written twice
//   (a retry after a failed append) does no harm.
// - Reading never throws on a damaged file: a line that doesn't parse is skipped
//   and reported by problems(); a checkpoint whose content is missing is skipped.
// - Values go through ContentStore, so no turn's text is stored twice; like the
//   official Postgres saver, a checkpoint stores only the channels in newVersions
//   and is read back by joining its channel_versions with those stored blobs.
import * as nodeFs from 'node:fs';
import { dirname } from 'node:path';
import type { RunnableConfig } from '@langchain/core/runnables';
import {
  BaseCheckpointSaver,
  TASKS,
  WRITES_IDX_MAP,
  compareWritesSortKeys,
  getCheckpointId,
  maxChannelVersion,
  writesSortKey,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointPendingWrite,
  type CheckpointTuple,
  type PendingWrite,
} from '@langchain/langgraph-checkpoint';
import { ContentStore, prepare, type ContentRecord } from './content-store';

/** The synchronous node:fs calls the saver makes (a missing file must throw ENOENT); injectable so tests can fail them. */
export interface CheckpointFs {
  appendFileSync(path: string, data: string): void;
  readFileSync(path: string, encoding: 'utf8'): string;
  mkdirSync(path: string, options: { recursive: true }): unknown;
  rmSync(path: string, options: { force: true }): void;
}

export interface FileCheckpointerOptions {
  /** Path of a thread's log file, e.g. `<library>/<debateId>/checkpoints.jsonl`. Its folder is created on first write. */
  threadFile: (threadId: string) => string;
  /**
   * A write to disk failed (disk full, permissions). The graph goes on from memory and the
   * lines are retried with the next write, so this is a warning, not a lost checkpoint yet.
   * Default: console.error.
   */
  onWriteError?: (error: unknown, threadId: string) => void;
  fs?: CheckpointFs;
}

type ChannelVersion = ChannelVersions[string];

/** The checkpoint minus its channel values, which are stored as blobs. */
type CheckpointBody = Omit<Checkpoint, 'channel_values'>;

interface StoredCheckpoint {
  parent: string | undefined;
  body: string; // content id of the CheckpointBody
  metadata: string; // content id of the CheckpointMetadata
}

interface StoredWrite {
  task: string;
  idx: number;
  channel: string;
  path: string;
  value: string; // content id
}

/** The lines of the log besides content: a checkpoint (with its new blobs) and a task's writes. */
type CheckpointRecord = {
  checkpoint: string;
  ns: string;
  parent?: string;
  body: string;
  metadata: string;
  /** [channel, version, content id or null when the channel is empty at that version] */
  blobs: [string, ChannelVersion, string | null][];
};
type WritesRecord = { writes: string; ns: string; task: string; path?: string; items: [number, string, string][] };
type LogRecord = ContentRecord | CheckpointRecord | WritesRecord;

/** Everything known about one thread: what its file holds, plus lines a failed append still owes it. */
class ThreadLog {
  readonly content = new ContentStore();
  /** checkpoint_ns → checkpoint id → checkpoint */
  readonly checkpoints = new Map<string, Map<string, StoredCheckpoint>>();
  /** blobKey(ns, channel, version) → content id (null: the channel was empty) */
  readonly blobs = new Map<string, string | null>();
  /** writesKey(ns, checkpoint id) → writeKey(task, idx) → write */
  readonly writes = new Map<string, Map<string, StoredWrite>>();
  readonly problems: string[] = [];
  /** Lines not on disk yet: a failed append is retried, in order, ahead of the next one. */
  unsaved: string[] = [];
  /** The file may end in a partial line (a cut-short write): start the next append on a new line. */
  needsNewline = false;
  folderReady = false;

  problem(message: string): void {
    if (!this.problems.includes(message)) this.problems.push(message);
  }
}

const blobKey = (ns: string, channel: string, version: ChannelVersion): string => JSON.stringify([ns, channel, version]);
const writesKey = (ns: string, checkpointId: string): string => JSON.stringify([ns, checkpointId]);
const writeKey = (task: string, idx: number): string => JSON.stringify([task, idx]);

const isString = (value: unknown): value is string => typeof value === 'string';
const isVersion = (value: unknown): value is ChannelVersion => typeof value === 'string' || typeof value === 'number';

/** Takes in a checkpoint or writes record; false if the line is neither (or malformed). */
function readRecord(thread: ThreadLog, record: Record<string, unknown>): boolean {
  if (thread.content.read(record)) return true;
  const { ns } = record;
  if (!isString(ns)) return false;
  if (isString(record.checkpoint)) {
    const { checkpoint: id, parent, body, metadata, blobs } = record;
    if (!(parent === undefined || isString(parent)) || !isString(body) || !isString(metadata) || !Array.isArray(blobs)) return false;
    const valid = blobs.every(
      (blob: unknown) => Array.isArray(blob) && isString(blob[0]) && isVersion(blob[1]) && (blob[2] === null || isString(blob[2])),
    );
    if (!valid) return false;
    for (const [channel, version, value] of blobs as CheckpointRecord['blobs']) thread.blobs.set(blobKey(ns, channel, version), value);
    let inNs = thread.checkpoints.get(ns);
    if (inNs === undefined) thread.checkpoints.set(ns, (inNs = new Map()));
    inNs.set(id, { parent, body, metadata });
    return true;
  }
  if (isString(record.writes)) {
    const { writes: checkpointId, task, path, items } = record;
    if (!isString(task) || !(path === undefined || isString(path)) || !Array.isArray(items)) return false;
    const valid = items.every(
      (item: unknown) => Array.isArray(item) && Number.isInteger(item[0]) && isString(item[1]) && isString(item[2]),
    );
    if (!valid) return false;
    const key = writesKey(ns, checkpointId);
    let stored = thread.writes.get(key);
    if (stored === undefined) thread.writes.set(key, (stored = new Map()));
    for (const [idx, channel, value] of items as WritesRecord['items']) {
      stored.set(writeKey(task, idx), { task, idx, channel, path: path ?? '', value });
    }
    return true;
  }
  return false;
}

function threadIdOf(config: RunnableConfig, action: string): string {
  const threadId: unknown = config.configurable?.thread_id;
  if (!isString(threadId) || threadId === '') {
    throw new Error(`Failed to ${action}: the config has no "thread_id" in its "configurable" property.`);
  }
  return threadId;
}

function nsOf(config: RunnableConfig): string {
  const ns: unknown = config.configurable?.checkpoint_ns;
  return isString(ns) ? ns : '';
}

const isErrorCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === code;
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const newestFirst = (ids: Iterable<string>): string[] => [...ids].sort().reverse();

export class FileCheckpointer extends BaseCheckpointSaver {
  private readonly threadFile: (threadId: string) => string;
  private readonly onWriteError: (error: unknown, threadId: string) => void;
  private readonly fs: CheckpointFs;
  private readonly threads = new Map<string, ThreadLog>();

  constructor(options: FileCheckpointerOptions) {
    super();
    this.threadFile = options.threadFile;
    this.onWriteError =
      options.onWriteError ?? ((error, threadId) => console.error(`Talking Models: could not save checkpoints of ${threadId}:`, error));
    this.fs = options.fs ?? nodeFs;
  }

  /** What was wrong with the thread's file when it was read (skipped lines, missing content); empty when it is sound. */
  problems(threadId: string): string[] {
    return [...this.thread(threadId).problems];
  }

  /**
   * Drops the in-memory copy of a thread, so the next read sees what another process has appended since
   * (for a read-only viewer: lines a failed write still owed the file are dropped too).
   */
  forget(threadId: string): void {
    this.threads.delete(threadId);
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const threadId: unknown = config.configurable?.thread_id;
    if (!isString(threadId)) return undefined;
    const ns = nsOf(config);
    const thread = this.thread(threadId);
    const inNs = thread.checkpoints.get(ns);
    if (inNs === undefined) return undefined;
    const wanted = getCheckpointId(config);
    // Without an id: the newest checkpoint that can be rebuilt (a damaged newest one falls back to its predecessor).
    for (const id of wanted ? [wanted] : newestFirst(inNs.keys())) {
      const tuple = await this.tuple(threadId, thread, ns, id);
      if (tuple !== undefined) return tuple;
    }
    return undefined;
  }

  async *list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    const { before, filter } = options ?? {};
    let remaining = options?.limit;
    const threadId: unknown = config.configurable?.thread_id;
    // Without a thread id: the threads this instance has read or written (it can't invert threadFile).
    const threadIds = isString(threadId) ? [threadId] : [...this.threads.keys()];
    const wantedNs: unknown = config.configurable?.checkpoint_ns;
    const wantedId: unknown = config.configurable?.checkpoint_id;
    const beforeId: unknown = before?.configurable?.checkpoint_id;
    for (const id of threadIds) {
      const thread = this.thread(id);
      for (const [ns, inNs] of thread.checkpoints) {
        if (isString(wantedNs) && ns !== wantedNs) continue;
        for (const checkpointId of newestFirst(inNs.keys())) {
          if (isString(wantedId) && wantedId !== '' && checkpointId !== wantedId) continue;
          if (isString(beforeId) && checkpointId >= beforeId) continue;
          const tuple = await this.tuple(id, thread, ns, checkpointId);
          if (tuple === undefined) continue;
          const metadata: Record<string, unknown> = tuple.metadata ?? {};
          if (filter && !Object.entries(filter).every(([key, value]) => metadata[key] === value)) continue;
          if (remaining !== undefined) {
            if (remaining <= 0) return;
            remaining -= 1;
          }
          yield tuple;
        }
      }
    }
  }

  async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, newVersions: ChannelVersions): Promise<RunnableConfig> {
    const threadId = threadIdOf(config, 'put checkpoint');
    const ns = nsOf(config);
    const parent: unknown = config.configurable?.checkpoint_id;
    const { channel_values: values, ...body } = checkpoint;
    // Serializing is async: do all of it first, then store and append in one synchronous step.
    const [preparedBody, preparedMetadata, preparedBlobs] = await Promise.all([
      prepare(body, this.serde),
      prepare(metadata, this.serde),
      Promise.all(
        Object.entries(newVersions).map(async ([channel, version]) => {
          const value = values && Object.hasOwn(values, channel) ? await prepare(values[channel], this.serde) : null;
          return { channel, version, value };
        }),
      ),
    ]);
    const thread = this.thread(threadId, true);
    const lines: ContentRecord[] = [];
    const record: CheckpointRecord = {
      checkpoint: checkpoint.id,
      ns,
      ...(isString(parent) && parent !== '' ? { parent } : {}),
      body: thread.content.add(preparedBody, lines),
      metadata: thread.content.add(preparedMetadata, lines),
      blobs: preparedBlobs.map(({ channel, version, value }) => [channel, version, value && thread.content.add(value, lines)]),
    };
    readRecord(thread, record);
    this.append(threadId, thread, [...lines, record]);
    return { configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
  }

  async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath?: string): Promise<void> {
    const threadId = threadIdOf(config, 'put writes');
    const checkpointId: unknown = config.configurable?.checkpoint_id;
    if (!isString(checkpointId) || checkpointId === '') {
      throw new Error('Failed to put writes: the config has no "checkpoint_id" in its "configurable" property.');
    }
    const ns = nsOf(config);
    const prepared = await Promise.all(writes.map(([, value]) => prepare(value, this.serde)));
    const thread = this.thread(threadId, true);
    const existing = thread.writes.get(writesKey(ns, checkpointId));
    const lines: ContentRecord[] = [];
    const items: WritesRecord['items'] = [];
    writes.forEach(([channel], i) => {
      // As MemorySaver: special channels (__error__, __interrupt__, ...) have a fixed negative index and
      // replace an earlier write; a regular write already stored for this task and index is kept.
      const idx = Object.hasOwn(WRITES_IDX_MAP, channel) ? WRITES_IDX_MAP[channel] : i;
      if (idx >= 0 && existing?.has(writeKey(taskId, idx))) return;
      items.push([idx, channel, thread.content.add(prepared[i], lines)]);
    });
    if (items.length === 0) return;
    const record: WritesRecord = { writes: checkpointId, ns, task: taskId, ...(taskPath ? { path: taskPath } : {}), items };
    readRecord(thread, record);
    this.append(threadId, thread, [...lines, record]);
  }

  async deleteThread(threadId: string): Promise<void> {
    this.fs.rmSync(this.threadFile(threadId), { force: true });
    this.threads.delete(threadId);
  }

  /** The thread's state, read from its file the first time. */
  private thread(threadId: string, forWriting = false): ThreadLog {
    const known = this.threads.get(threadId);
    if (known !== undefined) return known;
    const thread = new ThreadLog();
    const file = this.threadFile(threadId);
    let text = '';
    try {
      text = this.fs.readFileSync(file, 'utf8');
    } catch (error) {
      const missing = isErrorCode(error, 'ENOENT');
      // A reader doesn't keep a thread that has no file yet, so a viewer polling for one sees it once another process creates it.
      if (missing && !forWriting) return thread;
      if (!missing) thread.problem(`could not read ${file}: ${messageOf(error)}`);
    }
    this.threads.set(threadId, thread);
    thread.needsNewline = text !== '' && !text.endsWith('\n');
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        const cutShort = i === lines.length - 1; // no newline after it: a write that didn't finish
        thread.problem(`${file} line ${i + 1}: ${cutShort ? 'incomplete last line (a write cut short), ignored' : 'not valid JSON, ignored'}`);
        return;
      }
      const ok = typeof record === 'object' && record !== null && !Array.isArray(record) && readRecord(thread, record as Record<string, unknown>);
      if (!ok) thread.problem(`${file} line ${i + 1}: not a checkpoint record, ignored`);
    });
    return thread;
  }

  private async tuple(threadId: string, thread: ThreadLog, ns: string, id: string): Promise<CheckpointTuple | undefined> {
    const stored = thread.checkpoints.get(ns)?.get(id);
    if (stored === undefined) return undefined;
    try {
      const body = (await thread.content.load(stored.body, this.serde)) as CheckpointBody;
      const metadata = (await thread.content.load(stored.metadata, this.serde)) as CheckpointMetadata;
      const channel_values: Record<string, unknown> = {};
      for (const [channel, version] of Object.entries(body.channel_versions)) {
        const value = thread.blobs.get(blobKey(ns, channel, version));
        if (isString(value)) channel_values[channel] = await thread.content.load(value, this.serde);
      }
      const checkpoint: Checkpoint = { ...body, channel_values };
      if (checkpoint.v < 4 && stored.parent !== undefined) await this.migratePendingSends(thread, ns, stored.parent, checkpoint);
      const tuple: CheckpointTuple = {
        config: { configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: id } },
        checkpoint,
        metadata,
        pendingWrites: await this.pendingWrites(thread, ns, id),
      };
      if (stored.parent !== undefined) {
        tuple.parentConfig = { configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: stored.parent } };
      }
      return tuple;
    } catch (error) {
      // Content lost to a damaged line, or a value the serializer can't read back: skip this checkpoint, say why.
      thread.problem(`checkpoint ${id}${ns ? ` (namespace ${ns})` : ''} can't be read: ${messageOf(error)}`);
      return undefined;
    }
  }

  /**
   * In the order live execution applies them (writesSortKey), as the base class requires.
   * A task with a write that can't be read loses all its writes: LangGraph then runs it again,
   * rather than taking it as done with part of its output.
   */
  private async pendingWrites(thread: ThreadLog, ns: string, checkpointId: string): Promise<CheckpointPendingWrite[]> {
    const stored = [...(thread.writes.get(writesKey(ns, checkpointId))?.values() ?? [])];
    stored.sort((a, b) => compareWritesSortKeys(writesSortKey(a.path, a.task, a.idx), writesSortKey(b.path, b.task, b.idx)));
    const unreadable = new Set<string>();
    const loaded = await Promise.all(
      stored.map(async (w): Promise<CheckpointPendingWrite | undefined> => {
        try {
          return [w.task, w.channel, await thread.content.load(w.value, this.serde)];
        } catch (error) {
          unreadable.add(w.task);
          thread.problem(`writes of task ${w.task} to checkpoint ${checkpointId} can't be read, dropped: ${messageOf(error)}`);
          return undefined;
        }
      }),
    );
    return loaded.filter((write): write is CheckpointPendingWrite => write !== undefined && !unreadable.has(write[0]));
  }

  /** Checkpoints before format v4 kept pending sends as writes to the parent; v4 keeps them in the TASKS channel (as MemorySaver does). */
  private async migratePendingSends(thread: ThreadLog, ns: string, parentId: string, checkpoint: Checkpoint): Promise<void> {
    const sends = (await this.pendingWrites(thread, ns, parentId)).filter(([, channel]) => channel === TASKS).map(([, , value]) => value);
    const versions = Object.values(checkpoint.channel_versions);
    checkpoint.channel_values[TASKS] = sends;
    checkpoint.channel_versions[TASKS] = versions.length > 0 ? maxChannelVersion(...versions) : this.getNextVersion(undefined);
  }

  /** Appends records (after any lines a failed append still owes), never throwing: the run goes on from memory. */
  private append(threadId: string, thread: ThreadLog, records: LogRecord[]): void {
    for (const record of records) thread.unsaved.push(JSON.stringify(record));
    const file = this.threadFile(threadId);
    try {
      if (!thread.folderReady) {
        this.fs.mkdirSync(dirname(file), { recursive: true });
        thread.folderReady = true;
      }
      this.fs.appendFileSync(file, `${thread.needsNewline ? '\n' : ''}${thread.unsaved.join('\n')}\n`);
      thread.unsaved = [];
      thread.needsNewline = false;
    } catch (error) {
      thread.needsNewline = true; // part of it may have been written
      try {
        this.onWriteError(error, threadId);
      } catch {
        // A failing error handler must not fail the graph either.
      }
    }
  }
}
