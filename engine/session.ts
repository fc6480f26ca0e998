// A debate as a session: one LangGraph thread per debate, kept in a store, with
// the operations a person has on it: start, pause after the current turn,
// resume (with the moderator's word), stop, continue, regenerate the last turn,
// choose an earlier reply, and branch from any turn. Every run streams the same
// events and never throws: its last event is always run-end.
import { Command } from '@langchain/langgraph';
import { randomBytes } from 'node:crypto';
import { checkEmbeddingModel } from './embedding-repetition';
import { EngineError, isAbortError } from './errors';
import { EventChannel } from './event-channel';
import { debateGraph, RECURSION_LIMIT, type DebateGraph } from './graph/graph';
import { moderatorReplyProblem, type ModeratorReply } from './graph/moderator';
import { replyOf } from './graph/nodes';
import { withRunContext, type RunContext } from './graph/run-context';
import { haltOnAbort, MODERATOR_NODE, speakerNodeName, standingOf, type Standing } from './graph/routing';
import type { DebateSpeaker, DebateStateUpdate, DebateStateValue, Halt } from './graph/state';
import { resolveHost } from './host';
import { newDebateId } from './library/ids';
import { showModel } from './ollama-api';
import { DEFAULT_FIRST_TOKEN_TIMEOUT_MS, DEFAULT_MAX_REPLY_CHARS, DEFAULT_STALL_TIMEOUT_MS, MAX_EXCHANGES, MAX_TOTAL_EXCHANGES } from './limits';
import { ContextWindows, windowSetting } from './context-window';
import { OllamaBackend } from './ollama-backend';
import { missingBackendError, speakerBackendOf, speakersByBackend, type SpeakerBackend, type SpeakerBackends } from './speaker-backend';
import { recordedLanguage } from './language';
import { hasMaterial } from './material/material';
import type { TokenCalibration } from './token-budget';
import type { DebateRecord, DebateSettings, DebateStore, LiveTurnRecord } from './store';
import { findPersona, recordedSpeaker } from './personas/persona';
import { disableTracing } from './tracing';
import { randomSeed } from './seeded-random';
import { positionAfter, positionOf, ROUND_ROBIN } from './turn-order';
import type { DebateConfig, DebateError, DebateEvent, ModeratorConfig, SpeakerConfig, SpeakerTurn, Tone, Transcript, Turn, TurnOrder } from './types';
import { validateConfig } from './validate';

export type { ModeratorReply } from './graph/moderator';

/** How often the turn in progress is saved: a killed process loses at most this much of it. */
export const LIVE_TURN_SAVE_INTERVAL_MS = 100;

export const CUT_OFF_NOTE = 'Cut off: the process running the debate ended mid-turn; the text up to that point is kept.';

/** What the process running debates brings to every run. */
export interface SessionOptions {
  /** Speaker backends besides Ollama (the extension's VS Code language models); a speaker naming one absent here fails before its first turn. */
  speakerBackends?: SpeakerBackends;
}

export interface SessionRunOptions {
  /** Aborting stops the turn in progress at once; its partial reply is kept, marked stopped. */
  signal?: AbortSignal;
  /** Overrides the record's settings for this run (e.g. the current Ollama host setting). */
  settings?: DebateSettings;
  /** Wait for the moderator after every turn (the CLI's --interactive). */
  pauseAfterEveryTurn?: boolean;
}

/** One run of a debate: its events, and a way to ask for a pause after the current turn. */
export interface DebateRun {
  readonly id: string;
  readonly events: AsyncIterable<DebateEvent>;
  requestPause(): void;
}

export interface BranchRequest {
  /** How many of the parent's turns the branch keeps (1-based count; 0 keeps none). */
  atTurn: number;
  /** Replacement speakers, slot by slot (undefined keeps that slot as it was). */
  speakers?: (SpeakerConfig | undefined)[];
  /** Custom tones the replacement speakers may use. */
  customTones?: Tone[];
  /** Exchanges in all; default: the parent's. */
  exchanges?: number;
  /** A moderator's note the branch starts with. */
  note?: string;
}

type Emit = (event: DebateEvent) => void;

/** What an operation decided before the graph runs: refuse, resume a waiting moderator, or run on (null). */
type Prepared = { refuse: DebateError; transcript?: Transcript } | { resume: ModeratorReply } | null;

function unexpected(error: unknown): DebateError {
  return { kind: 'unknown', message: `The debate stopped on an internal error: ${error instanceof Error ? error.message : String(error)}` };
}

/** What a run ends with when there is no debate to show (an unknown id, an internal error before the record was read). */
function noTranscript(id: string): Transcript {
  return { id, topic: '', speakers: [], exchanges: 0, startedAt: '', endedAt: null, turns: [], outcome: 'failed', stopReason: 'error' };
}

