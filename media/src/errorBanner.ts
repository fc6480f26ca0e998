// A debate error, in words a person can act on, with the action that fixes it.
import type { DebateError } from '../../engine/types';
import { h, icon, iconButton } from './dom';
import { assertNever } from './format';
import { pullStatusElement, type PullState } from './pullStatus';

export interface ErrorBannerEvents {
  retry(): void;
  openSettings(): void;
  pull(model: string): void;
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
      return 'The transcript so far is kept; the interrupted turn is marked.';
    case 'unreachable':
    case 'model-missing':
    case 'invalid-config':
    case 'locked':
      return null;
    default:
      return assertNever(error.kind);
  }
}

export class ErrorBanner {
  readonly element = h('div', { class: 'error-banner', role: 'alert', hidden: true });
  private error: DebateError | null = null;
  private pull: PullState | null = null;

  constructor(private readonly events: ErrorBannerEvents) {}

  show(error: DebateError): void {
    this.error = error;
    this.pull = null;
    this.render();
  }

  clear(): void {
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
    const dismiss = iconButton('close', 'Dismiss error');
    dismiss.addEventListener('click', () => this.clear());
    const note = consequence(error);
    this.element.hidden = false;
    this.element.replaceChildren(
      icon('error'),
      h('div', { class: 'error-content' }, [
        h('p', { class: 'error-message', text: error.message }),
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
        return [actionButton('refresh', 'Retry', () => this.events.retry()), actionButton('gear', 'Open Settings', () => this.events.openSettings())];
      case 'model-missing': {
        const model = error.model;
        if (model === undefined || this.pull?.kind === 'progress' || this.pull?.kind === 'done') return [];
        return [actionButton('cloud-download', `Pull ${model}`, () => this.events.pull(model))];
      }
      // Mid-debate failures are retried on the failed turn itself ("Retry this turn"), which keeps the transcript.
      case 'first-token-timeout':
      case 'http':
      case 'stream-dropped':
      case 'unknown':
      case 'invalid-config':
      case 'locked':
        return [];
      default:
        return assertNever(error.kind);
    }
  }
}
