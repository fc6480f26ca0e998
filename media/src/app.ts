// The panel: wires the views to the transport and applies every host message. The
// debate it shows is the contract's reducer run over the host's events, from the
// host's snapshot: the same state the host holds. The page keeps, as VS Code UI state,
// the id of the debate shown (after a reload the host reads it from the library) and
// the form as the person left it.
import { DEFAULT_PANEL_EXCHANGES, DEFAULT_PANEL_SPEAKERS } from '../../extension/contract/limits';
import { lastSpeakerTurn } from '../../extension/contract/debate-rules';
import type { DebateView, HostMessage, PanelEvent, PanelSnapshot } from '../../extension/contract/protocol';
import { applyDebateEvent, debateViewOf, emptyDebateView, isRunningStatus } from '../../extension/contract/snapshot';
import { DebateControls } from './debateControls';
import { h, icon } from './dom';
import { ErrorBanner } from './errorBanner';
import { assertNever } from './format';
import { readSavedDraft, type FormDraft } from './formRules';
import { ModeratorBox } from './moderatorBox';
import type { PullState } from './pullStatus';
import { SetupForm } from './setupForm';
import { StatusLine } from './statusLine';
import { TranscriptView } from './transcriptView';
import type { TurnActionContext } from './turnActions';
import type { Transport } from './transport';