function invalidRequest(message: string, field?: string): DebateError {
  return field === undefined ? { kind: 'invalid-config', message } : { kind: 'invalid-config', message, field };
}

/** Each configured speaker with its tone resolved to the prompt the record keeps, its stance and role sentences included. */
export function recordedSpeakers(speakers: readonly SpeakerConfig[], customTones: readonly Tone[] = []): DebateSpeaker[] {
  return speakers.map((speaker) => {
    const persona = findPersona(speaker.tone, customTones);
    if (persona === undefined) throw new EngineError(invalidRequest(`Unknown tone "${speaker.tone}".`, 'tone'));
    return recordedSpeaker(speaker, persona);
  });
}

function lastSpeakerTurn(turns: readonly Turn[]): SpeakerTurn | null {
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i];
    if (turn?.kind === 'speaker') return turn;
  }
  return null;
}

/** What the graph stores for a debate, and whether it waits for the moderator. */
interface ThreadState {
  values: DebateStateValue;
  pending: string[];
  waiting: boolean;
}

export class DebateSessions {
  /** The event sink of each debate running in this process, so a store's warning reaches its run. */
  private readonly running = new Map<string, Emit>();
  /** Per model, how Ollama's token counts compare with the estimates: learnt across this process's runs. */
  private readonly calibrations = new Map<string, TokenCalibration>();

  private readonly speakerBackends: SpeakerBackends;

  constructor(readonly store: DebateStore, options: SessionOptions = {}) {
    this.speakerBackends = options.speakerBackends ?? {};
    disableTracing();
    store.onWarning((id, message) => this.running.get(id)?.({ type: 'warning', message }));
  }

  /** Starts a new debate: its record exists before the first request leaves. */
  start(config: DebateConfig, options: SessionRunOptions = {}): DebateRun {
    const id = newDebateId(new Date());
    return this.runOperation(id, options, async () => {
      const invalid = validateConfig(config);
      if (invalid !== null) return { refuse: invalid, transcript: this.unsavedTranscript(id, config) };
      let speakers: DebateSpeaker[];
      let host: string;
      try {
        speakers = recordedSpeakers(config.speakers, config.customTones);
        host = resolveHost(config.host);
      } catch (error) {
        return { refuse: error instanceof EngineError ? error.detail : unexpected(error), transcript: this.unsavedTranscript(id, config) };
      }
      const now = new Date().toISOString();
      const settings: DebateSettings = {
        host,
        ...(config.contextWindow !== undefined && { contextWindow: config.contextWindow }),
        ...(config.contextBudgetChars !== undefined && { contextBudgetChars: config.contextBudgetChars }),
        ...(config.firstTokenTimeoutMs !== undefined && { firstTokenTimeoutMs: config.firstTokenTimeoutMs }),
        ...(config.stallTimeoutMs !== undefined && { stallTimeoutMs: config.stallTimeoutMs }),
        ...(config.maxReplyChars !== undefined && { maxReplyChars: config.maxReplyChars }),
      };
      const order = recordedOrder(config.order);
      const moderator = config.moderator === undefined ? undefined : recordedModerator(config.moderator);
      const closingStatements = config.closingStatements === true;
      const judge = config.judge === undefined ? undefined : { ...config.judge, model: config.judge.model.trim() };
      const language = recordedLanguage(config.language);
      const record: DebateRecord = {
        id, title: null, topic: config.topic, speakers, exchanges: config.exchanges, settings,
        createdAt: now, updatedAt: now, endedAt: null, outcome: 'running', stopReason: null, turnCount: 0,
        ...(order.kind !== 'round-robin' && { order }), ...(config.stopOn !== undefined && { stopOn: config.stopOn }),
        ...(moderator !== undefined && { moderator }), ...(closingStatements && { closingStatements }), ...(judge !== undefined && { judge }),
        ...(language !== undefined && { language }),
        ...(hasMaterial(config.material) && { material: config.material }),
        ...(config.tournament !== undefined && { tournament: config.tournament }),
      };
      this.store.create(record);
      await this.seed(record, {
        topic: config.topic, speakers, exchanges: config.exchanges, order, aiModerator: moderator ?? null, closingStatements, endJudge: judge ?? null,
        ...(config.stopOn !== undefined && { stopOn: config.stopOn }),
      });
      return null;
    });
  }

