// The debate shown in one panel, kept in the library: reads it by id, runs its
// operations (start, continue, pause, resume, regenerate, choose a reply, stop)
// through the library's sessions, follows each run's events through the contract's
// reducer (the webview runs the same one on what it is sent) and posts them, tokens in
// frame-sized batches. The library's record is the truth: nothing is saved here. No
// VS Code import: the panel hands it its dependencies, tests hand it real sessions.
import { describeHolder } from '../../engine/library/lock';
import type { DebateRun, DebateSessions, ModeratorReply, SessionRunOptions } from '../../engine/session';
import { runCutOff } from '../../engine/run-cut-off';
import type { DebateError, DebateEvent, Transcript } from '../../engine/types';
import { lastSpeakerTurn } from '../contract/debate-rules';
import type { DebateAccess, DebateRequest, DebateStatus, DebateView, HostMessage } from '../contract/protocol';
import { applyDebateEvent, emptyDebateView, statusForOutcome, WRITABLE } from '../contract/snapshot';
import type { EngineAccessor } from '../engine-access';
import type { LibraryOpening } from '../library/library-access';
import { errorMessage, type Logger } from '../log';
import type { Scheduler } from '../scheduler';
import type { ExtensionSettings } from '../settings';
import { toDebateConfig } from './debate-request';
import { TokenBatcher } from './token-batcher';
import * as l10n from '../contract/l10n';

/** What a turn cut off by its panel closing (or the window reloading) says happened. */
export const PANEL_CLOSED_NOTE = 'Cut off: its panel closed or the window reloaded while this turn streamed; the text up to that point is kept.';

/** The library as a panel uses it (LibraryAccess fits). */
export interface DebateLibraryAccess {
  open(): Promise<LibraryOpening>;
  /** A debate started, ended or changed: the Debates view lists it again. */
  changed(): void;
}

export interface SessionDependencies {
  /** Resolves the host and loads the engine (engine-access.ts). */
  engines: EngineAccessor;
  library: DebateLibraryAccess;
  /** The settings a debate's config and runs are built with (custom tones, context budget, timeouts). */
  settings(): ExtensionSettings;
  /** To the webview: `debate-event` messages, `status` for what the host decides itself, `debate` for a debate read whole. */
  post(message: HostMessage): void;
  log: Logger;
  scheduler: Scheduler;
}

/** Opens one run on the library's sessions, with the run's options and the resolved host. */
type RunOpener = (sessions: DebateSessions, options: SessionRunOptions, host: string) => DebateRun;

interface Run {
  abort: AbortController;
  /** The engine's run, once the library is open. */
  debate: DebateRun | null;
  /** Pause was asked for before the engine's run existed. */
  pauseAsked: boolean;
  finished: Promise<void>;
}

/** How often a debate held elsewhere is read again, so the panel follows it and becomes writable once it is free. */
export const HELD_RECHECK_MS = 2_000;

function isHeldElsewhere(error: DebateError | null): error is DebateError {
  return error?.kind === 'locked';
}

function unavailable(debateId: string, reason: string, transcript: Transcript | null = null): DebateView {
  return { ...emptyDebateView(), transcript, access: { kind: 'unavailable', debateId, reason } };
}

/** The status a debate read from the library shows: one running elsewhere is not running here. */
function statusOfRead(transcript: Transcript, access: DebateAccess): DebateStatus {
  if (transcript.outcome === 'running') return access.kind === 'read-only' ? 'running-elsewhere' : 'interrupted';
  return statusForOutcome(transcript.outcome);
}

export class SessionController {
  private state: DebateView = emptyDebateView();
  private run: Run | null = null;
  private readonly tokens: TokenBatcher;
  /** The timer reading a debate held elsewhere again. */
  private recheck: unknown = null;
  private disposed = false;

  constructor(private readonly deps: SessionDependencies) {
    this.tokens = new TokenBatcher((batch) => this.post({ type: 'debate-event', event: batch }), deps.scheduler);
  }

  /** The debate as the webview shows it, once it has been sent every message posted so far. */
  get view(): DebateView {
    return this.state;
  }

