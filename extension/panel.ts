// The controller of one debate panel: it owns the panel's snapshot (transcript,
// live turn, form, models) and the debate's lifecycle, and talks to the
// webview only through typed messages. It has no VS Code import: the adapter
// (debate-panels.ts) hands it a PanelEnvironment, tests hand it fakes.
import { allTones } from '../engine/tones';
import type {
  DebateConfig,
  DebateError,
  DebateEvent,
  ModelInfo,
  PullProgress,
  RunOptions,
  Transcript,
} from '../engine/types';
import { defaultForm, fillDefaultModels, panelTitle, toDebateConfig } from './debate-request';
import {
  parseWebviewMessage,
  type DebateRequest,
  type DebateStatus,
  type HostMessage,
  type LiveTurn,
  type PanelSnapshot,
  type WebviewMessage,
} from './protocol';
import { PullProgressFilter } from './pull-rules';
import { Debounced, realScheduler, type Scheduler } from './scheduler';
import { effectiveHost, type ExtensionSettings } from './settings';
import { applyDebateEvent } from './snapshot';
import { TokenBatcher } from './token-batcher';

/** The part of the engine a panel uses (loaded on first use). */
export interface DebateEngine {
  runDebate(config: DebateConfig, options?: RunOptions): AsyncIterable<DebateEvent>;
  listModels(host: string, signal?: AbortSignal): Promise<ModelInfo[]>;
  pullModel(host: string, model: string, onProgress: (progress: PullProgress) => void, signal?: AbortSignal): Promise<void>;
  describeOllamaError(error: unknown, context: { host: string; model?: string }): DebateError;
}

export interface PanelLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Everything the controller needs from the outside world. */
export interface PanelEnvironment {
  post(message: HostMessage): void;
  log: PanelLogger;
  settings(): ExtensionSettings;
  loadEngine(): Promise<DebateEngine>;
  openSettings(): void;
  /** Asks where to save and writes the file; resolves to the path written, or undefined if cancelled. */
  exportTranscript(transcript: Transcript | null): Promise<string | undefined>;
  /** Stores the snapshot so the panel can come back after a window reload. */
  save(snapshot: PanelSnapshot): void;
  /** Stores the turn in progress, with every token batch the webview is sent: a reload loses none of it. */
  saveLiveTurn(liveTurn: LiveTurn): void;
  setTitle(title: string): void;
  scheduler?: Scheduler;
}

/** While streaming, the snapshot is saved at most this often (and at every turn end). */
export const SAVE_INTERVAL_MS = 500;
/** How long `ready` waits for the model list before drawing the panel without it. */
export const READY_MODELS_WAIT_MS = 1_500;
const LIST_MODELS_TIMEOUT_MS = 10_000;

type ModelsResult = { ok: true; models: ModelInfo[]; host: string } | { ok: false; error: DebateError };

interface Run {
  abort: AbortController;
  finished: Promise<void>;
}

export class DebatePanelController {
  private state: PanelSnapshot;
  private run: Run | null = null;
  private readonly pulls = new Map<string, AbortController>();
  private readonly tokens: TokenBatcher;
  private readonly saver: Debounced;
  private readonly scheduler: Scheduler;
  /** A model listing started before the webview said `ready`, used by that first `ready`. */
  private prefetched: Promise<ModelsResult> | null = null;
  private disposed = false;

  constructor(
    readonly panelId: string,
    private readonly env: PanelEnvironment,
    restored: PanelSnapshot | null = null,
  ) {
    const scheduler = env.scheduler ?? realScheduler;
    this.scheduler = scheduler;
    this.state = restored ?? this.freshSnapshot();
    this.tokens = new TokenBatcher((event) => {
      this.post({ type: 'debate-event', event });
      if (this.state.liveTurn !== null) this.env.saveLiveTurn(this.state.liveTurn);
    }, scheduler);
    this.saver = new Debounced(() => this.env.save(this.snapshot()), SAVE_INTERVAL_MS, scheduler);
    env.setTitle(panelTitle(this.state.transcript?.topic ?? null));
  }

  /** The panel's state as the webview would draw it now. */
  snapshot(): PanelSnapshot {
    return this.state;
  }

  get isRunning(): boolean {
    return this.run !== null;
  }

  get transcript(): Transcript | null {
    return this.state.transcript;
  }

