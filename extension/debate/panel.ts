// One debate panel: shows one debate of the library by id and routes the webview's
// messages to it (the session controller), to the model catalog, pulls, export and
// settings, and to the other panels (open a debate, branch into a new panel). It keeps
// what the form shows (the form itself, tones, models, host). No VS Code import: the
// registry (panel-registry.ts) hands it a PanelEnvironment, tests hand it fakes.
import { allTones } from '../../engine/tones';
import type { DebateMaterial, Transcript } from '../../engine/types';
import { turnsUpTo } from '../contract/debate-rules';
import { exportableDebate } from '../contract/snapshot';
import {
  parseWebviewMessage,
  type AttachedMaterial,
  type DebateRequest,
  type HostMessage,
  type PanelSnapshot,
  type WebviewMessage,
} from '../contract/protocol';
import type { EngineAccessor } from '../engine-access';
import type { ExportSubject } from '../export';
import { errorMessage, type Logger } from '../log';
import type { ModelCatalog, ModelListing } from '../models/model-catalog';
import type { ModelPulls } from '../models/pulls';
import { fixedLanguageModels, type LanguageModelSource } from '../models/language-model-source';
import { realScheduler, type Scheduler } from '../scheduler';
import { effectiveHost, type ExtensionSettings } from '../settings';
import { judgeBlockedReason } from '../contract/judge-rules';
import { citationRefusal, type CitationTarget } from '../contract/citation-rules';
import type { JudgeOutcome } from '../judge/judge-runner';
import { memoryJudgeChoice, PanelJudge, type JudgeChoice, type JudgeRunHooks } from '../judge/panel-judge';
import { PanelDecisionRecord, type DecisionRecordExporter } from '../decisions/panel-decision-record';
import { defaultForm, fillDefaultModels, formOf, panelTitle } from './debate-request';
import { SessionController, type DebateLibraryAccess } from './session-controller';
import { memoryPersonaServices, PanelPersonas, type PersonaServices } from '../personas/panel-personas';
import { attachedMaterial } from '../material/material-estimate';
import * as l10n from '../contract/l10n';

/** What one panel needs from VS Code (its webview, title and commands) and from the other panels. */
export interface PanelEnvironment {
  post(message: HostMessage): void;
  log: Logger;
  settings(): ExtensionSettings;
  openSettings(): void;
  /** Asks where to save (`previous`, a path, proposed again) and writes the file; resolves to the path written, or undefined if not written. */
  exportTranscript(subject: ExportSubject<string>): Promise<string | undefined>;
  /** Shows a file this panel exported, beside the panel. */
  openExport(path: string): Promise<void>;
  setTitle(title: string): void;
  /** Shows a debate of the library: in the panel showing it, else in a new one. */
  openDebate(id: string): Promise<void>;
  /** Branches debate `id` after its first `atTurn` turns and runs the branch in a new panel. */
  branchDebate(id: string, atTurn: number): Promise<void>;
  /** Opens a workspace file at the lines a reply cites (already checked against the debate's material). */
  openCitation(target: CitationTarget): Promise<void>;
  scheduler?: Scheduler;
}

/** What every panel shares: the engine, the library, the model catalog and pulls. */
export interface PanelServices {
  engines: EngineAccessor;
  library: DebateLibraryAccess;
  catalog: ModelCatalog;
  pulls: ModelPulls;
  /** The judge model proposed and remembered (absent: remembered for this panel only). */
  judgeChoice?: JudgeChoice;
  /** Personas, recent line-ups and "Suggest speakers" (absent: none, remembered in memory). */
  personas?: PersonaServices;
  /** "Export Decision Record" (absent: not offered by this host). */
  decisionRecords?: DecisionRecordExporter;
  /** The chat models VS Code offers as speakers (absent: none). */
  languageModels?: LanguageModelSource;
}

/** The part of the snapshot the panel keeps; the session keeps the debate. */
type FormState = Pick<PanelSnapshot, 'form' | 'tones' | 'models' | 'host'>;

/** How long `ready` waits for the model list before drawing the panel without it. */
export const READY_MODELS_WAIT_MS = 1_500;