  /** The id of the debate shown, also when it can't be shown (so a reload tries it again). */
  get debateId(): string | null {
    const { transcript, access } = this.state;
    return transcript?.id ?? (access.kind === 'unavailable' ? access.debateId : null);
  }

  get isRunning(): boolean {
    return this.run !== null;
  }

  /** Nothing runs, or what runs was stopped (a start waits for it to close). */
  get canStart(): boolean {
    return this.run === null || this.run.abort.signal.aborted;
  }

  /** Reads debate `id` from the library and shows it; a debate cut off by a reload or a crash is recorded as interrupted first. */
  async show(id: string): Promise<void> {
    if (this.run !== null) {
      this.deps.log.warn(`Debate ${id} was not shown: a debate is running in this panel.`);
      return;
    }
    let view: DebateView;
    try {
      view = await this.read(id);
    } catch (error) {
      view = unavailable(id, l10n.t('This debate ({0}) could not be read: {1}', id, errorMessage(error)));
    }
    // A run begun while the library was read (a new debate started, say) shows its own debate.
    if (this.run === null && !this.disposed) this.replace(view);
  }

  /** The debate shown was deleted from the library: what is on screen stays, said to be all that is left. */
  deleted(): void {
    const id = this.debateId;
    if (id === null) return;
    this.replace(unavailable(id, l10n.t('This debate was deleted from the library. What is shown here is all that is left of it: export it to keep it.'), this.state.transcript));
  }

  /** Runs a new debate; the one shown before stays in the library. Resolves when it ends. */
  start(request: DebateRequest): Promise<void> {
    return this.begin((sessions, options, host) => {
      this.deps.log.info(
        `Debate started on ${host}: ${request.speakers.map((s) => `${s.model} (${s.tone})`).join(', ')}, ${request.exchanges} exchange(s).`,
      );
      return sessions.start(toDebateConfig(request, this.deps.settings(), host), options);
    });
  }

  /** Runs the debate on by `exchanges` more (undefined: finishes the planned ones). */
  continue(exchanges: number | undefined): Promise<void> {
    const id = this.operable('continue');
    if (id === null) return Promise.resolve();
    return this.begin((sessions, options) => sessions.continue(id, exchanges, options));
  }

  /** Goes on from a pause with what the moderator decided. */
  resume(reply: ModeratorReply): Promise<void> {
    const id = this.operable('resume');
    if (id === null) return Promise.resolve();
    return this.begin((sessions, options) => sessions.resume(id, reply, options));
  }

  /** Speaks the last speaker turn again (it must be `turnId`); a paused debate pauses again after it. */
  regenerate(turnId: string): Promise<void> {
    const id = this.operable('regenerate');
    if (id === null) return Promise.resolve();
    const last = lastSpeakerTurn(this.state.transcript?.turns ?? []);
    if (last?.id !== turnId) {
      this.deps.log.warn(`Turn ${turnId} is not the last speaker turn; only that one can be regenerated.`);
      return Promise.resolve();
    }
    const wasPaused = this.state.status === 'paused';
    return this.begin((sessions, options) => {
      const run = sessions.regenerate(id, options);
      if (wasPaused) run.requestPause();
      return run;
    });
  }

  /** Makes an earlier reply of a turn its current one. */
  async chooseAlternative(turnId: string, alternative: number): Promise<void> {
    const id = this.operable('choose another reply');
    if (id === null) return;
    const opening = await this.deps.library.open();
    if (!opening.ok) return this.showError({ kind: 'unknown', message: opening.message });
    try {
      const transcript = await opening.library.sessions.chooseAlternative(id, turnId, alternative);
      if (this.debateId !== id) return;
      this.replace({ ...this.state, transcript, error: null });
      this.deps.library.changed();
    } catch (error) {
      this.showError({ kind: 'unknown', message: l10n.t('The reply was not changed: {0}', errorMessage(error)) });
    }
  }

