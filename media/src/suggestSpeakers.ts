// "Suggest speakers" in the set-up: a button (on once a topic is written and Speaker 1 has a
// model, the model asked), then, while the model answers, what it does and Cancel; then the
// line-up it suggests (names, stances, roles, tones, models) to use in the form, where it can be
// edited, or dismiss; or why there is none. Nothing in the form changes until "Use this line-up".
import type { LineUpSpeakerChoice, SuggestionState } from '../../extension/contract/protocol';
import { h, icon } from './dom';
import { lineUpSpeakerLabel } from './personaRules';
import { suggestBlockedReason } from './suggestSpeakersRules';
import * as l10n from './l10n';

export interface SuggestSpeakersEvents {
  suggest(): void;
  /** Stops asking, or dismisses the line-up or the failure shown. */
  cancel(): void;
  accept(speakers: LineUpSpeakerChoice[]): void;
}

const HINT_ID = 'suggest-speakers-hint';

export class SuggestSpeakers {
  readonly button: HTMLButtonElement = h('button', { type: 'button', class: 'secondary', id: 'suggest-speakers', 'aria-describedby': HINT_ID }, [
    icon('sparkle'), l10n.t('Suggest speakers'),
  ]);
  /** What the suggestion does now: asking, its line-up, or why there is none. */
  /** Each state's part carries its own live role (status, or alert for a failure), as the judge's progress does. */
  readonly element: HTMLElement = h('div', { class: 'suggestion' });
  readonly hint: HTMLElement = h('div', { id: HINT_ID, class: 'field-hint' });
  private state: SuggestionState = { kind: 'idle' };

  constructor(private readonly events: SuggestSpeakersEvents) {
    this.button.addEventListener('click', () => events.suggest());
  }

  /** The button is on once the form has what the suggestion needs (a topic, Speaker 1's model) and nothing is being asked. */
  update(topic: string, model: string, vsCodeModel = false): void {
    const blocked = this.state.kind === 'suggesting' ? l10n.t('A line-up is being suggested.') : suggestBlockedReason(topic, model, vsCodeModel);
    this.button.disabled = blocked !== null;
    this.hint.textContent = blocked ?? l10n.t('Asks {0} (Speaker 1\'s model) for speakers that fit the topic: opposing stances, fitting roles.', model.trim());
  }

  show(state: SuggestionState): void {
    this.state = state;
    this.element.replaceChildren(...this.parts(state));
  }

  private parts(state: SuggestionState): Node[] {
    switch (state.kind) {
      case 'idle':
        return [];
      case 'suggesting': {
        const cancel = h('button', { type: 'button', class: 'link-button' }, [icon('close'), l10n.t('Cancel')]);
        cancel.addEventListener('click', () => this.events.cancel());
        return [h('p', { class: 'field-hint', role: 'status' }, [
          icon('loading codicon-modifier-spin'), l10n.t('Asking {0} for a line-up…', state.model), ' ', cancel,
        ])];
      }
      case 'suggested': {
        const use = h('button', { type: 'button', class: 'primary' }, [icon('check'), l10n.t('Use this line-up')]);
        use.addEventListener('click', () => this.events.accept(state.speakers));
        const dismiss = h('button', { type: 'button', class: 'secondary' }, [l10n.t('Dismiss')]);
        dismiss.addEventListener('click', () => this.events.cancel());
        const heading = l10n.t('Suggested by {0}', state.model);
        return [h('div', { class: 'field suggested-lineup', role: 'group', 'aria-label': heading }, [
          h('div', { class: 'field-hint', role: 'status', text: l10n.t('{0}: {1} speakers. Use the line-up, then edit it in the form, or dismiss it.', heading, state.speakers.length) }),
          h('ol', { class: 'suggested-speakers' }, state.speakers.map((speaker) => h('li', { text: `${lineUpSpeakerLabel(speaker)} · ${speaker.tone}` }))),
          h('div', { class: 'setup-actions' }, [use, dismiss]),
        ])];
      }
      case 'failed': {
        const dismiss = h('button', { type: 'button', class: 'link-button' }, [l10n.t('Dismiss')]);
        dismiss.addEventListener('click', () => this.events.cancel());
        return [h('div', { class: 'form-error', role: 'alert' }, [
          icon('error'), h('span', { text: l10n.t('No line-up suggested by {0}: {1}', state.model, state.reason) }), dismiss,
        ])];
      }
      default: {
        const unexpected: never = state;
        return unexpected;
      }
    }
  }
}