export class DebatePanel {
  private formState: FormState;
  private readonly session: SessionController;
  private readonly judging: PanelJudge;
  private readonly decisionRecord: PanelDecisionRecord;
  private readonly personas: PanelPersonas;
  private readonly scheduler: Scheduler;
  private readonly pulls = new Map<string, AbortController>();
  private readonly unsubscribe: () => void;
  private readonly languageModels: LanguageModelSource;
  private readonly unsubscribeLanguageModels: () => void;
  /** A model listing started before the webview said `ready`, used by that first `ready`. */
  private prefetched: Promise<ModelListing> | null = null;
  /** Reading the debate the panel opened with; `ready` waits for it, so the first picture shows the debate. */
  private reading: Promise<void> = Promise.resolve();
  /** The debate being read, until it is shown. */
  private readingId: string | null = null;
  /** Where each debate shown here was last exported to, by debate id: exporting again proposes that file. */
  private readonly exports = new Map<string, string>();
  /** Workspace material attached to the form (material-commands.ts), or the debate shown's. */
  private material: AttachedMaterial | null = null;
  /** The form's topic was suggested by a command: the first picture focuses and selects it. */
  private topicSuggested = false;
  private disposed = false;

  /** A panel on debate `debateId` of the library, or (null) a new, empty one. */
  constructor(
    private readonly env: PanelEnvironment,
    private readonly services: PanelServices,
    debateId: string | null = null,
  ) {
    this.scheduler = env.scheduler ?? realScheduler;
    const settings = env.settings();
    this.formState = { form: defaultForm(settings, null), tones: allTones(settings.customTones), models: null, host: hostOrSetting(settings) };
    this.session = new SessionController({
      engines: services.engines,
      library: services.library,
      settings: () => env.settings(),
      post: (message) => this.post(message),
      log: env.log,
      scheduler: this.scheduler,
    });
    this.judging = new PanelJudge({
      library: services.library,
      listModels: () => services.catalog.list(),
      log: env.log,
      choice: services.judgeChoice ?? memoryJudgeChoice(),
      post: (message) => this.post(message),
      judged: (id) => this.showJudged(id),
    });
    this.decisionRecord = new PanelDecisionRecord({
      exporter: services.decisionRecords,
      view: () => this.session.view,
      post: (message) => this.post(message),
      log: env.log,
    });
    this.personas = new PanelPersonas(services.personas ?? memoryPersonaServices(env.log), {
      post: (message) => this.post(message),
      log: env.log,
      listModels: () => services.catalog.list(),
      customTones: () => env.settings().customTones,
    });
    // A pull (here, in another panel or by the command) lists the host's models again.
    this.unsubscribe = services.catalog.subscribe((listing) => this.postModels(this.applyListing(listing)));
    this.languageModels = services.languageModels ?? fixedLanguageModels();
    this.unsubscribeLanguageModels = this.languageModels.subscribe((models) => this.post({ type: 'language-models', models }));
    env.setTitle(panelTitle(null));
    if (debateId !== null) void this.show(debateId);
  }

  /** The panel's state as the webview would draw it now. */
  snapshot(): PanelSnapshot {
    const { form, tones, models, host } = this.formState;
    const languageModels = this.languageModels.current();
    return {
      ...this.session.view, form, tones, models, host, judge: this.judging.view, ...this.personas.snapshot(),
      ...(this.decisionRecord.view.kind !== 'idle' && { decisionRecord: this.decisionRecord.view }),
      ...(languageModels.length > 0 && { languageModels }),
      ...(this.material !== null && { material: this.material }),
      ...(this.topicSuggested && { topicSuggested: true }),
    };
  }

  get isRunning(): boolean {
    return this.session.isRunning;
  }

  get transcript(): Transcript | null {
    return this.session.view.transcript;
  }

  /** The debate this panel shows (or was opened on and can't show). */
  get debateId(): string | null {
    return this.readingId ?? this.session.debateId;
  }

  /** Resolves once the debate the panel shows has been read from the library. */
  get ready(): Promise<void> {
    return this.reading;
  }

  /** Reads debate `id` from the library and shows it here; its set-up fills the form. */
  show(id: string): Promise<void> {
    this.readingId = id;
    this.reading = this.session.show(id).then(() => this.shown());
    return this.reading;
  }