  /** Adds `exchanges` more exchanges (none: finishes the planned ones) to a debate that is not running. */
  continue(id: string, exchanges: number | undefined, options: SessionRunOptions = {}): DebateRun {
    return this.runOperation(id, options, async () => {
      const thread = await this.thread(id);
      if (thread === null) return { refuse: invalidRequest(`No debate ${id} in the library.`) };
      const { values } = thread;
      const planned = exchanges === undefined ? values.exchanges : Math.max(values.exchanges, values.round - 1) + exchanges;
      if (exchanges !== undefined && !(Number.isInteger(exchanges) && exchanges >= 1 && exchanges <= MAX_EXCHANGES)) {
        return { refuse: invalidRequest(`Continue adds 1 to ${MAX_EXCHANGES} exchanges at a time.`, 'exchanges') };
      }
      if (planned > MAX_TOTAL_EXCHANGES) {
        return { refuse: invalidRequest(`A debate has at most ${MAX_TOTAL_EXCHANGES} exchanges in all; this one would have ${planned}.`, 'exchanges') };
      }
      if (thread.waiting) return { resume: { exchanges: planned } };
      if (values.halt === null && values.round > planned) {
        return { refuse: invalidRequest('This debate has finished its exchanges: say how many more to add.', 'exchanges') };
      }
      await this.edit(id, { halt: null, exchanges: planned });
      return null;
    });
  }

  /** Goes on from a pause, with whatever the person moderating said or changed. */
  resume(id: string, reply: ModeratorReply, options: SessionRunOptions = {}): DebateRun {
    return this.runOperation(id, options, async () => {
      const thread = await this.thread(id);
      if (thread === null) return { refuse: invalidRequest(`No debate ${id} in the library.`) };
      if (!thread.waiting) return { refuse: invalidRequest('This debate is not waiting for the moderator.') };
      const problem = moderatorReplyProblem(reply, thread.values);
      if (problem !== null) return { refuse: invalidRequest(problem) };
      return { resume: reply };
    });
  }

  /** Speaks the last turn again; the earlier reply is kept as an alternative. The debate then goes on as Continue would. */
  regenerate(id: string, options: SessionRunOptions = {}): DebateRun {
    return this.runOperation(id, options, async () => {
      const thread = await this.thread(id);
      if (thread === null) return { refuse: invalidRequest(`No debate ${id} in the library.`) };
      const last = lastSpeakerTurn(thread.values.turns);
      if (last === null) return { refuse: invalidRequest('There is no turn to regenerate yet.') };
      const { order, speakers } = thread.values;
      const position = positionOf(order, last.exchange, last.speakerIndex, speakers.length);
      await this.edit(id, { halt: null, redo: last.id, round: last.exchange, position, awaitingModerator: false });
      return null;
    });
  }

  /** Makes an earlier reply of a turn the current one (the current one becomes an alternative). */
  async chooseAlternative(id: string, turnId: string, alternative: number): Promise<Transcript> {
    const lock = this.store.lock(id);
    if (!lock.ok) throw new EngineError({ kind: 'locked', message: `The debate is open for writing elsewhere (${lock.heldBy}).` });
    try {
      const thread = await this.thread(id);
      const turn = thread?.values.turns.find((candidate) => candidate.id === turnId);
      const chosen = turn?.kind === 'speaker' ? turn.alternatives?.[alternative] : undefined;
      if (thread === null || turn?.kind !== 'speaker' || chosen === undefined) {
        throw new EngineError(invalidRequest(`Turn ${turnId} has no reply number ${alternative + 1} to choose.`));
      }
      const alternatives = [...(turn.alternatives ?? [])];
      alternatives[alternative] = replyOf(turn);
      // The chosen reply brings its own note and reasoning (or none): the replaced one's must not stay.
      const { note: _previousNote, thinking: _previousThinking, thinkingMs: _previousThinkingMs, ...withoutNote } = turn;
      const update: DebateStateUpdate = { turns: [{ ...withoutNote, ...chosen, alternatives }] };
      if (thread.waiting) {
        // Recorded as the moderator's, the change would end the wait (the debate would look interrupted and refuse
        // resume). Record it as the turn's speaker, whose edge leads back to the moderator, and let it wait again.
        await this.edit(id, update, speakerNodeName(turn.speakerIndex));
        await this.graphFor(thread.values.speakers.length).invoke(null, { ...this.config(id), durability: 'sync' });
      } else {
        await this.edit(id, update);
      }
      return await this.transcript(id);
    } finally {
      lock.lock.release();
    }
  }

