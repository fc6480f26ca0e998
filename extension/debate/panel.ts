// One debate panel: routes the webview's messages to the debate session, the model
// catalog, pulls, export and settings, and keeps what the form shows (the form itself,
// tones, models, host). No VS Code import: the registry (panel-registry.ts) hands it a
// PanelEnvironment, tests hand it fakes.
import { allTones } from '../../engine/tones';
import type { Transcript } from '../../engine/types';
import {
  parseWebviewMessage,
  type DebateRequest,
  type HostMessage,
  type PanelSnapshot,
  type WebviewMessage,
} from '../contract/protocol';
import { debateViewOf } from '../contract/snapshot';
import type { EngineAccessor } from '../engine-access';
import { errorMessage, type Logger } from '../log';
import type { ModelCatalog, ModelListing } from '../models/model-catalog';
import type { ModelPulls } from '../models/pulls';
import { realScheduler, type Scheduler } from '../scheduler';
import { effectiveHost, type ExtensionSettings } from '../settings';
import { defaultForm, fillDefaultModels, panelTitle } from './debate-request';
import type { SavedLiveTurn } from './revival';
import { SessionController } from './session-controller';

/** What one panel needs from VS Code (its webview, title, storage and commands). */
export interface PanelEnvironment {
  post(message: HostMessage): void;
  log: Logger;
  settings(): ExtensionSettings;
  openSettings(): void;
  /** Asks where to save and writes the file; resolves to the path written, or undefined if cancelled. */
  exportTranscript(transcript: Transcript | null): Promise<string | undefined>;
  /** Stores the snapshot so the panel can come back after a window reload. */
  save(snapshot: PanelSnapshot): void;
  /** Stores the turn in progress, with every token batch the webview is sent: a reload loses none of it. */
  saveLiveTurn(saved: SavedLiveTurn): void;
  setTitle(title: string): void;
  scheduler?: Scheduler;
}

/** What every panel shares: the engine, the model catalog and pulls. */
export interface PanelServices {
  engines: EngineAccessor;
  catalog: ModelCatalog;
  pulls: ModelPulls;
}

/** The part of the snapshot the panel keeps; the session keeps the debate. */
type FormState = Pick<PanelSnapshot, 'form' | 'tones' | 'models' | 'host'>;

/** How long `ready` waits for the model list before drawing the panel without it. */
export const READY_MODELS_WAIT_MS = 1_500;

export class DebatePanel {
  private formState: FormState;
  private readonly session: SessionController;
  private readonly scheduler: Scheduler;
  private readonly pulls = new Map<string, AbortController>();
  private readonly unsubscribe: () => void;
  /** A model listing started before the webview said `ready`, used by that first `ready`. */
  private prefetched: Promise<ModelListing> | null = null;
  private disposed = false;

  constructor(
    readonly panelId: string,
    private readonly env: PanelEnvironment,
    private readonly services: PanelServices,
    restored: PanelSnapshot | null = null,
  ) {
    this.scheduler = env.scheduler ?? realScheduler;
    const settings = env.settings();
    this.formState = restored
      ? { form: restored.form, tones: restored.tones, models: restored.models, host: restored.host }
      : { form: defaultForm(settings, null), tones: allTones(settings.customTones), models: null, host: hostOrSetting(settings) };
    this.session = new SessionController(
      {
        engines: services.engines,
        settings: () => env.settings(),
        post: (message) => this.post(message),
        log: env.log,
        save: () => env.save(this.snapshot()),
        saveLiveTurn: (saved) => env.saveLiveTurn(saved),
        scheduler: this.scheduler,
      },
      restored && debateViewOf(restored),
    );
    // A pull (here, in another panel or by the command) lists the host's models again.
    this.unsubscribe = services.catalog.subscribe((listing) => this.postModels(this.applyListing(listing)));
    env.setTitle(panelTitle(restored?.transcript?.topic ?? null));
  }

  /** The panel's state as the webview would draw it now. */
  snapshot(): PanelSnapshot {
    const { form, tones, models, host } = this.formState;
    return { ...this.session.view, form, tones, models, host };
  }