  /**
   * A new panel's form starts as `form` instead of the settings' defaults (the walkthrough's
   * example debate); its first picture, drawn when the webview says `ready`, shows it.
   */
  prefill(form: DebateRequest, topicSuggested = false): void {
    this.formState = { ...this.formState, form: fillDefaultModels(form, this.formState.models) };
    this.topicSuggested = topicSuggested;
  }

  /** A new panel's form gets `material` (Debate Selection, This File, Uncommitted Changes) and a topic suggested for it. */
  attachMaterial(material: DebateMaterial, topic: string): void {
    this.material = attachedMaterial(material, this.env.settings().contextWindow);
    this.prefill({ ...this.formState.form, topic }, true);
  }

  /** Runs the debate shown on by `exchanges` more (undefined: finishes the planned ones); resolves when the run ends. */
  async continueDebate(exchanges?: number): Promise<void> {
    await this.reading;
    await this.session.continue(exchanges);
  }

  /** The debate shown was deleted from the library. */
  debateDeleted(): void {
    this.session.deleted();
    this.env.setTitle(l10n.t('Debate not found'));
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
      case 'pause':
        return this.session.pause();
      case 'resume': {
        const { type: _type, ...reply } = message;
        return this.session.resume(reply);
      }
      case 'continue':
        return this.session.continue(message.exchanges);
      case 'regenerate':
        return this.session.regenerate(message.turnId);
      case 'choose-alternative':
        return this.session.chooseAlternative(message.turnId, message.alternative);
      case 'branch':
        return this.branch(message.turnId);
      case 'open-debate':
        return this.env.openDebate(message.debateId);
      case 'reload-debate':
        return this.reload();
      case 'export':
        return this.exportTranscript();
      case 'export-decision-record':
        return this.decisionRecord.export();
      case 'open-export':
        return this.openExport(message.path);
      case 'refresh-models':
        return this.refreshModels();
      case 'list-host-models':
        return this.listHostModels(message.host);
      case 'pull-model':
        return this.pull(message.model);
      case 'open-settings':
        return this.env.openSettings();
      case 'judge':
        return this.judge(message.model).then(() => undefined);
      case 'cancel-judge':
        return this.judging.cancel();
      case 'suggest-speakers':
      case 'cancel-suggest':
        return this.personas.handle(message);
      case 'open-citation': {
        const { type: _type, ...target } = message;
        return this.openCitation(target);
      }
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
    await this.reading;
    this.formState = { ...this.formState, tones: allTones(this.env.settings().customTones) };
    const listing = this.prefetched ?? this.listModels();
    this.prefetched = null;
    // The first picture should offer the models: wait briefly for a first list (a slow host must
    // not hold the panel up); once a list is known, draw at once and refresh it afterwards.
    if (this.formState.models === null) await raceWithDelay(listing, READY_MODELS_WAIT_MS, this.scheduler);
    // The snapshot holds every token so far, including a batch not yet posted: drop that batch.
    this.session.discardUnsentTokens();
    this.post({ type: 'init', snapshot: this.snapshot() });
    this.postModels(await listing);
  }

  async refreshModels(): Promise<void> {
    this.postModels(await this.listModels());
  }