  /** A new debate sharing the first `atTurn` turns, recording its parent; run it with `continue(newId)`. */
  async branch(parentId: string, request: BranchRequest): Promise<string> {
    this.store.refresh(parentId);
    const parent = this.store.read(parentId);
    const thread = await this.thread(parentId);
    if (parent === null || thread === null) throw new EngineError(invalidRequest(`No debate ${parentId} in the library.`));
    const { values } = thread;
    if (!(Number.isInteger(request.atTurn) && request.atTurn >= 0 && request.atTurn <= values.turns.length)) {
      throw new EngineError(invalidRequest(`A branch starts after turn 0 to ${values.turns.length} of this debate.`, 'atTurn'));
    }
    const replacements = request.speakers ?? [];
    // Only replaced slots are resolved: a kept speaker keeps its recorded tone prompt, even a custom tone this process doesn't know.
    const changed = values.speakers.map((speaker, slot) => {
      const replacement = replacements[slot];
      return replacement === undefined ? speaker : (recordedSpeakers([replacement], request.customTones)[0] as DebateSpeaker);
    });
    const turns = values.turns.slice(0, request.atTurn);
    const at = positionAfter(turns, changed.length, values.order);
    const exchanges = request.exchanges ?? values.exchanges;
    if (!(Number.isInteger(exchanges) && exchanges >= Math.max(1, at.round - (at.position === 0 ? 1 : 0)) && exchanges <= MAX_TOTAL_EXCHANGES)) {
      throw new EngineError(invalidRequest(`The branch needs ${at.round} to ${MAX_TOTAL_EXCHANGES} exchanges in all.`, 'exchanges'));
    }
    const note = request.note?.trim() ?? '';
    const now = new Date().toISOString();
    if (note !== '') turns.push({ kind: 'moderator', id: randomBytes(4).toString('hex'), exchange: at.round, text: note, createdAt: now });
    const id = newDebateId(new Date());
    const record: DebateRecord = {
      ...parent, id, title: null, speakers: changed, exchanges, createdAt: now, updatedAt: now, endedAt: null,
      outcome: 'stopped', stopReason: null, turnCount: turns.length, parentId, forkedAtTurn: request.atTurn,
    };
    this.store.create(record);
    await this.seed(record, {
      topic: values.topic, speakers: changed, exchanges, turns, order: values.order, stopOn: values.stopOn, ...at,
      aiModerator: values.aiModerator, closingStatements: values.closingStatements, endJudge: values.endJudge, ...alreadyModerated(turns, at.round),
    });
    return id;
  }

  /**
   * Takes in a debate made elsewhere (an import): its record and turns, standing as
   * recorded, so it can be continued. A debate imported while running stands interrupted.
   */
  async adopt(record: DebateRecord, turns: Turn[]): Promise<void> {
    const outcome = record.outcome === 'running' ? 'interrupted' : record.outcome;
    const adopted: DebateRecord = { ...record, outcome, stopReason: outcome === 'interrupted' ? null : record.stopReason };
    this.store.create(adopted);
    const at = positionAfter(turns, record.speakers.length, record.order);
    const values: DebateStateUpdate = {
      topic: record.topic, speakers: record.speakers, exchanges: record.exchanges, turns, ...at, halt: haltFor(adopted, turns),
      ...(record.order !== undefined && { order: record.order }), ...(record.stopOn !== undefined && { stopOn: record.stopOn }),
      aiModerator: record.moderator ?? null, closingStatements: record.closingStatements === true, ...alreadyModerated(turns, at.round),
      // An imported debate is not judged again on import; a continued one is, when it ends again.
      endJudge: record.judge ?? null, judgedAt: turns.length,
    };
    const graph = this.graphFor(record.speakers.length);
    if (outcome !== 'paused') return this.seed(adopted, values);
    // Waiting for the moderator is a pending interrupt: let the moderator node (no model) reach it.
    await graph.updateState(this.config(record.id), { ...values, awaitingModerator: true }, speakerNodeName(0));
    await graph.invoke(null, { ...this.config(record.id), durability: 'sync' });
  }

  /** The debate as it stands, from its record and its last checkpoint. */
  async transcript(id: string): Promise<Transcript> {
    this.store.refresh(id);
    const record = this.store.read(id);
    if (record === null) throw new EngineError(invalidRequest(`No debate ${id} in the library.`));
    const thread = await this.thread(id);
    const recorded: Standing = { outcome: record.outcome, stopReason: record.stopReason, ...(record.stopNote !== undefined && { stopNote: record.stopNote }) };
    const standing = thread === null ? recorded : this.standing(record, thread);
    return this.transcriptOf(record, thread?.values ?? null, standing);
  }

  /**
   * A debate whose last writer died mid-run (its record still says running): its
   * cut-off turn is recorded from the live-turn file, marked, and the debate stands
   * interrupted, ready to continue from its last completed turn.
   */
  async recoverIfCutOff(id: string): Promise<boolean> {
    this.store.refresh(id);
    if (!this.store.wasCutOff(id)) return false;
    const lock = this.store.lock(id);
    if (!lock.ok) return false;
    try {
      const live = this.store.readLiveTurns(id);
      const update: DebateStateUpdate = { halt: { outcome: 'interrupted', reason: null } };
      const cutOff = live.filter((turn) => turn.text !== '').map(cutOffTurn);
      if (cutOff.length > 0) update.turns = cutOff;
      if (await this.thread(id)) await this.edit(id, update);
      this.store.clearLiveTurns(id);
      const record = this.store.read(id);
      const thread = await this.thread(id);
      this.store.update(id, {
        outcome: 'interrupted', stopReason: null, updatedAt: new Date().toISOString(),
        ...(thread !== null && { turnCount: thread.values.turns.length }),
        ...(record?.endedAt == null && { endedAt: live[0]?.startedAt ?? new Date().toISOString() }),
      });
      return true;
    } finally {
      lock.lock.release();
    }
  }

