// Rules of the set-up's debate language picker, as pure functions (no DOM) so they are
// unit-tested: the languages offered (English first, the default), which choice and free text a
// saved language shows as, and what the start request carries. English is the default and is
// sent as no language at all, so a plain debate's request and record stay as they were.
import { DEFAULT_LANGUAGE, languageProblem, MAX_LANGUAGE_LENGTH, recordedLanguage } from '../../engine/language';
import * as l10n from './l10n';

export { MAX_LANGUAGE_LENGTH };

/** The picker's value for a language typed in the free-text field. */
export const OTHER_LANGUAGE = 'other';

/** The languages offered by name (the name the speakers are told), each labelled in its own words as well. */
export const LANGUAGE_CHOICES: readonly { value: string; label: string }[] = [
  { value: DEFAULT_LANGUAGE, label: l10n.t('English') },
  { value: 'French', label: `Français (${l10n.t('French')})` },
  { value: 'Simplified Chinese', label: `简体中文 (${l10n.t('Simplified Chinese')})` },
  { value: 'Spanish', label: `Español (${l10n.t('Spanish')})` },
  { value: 'German', label: `Deutsch (${l10n.t('German')})` },
  { value: 'Japanese', label: `日本語 (${l10n.t('Japanese')})` },
  { value: 'Portuguese', label: `Português (${l10n.t('Portuguese')})` },
  { value: 'Italian', label: `Italiano (${l10n.t('Italian')})` },
  { value: 'Korean', label: `한국어 (${l10n.t('Korean')})` },
  { value: 'Russian', label: `Русский (${l10n.t('Russian')})` },
  { value: 'Dutch', label: `Nederlands (${l10n.t('Dutch')})` },
  { value: 'Arabic', label: `العربية (${l10n.t('Arabic')})` },
  { value: 'Hindi', label: `हिन्दी (${l10n.t('Hindi')})` },
];

/** How the picker shows a language: a listed choice, or "Other…" with the name in the free-text field. */
export interface LanguageSelection {
  choice: string;
  other: string;
}

/** Pure: the picker's state for a language as a draft holds it (absent or blank: English). A listed name matches case aside. */
export function languageSelection(language: string | undefined): LanguageSelection {
  const typed = language?.trim() ?? '';
  if (typed === '') return { choice: DEFAULT_LANGUAGE, other: '' };
  const listed = LANGUAGE_CHOICES.find((choice) => choice.value.toLowerCase() === typed.toLowerCase());
  return listed === undefined ? { choice: OTHER_LANGUAGE, other: language ?? '' } : { choice: listed.value, other: '' };
}

/** Pure: the language a picker state stands for, as the draft keeps it ('' while "Other…" is still empty). */
export function selectedLanguage(selection: LanguageSelection): string {
  return selection.choice === OTHER_LANGUAGE ? selection.other : selection.choice;
}

/** Pure: the language the start request carries: undefined for English (the default) and for none. */
export function requestLanguage(language: string | undefined): string | undefined {
  const clean = recordedLanguage(language);
  return clean === undefined || clean.toLowerCase() === DEFAULT_LANGUAGE.toLowerCase() ? undefined : clean;
}

/** Pure: why a draft's language can't start a debate (a typed name too long), in the form's words; null when it can (blank: English). */
export function draftLanguageProblem(language: string | undefined): string | null {
  if (language === undefined || language.trim() === '') return null;
  const problem = languageProblem(language);
  return problem === null ? null : l10n.t('The debate language {0}', problem);
}

/** Pure: the folded set-up's words for the language, e.g. "in French"; null for English (the default). */
export function languageSummary(language: string | undefined): string | null {
  const sent = requestLanguage(language);
  return sent === undefined ? null : l10n.t('in {0}', sent);
}
