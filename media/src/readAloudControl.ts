// The read-aloud control in the panel's header: one button that reads, pauses and resumes,
// Skip turn, and a polite live region saying whose turn is read. Where no voice exists the
// buttons are gone and a short note says why (its tooltip, the whole reason).
import { h, icon } from './dom';
import { readAloudStatusText, toggleAction, type ReadAloudState } from './readAloudRules';
import * as l10n from './l10n';

export interface ReadAloudControlEvents {
  play(): void;
  pause(): void;
  skip(): void;
}

export class ReadAloudControl {
  readonly element: HTMLElement;
  private readonly buttons: HTMLElement;
  private readonly toggleIcon = icon('play');
  private readonly toggleText = h('span', { text: l10n.t('Read aloud') });
  private readonly toggle = h('button', { type: 'button', class: 'secondary read-aloud-toggle' }, [this.toggleIcon, this.toggleText]);
  private readonly skipButton = h('button', {
    type: 'button', class: 'secondary read-aloud-skip', 'aria-label': l10n.t('Skip turn'), title: l10n.t('Stop reading this turn and read the next one'),
  }, [icon('debug-step-over'), l10n.t('Skip turn')]);
  private readonly status = h('span', { class: 'read-aloud-status', role: 'status', 'aria-live': 'polite' });
  /** The whole reason, for the tooltip and (hidden, as a description) for screen readers. */
  private readonly reason = h('span', { id: 'read-aloud-reason', hidden: true });
  private readonly unavailable = h('span', { class: 'read-aloud-unavailable', 'aria-describedby': 'read-aloud-reason' }, [
    icon('mute'), l10n.t('Read aloud unavailable'), this.reason,
  ]);
  private action: 'play' | 'pause' = 'play';

  constructor(events: ReadAloudControlEvents) {
    this.buttons = h('div', { class: 'read-aloud-buttons' }, [this.toggle, this.skipButton, this.status]);
    this.element = h('div', { class: 'read-aloud', role: 'group', 'aria-label': l10n.t('Read aloud') }, [this.buttons, this.unavailable]);
    this.toggle.addEventListener('click', () => (this.action === 'pause' ? events.pause() : events.play()));
    this.skipButton.addEventListener('click', () => events.skip());
    this.render({ kind: 'checking' }, false);
  }

  /** `readable`: a debate is shown that has (or will have) turns to read. */
  render(state: ReadAloudState, readable: boolean): void {
    const unavailable = state.kind === 'unavailable';
    this.element.hidden = !readable || state.kind === 'checking';
    this.buttons.hidden = unavailable;
    this.unavailable.hidden = !unavailable;
    if (unavailable) {
      this.unavailable.title = state.reason;
      this.reason.textContent = state.reason;
    }
    const toggle = toggleAction(state);
    this.action = toggle.action;
    this.toggleIcon.className = `codicon codicon-${toggle.icon}`;
    this.toggleText.textContent = toggle.label;
    this.toggle.title = toggle.title;
    this.toggle.setAttribute('aria-label', toggle.label);
    this.skipButton.disabled = state.kind !== 'reading' && state.kind !== 'paused';
    const text = unavailable ? '' : readAloudStatusText(state);
    if (this.status.textContent !== text) this.status.textContent = text;
  }
}
