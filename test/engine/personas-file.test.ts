// The persona file (versioned JSON, or a bare custom tones list): every problem names the entry
// and the field; export is stable; import merges by name, reporting duplicates and conflicts.
import { describe, expect, it } from 'vitest';
import { importSummary, mergePersonas, parsePersonaFile, samePersona, serializePersonaFile, type Persona } from '../../engine/personas';
import { MAX_CUSTOM_TONES } from '../../engine/tones';

const ADA: Persona = { name: 'Economist', prompt: 'You think in costs and incentives.', stance: 'for', role: 'an economist' };
const BOB: Persona = { name: 'sceptic', prompt: 'You doubt every claim.', stance: 'against' };
const CY: Persona = { name: 'Pirate', prompt: 'Arr.' };

function file(personas: unknown[], version: unknown = 1): string {
  return JSON.stringify({ talkingModelsPersonas: version, personas });
}

function reasonOf(text: string): string {
  const result = parsePersonaFile(text);
  if (result.ok) throw new Error('expected a failure');
  return result.reason;
}

describe('parsePersonaFile', () => {
  it('reads personas with and without stance and role', () => {
    expect(parsePersonaFile(file([ADA, BOB, CY]))).toEqual({ ok: true, personas: [ADA, BOB, CY] });
  });

  it('reads a bare custom tones list (settings, --tone-file) as personas', () => {
    expect(parsePersonaFile(JSON.stringify([CY, { name: 'Poet', prompt: 'Rhyme.' }]))).toEqual({ ok: true, personas: [CY, { name: 'Poet', prompt: 'Rhyme.' }] });
  });

  it('trims names and prompts and cleans roles', () => {
    const result = parsePersonaFile(file([{ name: ' Nurse ', prompt: ' Care. ', role: 'a\u0007 nurse\u202e.' }]));
    expect(result).toEqual({ ok: true, personas: [{ name: 'Nurse', prompt: 'Care.', role: 'a nurse' }] });
  });

  it('names the entry (index and name) and the field of a wrong shape', () => {
    const cases: [unknown[], RegExp][] = [
      [[ADA, { ...BOB, stance: 'pro' }], /^personas\[1\] \("sceptic"\)\.stance: Invalid option: expected one of "for"\|"against"\|"devils-advocate"\|"neutral"$/],
      [[ADA, CY, { name: 'Poet', prompt: 7 }], /^personas\[2\] \("Poet"\)\.prompt: Invalid input: expected string, received number$/],
      [[{ name: 'Nurse', prompt: 'Care.', role: ['a nurse'] }], /^personas\[0\] \("Nurse"\)\.role: Invalid input: expected string/],
      [[{ name: 'Nurse', prompt: 'Care.', stnace: 'for' }], /^personas\[0\] \("Nurse"\): Unrecognized key: "stnace"$/],
      [[{ prompt: 'No name.' }], /^personas\[0\]\.name: Invalid input: expected string, received undefined$/],
      [['Pirate'], /^personas\[0\]: Invalid input: expected object, received string$/],
    ];
    for (const [personas, reason] of cases) expect(reasonOf(file(personas))).toMatch(reason);
  });

  it('names the entry and the field that breaks a rule', () => {
    const cases: [unknown[], string][] = [
      [[ADA, { name: ' ', prompt: 'x' }], 'personas[1].name is empty: give the tone a name.'],
      [[{ name: 'Nurse', prompt: '  ' }], 'personas[0] ("Nurse").prompt is empty: describe how the tone speaks.'],
      [[{ name: 'N'.repeat(41), prompt: 'x' }], `personas[0] ("${'N'.repeat(41)}").name is longer than 40 characters.`],
      [[{ name: 'cynic', prompt: 'x' }], 'personas[0] ("cynic").name "cynic" clashes with a built-in tone: choose another name.'],
      [[{ name: 'Nurse', prompt: 'x', role: 'a '.repeat(60) }], 'personas[0] ("Nurse").role is longer than 80 characters: a role is a few words, like "a security engineer".'],
      [[ADA, CY, { ...ADA, name: 'ECONOMIST' }], 'personas[2] ("ECONOMIST").name is defined twice (also personas[0]).'],
    ];
    for (const [personas, reason] of cases) expect(reasonOf(file(personas))).toBe(reason);
  });

  it('says what is wrong with the file as a whole', () => {
    expect(reasonOf('{"talkingModelsPersonas": 1, "personas": [')).toMatch(/^not valid JSON \(/);
    expect(reasonOf('{"personas": []}')).toBe('not a persona file: expected {"talkingModelsPersonas": 1, "personas": [...]}');
    expect(reasonOf('"Pirate"')).toMatch(/^not a persona file/);
    expect(reasonOf(file([], 2))).toBe('persona file version 2 was written by a newer Talking Models (this one reads version 1); update Talking Models to import it');
    expect(reasonOf(file([], '1'))).toBe('talkingModelsPersonas is "1": the only known version is 1');
    expect(reasonOf('{"talkingModelsPersonas": 1, "personas": {}}')).toMatch(/^personas must be a list/);
    expect(reasonOf('{"talkingModelsPersonas": 1, "personas": [], "tones": []}')).toBe('unknown field "tones": a persona file holds only "talkingModelsPersonas" and "personas"');
    const many = Array.from({ length: MAX_CUSTOM_TONES + 1 }, (_, i) => ({ name: `P${i}`, prompt: 'x' }));
    expect(reasonOf(file(many))).toBe(`personas: at most ${MAX_CUSTOM_TONES} personas are allowed`);
    expect(reasonOf(JSON.stringify(many))).toBe(`the list: at most ${MAX_CUSTOM_TONES} personas are allowed`);
    expect(reasonOf(JSON.stringify([CY, { name: 'Poet' }]))).toMatch(/^\[1\] \("Poet"\)\.prompt: Invalid input/);
  });
});

describe('serializePersonaFile', () => {
  it('writes a versioned file sorted by name, fields in a fixed order, that reads back the same', () => {
    const text = serializePersonaFile([CY, { role: 'an economist', stance: 'for', prompt: ADA.prompt, name: ADA.name }, BOB]);
    expect(text).toBe(
      `${JSON.stringify({ talkingModelsPersonas: 1, personas: [{ name: 'Economist', prompt: ADA.prompt, stance: 'for', role: 'an economist' }, CY, BOB] }, null, 2)}\n`,
    );
    expect(parsePersonaFile(text)).toEqual({ ok: true, personas: [ADA, CY, BOB] });
  });

  it('is the same text whatever order the personas come in', () => {
    const orders = [[ADA, BOB, CY], [CY, BOB, ADA], [BOB, ADA, CY]];
    expect(new Set(orders.map(serializePersonaFile)).size).toBe(1);
    expect(serializePersonaFile([{ name: 'b', prompt: 'x' }, { name: 'B', prompt: 'y' }])).toBe(serializePersonaFile([{ name: 'B', prompt: 'y' }, { name: 'b', prompt: 'x' }]));
  });

  it('leaves out an unknown stance and an empty role', () => {
    const text = serializePersonaFile([{ name: 'Odd', prompt: 'x', stance: 'up' as Persona['stance'], role: ' ' }]);
    expect(JSON.parse(text)).toEqual({ talkingModelsPersonas: 1, personas: [{ name: 'Odd', prompt: 'x' }] });
  });
});

describe('mergePersonas', () => {
  it('adds new personas after the existing ones, in the file\'s order', () => {
    const result = mergePersonas([ADA], [CY, BOB]);
    expect(result.personas).toEqual([ADA, CY, BOB]);
    expect(result).toMatchObject({ added: ['Pirate', 'sceptic'], duplicates: [], conflicts: [], replaced: [], leftOut: [] });
  });

  it('reports a persona of the same name and content as a duplicate, case and blanks aside', () => {
    const result = mergePersonas([ADA, CY], [{ ...ADA, name: 'ECONOMIST', role: ' an economist. ' }, CY]);
    expect(result.personas).toEqual([ADA, CY]);
    expect(result).toMatchObject({ added: [], duplicates: ['ECONOMIST', 'Pirate'], conflicts: [] });
  });

  it('keeps the existing persona on a conflict unless told to replace it, in place', () => {
    const changed: Persona[] = [{ ...ADA, stance: 'against' }, { ...BOB, role: 'a statistician' }, { ...CY, prompt: 'Yo ho.' }];
    const kept = mergePersonas([ADA, BOB, CY], changed);
    expect(kept.personas).toEqual([ADA, BOB, CY]);
    expect(kept.conflicts).toEqual([
      { name: 'Economist', existing: ADA, imported: changed[0] },
      { name: 'sceptic', existing: BOB, imported: changed[1] },
      { name: 'Pirate', existing: CY, imported: changed[2] },
    ]);
    expect(kept.replaced).toEqual([]);
    const replaced = mergePersonas([ADA, BOB, CY], changed, 'replace');
    expect(replaced.personas).toEqual(changed);
    expect(replaced.replaced).toEqual(['Economist', 'sceptic', 'Pirate']);
  });

  it('never grows the library past MAX_CUSTOM_TONES', () => {
    const existing = Array.from({ length: MAX_CUSTOM_TONES - 1 }, (_, i) => ({ name: `P${i}`, prompt: 'x' }));
    const result = mergePersonas(existing, [CY, BOB, { name: 'P0', prompt: 'x' }]);
    expect(result.personas).toHaveLength(MAX_CUSTOM_TONES);
    expect(result).toMatchObject({ added: ['Pirate'], leftOut: ['sceptic'], duplicates: ['P0'] });
  });

  it('tells what happened in words', () => {
    const result = mergePersonas([ADA, BOB], [CY, ADA, { ...BOB, stance: 'neutral' }]);
    expect(importSummary(result)).toBe('Added 1 persona: "Pirate". Already there: "Economist". Kept yours, which differ from the file\'s: "sceptic".');
    expect(importSummary(mergePersonas([ADA, BOB], [{ ...BOB, stance: 'neutral' }], 'replace'))).toBe('No new personas. Replaced: "sceptic".');
    const full = Array.from({ length: MAX_CUSTOM_TONES }, (_, i) => ({ name: `P${i}`, prompt: 'x' }));
    expect(importSummary(mergePersonas(full, [CY, BOB]))).toBe(`No new personas. Left out (at most ${MAX_CUSTOM_TONES} personas): "Pirate", "sceptic".`);
  });

  it('compares personas by what is used', () => {
    expect(samePersona(ADA, { ...ADA, prompt: ` ${ADA.prompt} ` })).toBe(true);
    expect(samePersona(ADA, { ...ADA, role: 'an Economist' })).toBe(false);
    expect(samePersona(CY, { ...CY, stance: 'neutral' })).toBe(false);
  });
});
