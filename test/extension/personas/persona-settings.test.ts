// talkingModels.personas: what each entry resolves to (a tone by name or by prompt), the sentence
// for each kind of bad entry, and how personas join the custom tones the engine and the picker use.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_TONES, MAX_CUSTOM_TONES } from '../../../engine/tones';
import { personaEntryOf, personaLibrary, personaOptions } from '../../../extension/personas/persona-settings';
import { readSettings } from '../../../extension/settings';

const rational = BUILT_IN_TONES.find((tone) => tone.name === 'Rational')!;
const pirate = { name: 'Pirate', prompt: 'You are a pirate. Stay in character.' };

describe('personaLibrary', () => {
  it('resolves a tone named (built in or custom, any case) to its prompt, and a sentence to itself', () => {
    const library = personaLibrary([pirate], [
      { name: 'Economist', tone: 'rational', stance: 'for', role: 'an economist' },
      { name: 'Corsair', tone: 'Pirate' },
      { name: 'Nurse', tone: 'You speak calmly and kindly.', role: 'a nurse.' },
    ]);
    expect(library.problems).toEqual([]);
    expect(library.personas).toEqual([
      { name: 'Economist', prompt: rational.prompt, stance: 'for', role: 'an economist' },
      { name: 'Corsair', prompt: pirate.prompt },
      // The role is made clean as every role is (its closing full stop dropped).
      { name: 'Nurse', prompt: 'You speak calmly and kindly.', role: 'a nurse' },
    ]);
    expect(library.entryIndexes).toEqual([0, 1, 2]);
    // The custom tones first, then each persona as a plain tone of its name.
    expect(library.tones).toEqual([
      pirate,
      { name: 'Economist', prompt: rational.prompt },
      { name: 'Corsair', prompt: pirate.prompt },
      { name: 'Nurse', prompt: 'You speak calmly and kindly.' },
    ]);
  });

  const bad: [string, unknown, RegExp][] = [
    ['not an object', 'Economist', /personas\[0\] must be an object/],
    ['an unknown field', { name: 'A', tone: 'Rational', prompt: 'x' }, /personas\[0\] has an unknown field "prompt"/],
    ['no tone', { name: 'A' }, /personas\[0\]\.tone is empty: name a tone/],
    ['a blank tone', { name: 'A', tone: '   ' }, /personas\[0\]\.tone is empty/],
    ['a one-word tone that names none', { name: 'A', tone: 'Rationl' }, /personas\[0\]\.tone "Rationl" names no tone/],
    ['a prompt too long', { name: 'A', tone: `You ${'talk '.repeat(1000)}` }, /personas\[0\]\.tone is longer than 4000 characters/],
    ['no name', { tone: 'Rational' }, /personas\[0\]\.name is empty/],
    ['a name too long', { name: 'N'.repeat(41), tone: 'Rational' }, /personas\[0\]\.name is longer than 40 characters/],
    ['a built-in tone\'s name', { name: 'cynic', tone: 'Rational' }, /personas\[0\]\.name "cynic" clashes with a built-in tone/],
    ['an unknown stance', { name: 'A', tone: 'Rational', stance: 'maybe' }, /personas\[0\]\.stance "maybe" is not a stance: use one of for, against/],
    ['a role that is not text', { name: 'A', tone: 'Rational', role: 7 }, /personas\[0\]\.role must be text/],
    ['a role too long', { name: 'A', tone: 'Rational', role: 'an '.repeat(40) }, /personas\[0\]\.role is longer than 80 characters/],
  ];
  for (const [what, entry, problem] of bad) {
    it(`leaves out an entry with ${what}, saying which entry and field, and keeps the others`, () => {
      const library = personaLibrary([], [entry, { name: 'Fine', tone: 'Polite' }]);
      expect(library.problems).toHaveLength(1);
      expect(library.problems[0]).toMatch(/^talkingModels\.personas\[0\]/);
      expect(library.problems[0]).toMatch(problem);
      expect(library.personas.map((persona) => persona.name)).toEqual(['Fine']);
      expect(library.entryIndexes).toEqual([1]);
    });
  }

  it('leaves out a persona named as a custom tone or an earlier persona', () => {
    const library = personaLibrary([pirate], [
      { name: 'pirate', tone: 'Rational' },
      { name: 'Ada', tone: 'Rational' },
      { name: 'ADA', tone: 'Cynic' },
    ]);
    expect(library.personas.map((persona) => persona.name)).toEqual(['Ada']);
    expect(library.problems).toEqual([
      expect.stringMatching(/^talkingModels\.personas\[0\]\.name "pirate" is already the name of a custom tone/),
      expect.stringMatching(/^talkingModels\.personas\[2\]\.name "ADA" is already the name/),
    ]);
  });

  it('stops at MAX_CUSTOM_TONES custom tones and personas together, saying which are left out', () => {
    const tones = Array.from({ length: MAX_CUSTOM_TONES - 1 }, (_, i) => ({ name: `Tone ${i}`, prompt: 'Speak.' }));
    const library = personaLibrary(tones, [{ name: 'Last', tone: 'Rational' }, { name: 'Over', tone: 'Rational' }]);
    expect(library.tones).toHaveLength(MAX_CUSTOM_TONES);
    expect(library.personas.map((persona) => persona.name)).toEqual(['Last']);
    expect(library.problems).toEqual([expect.stringMatching(/personas\[1\] \("Over"\) is left out: custom tones and personas together are at most 100/)]);
  });

  it('says a setting that is not a list is not one, and reads nothing from it', () => {
    expect(personaLibrary([], { name: 'A' }).problems).toEqual(['talkingModels.personas must be a list of {"name", "tone", "stance"?, "role"?} objects.']);
    expect(personaLibrary(undefined, undefined)).toEqual({ tones: [], personas: [], entryIndexes: [], problems: [] });
  });

  it('gives the picker each persona\'s name, stance and role', () => {
    const { personas } = personaLibrary([], [{ name: 'Economist', tone: 'Rational', stance: 'for', role: 'an economist' }, { name: 'Plain', tone: 'Cynic' }]);
    expect(personaOptions(personas)).toEqual([{ name: 'Economist', stance: 'for', role: 'an economist' }, { name: 'Plain' }]);
  });
});

describe('personaEntryOf', () => {
  it('names the tone whose prompt it is, else writes the prompt', () => {
    expect(personaEntryOf({ name: 'Economist', prompt: rational.prompt, stance: 'against' }, BUILT_IN_TONES)).toEqual({ name: 'Economist', tone: 'Rational', stance: 'against' });
    expect(personaEntryOf({ name: 'Corsair', prompt: pirate.prompt }, [...BUILT_IN_TONES, pirate])).toEqual({ name: 'Corsair', tone: 'Pirate' });
    expect(personaEntryOf({ name: 'Nurse', prompt: 'Be kind.', role: 'a nurse' }, BUILT_IN_TONES)).toEqual({ name: 'Nurse', tone: 'Be kind.', role: 'a nurse' });
  });
});

describe('readSettings with personas', () => {
  it('offers each usable persona as a custom tone, after the custom tones', () => {
    const settings = readSettings((key) => ({
      customTones: [pirate],
      personas: [{ name: 'Economist', tone: 'Rational', stance: 'for' }, { name: 'Broken', tone: 'Nope' }],
    })[key]);
    expect(settings.customTones).toEqual([pirate, { name: 'Economist', prompt: rational.prompt }]);
  });
});
