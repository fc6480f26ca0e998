// The line-up tools under the set-up's "Speakers" heading: "Suggest speakers" (a model casts
// a line-up for the topic), "For / Against" (speaker 1 For, speaker 2 Against in one click),
// and "Recent line-ups". Each changes the form only through `apply`, with a whole new draft.
import type { ModelInfo } from '../../engine/types';
import type { LineUpSpeakerChoice, SuggestionState } from '../../extension/contract/protocol';
import { h, icon } from './dom';
import { isVsCodeSpeaker } from '../../extension/contract/language-models';
import type { FormDraft } from './formRules';
import { draftWithLineUp, forAgainst } from './personaRules';
import { RecentLineUpsPicker } from './recentLineups';
import { SuggestSpeakers } from './suggestSpeakers';
import * as l10n from './l10n';

export interface PersonaToolbarEvents {
  /** The form as it is now. */
  draft(): FormDraft;
  /** The names of the tones offered, for a speaker For / Against adds. */
  toneNames(): string[];
  /** Shows `draft` in the form and keeps it. */
  apply(draft: FormDraft): void;
  suggest(topic: string, model: string): void;
  cancelSuggest(): void;
}

/** The model that suggests a line-up: the one Speaker 1 uses. */
function suggestingModel(draft: FormDraft): string {
  return draft.speakers[0]?.model.trim() ?? '';
}

export class PersonaToolbar {
  readonly element: HTMLElement;
  private readonly suggestions: SuggestSpeakers;
  private readonly recent: RecentLineUpsPicker;

  constructor(private readonly events: PersonaToolbarEvents) {
    this.suggestions = new SuggestSpeakers({
      suggest: () => {
        const draft = events.draft();
        events.suggest(draft.topic.trim(), suggestingModel(draft));
      },
      cancel: () => this.closeSuggestion(),
      accept: (speakers) => {
        this.useLineUp(speakers);
        // The line-up is in the form now, to edit there.
        this.closeSuggestion();
      },
    });
    const forAgainstButton = h('button', {
      type: 'button', class: 'secondary', id: 'for-against', title: l10n.t('Speaker 1 argues for the motion and Speaker 2 against it; models and tones stay.'),
    }, [icon('arrow-swap'), l10n.t('For / Against')]);
    forAgainstButton.addEventListener('click', () => events.apply(forAgainst(events.draft(), events.toneNames())));
    this.recent = new RecentLineUpsPicker((lineUp) => this.useLineUp(lineUp));
    this.element = h('div', { class: 'lineup-tools', role: 'group', 'aria-label': l10n.t('Line-up') }, [
      h('div', { class: 'setup-actions' }, [this.suggestions.button, forAgainstButton]),
      this.suggestions.hint,
      this.suggestions.element,
      this.recent.element,
    ]);
    this.refresh();
  }

  /** The form changed: whether a suggestion can be asked for may have too. */
  refresh(): void {
    const draft = this.events.draft();
    this.suggestions.update(draft.topic, suggestingModel(draft), draft.speakers[0] !== undefined && isVsCodeSpeaker(draft.speakers[0]));
  }

  setSuggestion(state: SuggestionState): void {
    this.suggestions.show(state);
    this.refresh();
  }

  setRecentLineUps(lineUps: LineUpSpeakerChoice[][]): void {
    this.recent.setLineUps(lineUps);
  }

  setModels(models: readonly ModelInfo[]): void {
    this.recent.setModels(models);
  }

  /** Cancel, Dismiss or a line-up used: the host forgets it, the panel shows nothing more, and the focus (on a button now gone) returns to Suggest speakers. */
  private closeSuggestion(): void {
    this.events.cancelSuggest();
    this.setSuggestion({ kind: 'idle' });
    this.suggestions.button.focus();
  }

  private useLineUp(lineUp: readonly LineUpSpeakerChoice[]): void {
    this.events.apply(draftWithLineUp(this.events.draft(), lineUp));
  }
}