  get isRunning(): boolean {
    return this.session.isRunning;
  }

  get transcript(): Transcript | null {
    return this.session.view.transcript;
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
    this.formState = { ...this.formState, tones: allTones(this.env.settings().customTones) };
    const listing = this.prefetched ?? this.listModels();
    this.prefetched = null;
    // The first picture should offer the models: wait briefly for a first list (a slow host must
    // not hold the panel up); once a list is known, draw at once and refresh it afterwards.
    if (this.formState.models === null) await raceWithDelay(listing, READY_MODELS_WAIT_MS, this.scheduler);
    // The snapshot holds every token so far, including a batch not yet posted: drop that batch.
    this.session.discardUnsentTokens();
    this.post({ type: 'init', panelId: this.panelId, snapshot: this.snapshot() });
    this.postModels(await listing);
  }

  async refreshModels(): Promise<void> {
    this.postModels(await this.listModels());
  }

  /** Lists the models and takes them into the form (speakers without a model get one). */
  private async listModels(): Promise<ModelListing> {
    return this.applyListing(await this.services.catalog.list());
  }

  private applyListing(listing: ModelListing): ModelListing {
    const host = listing.host ?? this.formState.host;
    this.formState = listing.ok
      ? { ...this.formState, host, models: listing.models, form: fillDefaultModels(this.formState.form, listing.models) }
      : { ...this.formState, host };
    return listing;
  }

  private postModels(listing: ModelListing): void {
    if (listing.ok) {
      this.post({ type: 'models', models: listing.models, host: listing.host });
    } else {
      this.env.log.warn(`Could not list models: ${listing.error.message}`);
      this.post({ type: 'models-error', error: listing.error });
    }
  }

  async start(request: DebateRequest): Promise<void> {
    if (this.session.canStart) {
      this.formState = { ...this.formState, form: request };
      this.env.setTitle(panelTitle(request.topic));
    }
    await this.session.start(request);
  }

  /** Stops the running debate at once; the partial turn is kept as a stopped turn. */
  stop(): void {
    this.session.stop();
  }

  async exportTranscript(): Promise<void> {
    try {
      const path = await this.env.exportTranscript(this.transcript);
      if (path !== undefined) this.post({ type: 'exported', path });
    } catch (error) {
      this.env.log.error(`Export failed: ${errorMessage(error)}`);
    }
  }

  /** Pulls a model for this panel, reporting progress to the webview; every panel then lists models again. */
  private async pull(model: string): Promise<void> {
    if (this.pulls.has(model)) return;
    const abort = new AbortController();
    this.pulls.set(model, abort);
    try {
      const outcome = await this.services.pulls.pull(model, {
        progress: (progress) => this.post({ type: 'pull-progress', model, progress }),
        pulled: () => this.post({ type: 'pull-done', model }),
      }, abort.signal);
      if (outcome.kind === 'failed') this.post({ type: 'pull-failed', model, message: outcome.error.message });
    } finally {
      this.pulls.delete(model);
    }
  }

  /** Settings changed: tones and the host may differ now. */
  settingsChanged(): void {
    const settings = this.env.settings();
    const tones = allTones(settings.customTones);
    this.formState = { ...this.formState, tones };
    this.post({ type: 'tones', tones });
    const resolved = effectiveHost(settings);
    if (!resolved.ok || resolved.host !== this.formState.host) void this.refreshModels();
  }

  /** Saves the snapshot at once (window closing or reloading). */
  saveNow(): void {
    this.session.saveNow();
  }

  /** The panel closed: stop its work and keep its last state. */
  dispose(): void {
    if (this.disposed) return;
    this.unsubscribe();
    for (const pull of this.pulls.values()) pull.abort();
    this.session.dispose();
    this.disposed = true;
  }

  private post(message: HostMessage): void {
    if (!this.disposed) this.env.post(message);
  }
}

/** The host to show before anything was listed: the resolved one, or the setting as written when it is malformed. */
function hostOrSetting(settings: ExtensionSettings): string {
  const resolved = effectiveHost(settings);
  return resolved.ok ? resolved.host : settings.ollamaHost;
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
