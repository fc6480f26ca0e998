// --persona-file FILE: personas (a tone with an optional stance and role), usable as tones by
// name; a speaker given one argues its stance from its role unless it says otherwise. The file is
// the panel's persona export (engine/personas/persona-file.ts), or a bare list of tones.

import { parsePersonaFile, type Persona } from '../personas';
import { toneKey } from '../tones';
import type { Tone } from '../types';
import { readInputFile } from './input-file';
import { CliError, EXIT_USAGE } from './io';

export async function loadPersonaFile(path: string | undefined): Promise<Persona[]> {
  if (path === undefined) return [];
  const parsed = parsePersonaFile(await readInputFile(path, 'persona file'));
  if (!parsed.ok) throw new CliError(`${path}: ${parsed.reason}`, EXIT_USAGE);
  return parsed.personas;
}

/** Pure: the tones of --tone-file and the personas of --persona-file as one list; a name in both is refused. */
export function combinedTones(tones: readonly Tone[], personas: readonly Persona[]): Tone[] {
  const clash = personas.find((persona) => tones.some((tone) => toneKey(tone.name) === toneKey(persona.name)));
  if (clash !== undefined) throw new CliError(`"${clash.name}" is both in --tone-file and in --persona-file: rename one`, EXIT_USAGE);
  return [...tones, ...personas];
}
