// Importing personas with a choice per conflict: keep mine, use theirs, keep both (under a free
// name); and the setting written back: the person's entries as written, replaced ones in place.
import { describe, expect, it } from 'vitest';
import { importSummary } from '../../../engine/personas/persona-library';
import type { Persona } from '../../../engine/personas/persona';
import { BUILT_IN_TONES } from '../../../engine/tones';
import { freePersonaName, importConflicts, personasSettingAfter, resolvedImport, type ConflictResolution } from '../../../extension/personas/persona-import';
import { personaLibrary } from '../../../extension/personas/persona-settings';
import { filePersonas, MINE_ENTRIES } from './fixtures';

const mine = personaLibrary([], MINE_ENTRIES).personas;
// Nurse as mine is (a duplicate), Economist differing (a conflict), Judge new.
const theirs = filePersonas('Be kind to everyone.', 'economist');

function choices(entries: Record<string, ConflictResolution>): Map<string, ConflictResolution> {
  return new Map(Object.entries(entries));
}

describe('importConflicts', () => {
  it('finds only the personas of a name already taken by a different one (an identical one is a duplicate)', () => {
    expect(importConflicts(mine, theirs).map((conflict) => conflict.name)).toEqual(['Economist']);
  });
});

describe('resolvedImport', () => {
  it('keeps mine: the conflict stays as it was and is named as kept', () => {
    const result = resolvedImport(mine, theirs, choices({ economist: 'mine' }));
    expect(result.personas).toEqual([...mine, theirs[2]]);
    expect(result.added).toEqual(['Judge']);
    expect(result.duplicates).toEqual(['Nurse']);
    expect(importSummary(result)).toBe('Added 1 persona: "Judge". Already there: "Nurse". Kept yours, which differ from the file\'s: "Economist".');
  });

  it('uses theirs: the file\'s persona replaces mine in place', () => {
    const result = resolvedImport(mine, theirs, choices({ economist: 'theirs' }));
    expect(result.personas).toEqual([theirs[0], mine[1], theirs[2]]);
    expect(result.replaced).toEqual(['economist']);
    expect(importSummary(result)).toContain('Replaced: "economist".');
  });

  it('keeps both: the file\'s persona is added under a name no tone or persona has', () => {
    const result = resolvedImport(mine, theirs, choices({ economist: 'both' }));
    expect(result.personas.map((persona) => persona.name)).toEqual(['Economist', 'Nurse', 'economist (2)', 'Judge']);
    expect(result.personas[2]).toEqual({ ...theirs[0], name: 'economist (2)' });
    expect(result.added).toEqual(['economist (2)', 'Judge']);
    expect(result.conflicts).toEqual([]);
  });

  it('treats each conflict by its own choice', () => {
    const file: Persona[] = [{ name: 'Economist', prompt: 'Other.' }, { name: 'Nurse', prompt: 'Be stern.' }];
    const result = resolvedImport(mine, file, choices({ economist: 'theirs', nurse: 'both' }));
    expect(result.personas).toEqual([file[0], mine[1], { ...file[1], name: 'Nurse (2)' }]);
  });

  it('keeps mine for a conflict without a choice', () => {
    expect(resolvedImport(mine, theirs, new Map()).personas.slice(0, 2)).toEqual(mine);
  });
});

describe('freePersonaName', () => {
  it('counts up past the names taken, and cuts a long name to fit 40 characters', () => {
    expect(freePersonaName('Ada', new Set(['ada (2)', 'ada (3)']))).toBe('Ada (4)');
    const long = 'L'.repeat(40);
    const free = freePersonaName(long, new Set());
    expect(free).toBe(`${'L'.repeat(36)} (2)`);
    expect(free).toHaveLength(40);
  });
});

describe('personasSettingAfter', () => {
  it('keeps the entries as written (a broken one too), rewrites a replaced one in place, and adds the new ones', () => {
    const entries: unknown[] = [
      { name: 'Economist', tone: 'Rational', stance: 'for' },
      { name: 'Broken', tone: 'Nope' },
      { name: 'Corsair', tone: 'Pirate' },
    ];
    const customTones = [{ name: 'Pirate', prompt: 'Arr.' }];
    const library = personaLibrary(customTones, entries);
    const rational = BUILT_IN_TONES[0]!;
    const file: Persona[] = [{ name: 'Economist', prompt: rational.prompt, stance: 'against' }, { name: 'Judge', prompt: 'Arr.' }];
    const result = resolvedImport(library.personas, file, choices({ economist: 'theirs' }), customTones);
    const written = personasSettingAfter(entries, library.personas, library.entryIndexes, result, [...BUILT_IN_TONES, ...customTones]);
    expect(written).toEqual([
      { name: 'Economist', tone: 'Rational', stance: 'against' },
      { name: 'Broken', tone: 'Nope' },
      { name: 'Corsair', tone: 'Pirate' },
      { name: 'Judge', tone: 'Pirate' },
    ]);
    // What is written reads back as the import's personas.
    expect(personaLibrary(customTones, written).personas).toEqual(result.personas);
  });
});
