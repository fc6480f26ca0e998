// What can be done with the debate shown, above its transcript: while it runs here,
// Pause, Interject and Stop; once it stands still, Finish debate (the planned turns
// left) and Continue with more exchanges (as many as one run may add, and no more
// than the total a debate may reach); and when it can't be changed here, why
// (it runs elsewhere, or is not in the library), with a way to read it again.
import type { DebateView } from '../../extension/contract/protocol';
import { hasTurnsLeft } from '../../extension/contract/debate-rules';
import { continueLimit, MAX_PANEL_EXCHANGES, MIN_PANEL_EXCHANGES } from '../../extension/contract/limits';
import { emptyDebateView, isRunningStatus } from '../../extension/contract/snapshot';
import { h, icon } from './dom';
import { continueLimitText } from './continueRules';
import * as l10n from './l10n';

export interface DebateControlsEvents {
  pause(): void;
  interject(): void;
  stop(): void;
  /** `exchanges` more, or (undefined) the planned turns left. */
  continue(exchanges: number | undefined): void;
  /** Read the debate from the library again. */
  reload(): void;
}

function button(codicon: string, text: string, kind: 'primary' | 'secondary', title?: string): HTMLButtonElement {
  return h('button', { type: 'button', class: kind, ...(title !== undefined && { title }) }, [icon(codicon), text]);
}

export class DebateControls {
  readonly element: HTMLElement;
  private readonly running: HTMLElement;
  private readonly still: HTMLElement;
  private readonly note: HTMLElement;
  private readonly noteText = h('span', { class: 'access-reason' });
  private readonly pauseButton = button('debug-pause', l10n.t('Pause'), 'secondary', l10n.t('Pause after the turn in progress'));
  private readonly interjectButton = button('megaphone', l10n.t('Interject'), 'secondary', l10n.t('Pause after this turn and speak as the moderator'));
  private readonly stopButton = button('debug-stop', l10n.t('Stop'), 'secondary', l10n.t('Stop now (Escape); the partial turn is kept'));
  private readonly finishButton = button('debug-continue', l10n.t('Finish debate'), 'primary', l10n.t('Speak the turns left of the planned exchanges'));
  private readonly continueButton = button('add', l10n.t('Continue'), 'secondary');
  private readonly exchanges = h('input', {
    id: 'continue-exchanges', type: 'number', min: MIN_PANEL_EXCHANGES, max: MAX_PANEL_EXCHANGES, step: 1, value: 1, 'aria-describedby': 'continue-limit',
  });
  private readonly exchangesLabel = h('label', { for: 'continue-exchanges', class: 'continue-label', text: l10n.t('more exchanges') });
  private readonly limitText = h('span', { id: 'continue-limit', class: 'continue-limit' });
  /** The most Continue may add to the debate shown. */
  private limit = MAX_PANEL_EXCHANGES;
  private readonly reloadButton = button('refresh', l10n.t('Check again'), 'secondary', l10n.t('Read this debate from the library again'));

  constructor(events: DebateControlsEvents) {
    this.running = h('div', { class: 'control-group', role: 'group', 'aria-label': l10n.t('Running debate') }, [this.pauseButton, this.interjectButton, this.stopButton]);
    this.still = h('div', { class: 'control-group', role: 'group', 'aria-label': l10n.t('Go on with the debate') }, [
      this.finishButton,
      this.continueButton,
      this.exchanges,
      this.exchangesLabel,
      this.limitText,
    ]);
    this.note = h('div', { class: 'access-note', role: 'note' }, [icon('lock'), this.noteText, this.reloadButton]);
    this.element = h('div', { class: 'debate-controls' }, [this.running, this.still, this.note]);
    this.pauseButton.addEventListener('click', () => events.pause());
    this.interjectButton.addEventListener('click', () => events.interject());
    this.stopButton.addEventListener('click', () => events.stop());
    this.finishButton.addEventListener('click', () => events.continue(undefined));
    this.continueButton.addEventListener('click', () => events.continue(this.moreExchanges()));
    this.reloadButton.addEventListener('click', () => events.reload());
    this.render(emptyDebateView());
  }

  render({ status, transcript, access }: DebateView): void {
    const runningHere = isRunningStatus(status);
    this.running.hidden = !runningHere;
    this.pauseButton.disabled = status === 'pausing';
    this.pauseButton.lastChild!.textContent = status === 'pausing' ? l10n.t('Pausing after this turn') : l10n.t('Pause');
    const standing = ['done', 'stopped', 'failed', 'interrupted'].includes(status);
    this.still.hidden = runningHere || !standing || access.kind !== 'writable' || transcript === null;
    this.finishButton.hidden = status === 'done' || transcript === null || !hasTurnsLeft(transcript);
    this.showContinueLimit(transcript?.exchanges ?? 0);
    this.note.hidden = access.kind === 'writable';
    if (access.kind !== 'writable') {
      this.note.firstElementChild!.className = `codicon codicon-${access.kind === 'read-only' ? 'lock' : 'warning'}`;
      this.noteText.textContent = access.reason;
    }
    this.element.hidden = this.running.hidden && this.still.hidden && this.note.hidden;
  }

  /** A debate at the most exchanges a debate may have can't be continued: it says so instead. */
  private showContinueLimit(exchanges: number): void {
    const limit = continueLimit(exchanges);
    this.limit = limit;
    const full = limit < MIN_PANEL_EXCHANGES;
    this.continueButton.hidden = full;
    this.exchanges.hidden = full;
    this.exchangesLabel.hidden = full;
    this.exchanges.max = String(Math.max(MIN_PANEL_EXCHANGES, limit));
    if (!full && Number(this.exchanges.value) > limit) this.exchanges.value = String(limit);
    this.limitText.textContent = continueLimitText(exchanges);
  }

  private moreExchanges(): number {
    const value = Math.round(Number(this.exchanges.value));
    const most = Math.max(MIN_PANEL_EXCHANGES, this.limit);
    const count = Number.isFinite(value) ? Math.min(most, Math.max(MIN_PANEL_EXCHANGES, value)) : MIN_PANEL_EXCHANGES;
    this.exchanges.value = String(count);
    return count;
  }
}