  private graphFor(speakerCount: number): DebateGraph {
    return debateGraph(speakerCount, this.store.checkpointer);
  }

  private config(id: string) {
    return { configurable: { thread_id: id } };
  }

  private async thread(id: string): Promise<ThreadState | null> {
    const record = this.store.read(id);
    if (record === null) return null;
    const snapshot = await this.graphFor(record.speakers.length).getState(this.config(id));
    const values = snapshot.values as Partial<DebateStateValue>;
    if (values.topic === undefined || values.speakers === undefined) return null;
    const waiting = snapshot.tasks.some((task) => task.interrupts.length > 0);
    return { values: values as DebateStateValue, pending: [...snapshot.next], waiting };
  }

  /** Records a change made outside a run (continue, regenerate, recovery), as the moderator would. */
  private async edit(id: string, update: DebateStateUpdate, asNode: string = MODERATOR_NODE): Promise<void> {
    const record = this.store.read(id);
    if (record === null) throw new EngineError(invalidRequest(`No debate ${id} in the library.`));
    await this.graphFor(record.speakers.length).updateState(this.config(id), update, asNode);
  }

  private async seed(record: DebateRecord, values: DebateStateUpdate): Promise<void> {
    await this.graphFor(record.speakers.length).updateState(this.config(record.id), values, MODERATOR_NODE);
  }

  private standing(record: DebateRecord, thread: ThreadState): Standing {
    // While a run goes on only its record knows; a record still saying running whose writer died was cut off.
    if (record.outcome === 'running') return { outcome: this.store.wasCutOff(record.id) ? 'interrupted' : 'running', stopReason: null };
    return standingOf(thread.values, thread.pending, thread.waiting);
  }

  private transcriptOf(record: DebateRecord, values: DebateStateValue | null, standing: Standing): Transcript {
    const order = values?.order ?? record.order ?? ROUND_ROBIN;
    const stopOn = values?.stopOn ?? record.stopOn;
    const moderator = values?.aiModerator ?? record.moderator;
    const closingStatements = values?.closingStatements ?? record.closingStatements === true;
    const judge = values?.endJudge ?? record.judge;
    return {
      id: record.id,
      topic: values?.topic ?? record.topic,
      speakers: (values?.speakers ?? record.speakers).map(({ tonePrompt: _prompt, ...speaker }) => speaker),
      exchanges: values?.exchanges ?? record.exchanges,
      startedAt: record.createdAt,
      endedAt: standing.outcome === 'running' ? null : record.endedAt,
      turns: values?.turns ?? [],
      outcome: standing.outcome,
      stopReason: standing.stopReason,
      ...(standing.stopNote !== undefined && { stopNote: standing.stopNote }),
      ...(order.kind !== 'round-robin' && { order }),
      ...(stopOn !== undefined && Object.keys(stopOn).length > 0 && { stopOn }),
      ...(moderator !== undefined && { moderator }),
      ...(closingStatements && { closingStatements }),
      ...(judge != null && { judge }),
      ...(record.language !== undefined && { language: record.language }),
      ...(record.material !== undefined && { material: record.material }),
      ...(record.parentId !== undefined && { parentId: record.parentId }),
      ...(record.forkedAtTurn !== undefined && { forkedAtTurn: record.forkedAtTurn }),
      ...(record.verdicts !== undefined && record.verdicts.length > 0 && { verdicts: record.verdicts }),
    };
  }

  private unsavedTranscript(id: string, config: DebateConfig): Transcript {
    const now = new Date().toISOString();
    return {
      id, topic: config.topic, speakers: Array.isArray(config.speakers) ? config.speakers : [], exchanges: config.exchanges,
      startedAt: now, endedAt: now, turns: [], outcome: 'failed', stopReason: 'error',
    };
  }

  /**
   * The shape every operation shares: take the debate for writing, prepare (which may
   * refuse), load the models, run the graph, and end with the debate's standing.
   */
  private runOperation(
    id: string,
    options: SessionRunOptions,
    prepare: () => Promise<Prepared>,
  ): DebateRun {
    const stop = new AbortController();
    const external = options.signal;
    const forwardAbort = () => stop.abort(external?.reason);
    if (external?.aborted) stop.abort(external.reason);
    else external?.addEventListener('abort', forwardAbort, { once: true });
    const pause = { requested: false };
    let finished: Promise<void> = Promise.resolve();
    const channel = new EventChannel<DebateEvent>(async () => {
      stop.abort();
      await finished;
    }, joinTokens);
    let ended = false;
    const emit: Emit = (event) => {
      ended ||= event.type === 'run-end';
      channel.push(event);
    };
    this.running.set(id, emit);
    finished = this.conduct(id, options, stop.signal, pause, prepare, emit)
      .catch((error: unknown) => {
        if (ended) return;
        emit({ type: 'error', error: unexpected(error) });
        emit({ type: 'run-end', transcript: noTranscript(id) });
      })
      .finally(() => {
        external?.removeEventListener('abort', forwardAbort);
        this.running.delete(id);
        channel.close();
      });
    return {
      id,
      events: channel,
      requestPause: () => {
        pause.requested = true;
      },
    };
  }

