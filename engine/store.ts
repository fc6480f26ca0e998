// Where a session keeps a debate: its record (a small summary that lists and
// finds it), its LangGraph checkpoints (the turns) and the turn in progress.
// The library on disk is one store; an in-memory store serves runs that keep
// nothing (tests, `runDebate` without a library).
import { MemorySaver, type BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import type { DebateSpeaker } from './graph/state';
import type { Verdict } from './judge/verdict';
import type { DebateMaterial, DebateOutcome, JudgeConfig, ModeratorConfig, StopConditions, StopReason, TournamentTag, TurnOrder } from './types';

/** Settings a debate ran with; a later run uses them unless it is given others. */
export interface DebateSettings {
  /** The Ollama host for speakers that name none. */
  host?: string;
  /** The context window in tokens for speakers without their own. */
  contextWindow?: number;
  /** Replaced by contextWindow; read from older records and converted (see DebateConfig.contextBudgetChars). */
  contextBudgetChars?: number;
  firstTokenTimeoutMs?: number;
  stallTimeoutMs?: number;
  /** Longest reply kept; a longer one is cut there and marked. */
  maxReplyChars?: number;
}

/** The record's summary of a debate: enough to list, find and reopen it. */
export interface DebateRecord {
  id: string;
  /** Set by Rename; shown instead of the topic. */
  title: string | null;
  topic: string;
  speakers: DebateSpeaker[];
  exchanges: number;
  settings: DebateSettings;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
  outcome: DebateOutcome;
  stopReason: StopReason | null;
  /** What a stop condition found, when one ended the debate (see Transcript.stopNote). */
  stopNote?: string;
  /** The turn order and stop conditions chosen at the start (the graph's state has them too; an import needs them here). */
  order?: TurnOrder;
  stopOn?: StopConditions;
  /** The AI moderator, closing statements and end-of-debate judge chosen at the start. */
  moderator?: ModeratorConfig;
  closingStatements?: boolean;
  judge?: JudgeConfig;
  /** The language every speaker is told to reply in (engine/language.ts), chosen at the start; continue and branch keep it. */
  language?: string;
  /** The lines of files and/or diff the debate is about (engine/material), chosen at the start; continue and branch keep it. */
  material?: DebateMaterial;
  turnCount: number;
  parentId?: string;
  forkedAtTurn?: number;
  /** Judges' verdicts, oldest first (engine/judge/verdict.ts); saved by DebateLibrary.addVerdict. */
  verdicts?: Verdict[];
  /** Set when the debate is a tournament's match (engine/tournament). */
  tournament?: TournamentTag;
}

export type RecordUpdate = Partial<Pick<DebateRecord, 'title' | 'exchanges' | 'updatedAt' | 'endedAt' | 'outcome' | 'stopReason' | 'stopNote' | 'turnCount' | 'speakers'>>;

/** The turn being streamed, saved as it grows so a killed process loses at most the last moment of it. */
export interface LiveTurnRecord {
  /** The id the turn will keep once it ends. */
  turnId: string;
  speakerIndex: number;
  speaker: string;
  model: string;
  tone: string;
  exchange: number;
  /** The reply so far. */
  text: string;
  /** A reasoning model's thinking so far, kept apart from the reply. */
  thinking?: string;
  /** Tokens received so far. */
  tokens: number;
  /** ISO 8601. */
  startedAt: string;
}

/** Held while a process writes a debate; released when its run ends. */
export interface WriteLock {
  release(): void;
}

export type LockResult = { ok: true; lock: WriteLock } | { ok: false; heldBy: string };

export interface DebateStore {
  readonly checkpointer: BaseCheckpointSaver;
  /** Never throws: a record the disk refused is kept for this process, and the store warns that it is not saved. */
  create(record: DebateRecord): void;
  read(id: string): DebateRecord | null;
  /** Whether the id is taken, even by a damaged debate that can't be read. */
  has(id: string): boolean;
  /** Never throws: a failed write is reported through the store's warning callback. */
  update(id: string, update: RecordUpdate): void;
  /** Takes the debate for writing; refused while another live process or session holds it. */
  lock(id: string): LockResult;
  /** Whether this debate's last writer died without finishing (its record still says running). */
  wasCutOff(id: string): boolean;
  /** The turns in progress (several at once in a simultaneous round), replacing those saved before. */
  saveLiveTurns(id: string, turns: readonly LiveTurnRecord[]): void;
  readLiveTurns(id: string): LiveTurnRecord[];
  clearLiveTurns(id: string): void;
  /** Saves a judge's verdict with the debate, after any earlier ones; never throws (a failed save is warned about). */
  addVerdict(id: string, verdict: Verdict): void;
  /** Drops any cached copy so the next read sees what another process wrote. */
  refresh(id: string): void;
  /** Calls `listener` when saving a debate fails (once per debate): the run tells the person. */
  onWarning(listener: (id: string, message: string) => void): void;
}

/** Keeps debates for the life of the process. */
export class MemoryDebateStore implements DebateStore {
  readonly checkpointer = new MemorySaver();
  private readonly records = new Map<string, DebateRecord>();
  private readonly live = new Map<string, LiveTurnRecord[]>();
  private readonly locked = new Set<string>();

  create(record: DebateRecord): void {
    this.records.set(record.id, record);
  }

  read(id: string): DebateRecord | null {
    return this.records.get(id) ?? null;
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  update(id: string, update: RecordUpdate): void {
    const record = this.records.get(id);
    if (record !== undefined) this.records.set(id, { ...record, ...update });
  }

  lock(id: string): LockResult {
    if (this.locked.has(id)) return { ok: false, heldBy: 'another run in this process' };
    this.locked.add(id);
    return { ok: true, lock: { release: () => this.locked.delete(id) } };
  }

  wasCutOff(): boolean {
    return false;
  }

  saveLiveTurns(id: string, turns: readonly LiveTurnRecord[]): void {
    this.live.set(id, [...turns]);
  }

  readLiveTurns(id: string): LiveTurnRecord[] {
    return this.live.get(id) ?? [];
  }

  clearLiveTurns(id: string): void {
    this.live.delete(id);
  }

  addVerdict(id: string, verdict: Verdict): void {
    const record = this.records.get(id);
    if (record !== undefined) this.records.set(id, { ...record, verdicts: [...(record.verdicts ?? []), verdict] });
  }

  refresh(): void {}

  /** Memory never fails to save. */
  onWarning(): void {}
}
