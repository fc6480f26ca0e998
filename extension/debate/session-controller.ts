// Runs the debate shown in one panel: opens the engine, follows its events through the
// contract's reducer (the webview runs the same one on what it is sent), posts them
// (tokens in frame-sized batches) and has the debate saved as it goes. No VS Code
// import: the panel hands it its dependencies, tests hand it fakes.
import type { DebateError, DebateEvent } from '../../engine/types';
import type { DebateRequest, DebateStatus, DebateView, HostMessage } from '../contract/protocol';
import { applyDebateEvent, emptyDebateView } from '../contract/snapshot';
import type { DebateEngine, EngineAccessor } from '../engine-access';
import type { Logger } from '../log';
import { Throttle, type Scheduler } from '../scheduler';
import type { ExtensionSettings } from '../settings';
import { toDebateConfig } from './debate-request';
import type { SavedLiveTurn } from './revival';
import { TokenBatcher } from './token-batcher';

/** While streaming, the debate is saved at most this often (and at every turn end). */
export const SAVE_INTERVAL_MS = 500;

export interface SessionDependencies {
  /** Resolves the host and loads the engine (engine-access.ts). */
  engines: EngineAccessor;
  /** The settings a debate's config is built with (custom tones, context budget, timeouts). */
  settings(): ExtensionSettings;
  /** To the webview: `debate-event` messages, and `status` for what the host decides itself. */
  post(message: HostMessage): void;
  log: Logger;
  /** Saves the panel, whose snapshot holds `view`: throttled while streaming, at once at turn ends. */
  save(): void;
  /** Saves the turn in progress with every token batch posted, so a reload loses nothing shown. */
  saveLiveTurn(saved: SavedLiveTurn): void;
  scheduler: Scheduler;
}

/** Opens a run of the debate on an engine that is loaded and a host that is resolved. */
type RunOpener = (engine: DebateEngine, host: string, signal: AbortSignal) => AsyncIterable<DebateEvent>;

interface Run {
  abort: AbortController;
  finished: Promise<void>;
}

export class SessionController {
  private state: DebateView;
  private run: Run | null = null;
  private readonly tokens: TokenBatcher;
  private readonly saver: Throttle;
  private disposed = false;

  constructor(
    private readonly deps: SessionDependencies,
    restored: DebateView | null = null,
  ) {
    this.state = restored ?? emptyDebateView();
    this.tokens = new TokenBatcher((batch) => {
      this.post({ type: 'debate-event', event: batch });
      const { liveTurn, transcript } = this.state;
      if (liveTurn !== null && transcript !== null) deps.saveLiveTurn({ debateId: transcript.id, turn: liveTurn });
    }, deps.scheduler);
    this.saver = new Throttle(() => deps.save(), SAVE_INTERVAL_MS, deps.scheduler);
  }

  /** The debate as the webview shows it, once it has been sent every message posted so far. */
  get view(): DebateView {
    return this.state;
  }

  get isRunning(): boolean {
    return this.run !== null;
  }

  /** Nothing runs, or what runs was stopped (a start waits for it to close). */
  get canStart(): boolean {
    return this.run === null || this.run.abort.signal.aborted;
  }

  /** Runs a new debate; resolves when it ends. */
  start(request: DebateRequest): Promise<void> {
    return this.begin((engine, host, signal) => {
      this.deps.log.info(
        `Debate started on ${host}: ${request.speakers.map((s) => `${s.model} (${s.tone})`).join(', ')}, ${request.exchanges} exchange(s).`,
      );
      return engine.runDebate(toDebateConfig(request, this.deps.settings(), host), { signal });
    });
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

  /** Saves at once (the window is closing or reloading). */
  saveNow(): void {
    this.saver.now();
  }

  /** The panel closed: stop the run and keep the debate as it stands. */
  dispose(): void {
    if (this.disposed) return;
    this.run?.abort.abort();
    this.tokens.flush();
    this.saver.now();
    this.tokens.discard();
    this.disposed = true;
  }

  private async begin(open: RunOpener): Promise<void> {
    if (!this.canStart) {
      this.deps.log.warn('A debate is already running in this panel; stop it before starting another.');
      return;
    }
    // A stopped debate may still be closing its request: let it finish first.
    if (this.run !== null) await this.run.finished;
    const abort = new AbortController();
    const finished = this.follow(open, abort.signal).finally(() => {
      if (this.run?.abort === abort) this.run = null;
    });
    this.run = { abort, finished };
    await finished;
  }

  private async follow(open: RunOpener, signal: AbortSignal): Promise<void> {
    this.setStatus('connecting');
    try {
      const access = await this.deps.engines();
      if (!access.ok) return this.fail(access.error);
      const { engine, host } = access;
      try {
        for await (const event of open(engine, host, signal)) {
          if (this.disposed) return;
          this.apply(event);
        }
      } catch (error) {
        // The engine reports failures as events; this guards against an engine bug.
        this.fail(engine.describeOllamaError(error, { host }));
      }
    } finally {
      this.tokens.flush();
      if (!this.disposed) this.saver.now();
    }
  }

  private apply(event: DebateEvent): void {
    this.state = applyDebateEvent(this.state, event);
    if (event.type === 'token') {
      this.tokens.push(event);
      this.saver.request();
      return;
    }
    this.tokens.flush();
    this.post({ type: 'debate-event', event });
    switch (event.type) {
      case 'error':
        this.deps.log.error(event.error.message);
        break;
      case 'warning':
        this.deps.log.warn(event.message);
        break;
      case 'turn-end':
      case 'run-end':
        this.saver.now();
        break;
      case 'run-start':
      case 'models-loading':
      case 'turn-start':
        break;
      default: {
        const unexpected: never = event;
        throw new Error(`Unknown debate event: ${JSON.stringify(unexpected)}`);
      }
    }
  }

  /** A failure before or outside the engine's own events (no host, no engine, an engine bug). */
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
