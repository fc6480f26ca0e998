// The personas a speaker can take. Tones are data: the prompt becomes the
// speaker's system message, so adding a tone never needs new code.
import type { DebateError, Tone } from './types';

/** Every tone ends with the same ask: this is a conversation, so keep turns short and in character. */
const CONVERSATION_RULES =
  'Answer in 2-3 sentences, as in a spoken conversation, and stay in character throughout.';

function tone(name: string, persona: string): Tone {
  return { name, prompt: `${persona} ${CONVERSATION_RULES}` };
}

export const BUILT_IN_TONES: readonly Tone[] = Object.freeze([
  tone('Rational', 'You reason with structured logic and analytical clarity: state premises, weigh evidence, draw careful conclusions.'),
  tone('Philosopher', 'You are a reflective philosopher: you think conceptually, question assumptions and look for the deeper meaning behind each point.'),
  tone('Cynic', 'You are a cynic: dry, unimpressed and sharply realistic about motives and outcomes.'),
  tone('Adversary', 'You are an adversary: you oppose strongly and counter whatever was just said with the best argument against it.'),
  tone('Snarky', 'You are a snarky, argumentative debater: you disagree with everything, challenge every point and do it with biting wit.'),
  tone('Polite', 'You are very polite and courteous: you look for common ground, agree where you can and calm the discussion down.'),
]);

export const DEFAULT_TONE = 'Rational';

/** Longest tone name and prompt accepted; prompts are system messages, not documents. */
export const MAX_TONE_NAME_LENGTH = 40;
export const MAX_TONE_PROMPT_LENGTH = 4000;
/** Most custom tones: a list longer than this is someone else's data, not a person's tones. */
export const MAX_CUSTOM_TONES = 100;

/** Tone names match case-insensitively, surrounding blanks aside. */
export function toneKey(name: string): string {
  return name.trim().toLowerCase();
}

const BUILT_IN_KEYS: ReadonlySet<string> = new Set(BUILT_IN_TONES.map((builtIn) => toneKey(builtIn.name)));

function customToneError(message: string, field: string): DebateError {
  return { kind: 'invalid-config', message, field };
}

function tooMany(count: number): DebateError {
  return customToneError(
    `customTones lists ${count} tones; at most ${MAX_CUSTOM_TONES} are allowed: remove some (each needs a name of up to ${MAX_TONE_NAME_LENGTH} characters and a prompt of up to ${MAX_TONE_PROMPT_LENGTH}).`,
    'customTones',
  );
}

/** What checking one entry of a tone list gives: the entry as it is used, or why it is not usable. */
export type ToneCheck<T extends Tone> = (candidate: unknown, field: string) => { tone: T } | { error: DebateError };

/** One tone on its own: its trimmed name and prompt, or why it is not usable. Never throws, whatever `candidate` is. */
export function checkTone(candidate: unknown, field: string): { tone: Tone } | { error: DebateError } {
  const record = typeof candidate === 'object' && candidate !== null ? (candidate as { name?: unknown; prompt?: unknown }) : {};
  const name = typeof record.name === 'string' ? record.name.trim() : '';
  const prompt = typeof record.prompt === 'string' ? record.prompt.trim() : '';
  if (name === '') return { error: customToneError(`${field}.name is empty: give the tone a name.`, `${field}.name`) };
  if (name.length > MAX_TONE_NAME_LENGTH) {
    return { error: customToneError(`${field}.name is longer than ${MAX_TONE_NAME_LENGTH} characters.`, `${field}.name`) };
  }
  if (prompt === '') return { error: customToneError(`${field}.prompt is empty: describe how the tone speaks.`, `${field}.prompt`) };
  if (prompt.length > MAX_TONE_PROMPT_LENGTH) {
    return { error: customToneError(`${field}.prompt is longer than ${MAX_TONE_PROMPT_LENGTH} characters.`, `${field}.prompt`) };
  }
  if (BUILT_IN_KEYS.has(toneKey(name))) {
    return { error: customToneError(`${field}.name "${name}" clashes with a built-in tone: choose another name.`, `${field}.name`) };
  }
  return { tone: { name, prompt } };
}

/**
 * Checks user-defined tones: at most MAX_CUSTOM_TONES, each with a non-empty name and prompt of
 * bounded length, no clash with a built-in or with each other. Linear in the number of tones.
 */
export function validateTones(custom: readonly Tone[]): DebateError | null {
  if (!Array.isArray(custom)) return customToneError('customTones must be a list of {"name", "prompt"} objects.', 'customTones');
  if (custom.length > MAX_CUSTOM_TONES) return tooMany(custom.length);
  const seen = new Set<string>();
  for (let i = 0; i < custom.length; i++) {
    const field = `customTones[${i}]`;
    const checked = checkTone(custom[i], field);
    if ('error' in checked) return checked.error;
    const name = checked.tone.name;
    if (seen.has(toneKey(name))) return customToneError(`${field}.name "${name}" is defined twice.`, `${field}.name`);
    seen.add(toneKey(name));
  }
  return null;
}

/**
 * The usable custom tones of a setting or file, whatever it holds, and a sentence for each one
 * left out (a broken tone is left out, not fatal; a second one of a name too). Only the first
 * MAX_CUSTOM_TONES entries are read: one more problem says so. Linear in the number of tones.
 */
export function usableCustomTones(value: unknown): { tones: Tone[]; problems: string[] } {
  return usableEntries(value, checkTone);
}

/**
 * The rule of usableCustomTones for entries that are tones and more (personas: a tone with a
 * stance and a role): `check` decides what one entry is; fields are named `customTones[i]`.
 */
export function usableEntries<T extends Tone>(value: unknown, check: ToneCheck<T>): { tones: T[]; problems: string[] } {
  const tones: T[] = [];
  const problems: string[] = [];
  if (!Array.isArray(value)) return { tones, problems: value === undefined || value === null ? [] : ['customTones must be a list of {"name", "prompt"} objects.'] };
  if (value.length > MAX_CUSTOM_TONES) problems.push(`${tooMany(value.length).message} Only the first ${MAX_CUSTOM_TONES} are read.`);
  const seen = new Set<string>();
  const count = Math.min(value.length, MAX_CUSTOM_TONES);
  for (let i = 0; i < count; i++) {
    const field = `customTones[${i}]`;
    const checked = check(value[i], field);
    if ('error' in checked) {
      problems.push(checked.error.message);
    } else if (seen.has(toneKey(checked.tone.name))) {
      problems.push(`${field}.name "${checked.tone.name}" is defined twice; the first one is used.`);
    } else {
      seen.add(toneKey(checked.tone.name));
      tones.push(checked.tone);
    }
  }
  return { tones, problems };
}

/** Built-ins first, then the custom tones that pass validation on their own (a broken one is left out, not fatal). */
export function allTones(custom: readonly Tone[] = []): Tone[] {
  return [...BUILT_IN_TONES, ...usableCustomTones(custom).tones];
}

/** Case-insensitive lookup among the built-in and valid custom tones. */
export function findTone(name: string, custom: readonly Tone[] = []): Tone | undefined {
  const wanted = toneKey(name);
  return BUILT_IN_TONES.find((tone) => toneKey(tone.name) === wanted) ?? usableCustomTones(custom).tones.find((tone) => toneKey(tone.name) === wanted);
}