  /** Lists the models on a speaker's own host, as typed in its More section, for that speaker's model picker. */
  private async listHostModels(host: string): Promise<void> {
    const listing = await this.services.catalog.listHost(host);
    if (!listing.ok) this.env.log.warn(`Could not list models on a speaker's host: ${listing.error.message}`);
    this.post({ type: 'host-models', host, listing });
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

  /** Starts a new debate here; the one shown before stays in the library. Resolves when the run ends. */
  async start(request: DebateRequest): Promise<void> {
    if (this.session.canStart) {
      this.formState = { ...this.formState, form: request };
      this.material = request.material === undefined ? null : attachedMaterial(request.material, this.env.settings().contextWindow);
      this.env.setTitle(panelTitle(request.topic));
      this.personas.started(request);
    }
    await this.session.start(request);
  }

  /** Stops the running debate at once (the partial turn is kept as a stopped turn), or the judging going on. */
  stop(): void {
    this.session.stop();
    this.judging.cancel();
  }

  /** Judges the debate shown with `model` and shows the verdict; resolves with how the judging ended. */
  async judge(model: string, hooks: JudgeRunHooks = {}): Promise<JudgeOutcome> {
    await this.reading;
    const view = this.session.view;
    const blocked = judgeBlockedReason(view);
    if (blocked !== null || view.transcript === null) {
      const message = l10n.t("The debate shown can't be judged: {0}.", blocked ?? l10n.t('no debate is shown'));
      this.env.log.warn(message);
      return { kind: 'failed', error: { kind: 'unknown', message } };
    }
    return this.judging.judge(view.transcript.id, model, hooks);
  }

  /** A verdict was saved: the debate is read again, with it, unless another debate or a run took the panel meanwhile. */
  private async showJudged(id: string): Promise<void> {
    if (this.debateId === id && !this.session.isRunning) await this.show(id);
  }

  /** Reads the debate shown again (it ran elsewhere, or was not found). */
  private async reload(): Promise<void> {
    const id = this.debateId;
    if (id !== null) await this.show(id);
  }

  private async branch(turnId: string): Promise<void> {
    const transcript = this.transcript;
    const atTurn = transcript === null ? null : turnsUpTo(transcript, turnId);
    if (transcript === null || atTurn === null) {
      this.env.log.warn(`Could not branch: the debate shown has no turn ${turnId}.`);
      return;
    }
    await this.env.branchDebate(transcript.id, atTurn);
  }

  /** The debate was read: its topic names the panel and its set-up fills the form. */
  private shown(): void {
    this.readingId = null;
    const { transcript, access } = this.session.view;
    this.judging.debateShown(transcript?.id ?? null);
    this.decisionRecord.debateShown(transcript?.id ?? null);
    if (transcript !== null) {
      this.formState = { ...this.formState, form: fillDefaultModels(formOf(transcript), this.formState.models) };
      this.material = transcript.material === undefined ? null : attachedMaterial(transcript.material, this.env.settings().contextWindow);
    }
    this.env.setTitle(transcript === null && access.kind === 'unavailable' ? l10n.t('Debate not found') : panelTitle(transcript?.topic ?? null));
  }

  /** The debate as it stands, the turn in progress included (marked so), and where it was last exported to. */
  exportSubject(): ExportSubject<string> {
    const exportable = exportableDebate(this.session.view);
    if (exportable === null) return { transcript: null };
    const previous = this.exports.get(exportable.transcript.id);
    return { ...exportable, ...(previous !== undefined && { previous }) };
  }

  /** Exports the debate shown (also while it runs); the webview then says where, with a link to the file. */
  async exportTranscript(): Promise<void> {
    try {
      const subject = this.exportSubject();
      const path = await this.env.exportTranscript(subject);
      if (path === undefined) return;
      if (subject.transcript !== null) this.exports.set(subject.transcript.id, path);
      this.post({ type: 'exported', path });
    } catch (error) {
      this.env.log.error(`Export failed: ${errorMessage(error)}`);
    }
  }

  /** The "Saved to" link: only a file this panel wrote is opened (the webview's message is not trusted to name any file). */
  private async openExport(path: string): Promise<void> {
    if (this.decisionRecord.wrote(path)) return this.decisionRecord.open(path);
    if (![...this.exports.values()].includes(path)) {
      this.env.log.warn('Ignored a request to open a file this panel did not export.');
      return;
    }
    try {
      await this.env.openExport(path);
    } catch (error) {
      this.env.log.error(`Could not open ${path}: ${errorMessage(error)}`);
    }
  }

  /** A citation link: opened only when the material of the debate shown holds those lines (the webview's word is not trusted). */
  private async openCitation(target: CitationTarget): Promise<void> {
    await this.reading;
    const refusal = citationRefusal(target, this.session.view.transcript?.material);
    if (refusal !== null) {
      this.env.log.warn(`Ignored a request to open a citation: ${refusal}.`);
      return;
    }
    await this.env.openCitation(target);
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
    this.personas.settingsChanged();
    const resolved = effectiveHost(settings);
    if (!resolved.ok || resolved.host !== this.formState.host) void this.refreshModels();
  }

  /** The panel closed: stop its work (the library keeps the debate as it stands). */
  dispose(): void {
    if (this.disposed) return;
    this.unsubscribe();
    this.unsubscribeLanguageModels();
    for (const pull of this.pulls.values()) pull.abort();
    this.session.dispose();
    this.judging.dispose();
    this.personas.dispose();
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
