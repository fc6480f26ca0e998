// The panel: wires the views to the transport and applies every host message. The
// debate it shows is the contract's reducer run over the host's events, from the
// host's snapshot: the same state the host holds. The page keeps, as VS Code UI state,
// the id of the debate shown (after a reload the host reads it from the library) and
// the form as the person left it.
//
// Layout: the page is the one scroll area. Its header (the set-up folded to a line,
// status, progress, messages, and every button that starts, steers or exports a debate)
// stays on top of it at any height; below it, the set-up form (open before any debate,
// or on Edit) and the transcript.
import { DEFAULT_PANEL_EXCHANGES, DEFAULT_PANEL_SPEAKERS } from '../../extension/contract/limits';
import { lastSpeakerTurn } from '../../extension/contract/debate-rules';
import type { AttachedMaterial, DebateView, HostMessage, PanelEvent, PanelSnapshot } from '../../extension/contract/protocol';
import type { LanguageModelOption } from '../../extension/contract/language-models';
import { applyDebateEvent, debateViewOf, emptyDebateView, isRunningStatus } from '../../extension/contract/snapshot';
import { DebateControls } from './debateControls';
import { DecisionRecordButton } from './decisionRecordButton';
import { h, icon } from './dom';
import type { DebateError } from '../../engine/types';
import { ErrorBanner, messageWithCode } from './errorBanner';
import { MaterialSection } from './materialSection';
import { materialSummary, readSavedMaterial } from './materialSectionRules';
import { assertNever, earlyEndNote, exportBlockedReason, type Connection, type ErrorSource } from './format';
import { readSavedDraft, type FormDraft } from './formRules';
import { ModeratorBox } from './moderatorBox';
import { OutcomeSection } from './outcomeSection';
import { ProgressLine } from './progressLine';
import type { PullState } from './pullStatus';
import { ReadAloud } from './readAloud';
import { SETUP_FORM_ID, SetupForm } from './setupForm';
import { SetupSummary } from './setupSummary';
import { StatusLine } from './statusLine';
import { TranscriptView } from './transcriptView';
import type { TurnActionContext } from './turnActions';
import type { Transport } from './transport';
import * as l10n from './l10n';

