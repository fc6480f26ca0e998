// The one-line debate status (role=status, so screen readers announce changes).
import type { DebateStatus } from '../../extension/contract/protocol';
import { h, icon } from './dom';
import { statusText, type StatusContext } from './format';

const STATUS_ICON: Record<DebateStatus, string> = {
  idle: 'circle-large-outline',
  connecting: 'loading codicon-modifier-spin',
  loading: 'loading codicon-modifier-spin',
  speaking: 'loading codicon-modifier-spin',
  paused: 'debug-pause',
  interrupted: 'debug-disconnect',
  done: 'pass',
  stopped: 'debug-stop',
  failed: 'error',
};

export class StatusLine {
  readonly element = h('div', { class: 'status-line', role: 'status' });
  private shown = '';

  render(status: DebateStatus, context: StatusContext): void {
    const text = statusText(status, context);
    // Re-announcing identical text on every token would flood screen readers.
    if (`${status}:${text}` === this.shown) return;
    this.shown = `${status}:${text}`;
    this.element.className = `status-line status-${status}`;
    this.element.replaceChildren(icon(STATUS_ICON[status]), h('span', { text }));
  }
}
