// The panel's one place for an error: the debate's, or (before one runs) the Ollama host not
// answering; in words a person can act on, with the action that fixes it. An error its failed
// turn already says (with Retry this turn there) is not said here again.
import type { DebateError } from '../../engine/types';
import { h, icon, iconButton } from './dom';
import { assertNever, bannerError, codeSpans, type ErrorInputs, type ErrorSource } from './format';
import { pullStatusElement, type PullState } from './pullStatus';
import * as l10n from './l10n';

export interface ErrorBannerEvents {
  retry(source: ErrorSource): void;
  openSettings(): void;
  pull(model: string): void;
}

/** A message as text nodes, its code spans (`ollama serve`) as <code>: never parsed as HTML. */
export function messageWithCode(message: string): (string | HTMLElement)[] {
  return codeSpans(message).map((part) => (part.code ? h('code', { class: 'message-code', text: part.text }) : part.text));
}

function actionButton(codicon: string, label: string, onClick: () => void): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'secondary' }, [icon(codicon), label]);
  button.addEventListener('click', onClick);
  return button;
}

/** A sentence added under the engine's message: what happened to the transcript. */
function consequence(error: DebateError): string | null {
  switch (error.kind) {
    case 'stream-dropped':
    case 'first-token-timeout':
    case 'http':
    case 'unknown':
      return l10n.t('The transcript so far is kept; the interrupted turn is marked.');
    case 'unreachable':
    case 'model-missing':
    case 'invalid-config':
    case 'locked':
      return null;
    default:
      return assertNever(error.kind);
  }
}

/** Errors read again from a snapshot are new objects: the same error has the same key. */
function errorKey(error: DebateError): string {
  return `${error.kind}\n${error.message}`;
}

export class ErrorBanner {
  readonly element = h('div', { class: 'error-banner', role: 'alert', hidden: true });
  private error: DebateError | null = null;
  private source: ErrorSource = 'debate';
  /** Which error is drawn (source and words), so an equal one drawn again changes nothing. */
  private shownKey: string | null = null;
  /** The error the person dismissed (its key): it stays hidden until another one comes. */
  private dismissed: string | null = null;
  private pull: PullState | null = null;

  constructor(private readonly events: ErrorBannerEvents) {}

  /** Shows the one error `inputs` call for (see bannerError), redrawing only when it changed. */
  update(inputs: ErrorInputs): void {
    const found = bannerError(inputs);
    // Once the dismissed error is gone, the same words coming back are a new error.
    if (found === null || errorKey(found.error) !== this.dismissed) this.dismissed = null;
    const shown = found === null || errorKey(found.error) === this.dismissed ? null : found;
    const key = shown === null ? null : `${shown.source}\n${errorKey(shown.error)}`;
    // The same error drawn again (a redraw of the debate) keeps what the banner shows, a pull's progress say.
    if (key === this.shownKey) return;
    this.shownKey = key;
    if (shown === null) {
      this.hide();
      return;
    }
    this.error = shown.error;
    this.source = shown.source;
    this.pull = null;
    this.render();
  }

  private hide(): void {
    this.error = null;
    this.pull = null;
    this.element.hidden = true;
    this.element.replaceChildren();
  }

  setPull(model: string, state: PullState): void {
    if (this.error?.kind !== 'model-missing' || this.error.model !== model) return;
    this.pull = state;
    this.render();
  }

  private render(): void {
    const error = this.error;
    if (error === null) return;
    const dismiss = iconButton('close', l10n.t('Dismiss error'));
    dismiss.addEventListener('click', () => {
      this.dismissed = errorKey(error);
      this.shownKey = null;
      this.hide();
    });
    const note = consequence(error);
    this.element.hidden = false;
    this.element.replaceChildren(
      icon('error'),
      h('div', { class: 'error-content' }, [
        h('p', { class: 'error-message' }, messageWithCode(error.message)),
        note === null ? null : h('p', { class: 'error-note', text: note }),
        h('div', { class: 'inline-actions' }, this.actions(error)),
        this.pull === null || error.model === undefined ? null : pullStatusElement(error.model, this.pull),
      ]),
      dismiss,
    );
  }

  private actions(error: DebateError): HTMLButtonElement[] {
    switch (error.kind) {
      case 'unreachable':
      case 'invalid-config': {
        const source = this.source;
        return [actionButton('refresh', l10n.t('Retry'), () => this.events.retry(source)), actionButton('gear', l10n.t('Open Settings'), () => this.events.openSettings())];
      }
      case 'model-missing': {
        const model = error.model;
        if (model === undefined || this.pull?.kind === 'progress' || this.pull?.kind === 'done') return [];
        return [actionButton('cloud-download', l10n.t('Pull {0}', model), () => this.events.pull(model))];
      }
      // Mid-debate failures are retried on the failed turn itself ("Retry this turn"), which keeps the transcript.
      case 'first-token-timeout':
      case 'http':
      case 'stream-dropped':
      case 'unknown':
      case 'locked':
        return [];
      default:
        return assertNever(error.kind);
    }
  }
}
