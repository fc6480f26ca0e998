// The set-up's debate language: a select of common languages (English, the default, first)
// and "Other…", which shows a text field for any language by name. What it holds is read as
// one value (languagePickerRules.ts); the speakers, the AI moderator and the judge are told it.
import { h } from './dom';
import * as l10n from './l10n';
import { LANGUAGE_CHOICES, languageSelection, MAX_LANGUAGE_LENGTH, OTHER_LANGUAGE, selectedLanguage } from './languagePickerRules';

export const LANGUAGE_ID = 'debate-language';
const OTHER_ID = `${LANGUAGE_ID}-other`;
const HINT_ID = `${LANGUAGE_ID}-hint`;

export interface LanguagePickerEvents {
  change(): void;
}

export class LanguagePicker {
  readonly element: HTMLElement;
  readonly select = h('select', { id: LANGUAGE_ID, 'aria-describedby': HINT_ID }, [
    ...LANGUAGE_CHOICES.map(({ value, label }) => h('option', { value, text: label })),
    h('option', { value: OTHER_LANGUAGE, text: l10n.t('Other…') }),
  ]);
  readonly other = h('input', {
    id: OTHER_ID, type: 'text', 'aria-label': l10n.t('Other language'), 'aria-describedby': HINT_ID, maxlength: MAX_LANGUAGE_LENGTH,
    placeholder: l10n.t('e.g. Swahili (empty: English)'), autocomplete: 'off', hidden: true,
  });

  constructor(language: string, events: LanguagePickerEvents) {
    this.element = h('div', { class: 'field' }, [
      h('label', { for: LANGUAGE_ID, text: l10n.t('Language') }),
      this.select,
      this.other,
      h('div', { id: HINT_ID, class: 'field-hint', text: l10n.t('Every speaker replies in it; the AI moderator and the judge write in it too.') }),
    ]);
    this.language = language;
    this.select.addEventListener('change', () => {
      this.showOther();
      if (!this.other.hidden) this.other.focus();
      events.change();
    });
    this.other.addEventListener('input', () => events.change());
  }

  /** The language as the draft keeps it: a listed name, or what is typed after "Other…". */
  get language(): string {
    return selectedLanguage({ choice: this.select.value, other: this.other.value });
  }

  set language(language: string) {
    const selection = languageSelection(language);
    this.select.value = selection.choice;
    this.other.value = selection.other;
    this.showOther();
  }

  /** The control a problem with the language is said for: the typed name. */
  get field(): HTMLElement {
    return this.other.hidden ? this.select : this.other;
  }

  private showOther(): void {
    this.other.hidden = this.select.value !== OTHER_LANGUAGE;
  }
}
