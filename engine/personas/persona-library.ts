// Importing personas into the ones a person has: matched by name (case-insensitively), a
// persona already there unchanged is a duplicate, one that differs is a conflict (kept as it is
// unless the person chose to replace), and the library never grows past MAX_CUSTOM_TONES.
import { plural } from '../format';
import { MAX_CUSTOM_TONES, toneKey } from '../tones';
import { personaTraits, type Persona } from './persona';

export interface PersonaConflict {
  name: string;
  existing: Persona;
  imported: Persona;
}

export interface PersonaImport {
  /** The personas after the import: the existing ones in their order (replaced in place), then the new ones in the file's order. */
  personas: Persona[];
  /** Names of the personas added. */
  added: string[];
  /** Names of imported personas identical to one already there (nothing changed). */
  duplicates: string[];
  /** Personas of a name already there with another prompt, stance or role. */
  conflicts: PersonaConflict[];
  /** Names of the conflicts replaced by the imported persona (onConflict 'replace'). */
  replaced: string[];
  /** Names left out because the library holds MAX_CUSTOM_TONES personas. */
  leftOut: string[];
}

/** What an import does with a persona whose name is taken by a different one. */
export type ConflictChoice = 'keep' | 'replace';

/** Pure: whether two personas are the same: same name (case aside), prompt, stance and role (as used). */
export function samePersona(a: Persona, b: Persona): boolean {
  const [traitsA, traitsB] = [personaTraits(a), personaTraits(b)];
  return (
    toneKey(a.name) === toneKey(b.name) &&
    a.prompt.trim() === b.prompt.trim() &&
    traitsA.stance === traitsB.stance &&
    traitsA.role === traitsB.role
  );
}

/** Pure: `imported` merged into `existing` by name; what was added, already there, in conflict, replaced or left out. */
export function mergePersonas(existing: readonly Persona[], imported: readonly Persona[], onConflict: ConflictChoice = 'keep'): PersonaImport {
  const result: PersonaImport = { personas: [...existing], added: [], duplicates: [], conflicts: [], replaced: [], leftOut: [] };
  for (const persona of imported) {
    const at = result.personas.findIndex((other) => toneKey(other.name) === toneKey(persona.name));
    const current = result.personas[at];
    if (current === undefined) {
      if (result.personas.length >= MAX_CUSTOM_TONES) {
        result.leftOut.push(persona.name);
      } else {
        result.personas.push(persona);
        result.added.push(persona.name);
      }
    } else if (samePersona(current, persona)) {
      result.duplicates.push(persona.name);
    } else {
      result.conflicts.push({ name: current.name, existing: current, imported: persona });
      if (onConflict === 'replace') {
        result.personas[at] = persona;
        result.replaced.push(persona.name);
      }
    }
  }
  return result;
}

function names(list: readonly string[]): string {
  return list.map((name) => `"${name}"`).join(', ');
}

/** Pure: what an import did, in one or a few sentences a person can act on. */
export function importSummary(result: PersonaImport): string {
  const kept = result.conflicts.filter((conflict) => !result.replaced.includes(conflict.name)).map((conflict) => conflict.name);
  const sentences = [
    result.added.length === 0 ? 'No new personas.' : `Added ${plural(result.added.length, 'persona')}: ${names(result.added)}.`,
    ...(result.duplicates.length > 0 ? [`Already there: ${names(result.duplicates)}.`] : []),
    ...(result.replaced.length > 0 ? [`Replaced: ${names(result.replaced)}.`] : []),
    ...(kept.length > 0 ? [`Kept yours, which differ from the file's: ${names(kept)}.`] : []),
    ...(result.leftOut.length > 0 ? [`Left out (at most ${MAX_CUSTOM_TONES} personas): ${names(result.leftOut)}.`] : []),
  ];
  return sentences.join(' ');
}
