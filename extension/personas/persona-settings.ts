// The persona library as settings.json holds it (talkingModels.personas): each entry a name, a
// tone (a built-in or custom tone's name, or the text of a tone's prompt), and an optional
// stance and role. Hand-edited, so every entry is checked: a broken one is left out with a
// sentence naming it and the field, never failing the others. A usable persona is offered as a
// tone of its own name (its prompt the tone's), so the engine, the picker and the CLI's
// records all know it; its stance and role are what the picker fills in for a speaker.
import { checkPersona, type Persona } from '../../engine/personas/persona';
import { findTone, MAX_CUSTOM_TONES, MAX_TONE_PROMPT_LENGTH, toneKey, usableCustomTones } from '../../engine/tones';
import type { Tone } from '../../engine/types';
import type { PersonaOption } from '../contract/protocol';

/** The key under talkingModels. */
export const PERSONAS_KEY = 'personas';

/** What the setting's entries may hold (beyond the entries' own checks). */
const ENTRY_KEYS: ReadonlySet<string> = new Set(['name', 'tone', 'stance', 'role']);

/** A persona as the setting holds it: its tone by name or by prompt text. */
export interface PersonaEntry {
  name: string;
  tone: string;
  stance?: string;
  role?: string;
}

export interface PersonaLibrary {
  /** The custom tones, then the personas as tones of their own name (stance and role are the speaker's to carry). */
  tones: Tone[];
  /** The usable personas, their tone's prompt resolved: what is exported and merged into on import. */
  personas: Persona[];
  /** The setting's entry index of each usable persona, in `personas`' order. */
  entryIndexes: number[];
  /** A sentence for each entry left out (and for custom tones left out). */
  problems: string[];
}

/** One word, no blank: read as a tone's name rather than a prompt (a prompt is a sentence). */
function looksLikeToneName(text: string): boolean {
  return !/\s/.test(text);
}

function entryField(index: number, field?: string): string {
  return `talkingModels.personas[${index}]${field === undefined ? '' : `.${field}`}`;
}

/** The prompt an entry's tone stands for, or why it stands for none. */
function tonePrompt(tone: unknown, index: number, customTones: readonly Tone[]): { prompt: string } | { problem: string } {
  const field = entryField(index, 'tone');
  if (typeof tone !== 'string' || tone.trim() === '') {
    return { problem: `${field} is empty: name a tone (Rational, Cynic… or one of talkingModels.customTones) or write the tone's prompt.` };
  }
  const text = tone.trim();
  const named = findTone(text, customTones);
  if (named !== undefined) return { prompt: named.prompt };
  if (looksLikeToneName(text)) {
    return { problem: `${field} "${text}" names no tone: use a built-in tone, one of talkingModels.customTones, or write the tone's prompt as a sentence.` };
  }
  if (text.length > MAX_TONE_PROMPT_LENGTH) return { problem: `${field} is longer than ${MAX_TONE_PROMPT_LENGTH} characters.` };
  return { prompt: text };
}

/** One entry as a persona, or why it is left out. Never throws, whatever `entry` is. */
export function personaOfEntry(entry: unknown, index: number, customTones: readonly Tone[]): { persona: Persona } | { problem: string } {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { problem: `${entryField(index)} must be an object: {"name", "tone", "stance"?, "role"?}.` };
  }
  const record = entry as Record<string, unknown>;
  const unknownKey = Object.keys(record).find((key) => !ENTRY_KEYS.has(key));
  if (unknownKey !== undefined) return { problem: `${entryField(index)} has an unknown field "${unknownKey}": a persona holds name, tone, stance and role.` };
  const resolved = tonePrompt(record.tone, index, customTones);
  if ('problem' in resolved) return resolved;
  const checked = checkPersona({ name: record.name, prompt: resolved.prompt, stance: record.stance, role: record.role }, entryField(index));
  if ('error' in checked) return { problem: checked.error.message };
  return { persona: checked.tone };
}

/**
 * Pure: the custom tones and the personas of the two settings, each usable entry once: a persona
 * whose name is already a tone's (built in, custom, or an earlier persona's) is left out, and the
 * tones stop at MAX_CUSTOM_TONES, as the engine allows no more.
 */
export function personaLibrary(customTonesValue: unknown, personasValue: unknown): PersonaLibrary {
  const custom = usableCustomTones(customTonesValue);
  const problems = custom.problems.map((problem) => `talkingModels.${problem}`);
  const personas: Persona[] = [];
  const entryIndexes: number[] = [];
  const taken = new Set(custom.tones.map((tone) => toneKey(tone.name)));
  const entries: unknown[] = Array.isArray(personasValue) ? personasValue : [];
  if (!Array.isArray(personasValue) && personasValue !== undefined && personasValue !== null) {
    problems.push('talkingModels.personas must be a list of {"name", "tone", "stance"?, "role"?} objects.');
  }
  for (const [index, entry] of entries.entries()) {
    const read = personaOfEntry(entry, index, custom.tones);
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const key = toneKey(read.persona.name);
    if (taken.has(key)) {
      problems.push(`${entryField(index, 'name')} "${read.persona.name}" is already the name of a custom tone or an earlier persona: give it a name of its own.`);
    } else if (custom.tones.length + personas.length >= MAX_CUSTOM_TONES) {
      problems.push(`${entryField(index)} ("${read.persona.name}") is left out: custom tones and personas together are at most ${MAX_CUSTOM_TONES}.`);
    } else {
      taken.add(key);
      personas.push(read.persona);
      entryIndexes.push(index);
    }
  }
  const personaTones = personas.map(({ name, prompt }) => ({ name, prompt }));
  return { tones: [...custom.tones, ...personaTones], personas, entryIndexes, problems };
}

/** Pure: what the tone picker offers of each persona: its name and the stance and role it fills in. */
export function personaOptions(personas: readonly Persona[]): PersonaOption[] {
  return personas.map(({ name, stance, role }) => ({ name, ...(stance !== undefined && { stance }), ...(role !== undefined && { role }) }));
}

/**
 * Pure: a persona as the setting writes it: its tone by name when its prompt is exactly a known
 * tone's (so an exported and imported persona still reads "Rational"), else the prompt itself.
 */
export function personaEntryOf(persona: Persona, tones: readonly Tone[]): PersonaEntry {
  const named = tones.find((tone) => tone.prompt.trim() === persona.prompt.trim());
  return {
    name: persona.name,
    tone: named?.name ?? persona.prompt.trim(),
    ...(persona.stance !== undefined && { stance: persona.stance }),
    ...(persona.role !== undefined && { role: persona.role }),
  };
}