  private async conduct(
    id: string,
    options: SessionRunOptions,
    signal: AbortSignal,
    pause: { requested: boolean },
    prepare: () => Promise<Prepared>,
    emit: Emit,
  ): Promise<void> {
    const held = this.store.read(id) === null ? null : this.store.lock(id);
    if (held !== null && !held.ok) {
      const transcript = await this.transcript(id);
      emit({ type: 'run-start', transcript });
      emit({ type: 'error', error: { kind: 'locked', message: `This debate is open for writing elsewhere: ${held.heldBy}. It opens read-only here.` } });
      emit({ type: 'run-end', transcript });
      return;
    }
    let lock = held?.ok === true ? held.lock : null;
    try {
      const prepared = await prepare();
      if (lock === null) {
        // A new debate: its record was just created.
        const taken = this.store.read(id) === null ? null : this.store.lock(id);
        lock = taken?.ok === true ? taken.lock : null;
      }
      if (prepared !== null && 'refuse' in prepared) {
        // A refused request for a debate that does not exist has no transcript to show.
        const transcript = prepared.transcript ?? (this.store.read(id) === null ? noTranscript(id) : await this.transcript(id));
        emit({ type: 'run-start', transcript });
        emit({ type: 'error', error: prepared.refuse });
        emit({ type: 'run-end', transcript });
        return;
      }
      await this.runGraph(id, options, signal, pause, prepared?.resume ?? null, emit);
    } finally {
      lock?.release();
    }
  }

  private async runGraph(
    id: string,
    options: SessionRunOptions,
    signal: AbortSignal,
    pause: { requested: boolean },
    resume: ModeratorReply | null,
    emit: Emit,
  ): Promise<void> {
    const record = this.store.read(id);
    if (record === null) throw new Error(`The record of debate ${id} vanished.`);
    const settings = { ...record.settings, ...options.settings };
    const defaultHost = resolveHost(settings.host);
    this.store.update(id, { outcome: 'running', stopReason: null, endedAt: null, updatedAt: new Date().toISOString() });
    const before = await this.thread(id);
    if (before === null) throw new Error(`Debate ${id} has no state to run from.`);
    emit({ type: 'run-start', transcript: this.transcriptOf(record, before.values, { outcome: 'running', stopReason: null }) });
    const window = windowSetting(settings);
    if (window.note !== null) emit({ type: 'warning', message: window.note });
    const firstTokenTimeoutMs = settings.firstTokenTimeoutMs ?? DEFAULT_FIRST_TOKEN_TIMEOUT_MS;
    // A model's load is part of a first token's wait: the preload has the first-token timeout.
    const ollama = new OllamaBackend(defaultHost, new ContextWindows(window.window), firstTokenTimeoutMs);

    const live = new LiveTurnSaver(this.store, id);
    // The record's turn count follows each turn, so a debate killed mid-run is listed right.
    const turnIds = new Set(before.values.turns.map((turn) => turn.id));
    const recordingEmit: Emit = (event) => {
      live.observe(event);
      if (event.type === 'turn-end') {
        turnIds.add(event.turn.id);
        this.store.update(id, { updatedAt: new Date().toISOString(), turnCount: turnIds.size });
      }
      emit(event);
    };
    const failure = await this.loadModels(before.values, ollama, defaultHost, signal, recordingEmit);
    if (failure !== null) {
      await this.edit(id, { halt: failure === 'stopped' ? haltOnAbort(signal) : { outcome: 'failed', reason: 'error', error: failure } });
    } else {
      const run: RunContext = {
        defaultHost,
        speakerBackend: (speaker) => this.backendOf(speaker, ollama),
        calibrations: this.calibrations,
        firstTokenTimeoutMs,
        stallTimeoutMs: settings.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
        maxReplyChars: settings.maxReplyChars ?? DEFAULT_MAX_REPLY_CHARS,
        // Cleaned again: an imported or hand-edited record is as untrusted as a typed name.
        ...(recordedLanguage(record.language) !== undefined && { language: recordedLanguage(record.language) }),
        ...(hasMaterial(record.material) && { material: record.material }),
        signal,
        emit: recordingEmit,
        saveVerdict: (verdict) => this.store.addVerdict(id, verdict),
        takePauseRequest: () => {
          const asked = pause.requested || options.pauseAfterEveryTurn === true;
          pause.requested = false;
          return asked;
        },
      };
      try {
        // The run's signal is deliberately not given to LangGraph: aborting there would lose the
        // partial turn. Each turn sees the signal itself and the moderator routes to the end.
        const input = resume === null ? null : new Command<ModeratorReply, DebateStateUpdate, typeof MODERATOR_NODE>({ resume });
        await this.graphFor(record.speakers.length).invoke(input, {
          ...withRunContext(id, run),
          recursionLimit: RECURSION_LIMIT,
          // Each turn's checkpoint is written before the next turn starts: a kill or reload loses no finished turn.
          durability: 'sync',
        });
      } catch (error) {
        const detail = isAbortError(error) && signal.aborted ? null : unexpected(error);
        if (detail !== null) recordingEmit({ type: 'error', error: detail });
        await this.edit(id, { halt: detail === null ? haltOnAbort(signal) : { outcome: 'failed', reason: 'error', error: detail } });
      }
    }
    live.clear();
    const after = await this.thread(id);
    if (after === null) throw new Error(`Debate ${id} lost its state.`);
    const standing = standingOf(after.values, after.pending, after.waiting);
    const now = new Date().toISOString();
    const endedAt = standing.outcome === 'paused' ? null : now;
    // An undefined stopNote clears the one a previous run may have left.
    this.store.update(id, { ...standing, stopNote: standing.stopNote, endedAt, updatedAt: now, exchanges: after.values.exchanges, turnCount: after.values.turns.length });
    // Read again: the judge may have added a verdict during the run.
    emit({ type: 'run-end', transcript: this.transcriptOf({ ...(this.store.read(id) ?? record), endedAt }, after.values, standing) });
  }

