// The panel: wires the views to the transport and applies every host message. The
// debate it shows is the contract's reducer run over the host's events, from the
// host's snapshot: the same state the host holds.
import { DEFAULT_PANEL_EXCHANGES, DEFAULT_PANEL_SPEAKERS } from '../../extension/contract/limits';
import type { DebateView, HostMessage, PanelEvent, PanelSnapshot } from '../../extension/contract/protocol';
import { applyDebateEvent, debateViewOf, emptyDebateView, isRunningStatus } from '../../extension/contract/snapshot';
import { h, icon } from './dom';
import { ErrorBanner } from './errorBanner';
import { assertNever } from './format';
import { readSavedDraft, type FormDraft } from './formRules';
import type { PullState } from './pullStatus';
import { SetupForm } from './setupForm';
import { StatusLine } from './statusLine';
import { TranscriptView } from './transcriptView';
import type { Transport } from './transport';

export class App {
  private readonly form: SetupForm;
  private readonly transcript = new TranscriptView();
  private readonly status = new StatusLine();
  private readonly errors: ErrorBanner;
  private readonly notice = h('div', { class: 'notice', 'aria-live': 'polite' });
  private readonly warning = h('div', { class: 'debate-warning', role: 'status', hidden: true });
  private debate: DebateView = emptyDebateView();
  private host = '';
  private panelId: string | undefined;

  constructor(root: HTMLElement, private readonly transport: Transport) {
    const state = transport.loadState();
    this.panelId = state?.panelId;
    const saved = readSavedDraft(state?.form);
    const blank: FormDraft = {
      topic: '',
      speakers: Array.from({ length: DEFAULT_PANEL_SPEAKERS }, () => ({ model: '', tone: '' })),
      exchanges: DEFAULT_PANEL_EXCHANGES,
    };
    this.form = new SetupForm(saved ?? blank, {
      start: (request) => transport.post({ type: 'start', request }),
      stop: () => transport.post({ type: 'stop' }),
      export: () => transport.post({ type: 'export' }),
      refreshModels: () => transport.post({ type: 'refresh-models' }),
      pull: (model) => transport.post({ type: 'pull-model', model }),
      openSettings: () => transport.post({ type: 'open-settings' }),
      draftChanged: (draft) => this.saveDraft(draft),
    });
    this.errors = new ErrorBanner({
      retry: () => this.form.submit(),
      openSettings: () => transport.post({ type: 'open-settings' }),
      pull: (model) => transport.post({ type: 'pull-model', model }),
    });
    root.replaceChildren(
      h('div', { class: 'layout' }, [
        h('aside', { class: 'sidebar' }, [this.form.element]),
        h('main', { class: 'stage' }, [this.status.element, this.errors.element, this.warning, this.notice, this.transcript.element]),
      ]),
    );
    this.renderStatus();
    transport.onMessage((message) => this.handle(message));
    root.ownerDocument.addEventListener('keydown', (event) => this.onKey(event));
    transport.post({ type: 'ready' });
  }

  handle(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        this.init(message.panelId, message.snapshot);
        break;
      case 'debate-event':
        this.onDebateEvent(message.event);
        break;
      case 'status':
        this.setDebate({ ...this.debate, status: message.status });
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
        this.notice.textContent = `Transcript saved to ${message.path}`;
        break;
      default:
        assertNever(message);
    }
  }

  private init(panelId: string, snapshot: PanelSnapshot): void {
    this.host = snapshot.host;
    this.panelId = panelId;
    // The user's unsent edits (kept by VS Code) win over the last submitted form.
    const draft = readSavedDraft(this.transport.loadState()?.form);
    if (draft === null) this.form.setDraft(snapshot.form);
    this.saveDraft(draft ?? snapshot.form);
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
    if (event.type === 'run-start') this.notice.textContent = '';
    this.setDebate(next);
  }

  /** Draws what changed between the debate shown and `next` (everything, after a snapshot). */
  private setDebate(next: DebateView, { redraw = false } = {}): void {
    const before = this.debate;
    this.debate = next;
    if (redraw || next.transcript !== before.transcript || next.liveTurn !== before.liveTurn) this.transcript.show(next.transcript, next.liveTurn);
    if (redraw || next.error !== before.error) {
      if (next.error === null) this.errors.clear();
      else this.errors.show(next.error);
    }
    if (redraw || next.warning !== before.warning) this.showWarning(next.warning);
    this.form.setRunning(isRunningStatus(next.status), next.transcript !== null);
    this.renderStatus();
  }

  private showWarning(warning: string | null): void {
    this.warning.hidden = warning === null;
    this.warning.replaceChildren(...(warning === null ? [] : [icon('warning'), h('span', { text: warning })]));
  }

  private renderStatus(): void {
    const live = this.debate.liveTurn;
    this.status.render(this.debate.status, { host: this.host, speaking: live === null ? null : `${live.speaker} (${live.model})` });
  }

  /** After `pull-done` the host lists the models again by itself, so nothing is asked here. */
  private setPull(model: string, state: PullState): void {
    this.form.setPull(model, state);
    this.errors.setPull(model, state);
  }

  private saveDraft(form: FormDraft): void {
    this.transport.saveState(this.panelId === undefined ? { form } : { panelId: this.panelId, form });
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.form.submit();
    } else if (event.key === 'Escape' && isRunningStatus(this.debate.status)) {
      event.preventDefault();
      this.transport.post({ type: 'stop' });
    }
  }
}
