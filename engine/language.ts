// The debate's language: every speaker is told to reply in it. A language name is typed by a
// person or read from a file or a record, and it ends up in every system prompt, so it is
// untrusted text: one line, safe characters, capped to a name's length (never a second set of
// instructions). Absent: nothing is said, and the models answer as they do (mostly English).
import { cleanLine } from './moderator/untrusted-text';

/** Most characters of a language name ("Português (Brasil)", "Simplified Chinese"). */
export const MAX_LANGUAGE_LENGTH = 40;

/** The language the panel offers first and a debate without one is described as. */
export const DEFAULT_LANGUAGE = 'English';

/** Pure: the name as used: one line of safe characters, at most MAX_LANGUAGE_LENGTH, without closing punctuation; '' when nothing is left. */
export function cleanLanguage(text: string): string {
  return cleanLine(text, MAX_LANGUAGE_LENGTH).replace(/[\s.,;:!?]+$/u, '');
}

/** Pure: why a typed language name can't be used as it is (empty, or too long), or null. */
export function languageProblem(text: string): string | null {
  const typed = text.replace(/\s+/g, ' ').trim();
  if (cleanLanguage(typed) === '') return 'is empty: name a language, like French.';
  if (typed.length > MAX_LANGUAGE_LENGTH) return `is longer than ${MAX_LANGUAGE_LENGTH} characters: a language is a name, like "Simplified Chinese".`;
  return null;
}

/** Pure: the language a record keeps (cleaned), or undefined for none. */
export function recordedLanguage(text: string | undefined): string | undefined {
  const clean = text === undefined ? '' : cleanLanguage(text);
  return clean === '' ? undefined : clean;
}

/** Pure: the sentence that ends each speaker's system message, or null without a language. */
export function languageInstruction(language: string | undefined): string | null {
  const clean = recordedLanguage(language);
  return clean === undefined ? null : `Reply in ${clean}.`;
}

/**
 * Pure: the sentence telling a model that writes for the debate (the AI moderator, the judge) to write `what` in
 * the debate's language, or null without one. Its JSON keys, names and labels are the schema's and stay as they are.
 */
export function writeInLanguageInstruction(language: string | undefined, what: string): string | null {
  const clean = recordedLanguage(language);
  return clean === undefined ? null : `Write ${what} in ${clean}; keep the JSON keys, the speakers' names and the labels exactly as written here.`;
}