  /** Asks the run to wait for the moderator once the turn in progress ends. */
  pause(): void {
    const run = this.run;
    if (run === null || run.abort.signal.aborted || this.state.status === 'pausing') return;
    if (run.debate === null) run.pauseAsked = true;
    else run.debate.requestPause();
    this.setStatus('pausing');
    this.deps.log.info('The debate pauses after the turn in progress.');
  }

  /** Stops the running debate at once; the partial turn is kept as a stopped turn. */
  stop(): void {
    if (this.run === null || this.run.abort.signal.aborted) return;
    this.run.abort.abort();
    this.tokens.flush();
    this.setStatus('stopped');
    this.deps.log.info('Debate stopped.');
  }

  /** A snapshot holding every token so far is being sent instead of the batch still waiting. */
  discardUnsentTokens(): void {
    this.tokens.discard();
  }

  /**
   * The panel closed, or the window is closing or reloading: the run ends, not stopped by the
   * person but cut off, so the debate stands interrupted and Continue resumes it.
   */
  dispose(): void {
    if (this.disposed) return;
    this.stopRechecking();
    this.run?.abort.abort(runCutOff(PANEL_CLOSED_NOTE));
    this.tokens.discard();
    this.disposed = true;
  }

  /** The id of the debate shown when an operation may run on it here, else null (logged). */
  private operable(operation: string): string | null {
    const id = this.state.transcript?.id ?? null;
    const problem =
      id === null ? 'no debate is shown'
        : this.run !== null ? 'a run is going on'
          : this.state.access.kind === 'read-only' ? 'the debate is read-only here'
            : this.state.access.kind === 'unavailable' ? 'the debate is not available from the library'
              : null;
    if (problem === null) return id;
    this.deps.log.warn(`Could not ${operation}: ${problem}.`);
    return null;
  }

  private async read(id: string): Promise<DebateView> {
    const opening = await this.deps.library.open();
    if (!opening.ok) return unavailable(id, opening.message);
    const { sessions, store } = opening.library;
    // What another process wrote since this one last read the debate counts (a cached record saying
    // `running` would make a debate that ended elsewhere look cut off).
    store.refresh(id);
    try {
      await sessions.recoverIfCutOff(id);
    } catch (error) {
      this.deps.log.warn(`Could not record how debate ${id} was cut off: ${errorMessage(error)}`);
    }
    const entry = store.library.get(id);
    if (entry === null) {
      return unavailable(id, l10n.t('This debate ({0}) is not in the library at {1}: it was deleted, or it is kept in another library folder (setting talkingModels.libraryFolder).', id, store.folder));
    }
    if (!entry.ok) return unavailable(id, l10n.t("This debate ({0}) is damaged and can't be shown: {1}", id, entry.reason));
    let transcript: Transcript;
    try {
      transcript = await sessions.transcript(id);
    } catch (error) {
      return unavailable(id, l10n.t('This debate ({0}) could not be read: {1}', id, errorMessage(error)));
    }
    const access: DebateAccess = entry.lockedBy === null
      ? WRITABLE
      : { kind: 'read-only', reason: l10n.t('This debate is {0}, so it is read-only here. Branch it to go on with your own copy.', describeHolder(entry.lockedBy)) };
    return { ...emptyDebateView(), status: statusOfRead(transcript, access), transcript, access };
  }

  private async begin(open: RunOpener): Promise<void> {
    if (!this.canStart) {
      this.deps.log.warn('A debate is already running in this panel; stop it before starting another.');
      return;
    }
    this.stopRechecking();
    // A stopped debate may still be closing its request: let it finish first.
    if (this.run !== null) await this.run.finished;
    const run: Run = { abort: new AbortController(), debate: null, pauseAsked: false, finished: Promise.resolve() };
    run.finished = this.follow(open, run).finally(() => {
      if (this.run === run) this.run = null;
    });
    this.run = run;
    await run.finished;
  }

