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

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function customToneError(message: string, field: string): DebateError {
  return { kind: 'invalid-config', message, field };
}

/** Checks user-defined tones: non-empty name and prompt, bounded length, no clash with a built-in or with each other. */
export function validateTones(custom: readonly Tone[]): DebateError | null {
  for (let i = 0; i < custom.length; i++) {
    const field = `customTones[${i}]`;
    const candidate = custom[i];
    const name = typeof candidate?.name === 'string' ? candidate.name.trim() : '';
    const prompt = typeof candidate?.prompt === 'string' ? candidate.prompt.trim() : '';
    if (name === '') return customToneError(`${field}.name is empty: give the tone a name.`, `${field}.name`);
    if (name.length > MAX_TONE_NAME_LENGTH) {
      return customToneError(`${field}.name is longer than ${MAX_TONE_NAME_LENGTH} characters.`, `${field}.name`);
    }
    if (prompt === '') return customToneError(`${field}.prompt is empty: describe how the tone speaks.`, `${field}.prompt`);
    if (prompt.length > MAX_TONE_PROMPT_LENGTH) {
      return customToneError(`${field}.prompt is longer than ${MAX_TONE_PROMPT_LENGTH} characters.`, `${field}.prompt`);
    }
    if (BUILT_IN_TONES.some((builtIn) => sameName(builtIn.name, name))) {
      return customToneError(`${field}.name "${name}" clashes with a built-in tone: choose another name.`, `${field}.name`);
    }
    if (custom.slice(0, i).some((earlier) => sameName(earlier.name, name))) {
      return customToneError(`${field}.name "${name}" is defined twice.`, `${field}.name`);
    }
  }
  return null;
}

/** Built-ins first, then the custom tones that pass validation on their own (a broken one is left out, not fatal). */
export function allTones(custom: readonly Tone[] = []): Tone[] {
  const accepted: Tone[] = [];
  for (const candidate of custom) {
    if (validateTones([...accepted, candidate]) === null) {
      accepted.push({ name: candidate.name.trim(), prompt: candidate.prompt.trim() });
    }
  }
  return [...BUILT_IN_TONES, ...accepted];
}

/** Case-insensitive lookup among the built-in and valid custom tones. */
export function findTone(name: string, custom: readonly Tone[] = []): Tone | undefined {
  return allTones(custom).find((candidate) => sameName(candidate.name, name));
}