/** Where focus is taken by typing or choosing: Escape there leaves the field, it never stops the debate. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export class App {
  private readonly form: SetupForm;
  private readonly transcript: TranscriptView;
  private readonly status = new StatusLine();
  private readonly controls: DebateControls;
  private readonly moderator: ModeratorBox;
  private readonly errors: ErrorBanner;
  private readonly notice = h('div', { class: 'notice', 'aria-live': 'polite' });
  private readonly warning = h('div', { class: 'debate-warning', role: 'status', hidden: true });
  private debate: DebateView = emptyDebateView();
  private draft: FormDraft;
  private host = '';
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
    this.draft = saved ?? {
      topic: '',
      speakers: Array.from({ length: DEFAULT_PANEL_SPEAKERS }, () => ({ model: '', tone: '' })),
      exchanges: DEFAULT_PANEL_EXCHANGES,
    };
    this.form = new SetupForm(this.draft, {
      start: (request) => {
        const shown = this.debate.transcript;
        this.replaced = shown === null || isRunningStatus(this.debate.status) ? null : { id: shown.id, topic: shown.topic };
        transport.post({ type: 'start', request });
      },
      export: () => transport.post({ type: 'export' }),
      refreshModels: () => transport.post({ type: 'refresh-models' }),
      pull: (model) => transport.post({ type: 'pull-model', model }),
      openSettings: () => transport.post({ type: 'open-settings' }),
      draftChanged: (draft) => {
        this.draft = draft;
        this.saveState();
      },
    });
    this.transcript = new TranscriptView({
      branch: (turnId) => transport.post({ type: 'branch', turnId }),
      regenerate: (turnId) => transport.post({ type: 'regenerate', turnId }),
      chooseAlternative: (turnId, alternative) => transport.post({ type: 'choose-alternative', turnId, alternative }),
    });
    this.controls = new DebateControls({
      pause: () => transport.post({ type: 'pause' }),
      interject: () => {
        this.interjecting = true;
        if (this.moderator.isOpen) this.moderator.focusNote();
        else transport.post({ type: 'pause' });
      },
      stop: () => transport.post({ type: 'stop' }),
      continue: (exchanges) => transport.post(exchanges === undefined ? { type: 'continue' } : { type: 'continue', exchanges }),
      reload: () => transport.post({ type: 'reload-debate' }),
    });
    this.moderator = new ModeratorBox({ resume: (decision) => transport.post({ type: 'resume', ...decision }) });
    this.errors = new ErrorBanner({
      retry: () => this.retry(),
      openSettings: () => transport.post({ type: 'open-settings' }),
      pull: (model) => transport.post({ type: 'pull-model', model }),
    });
    root.replaceChildren(
      h('div', { class: 'layout' }, [
        h('aside', { class: 'sidebar' }, [this.form.element]),
        h('main', { class: 'stage' }, [
          this.status.element, this.controls.element, this.errors.element, this.warning, this.notice, this.transcript.element, this.moderator.element,
        ]),
      ]),
    );
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
        break;
      case 'models-error':
        this.form.setModelsError(message.error);
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
        this.showNotice(`Transcript saved to ${message.path}`);
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
    this.form.setHost(snapshot.host);
    this.form.setTones(snapshot.tones);
    if (snapshot.models !== null) this.form.setModels(snapshot.models, snapshot.host);
    this.setDebate(debateViewOf(snapshot), { redraw: true });
    this.transcript.jumpToLatest();
  }

  private onDebateEvent(event: PanelEvent): void {
    const next = applyDebateEvent(this.debate, event);
    if (event.type === 'token') {
      this.debate = next;
      this.transcript.streamed(next.liveTurn);
      return;
    }
    if (event.type === 'run-start') this.runStarted(event.transcript.id);
    this.setDebate(next);
  }

  /** A run began: a new debate replacing one on screen says where that one is kept. */
  private runStarted(id: string): void {
    const replaced = this.replaced;
    this.replaced = null;
    if (replaced === null || replaced.id === id) {
      this.showNotice('');
      return;
    }
    const open = h('button', { type: 'button', class: 'link-button' }, [icon('link-external'), 'Open it']);
    open.addEventListener('click', () => this.transport.post({ type: 'open-debate', debateId: replaced.id }));
    this.showNotice(`The previous debate, “${replaced.topic}”, is kept in the Debates view.`, open);
  }

  /**
   * Retry after Ollama could not be reached: a debate that failed that way is in the library
   * (failed before its first turn, or with its exchanges added): run it on rather than start
   * another. A failure before any debate ran (a malformed host) starts the form's debate.
   */
  private retry(): void {
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
    this.transcript.show(next.transcript, next.liveTurn, this.turnActions(next));
    if (redraw || next.error !== before.error) {
      if (next.error === null) this.errors.clear();
      else this.errors.show(next.error);
    }
    if (redraw || next.warning !== before.warning) this.showWarning(next.warning);
    this.form.setRunning(running, next.transcript !== null);
    this.controls.render(next);
    this.showModerator(next);
    this.renderStatus();
    // Before `init` the page has no debate of its own yet: what VS Code kept stays as it was.
    if (this.initialized && (redraw || next.transcript?.id !== before.transcript?.id || next.access !== before.access)) this.saveState();
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
    this.warning.replaceChildren(...(warning === null ? [] : [icon('warning'), h('span', { text: warning })]));
  }

  private showNotice(text: string, action?: HTMLElement): void {
    this.notice.replaceChildren(...(text === '' ? [] : [h('span', { text }), ...(action === undefined ? [] : [action])]));
  }

  private renderStatus(): void {
    const live = this.debate.liveTurn;
    const context = { host: this.host, speaking: live === null ? null : `${live.speaker} (${live.model})` };
    this.status.render(this.debate.status, context, this.debate.access.kind === 'unavailable' && this.debate.transcript === null);
  }

  /** After `pull-done` the host lists the models again by itself, so nothing is asked here. */
  private setPull(model: string, state: PullState): void {
    this.form.setPull(model, state);
    this.errors.setPull(model, state);
  }

  /** The debate shown (also one that can't be shown, so a reload tries it again) and the form as left. */
  private saveState(): void {
    const { transcript, access } = this.debate;
    const debateId = this.initialized ? (transcript?.id ?? (access.kind === 'unavailable' ? access.debateId : undefined)) : this.savedDebateId;
    this.transport.saveState(debateId === undefined ? { form: this.draft } : { debateId, form: this.draft });
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
      this.transport.post({ type: 'stop' });
    }
  }
}
