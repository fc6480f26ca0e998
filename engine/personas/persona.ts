// A persona: a tone (how a speaker speaks) plus an optional stance (which side it argues) and an
// optional role (the expertise it speaks from). A tone without stance or role is a persona, so
// custom tones in their existing shape keep working. What a speaker is told is the tone's
// prompt, then the stance's sentence, then the role's.
import type { DebateSpeaker } from '../graph/state';
import { BUILT_IN_TONES, checkTone, findTone, toneKey, usableEntries } from '../tones';
import type { DebateError, SpeakerConfig, Tone } from '../types';
import { cleanRole, roleProblem, roleSentence } from './role';
import { isStance, stanceSentence, STANCES, type Stance } from './stance';

export interface Persona extends Tone {
  stance?: Stance;
  /** E.g. "an economist"; untrusted text (see role.ts). */
  role?: string;
}

/** The side and expertise a speaker speaks with, each optional. */
export interface PersonaTraits {
  stance?: Stance;
  role?: string;
}

/** Pure: a stance and role from anything (a setting, a message, a record): an unknown stance and an empty role are left out, the role made clean. */
export function personaTraits(value: { stance?: unknown; role?: unknown }): PersonaTraits {
  const role = typeof value.role === 'string' ? cleanRole(value.role) : '';
  return { ...(isStance(value.stance) && { stance: value.stance }), ...(role !== '' && { role }) };
}

/** Pure: the sentences the traits add to a tone's prompt, in order: stance, then role. */
function traitSentences(traits: PersonaTraits): string[] {
  const clean = personaTraits(traits);
  return [...(clean.stance !== undefined ? [stanceSentence(clean.stance)] : []), ...(clean.role !== undefined ? [roleSentence(clean.role)] : [])];
}

/** Pure: a speaker's system prompt: the tone's prompt followed by the stance's and the role's sentences. */
export function personaPrompt(tonePrompt: string, traits: PersonaTraits): string {
  return [tonePrompt.trim(), ...traitSentences(traits)].join(' ');
}

/**
 * Pure: the tone's own prompt of a recorded speaker, without the stance and role sentences
 * personaPrompt added: what a tone rebuilt from a record (to branch with it) must hold, so a
 * speaker given that tone and a stance is not told its stance twice.
 */
export function tonePromptOf(speaker: Pick<DebateSpeaker, 'tonePrompt' | 'stance' | 'role'>): string {
  const added = traitSentences(speaker);
  const suffix = added.length === 0 ? '' : ` ${added.join(' ')}`;
  return suffix !== '' && speaker.tonePrompt.endsWith(suffix) ? speaker.tonePrompt.slice(0, -suffix.length) : speaker.tonePrompt;
}

function personaError(message: string, field: string): DebateError {
  return { kind: 'invalid-config', message, field };
}

/**
 * One persona on its own: a usable tone (tones.ts checkTone), a known stance, a role of at most
 * MAX_ROLE_LENGTH characters (role.ts); the role made clean. Never throws, whatever `candidate` is.
 */
export function checkPersona(candidate: unknown, field: string): { tone: Persona } | { error: DebateError } {
  const checked = checkTone(candidate, field);
  if ('error' in checked) return checked;
  const record = candidate as { stance?: unknown; role?: unknown };
  if (record.stance !== undefined && !isStance(record.stance)) {
    const given = typeof record.stance === 'string' ? `"${record.stance}" ` : '';
    return { error: personaError(`${field}.stance ${given}is not a stance: use one of ${STANCES.join(', ')}.`, `${field}.stance`) };
  }
  if (record.role !== undefined && typeof record.role !== 'string') {
    return { error: personaError(`${field}.role must be text, like "an economist".`, `${field}.role`) };
  }
  const tooLong = typeof record.role === 'string' ? roleProblem(record.role) : null;
  if (tooLong !== null) return { error: personaError(`${field}.role ${tooLong}`, `${field}.role`) };
  return { tone: { ...checked.tone, ...personaTraits(record) } };
}

/**
 * The usable personas of a setting (custom tones with an optional stance and role), whatever it
 * holds, and a sentence for each one left out, as usableCustomTones does for tones.
 */
export function usablePersonas(value: unknown): { personas: Persona[]; problems: string[] } {
  const { tones, problems } = usableEntries(value, checkPersona);
  return { personas: tones, problems };
}

/**
 * Case-insensitive lookup among the built-in and custom tones, as findTone finds them, with the
 * persona's stance and role where it has usable ones (a broken stance is left out, not the tone).
 */
export function findPersona(name: string, custom: readonly Tone[] = []): Persona | undefined {
  const tone = findTone(name, custom);
  if (tone === undefined || BUILT_IN_TONES.includes(tone)) return tone;
  return usablePersonas(custom).personas.find((persona) => toneKey(persona.name) === toneKey(tone.name)) ?? tone;
}

/**
 * Pure: a speaker as the record keeps it, given the persona its tone names: the speaker's own
 * stance and role where it has them, else the persona's; the tone's prompt composed with them.
 */
export function recordedSpeaker(speaker: SpeakerConfig, persona: Persona): DebateSpeaker {
  const { stance, role, ...config } = speaker;
  const traits = personaTraits({ stance: stance ?? persona.stance, role: role ?? persona.role });
  return { ...config, name: speaker.name.trim(), model: speaker.model.trim(), tone: persona.name, ...traits, tonePrompt: personaPrompt(persona.prompt, traits) };
}