  /** The backend a speaker's turns go through; loadModels made sure the process has it. */
  private backendOf(speaker: SpeakerConfig, ollama: OllamaBackend): SpeakerBackend {
    const backend = speakerBackendOf(speaker, ollama, this.speakerBackends);
    if (backend === undefined) throw new Error(`Speaker ${speaker.name} names a backend this process lacks.`);
    return backend;
  }

  /**
   * Gets every model the debate needs ready before the first turn: each speaker's through its
   * backend (a backend this process lacks fails first), then Ollama's hosts and models, the AI
   * moderator's and the consensus model's included. Null when all are ready, else why not.
   */
  private async loadModels(
    values: DebateStateValue,
    ollama: OllamaBackend,
    defaultHost: string,
    signal: AbortSignal,
    emit: Emit,
  ): Promise<DebateError | 'stopped' | null> {
    const lacking = values.speakers.findIndex((speaker) => speakerBackendOf(speaker, ollama, this.speakerBackends) === undefined);
    const lacked = values.speakers[lacking];
    if (lacked?.backend !== undefined) {
      const detail = missingBackendError(lacked, lacking, lacked.backend);
      emit({ type: 'error', error: detail });
      return detail;
    }
    // The AI moderator and the consensus model are loaded with the speakers: a missing one is said before the first turn, not after it.
    const consensus = values.stopOn.consensus;
    const helpers = [values.aiModerator, consensus?.model === undefined ? null : { host: consensus.host, model: consensus.model }].filter((helper) => helper !== null);
    const others = speakersByBackend(values.speakers);
    try {
      for (const [id, speakers] of others) await this.speakerBackends[id]?.prepare(speakers, signal);
      const otherModels = [...others.values()].flat().map((speaker) => speaker.model);
      const ollamaSpeakers = values.speakers.filter((speaker) => speaker.backend === undefined);
      await ollama.load(ollamaSpeakers, helpers, signal, (models) => emit({ type: 'models-loading', models: [...new Set([...models, ...otherModels])] }));
      // An embedding model can't be loaded with a chat request: ask whether it is there and embeds.
      const embedModel = values.stopOn.repetition?.embedModel;
      if (embedModel !== undefined) await checkEmbeddingModel(embedModel, { host: defaultHost, signal });
      // The judge speaks only at the end: checked now (a missing one is said before the first turn), loaded then.
      if (values.endJudge !== null) await showModel(ollama.hostOf(values.endJudge.host), values.endJudge.model);
      return null;
    } catch (error) {
      if (signal.aborted) return 'stopped';
      const detail = error instanceof EngineError ? error.detail : unexpected(error);
      emit({ type: 'error', error: detail });
      return detail;
    }
  }
}

/** The AI moderator as the record keeps it (names trimmed, an empty host left out). */
function recordedModerator(moderator: ModeratorConfig): ModeratorConfig {
  const host = moderator.host?.trim() ?? '';
  return { model: moderator.model.trim(), ...(host !== '' && { host }) };
}