  /** Handles one message from the webview; malformed ones are logged and ignored. */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.env.log.warn(`Ignored a malformed message from the debate panel (${parsed.reason}).`);
      return;
    }
    await this.handle(parsed.message);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.onReady();
      case 'start':
        return this.start(message.request);
      case 'stop':
        return this.stop();
      case 'export':
        return this.exportTranscript();
      case 'refresh-models':
        return this.refreshModels();
      case 'pull-model':
        return this.pull(message.model);
      case 'open-settings':
        return this.env.openSettings();
      default: {
        const unexpected: never = message;
        this.env.log.warn(`Ignored an unknown message from the debate panel: ${JSON.stringify(unexpected)}`);
      }
    }
  }

  /**
   * Starts listing models (and loading the engine) while the webview is still
   * loading, so that its first picture can already offer them.
   */
  prefetchModels(): void {
    this.prefetched ??= this.listModels();
  }

  /** The webview (re)loaded: draw it from the snapshot, then list the models. */
  private async onReady(): Promise<void> {
    this.state = { ...this.state, tones: allTones(this.env.settings().customTones) };
    const listing = this.prefetched ?? this.listModels();
    this.prefetched = null;
    // The first picture should offer the models: wait briefly for a first list (a slow host must
    // not hold the panel up); once a list is known, draw at once and refresh it afterwards.
    if (this.state.models === null) await raceWithDelay(listing, READY_MODELS_WAIT_MS, this.scheduler);
    // The snapshot holds every token so far, including a batch not yet posted: drop that batch.
    this.tokens.discard();
    this.post({ type: 'init', panelId: this.panelId, snapshot: this.snapshot() });
    this.postModels(await listing);
  }

  async refreshModels(): Promise<void> {
    this.postModels(await this.listModels());
  }

  private async listModels(): Promise<ModelsResult> {
    const resolved = effectiveHost(this.env.settings());
    if (!resolved.ok) return resolved;
    const host = resolved.host;
    this.state = { ...this.state, host };
    const engine = await this.engine();
    if (!engine.ok) return engine;
    try {
      const models = await engine.engine.listModels(host, AbortSignal.timeout(LIST_MODELS_TIMEOUT_MS));
      this.state = { ...this.state, models, form: fillDefaultModels(this.state.form, models) };
      return { ok: true, models, host };
    } catch (error) {
      return { ok: false, error: engine.engine.describeOllamaError(error, { host }) };
    }
  }

  /** Loads the engine on first use; a failure to load is reported like any other error. */
  private async engine(): Promise<{ ok: true; engine: DebateEngine } | { ok: false; error: DebateError }> {
    try {
      return { ok: true, engine: await this.env.loadEngine() };
    } catch (error) {
      return { ok: false, error: { kind: 'unknown', message: `The debate engine could not load: ${messageOf(error)}` } };
    }
  }

  private postModels(result: ModelsResult): void {
    if (result.ok) {
      this.post({ type: 'models', models: result.models, host: result.host });
    } else {
      this.env.log.warn(`Could not list models: ${result.error.message}`);
      this.post({ type: 'models-error', error: result.error });
    }
  }

  async start(request: DebateRequest): Promise<void> {
    if (this.run !== null) {
      if (!this.run.abort.signal.aborted) {
        this.env.log.warn('A debate is already running in this panel; stop it before starting another.');
        return;
      }
      // A stopped debate may still be closing its request: let it finish first.
      await this.run.finished;
    }
    const abort = new AbortController();
    const finished = this.runDebate(request, abort.signal).finally(() => {
      if (this.run?.abort === abort) this.run = null;
    });
    this.run = { abort, finished };
    await finished;
  }

  private async runDebate(request: DebateRequest, signal: AbortSignal): Promise<void> {
    const settings = this.env.settings();
    this.state = { ...this.state, form: request, error: null, liveTurn: null };
    this.env.setTitle(panelTitle(request.topic));
    this.setStatus('connecting');
    const resolved = effectiveHost(settings);
    if (!resolved.ok) return this.fail(resolved.error);
    const loaded = await this.engine();
    if (!loaded.ok) return this.fail(loaded.error);
    const { host } = resolved;
    const { engine } = loaded;
    this.env.log.info(
      `Debate started on ${host}: ${request.speakers.map((s) => `${s.model} (${s.tone})`).join(', ')}, ${request.exchanges} exchange(s).`,
    );
    try {
      for await (const event of engine.runDebate(toDebateConfig(request, settings, host), { signal })) {
        if (this.disposed) return;
        this.onDebateEvent(event);
      }
    } catch (error) {
      // runDebate reports failures as events; this guards against an engine bug.
      this.fail(engine.describeOllamaError(error, { host }));
    } finally {
      this.tokens.flush();
      if (!this.disposed) this.saver.now();
    }
  }

  private onDebateEvent(event: DebateEvent): void {
    const before = this.state.status;
    this.state = applyDebateEvent(this.state, event);
    if (event.type === 'token') {
      this.tokens.push(event);
      this.saver.request();
      return;
    }
    this.tokens.flush();
    this.post({ type: 'debate-event', event });
    if (this.state.status !== before) this.post({ type: 'status', status: this.state.status });
    switch (event.type) {
      case 'error':
        this.env.log.error(event.error.message);
        break;
      case 'turn-end':
      case 'debate-end':
        this.saver.now();
        break;
      default:
        break;
    }
  }

  /** Stops the running debate at once; the partial turn is kept as a stopped turn. */
  stop(): void {
    if (this.run === null || this.run.abort.signal.aborted) return;
    this.run.abort.abort();
    this.tokens.flush();
    this.setStatus('stopped');
    this.env.log.info('Debate stopped.');
  }

  async exportTranscript(): Promise<void> {
    try {
      const path = await this.env.exportTranscript(this.state.transcript);
      if (path !== undefined) this.post({ type: 'exported', path });
    } catch (error) {
      this.env.log.error(`Export failed: ${messageOf(error)}`);
    }
  }

  /** Pulls a model for this panel, reporting progress to the webview, then lists models again. */
  private async pull(model: string): Promise<void> {
    if (this.pulls.has(model)) return;
    const abort = new AbortController();
    this.pulls.set(model, abort);
    try {
      const failure = await this.pullWithProgress(model, abort.signal);
      if (failure !== null) {
        this.env.log.error(`Pulling ${model} failed: ${failure.message}`);
        this.post({ type: 'pull-failed', model, message: failure.message });
        return;
      }
      this.env.log.info(`Pulled ${model}.`);
      this.post({ type: 'pull-done', model });
      await this.refreshModels();
    } finally {
      this.pulls.delete(model);
    }
  }

  /** Resolves to null once the model is installed, else to what went wrong. */
  private async pullWithProgress(model: string, signal: AbortSignal): Promise<DebateError | null> {
    const resolved = effectiveHost(this.env.settings());
    if (!resolved.ok) return resolved.error;
    const loaded = await this.engine();
    if (!loaded.ok) return loaded.error;
    const filter = new PullProgressFilter();
    try {
      await loaded.engine.pullModel(
        resolved.host,
        model,
        (progress) => {
          if (filter.accept(progress)) this.post({ type: 'pull-progress', model, progress });
        },
        signal,
      );
      return null;
    } catch (error) {
      return loaded.engine.describeOllamaError(error, { host: resolved.host, model });
    }
  }

  /** Settings changed: tones and the host may differ now. */
  settingsChanged(): void {
    const tones = allTones(this.env.settings().customTones);
    this.state = { ...this.state, tones };
    this.post({ type: 'tones', tones });
    const resolved = effectiveHost(this.env.settings());
    if (!resolved.ok || resolved.host !== this.state.host) void this.refreshModels();
  }

  /** Saves the snapshot at once (window closing or reloading). */
  saveNow(): void {
    this.saver.now();
  }

  /** The panel closed: stop its work and keep its last state. */
  dispose(): void {
    if (this.disposed) return;
    this.run?.abort.abort();
    for (const pull of this.pulls.values()) pull.abort();
    this.tokens.flush();
    this.saver.now();
    this.tokens.discard();
    this.disposed = true;
  }

  private setStatus(status: DebateStatus): void {
    if (this.state.status === status) return;
    this.state = { ...this.state, status };
    this.post({ type: 'status', status });
  }

  private fail(error: DebateError): void {
    this.env.log.error(error.message);
    this.state = { ...this.state, error };
    this.post({ type: 'debate-event', event: { type: 'error', error } });
    this.setStatus('failed');
  }

  private post(message: HostMessage): void {
    if (!this.disposed) this.env.post(message);
  }

  private freshSnapshot(): PanelSnapshot {
    const settings = this.env.settings();
    return {
      status: 'idle',
      transcript: null,
      liveTurn: null,
      error: null,
      form: defaultForm(settings, null),
      tones: allTones(settings.customTones),
      models: null,
      host: hostOrSetting(settings),
    };
  }
}

/** The host to show before anything was listed: the resolved one, or the setting as written when it is malformed. */
function hostOrSetting(settings: ExtensionSettings): string {
  const resolved = effectiveHost(settings);
  return resolved.ok ? resolved.host : settings.ollamaHost;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Waits for `promise` or `ms`, whichever comes first, leaving no timer behind. */
async function raceWithDelay(promise: Promise<unknown>, ms: number, scheduler: Scheduler): Promise<void> {
  let handle: unknown = null;
  const timeout = new Promise<void>((resolve) => {
    handle = scheduler.setTimeout(resolve, ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    scheduler.clearTimeout(handle);
  }
}
