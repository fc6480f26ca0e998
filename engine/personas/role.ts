// A speaker's role ("an economist", "a security engineer"): the expertise it speaks from. A role
// is typed by a person, read from a file or suggested by a model, and ends up in a system
// prompt, so it is untrusted text: one line, safe characters, capped.
import { cleanLine } from '../moderator/untrusted-text';

/** Most characters of a role: a few words, never a second set of instructions. */
export const MAX_ROLE_LENGTH = 80;

/** Pure: the role as it is used: one line of safe characters, at most MAX_ROLE_LENGTH, without a closing full stop; '' when nothing is left. */
export function cleanRole(text: string): string {
  return cleanLine(text, MAX_ROLE_LENGTH).replace(/[\s.,;:]+$/u, '');
}

/** Pure: the sentence a speaker with this (clean) role is told. */
export function roleSentence(role: string): string {
  return `You speak as ${role}.`;
}

/** Pure: the role in a short label, without its article: "an economist" reads "economist". */
export function roleLabel(role: string): string {
  return cleanRole(role).replace(/^(an?|the)\s+(?=\S)/i, '');
}

/** Pure: why a typed role can't be used as it is (too long), or null. Blanks and line breaks count as one space. */
export function roleProblem(text: string): string | null {
  return text.replace(/\s+/g, ' ').trim().length > MAX_ROLE_LENGTH
    ? `is longer than ${MAX_ROLE_LENGTH} characters: a role is a few words, like "a security engineer".`
    : null;
}