  private async follow(open: RunOpener, run: Run): Promise<void> {
    this.setStatus('connecting');
    let lastError: DebateError | null = null;
    try {
      const access = await this.deps.engines();
      if (!access.ok) return this.fail(access.error);
      const { engine, host } = access;
      const opening = await this.deps.library.open();
      if (!opening.ok) return this.fail({ kind: 'unknown', message: opening.message });
      const settings = this.deps.settings();
      try {
        const debate = open(opening.library.sessions, {
          signal: run.abort.signal,
          settings: { host, contextWindow: settings.contextWindow, firstTokenTimeoutMs: settings.firstTokenTimeoutMs },
        }, host);
        run.debate = debate;
        if (run.pauseAsked) debate.requestPause();
        for await (const event of debate.events) {
          if (this.disposed) return;
          if (event.type === 'error') lastError = event.error;
          this.apply(event);
        }
      } catch (error) {
        // The engine reports failures as events; this guards against an engine bug.
        this.fail(engine.describeOllamaError(error, { host }));
      }
    } finally {
      this.tokens.flush();
      if (!this.disposed && isHeldElsewhere(lastError)) this.heldElsewhere(lastError);
    }
  }

  /** The engine refused the run: another window or process holds the debate. It stays here, read-only. */
  private heldElsewhere(error: DebateError): void {
    const transcript = this.state.transcript;
    const access: DebateAccess = { kind: 'read-only', reason: error.message };
    const status = transcript === null ? 'idle' : statusOfRead(transcript, access);
    this.replace({ ...this.state, status, error: null, access });
  }

  private apply(event: DebateEvent): void {
    this.state = applyDebateEvent(this.state, event);
    if (event.type === 'token') {
      this.tokens.push(event);
      return;
    }
    // A turn's tokens go before its reasoning; the other turns' batches (a simultaneous round) go on filling.
    this.tokens.flush(event.type === 'thinking' ? event.turnId : undefined);
    this.post({ type: 'debate-event', event });
    switch (event.type) {
      case 'error':
        this.deps.log.error(event.error.message);
        break;
      case 'warning':
        this.deps.log.warn(event.message);
        break;
      case 'run-start':
      case 'run-end':
      case 'verdict':
        this.deps.library.changed();
        break;
      case 'judge-start':
      case 'verdict-unavailable':
      case 'models-loading':
      case 'moderator-start':
      case 'turn-start':
      case 'thinking':
      case 'turn-end':
        break;
      default: {
        const unexpected: never = event;
        throw new Error(`Unknown debate event: ${JSON.stringify(unexpected)}`);
      }
    }
  }

  /** Shows `view` whole (a debate read from the library, or changed outside a run). */
  private replace(view: DebateView): void {
    this.tokens.discard();
    // Read again unchanged (a debate held elsewhere, checked while nothing happened there): nothing to redraw.
    const unchanged = JSON.stringify(view) === JSON.stringify(this.state);
    this.state = view;
    if (!unchanged) this.post({ type: 'debate', debate: view });
    this.stopRechecking();
    // Held elsewhere (another window, the CLI, or this window's previous extension host still
    // winding down after a reload): follow it until it is free.
    const id = view.transcript?.id;
    if (view.access.kind === 'read-only' && id !== undefined && !this.disposed) {
      this.recheck = this.deps.scheduler.setTimeout(() => {
        this.recheck = null;
        if (this.run === null && this.debateId === id) void this.show(id);
      }, HELD_RECHECK_MS);
    }
  }

  private stopRechecking(): void {
    if (this.recheck === null) return;
    this.deps.scheduler.clearTimeout(this.recheck);
    this.recheck = null;
  }

  /** An error outside a run: shown, the debate left as it stands. */
  private showError(error: DebateError): void {
    this.deps.log.error(error.message);
    this.replace({ ...this.state, error });
  }

  /** A failure before or outside the engine's own events (no host, no engine, no library, an engine bug). */
  private fail(error: DebateError): void {
    this.apply({ type: 'error', error });
    this.setStatus('failed');
  }

  private setStatus(status: DebateStatus): void {
    if (this.state.status === status) return;
    this.state = { ...this.state, status };
    this.post({ type: 'status', status });
  }

  private post(message: HostMessage): void {
    if (!this.disposed) this.deps.post(message);
  }
}
