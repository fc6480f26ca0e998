// Importing a persona file into talkingModels.personas, as pure steps: which imported personas
// conflict with the person's own (mergePersonas decides), what each choice does with a conflict
// (keep mine, use theirs, keep both under a free name), and the setting's new value: the
// person's entries as written (a broken one included: it is theirs to fix), the replaced ones
// in place, the new ones after them.
import { mergePersonas, type PersonaConflict, type PersonaImport } from '../../engine/personas/persona-library';
import type { Persona } from '../../engine/personas/persona';
import { BUILT_IN_TONES, MAX_TONE_NAME_LENGTH, toneKey } from '../../engine/tones';
import type { Tone } from '../../engine/types';
import { personaEntryOf } from './persona-settings';

/** What the person chose for one conflict. */
export type ConflictResolution = 'mine' | 'theirs' | 'both';

/** Pure: the imported personas whose name is taken by a different persona of the person's. */
export function importConflicts(existing: readonly Persona[], imported: readonly Persona[]): PersonaConflict[] {
  return mergePersonas(existing, imported).conflicts;
}

/** Pure: `name (2)`, `name (3)`…: the first that no tone or persona in `taken` has, cut to fit a tone name. */
export function freePersonaName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${name.trim().slice(0, MAX_TONE_NAME_LENGTH - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(toneKey(candidate))) return candidate;
  }
}

/** Two results of mergePersonas, the second run on the first's personas, as one. */
function combined(first: PersonaImport, second: PersonaImport): PersonaImport {
  return {
    personas: second.personas,
    added: [...first.added, ...second.added],
    duplicates: [...first.duplicates, ...second.duplicates],
    conflicts: [...first.conflicts, ...second.conflicts],
    replaced: [...first.replaced, ...second.replaced],
    leftOut: [...first.leftOut, ...second.leftOut],
  };
}

/**
 * Pure: the import with the person's choices: a conflict resolved "theirs" replaces theirs in
 * place, "both" adds the file's persona under a free name, "mine" (and any conflict without a
 * choice) keeps the person's. `otherTones` are the names a new persona may not take (the custom tones).
 */
export function resolvedImport(
  existing: readonly Persona[],
  imported: readonly Persona[],
  choices: ReadonlyMap<string, ConflictResolution>,
  otherTones: readonly Tone[] = [],
): PersonaImport {
  const choiceFor = (persona: Persona): ConflictResolution | undefined => choices.get(toneKey(persona.name));
  const conflicting = new Set(importConflicts(existing, imported).map((conflict) => toneKey(conflict.name)));
  const taken = new Set([...BUILT_IN_TONES, ...otherTones, ...existing, ...imported].map((tone) => toneKey(tone.name)));
  const theirs = imported.filter((persona) => conflicting.has(toneKey(persona.name)) && choiceFor(persona) === 'theirs');
  const rest = imported.flatMap((persona): Persona[] => {
    if (!conflicting.has(toneKey(persona.name))) return [persona];
    const choice = choiceFor(persona);
    if (choice === 'theirs') return [];
    if (choice !== 'both') return [persona];
    const name = freePersonaName(persona.name, taken);
    taken.add(toneKey(name));
    return [{ ...persona, name }];
  });
  const replacing = mergePersonas(existing, theirs, 'replace');
  return combined(replacing, mergePersonas(replacing.personas, rest, 'keep'));
}

/**
 * Pure: the setting's value after the import: `entries` as written, each replaced persona's
 * entry (found by `entryIndexes`, the entry of each of `existing`) rewritten in place, then the
 * added personas. `tones` name the tones a written persona may refer to by name.
 */
export function personasSettingAfter(
  entries: readonly unknown[],
  existing: readonly Persona[],
  entryIndexes: readonly number[],
  result: PersonaImport,
  tones: readonly Tone[],
): unknown[] {
  const next = [...entries];
  const added = new Set(result.added.map(toneKey));
  const replaced = new Set(result.replaced.map(toneKey));
  for (const persona of result.personas) {
    const key = toneKey(persona.name);
    if (replaced.has(key)) {
      const at = existing.findIndex((mine) => toneKey(mine.name) === key);
      const entryIndex = entryIndexes[at];
      if (entryIndex !== undefined) next[entryIndex] = personaEntryOf(persona, tones);
    } else if (added.has(key)) {
      next.push(personaEntryOf(persona, tones));
    }
  }
  return next;
}