/** Where focus is taken by typing or choosing: Escape there leaves the field, it never stops the debate. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export class App {
  private readonly form: SetupForm;
  private readonly transcript: TranscriptView;
  private readonly status = new StatusLine();
  private readonly progress = new ProgressLine();
  private readonly summary: SetupSummary;
  private readonly header: HTMLElement;
  private readonly setupColumn: HTMLElement;
  private readonly body: HTMLElement;
  /** The person opened the set-up (Edit) while a debate is shown; a new run folds it again. */
  private setupOpen = false;
  private readonly controls: DebateControls;
  private readonly decisionRecord: DecisionRecordButton;
  private readonly moderator: ModeratorBox;
  private readonly outcome: OutcomeSection;
  private readonly readAloud: ReadAloud;
  private readonly errors: ErrorBanner;
  private readonly notice = h('div', { class: 'notice', 'aria-live': 'polite' });
  private readonly warning = h('div', { class: 'debate-warning', role: 'status', hidden: true });
  private debate: DebateView = emptyDebateView();
  private draft: FormDraft;
  /** Workspace material attached to the form (kept with it as UI state); the start request carries it. */
  private material: AttachedMaterial | null;
  private readonly materialSection: MaterialSection;
  private host = '';
  /** Whether the Ollama host answered the last model listing, and its error if not (the banner shows it). */
  private connection: Connection = 'checking';
  private connectionError: DebateError | null = null;
  /** Interject was pressed: the note gets the focus once the debate waits for the moderator. */
  private interjecting = false;
  /** The debate shown when Start was pressed: once the new one runs, the page says where the old one is. */
  private replaced: { id: string; topic: string } | null = null;
  /** Until the host's `init`, the debate id kept from before a reload is kept as it was. */
  private initialized = false;
  private readonly savedDebateId: string | undefined;

  constructor(root: HTMLElement, private readonly transport: Transport) {
    const state = transport.loadState();
    this.savedDebateId = state?.debateId;
    const saved = readSavedDraft(state?.form);
    this.material = saved === null ? null : readSavedMaterial(state?.material);
    this.draft = saved ?? {
      topic: '',
      speakers: Array.from({ length: DEFAULT_PANEL_SPEAKERS }, () => ({ model: '', tone: '' })),
      exchanges: DEFAULT_PANEL_EXCHANGES,
    };
    this.form = new SetupForm(this.draft, {
      start: (request) => {
        const shown = this.debate.transcript;
        this.replaced = shown === null || isRunningStatus(this.debate.status) ? null : { id: shown.id, topic: shown.topic };
        transport.post({ type: 'start', request: this.material === null ? request : { ...request, material: this.material.material } });
      },
      export: () => transport.post({ type: 'export' }),
      refreshModels: () => transport.post({ type: 'refresh-models' }),
      listHostModels: (host) => transport.post({ type: 'list-host-models', host }),
      pull: (model) => transport.post({ type: 'pull-model', model }),
      reveal: () => this.openSetup(true),
      draftChanged: (draft) => {
        this.draft = draft;
        this.materialSection.render(this.material, draft.speakers);
        this.saveState();
        this.layoutSetup();
      },
      suggestSpeakers: (topic, model) => transport.post({ type: 'suggest-speakers', topic, model }),
      cancelSuggest: () => transport.post({ type: 'cancel-suggest' }),
    });
    // Beside Export to Markdown, in the form's actions.
    this.decisionRecord = new DecisionRecordButton({
      export: () => transport.post({ type: 'export-decision-record' }),
      open: (location) => transport.post({ type: 'open-export', path: location }),
      notify: (text, action) => this.showNotice(text, action),
    });
    this.form.actions.append(this.decisionRecord.element);
    this.summary = new SetupSummary(SETUP_FORM_ID, { toggle: () => this.openSetup(!this.setupOpen) });
    this.transcript = new TranscriptView({
      branch: (turnId) => transport.post({ type: 'branch', turnId }),
      regenerate: (turnId) => transport.post({ type: 'regenerate', turnId }),
      chooseAlternative: (turnId, alternative) => transport.post({ type: 'choose-alternative', turnId, alternative }),
    }, (target) => transport.post({ type: 'open-citation', ...target }));
    this.controls = new DebateControls({
      pause: () => transport.post({ type: 'pause' }),
      interject: () => {
        this.interjecting = true;
        if (this.moderator.isOpen) this.moderator.focusNote();
        else transport.post({ type: 'pause' });
      },
      stop: () => this.stopDebate(),
      continue: (exchanges) => transport.post(exchanges === undefined ? { type: 'continue' } : { type: 'continue', exchanges }),
      reload: () => transport.post({ type: 'reload-debate' }),
    });
    this.readAloud = new ReadAloud(this.transcript.element);
    this.outcome = new OutcomeSection({
      judge: (model) => transport.post({ type: 'judge', model }),
      cancel: () => transport.post({ type: 'cancel-judge' }),
      pull: (model) => transport.post({ type: 'pull-model', model }),
    });
    this.moderator = new ModeratorBox({ resume: (decision) => transport.post({ type: 'resume', ...decision }) });
    this.errors = new ErrorBanner({
      retry: (source) => this.retry(source),
      openSettings: () => transport.post({ type: 'open-settings' }),
      pull: (model) => transport.post({ type: 'pull-model', model }),
    });
    // The buttons come last in the header: a header taller than the panel scrolls up to them (see CSS).
    this.header = h('header', { class: 'panel-header' }, [
      this.summary.element, this.status.element, this.progress.element, this.errors.element, this.warning, this.notice,
      h('div', { class: 'panel-actions' }, [this.form.actions, this.controls.element, this.readAloud.element]),
    ]);
    this.materialSection = new MaterialSection({ remove: () => this.removeMaterial() });
    this.setupColumn = h('aside', { class: 'sidebar' }, [this.materialSection.element, this.form.element]);
    this.body = h('div', { class: 'layout-body' }, [
      this.setupColumn,
      h('main', { class: 'stage' }, [this.transcript.element, this.outcome.element, this.moderator.element]),
    ]);
    root.replaceChildren(h('div', { class: 'layout' }, [this.header, this.body]));
    this.trackHeaderHeight(root.ownerDocument);
    this.setDebate(this.debate, { redraw: true });
    transport.onMessage((message) => this.handle(message));
    root.ownerDocument.addEventListener('keydown', (event) => this.onKey(event));
    transport.post({ type: 'ready' });
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        this.init(message.snapshot);
        break;
      case 'debate-event':
        this.onDebateEvent(message.event);
        break;
      case 'status':
        this.setDebate({ ...this.debate, status: message.status });
        break;
      case 'debate':
        this.setDebate(message.debate, { redraw: true });
        break;
      case 'models':
        this.host = message.host;
        this.form.setModels(message.models, message.host);
        this.outcome.setModels(message.models);
        this.setConnection('answering', null);
        break;
      case 'host-models':
        this.form.setHostModels(message.host, message.listing);
        break;
      case 'models-error':
        this.form.setModelsError(message.error);
        this.setConnection('not-answering', message.error);
        break;
      case 'tones':
        this.form.setTones(message.tones);
        break;
      case 'pull-progress':
        this.setPull(message.model, { kind: 'progress', progress: message.progress });
        break;
      case 'pull-done':
        this.setPull(message.model, { kind: 'done' });
        break;
      case 'pull-failed':
        this.setPull(message.model, { kind: 'failed', message: message.message });
        break;
      case 'exported':
        this.showExported(message.path);
        break;
      case 'decision-record':
        this.decisionRecord.update(message.decisionRecord);
        break;
      case 'judge':
        this.outcome.setJudge(message.judge);
        break;
      case 'personas':
        this.form.setPersonas(message.personas);
        break;
      case 'recent-lineups':
        this.form.setRecentLineUps(message.lineUps);
        break;
      case 'suggestion':
        this.form.setSuggestion(message.suggestion);
        break;
      case 'language-models':
        this.setLanguageModels(message.models);
        break;
      default:
        assertNever(message);
    }
  }

  private init(snapshot: PanelSnapshot): void {
    this.initialized = true;
    this.host = snapshot.host;
    // The user's unsent edits (kept by VS Code) win over the form the host sends.
    const draft = readSavedDraft(this.transport.loadState()?.form);
    if (draft === null) this.form.setDraft(snapshot.form);
    this.draft = draft ?? snapshot.form;
    if (draft === null) this.material = snapshot.material ?? null;
    this.materialSection.render(this.material, this.draft.speakers);
    this.form.setHost(snapshot.host);
    this.form.setTones(snapshot.tones);
    this.outcome.setJudge(snapshot.judge ?? null);
    this.form.setPersonas(snapshot.personas ?? []);
    this.form.setRecentLineUps(snapshot.recentLineUps ?? []);
    this.form.setSuggestion(snapshot.suggestion ?? { kind: 'idle' });
    this.setLanguageModels(snapshot.languageModels ?? []);
    if (snapshot.models !== null) {
      this.outcome.setModels(snapshot.models);
      this.form.setModels(snapshot.models, snapshot.host);
      this.connection = 'answering';
    }
    this.setDebate(debateViewOf(snapshot), { redraw: true });
    this.decisionRecord.update(snapshot.decisionRecord ?? { kind: 'idle' });
    this.transcript.jumpToLatest();
    // A command opened the panel with a suggested topic: typing replaces it.
    if (draft === null && snapshot.topicSuggested === true) this.form.focusTopic();
  }

  /** The material is taken off the form: the next debate goes without it. */
  private removeMaterial(): void {
    this.material = null;
    this.materialSection.render(null, this.draft.speakers);
    this.saveState();
    this.layoutSetup();
    this.form.focusTopic();
  }

  private onDebateEvent(event: PanelEvent): void {
    const next = applyDebateEvent(this.debate, event);
    if (event.type === 'turn-end') this.progress.turnFinished(event.turn);
    // Streamed text, the reply's or the reasoning's: only the live turn changes.
    if (event.type === 'token' || event.type === 'thinking') {
      this.debate = next;
      this.transcript.streamed(next.liveTurns);
      return;
    }
    if (event.type === 'run-start') this.runStarted(event.transcript.id);
    // The material was refused (its size): the set-up stays open with it, to change and start again.
    if (event.type === 'error' && event.error.field?.startsWith('material') === true) this.setupOpen = true;
    this.setDebate(next);
  }

  /** A run began: a new debate replacing one on screen says where that one is kept. */
  private runStarted(id: string): void {
    this.progress.runStarted();
    this.setupOpen = false;
    // The set-up folds away: the new turns are what to follow.
    this.transcript.jumpToLatest();
    const replaced = this.replaced;
    this.replaced = null;
    if (replaced === null || replaced.id === id) {
      this.showNotice('');
      return;
    }
    const open = h('button', { type: 'button', class: 'link-button' }, [icon('link-external'), l10n.t('Open it')]);
    open.addEventListener('click', () => this.transport.post({ type: 'open-debate', debateId: replaced.id }));
    this.showNotice(l10n.t('The previous debate, “{0}”, is kept in the Debates view.', replaced.topic), open);
  }

  /**
   * Retry after Ollama could not be reached: a debate that failed that way is in the library
   * (failed before its first turn, or with its exchanges added): run it on rather than start
   * another. A failure before any debate ran (a malformed host) starts the form's debate.
   */
  private retry(source: ErrorSource): void {
    // The host's models could not be listed (no debate failed): ask it again.
    if (source === 'connection') {
      this.transport.post({ type: 'refresh-models' });
      return;
    }
    const { transcript, access } = this.debate;
    if (transcript?.outcome === 'failed' && access.kind === 'writable') this.transport.post({ type: 'continue' });
    else this.form.submit();
  }

  /** Draws what changed between the debate shown and `next` (everything, after a snapshot). */
  private setDebate(next: DebateView, { redraw = false } = {}): void {
    const before = this.debate;
    this.debate = next;
    const running = isRunningStatus(next.status);
    const unavailable = next.access.kind === 'unavailable' ? next.access.reason : null;
    this.transcript.setEmptyText(unavailable);
    this.transcript.show(next.transcript, next.liveTurns, this.turnActions(next));
    this.readAloud.follow(next);
    this.showErrors();
    if (redraw || next.warning !== before.warning) this.showWarning(next.warning);
    this.form.setRunning(running, next.transcript !== null);
    this.form.setExportable(exportBlockedReason(next));
    this.decisionRecord.render(next);
    // Another debate shown (read from the library, a branch): its set-up starts folded.
    if (next.transcript?.id !== before.transcript?.id) this.setupOpen = false;
    this.layoutSetup();
    this.controls.render(next);
    this.progress.render(next);
    this.outcome.render(next);
    this.showModerator(next);
    this.renderStatus();
    // Before `init` the page has no debate of its own yet: what VS Code kept stays as it was.
    if (this.initialized && (redraw || next.transcript?.id !== before.transcript?.id || next.access !== before.access)) this.saveState();
  }

  /**
   * Before any debate the set-up is the page; once one is shown (running or after it) the
   * set-up folds to its one-line summary, and Edit opens it.
   */
  private layoutSetup(): void {
    const foldable = this.debate.transcript !== null || isRunningStatus(this.debate.status);
    const open = !foldable || this.setupOpen;
    // Folding away the field being typed in hands the focus to Edit, not to nowhere.
    const focusWasInSetup = !open && !this.setupColumn.hidden && this.setupColumn.contains(document.activeElement);
    this.setupColumn.hidden = !open;
    this.body.classList.toggle('setup-open', open);
    this.summary.material = this.material === null ? null : materialSummary(this.material.material);
    this.summary.render(this.draft, foldable, open);
    if (focusWasInSetup) this.summary.focus();
  }

  /** Opens (or folds) the set-up; opened, it is brought into view and the transcript stops pulling the page down. */
  private openSetup(open: boolean): void {
    this.setupOpen = open;
    this.layoutSetup();
    if (!open) return;
    this.transcript.holdScroll();
    this.form.element.scrollIntoView({ block: 'start' });
  }

  /** The header's height, for the CSS: what scrolling into view must keep clear of, and how far a tall header may scroll. */
  private trackHeaderHeight(document: Document): void {
    const root = document.documentElement;
    new ResizeObserver(() => root.style.setProperty('--header-height', `${Math.ceil(this.header.getBoundingClientRect().height)}px`))
      .observe(this.header);
  }

  /** The box is open while the debate waits for the moderator, and writable here. */
  private showModerator(view: DebateView): void {
    const open = view.status === 'paused' && view.access.kind === 'writable' && view.transcript !== null;
    const wasOpen = this.moderator.isOpen;
    this.moderator.show(open ? view.transcript : null);
    if (open && this.interjecting) {
      this.interjecting = false;
      this.moderator.focusNote();
    } else if (!open && wasOpen && this.moderator.element.contains(document.activeElement)) {
      this.transcript.focus();
    }
    if (!isRunningStatus(view.status) && !open) this.interjecting = false;
  }

  private turnActions(view: DebateView): TurnActionContext {
    const { status, transcript, access } = view;
    const idle = !isRunningStatus(status);
    return {
      canChange: idle && access.kind === 'writable' && transcript !== null,
      canBranch: idle && access.kind !== 'unavailable' && transcript !== null,
      lastSpeakerTurnId: transcript === null ? null : (lastSpeakerTurn(transcript.turns)?.id ?? null),
    };
  }

  private showWarning(warning: string | null): void {
    this.warning.hidden = warning === null;
    this.warning.replaceChildren(...(warning === null ? [] : [icon('warning'), h('span', {}, messageWithCode(warning))]));
  }

  /** The one error the panel shows (the banner picks it: see bannerError). */
  private showErrors(): void {
    this.errors.update({ debateError: this.debate.error, turns: this.debate.transcript?.turns ?? [], connectionError: this.connectionError });
  }

  private setConnection(connection: Connection, error: DebateError | null): void {
    this.connection = connection;
    this.connectionError = error;
    this.showErrors();
    this.renderStatus();
  }

  /** "Saved to <path>", the path a link that opens the file again; it stays until another run starts. */
  private showExported(path: string): void {
    const link = h('button', { type: 'button', class: 'link-button', title: l10n.t('Open the exported file beside the panel') }, [icon('go-to-file'), path]);
    link.addEventListener('click', () => this.transport.post({ type: 'open-export', path }));
    this.showNotice(l10n.t('Saved to '), link);
  }

  private showNotice(text: string, action?: HTMLElement): void {
    this.notice.replaceChildren(...(text === '' ? [] : [h('span', { text }), ...(action === undefined ? [] : [action])]));
  }

  private renderStatus(): void {
    const { liveTurns, moderatorAtWork, judgeAtWork } = this.debate;
    const context = {
      host: this.host,
      speaking: liveTurns.map((live) => `${live.speaker} (${live.model})`),
      moderator: moderatorAtWork,
      judge: judgeAtWork,
      connection: this.connection,
      earlyEnd: earlyEndNote(this.debate.transcript),
    };
    this.status.render(this.debate.status, context, this.debate.access.kind === 'unavailable' && this.debate.transcript === null);
  }

  /** The chat models VS Code offers as speakers: each speaker's picker, and the folded set-up naming a VS Code speaker's model. */
  private setLanguageModels(models: LanguageModelOption[]): void {
    this.form.setLanguageModels(models);
    this.summary.languageModels = models;
    this.layoutSetup();
  }

  /** After `pull-done` the host lists the models again by itself, so nothing is asked here. */
  private setPull(model: string, state: PullState): void {
    this.form.setPull(model, state);
    this.errors.setPull(model, state);
    this.outcome.setPull(model, state);
  }

  /** The debate shown (also one that can't be shown, so a reload tries it again) and the form as left. */
  private saveState(): void {
    const { transcript, access } = this.debate;
    const debateId = this.initialized ? (transcript?.id ?? (access.kind === 'unavailable' ? access.debateId : undefined)) : this.savedDebateId;
    const material = this.material === null ? {} : { material: this.material };
    this.transport.saveState(debateId === undefined ? { form: this.draft, ...material } : { debateId, form: this.draft, ...material });
  }

  /** Stop (the button or Escape): the debate stops generating, and reading it aloud stops with it. */
  private stopDebate(): void {
    this.readAloud.stop();
    this.transport.post({ type: 'stop' });
  }

  private onKey(event: KeyboardEvent): void {
    const inModeratorBox = event.target instanceof Node && this.moderator.element.contains(event.target);
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (inModeratorBox && this.moderator.isOpen) this.moderator.resume();
      else this.form.submit();
    } else if (event.key === 'Escape' && isRunningStatus(this.debate.status) && !isEditable(event.target)) {
      // Escape leaving a field (the topic, a model, a dropdown) must never stop the debate.
      event.preventDefault();
      this.stopDebate();
    } else if (event.key === 'Escape' && this.outcome.isJudging && !isEditable(event.target)) {
      event.preventDefault();
      this.transport.post({ type: 'cancel-judge' });
    }
  }
}
