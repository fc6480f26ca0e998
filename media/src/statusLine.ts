// The one-line debate status (role=status, so screen readers announce changes).
import type { DebateStatus } from '../../extension/contract/protocol';
import { h, icon } from './dom';
import { statusText, type Connection, type StatusContext } from './format';
import * as l10n from './l10n';

const STATUS_ICON: Record<DebateStatus, string> = {
  idle: 'circle-large-outline',
  connecting: 'loading codicon-modifier-spin',
  loading: 'loading codicon-modifier-spin',
  speaking: 'loading codicon-modifier-spin',
  pausing: 'loading codicon-modifier-spin',
  paused: 'debug-pause',
  interrupted: 'debug-disconnect',
  'running-elsewhere': 'lock',
  done: 'pass',
  stopped: 'debug-stop',
  failed: 'error',
};

/** Before a debate: looking for Ollama, ready, or not (Ollama does not answer). */
const IDLE_ICON: Record<Connection, string> = {
  checking: 'loading codicon-modifier-spin',
  answering: 'circle-large-outline',
  'not-answering': 'warning',
};

export class StatusLine {
  readonly element = h('div', { class: 'status-line', role: 'status' });
  private shown = '';

  /** The debate's status; `unavailable` (the debate can't be shown) says so instead. */
  render(status: DebateStatus, context: StatusContext, unavailable = false): void {
    if (unavailable) {
      this.show('unavailable', 'warning', l10n.t('Not available from the library: the note below says why.'));
      return;
    }
    this.show(status, status === 'idle' ? IDLE_ICON[context.connection ?? 'answering'] : STATUS_ICON[status], statusText(status, context));
  }

  private show(status: string, codicon: string, text: string): void {
    // Re-announcing identical text on every token would flood screen readers.
    if (`${status}:${text}` === this.shown) return;
    this.shown = `${status}:${text}`;
    this.element.className = `status-line status-${status}`;
    this.element.replaceChildren(icon(codicon), h('span', { text }));
  }
}