/** A debate taken up with turns already said (a branch, an import): its moderator doesn't open it again nor review rounds already gone. */
function alreadyModerated(turns: readonly Turn[], round: number): Pick<DebateStateUpdate, 'framed' | 'reviewedRound'> {
  return { framed: turns.length > 0, reviewedRound: Math.max(0, round - 1) };
}

/** The order a debate keeps: a random one without a seed gets one now, so its rounds can be read again. */
function recordedOrder(order: TurnOrder | undefined): TurnOrder {
  if (order === undefined) return ROUND_ROBIN;
  return order.kind === 'random' && order.seed === undefined ? { kind: 'random', seed: randomSeed() } : order;
}

/** The graph's halt that makes a debate stand as its record says. */
function haltFor(record: DebateRecord, turns: readonly Turn[]): Halt | null {
  switch (record.outcome) {
    case 'complete':
      if (record.stopReason === 'moderator') return { outcome: 'complete', reason: 'moderator', ...(record.stopNote !== undefined && { note: record.stopNote }) };
      if (record.stopReason === 'repetition') return { outcome: 'complete', reason: 'repetition', note: record.stopNote ?? 'A speaker repeated an earlier reply.' };
      if (record.stopReason === 'consensus') return { outcome: 'complete', reason: 'consensus', note: record.stopNote ?? 'The speakers agreed.' };
      return null;
    case 'stopped':
      return { outcome: 'stopped', reason: 'user' };
    case 'failed': {
      const last = lastSpeakerTurn(turns);
      return { outcome: 'failed', reason: 'error', error: { kind: 'unknown', message: last?.note ?? 'The debate failed.' } };
    }
    case 'interrupted':
    case 'running':
      return { outcome: 'interrupted', reason: null };
    case 'paused':
      return null;
    default: {
      const unknownOutcome: never = record.outcome;
      throw new Error(`Unknown outcome ${String(unknownOutcome)}`);
    }
  }
}

/** The turn a live-turn record holds, as a stopped turn marked cut off. */
export function cutOffTurn(live: LiveTurnRecord): SpeakerTurn {
  return {
    kind: 'speaker',
    id: live.turnId,
    exchange: live.exchange,
    speakerIndex: live.speakerIndex,
    speaker: live.speaker,
    model: live.model,
    tone: live.tone,
    text: live.text,
    ...(live.thinking !== undefined && live.thinking !== '' && { thinking: live.thinking }),
    status: 'stopped',
    // Ollama's figures for a turn cut off mid-stream never arrived; the chunk count did.
    metrics: { timeToFirstTokenMs: null, durationMs: 0, tokens: live.tokens, tokensPerSecond: null, loadDurationMs: null, promptTokens: null },
    note: CUT_OFF_NOTE,
  };
}

/** Saves the turns in progress at most every LIVE_TURN_SAVE_INTERVAL_MS, so a kill loses at most that much. */
class LiveTurnSaver {
  /** By turn id, in start order (several at once in a simultaneous round). */
  private readonly turns = new Map<string, LiveTurnRecord>();
  private savedAt = 0;

  constructor(private readonly store: DebateStore, private readonly id: string) {}

  observe(event: DebateEvent): void {
    switch (event.type) {
      case 'turn-start': {
        const { type: _type, ...heading } = event;
        this.turns.set(event.turnId, { ...heading, text: '', tokens: 0, startedAt: new Date().toISOString() });
        this.save();
        break;
      }
      case 'token': {
        const turn = this.turns.get(event.turnId);
        if (turn === undefined) return;
        turn.text += event.text;
        turn.tokens++;
        this.saveIfDue();
        break;
      }
      case 'thinking': {
        const turn = this.turns.get(event.turnId);
        if (turn === undefined) return;
        turn.thinking = (turn.thinking ?? '') + event.text;
        this.saveIfDue();
        break;
      }
      case 'turn-end':
        if (!this.turns.delete(event.turn.id)) return;
        if (this.turns.size === 0) this.store.clearLiveTurns(this.id);
        else this.save();
        break;
      default:
        break;
    }
  }

  clear(): void {
    if (this.turns.size === 0) return;
    this.turns.clear();
    this.store.clearLiveTurns(this.id);
  }

  private saveIfDue(): void {
    if (performance.now() - this.savedAt >= LIVE_TURN_SAVE_INTERVAL_MS) this.save();
  }

  private save(): void {
    this.savedAt = performance.now();
    this.store.saveLiveTurns(this.id, [...this.turns.values()].map((turn) => ({ ...turn })));
  }
}

/** Adjacent token events of one turn, not yet read, become one event with the joined text. */
export function joinTokens(last: DebateEvent, next: DebateEvent): DebateEvent | null {
  if (last.type !== 'token' || next.type !== 'token' || last.turnId !== next.turnId) return null;
  return { type: 'token', turnId: last.turnId, text: last.text + next.text };
}
