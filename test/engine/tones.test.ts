import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { allTones, BUILT_IN_TONES, DEFAULT_TONE, findTone, MAX_CUSTOM_TONES, usableCustomTones, validateTones } from '../../engine/tones';
import type { Tone } from '../../engine/types';
import { validateConfig } from '../../engine/validate';

describe('tones', () => {
  it('has the six built-in tones, each asking for 2-3 sentences in character', () => {
    expect(BUILT_IN_TONES.map((t) => t.name)).toEqual(['Rational', 'Philosopher', 'Cynic', 'Adversary', 'Snarky', 'Polite']);
    for (const tone of BUILT_IN_TONES) {
      expect(tone.prompt).toContain('2-3 sentences');
      expect(tone.prompt).toContain('stay in character');
    }
    expect(findTone(DEFAULT_TONE)?.name).toBe('Rational');
  });

  it('finds tones case-insensitively, custom ones included', () => {
    const custom = [{ name: 'Pirate', prompt: 'Speak like a pirate.' }];
    expect(findTone('cYNIC')?.name).toBe('Cynic');
    expect(findTone('pirate', custom)).toEqual(custom[0]);
    expect(findTone('Pirate')).toBeUndefined();
  });

  it('rejects empty, clashing and duplicate custom tones, naming the field', () => {
    expect(validateTones([{ name: ' ', prompt: 'x' }])).toMatchObject({ kind: 'invalid-config', field: 'customTones[0].name' });
    expect(validateTones([{ name: 'A', prompt: '' }])).toMatchObject({ field: 'customTones[0].prompt' });
    expect(validateTones([{ name: 'polite', prompt: 'x' }])?.message).toContain('clashes with a built-in');
    expect(validateTones([{ name: 'A', prompt: 'x' }, { name: 'a', prompt: 'y' }])).toMatchObject({ field: 'customTones[1].name' });
    expect(validateTones([{ name: 'A', prompt: 'x'.repeat(5000) }])).toMatchObject({ field: 'customTones[0].prompt' });
    expect(validateTones([{ name: 'Pirate', prompt: 'Arr.' }])).toBeNull();
  });

  it('lists built-ins first, then only the valid custom tones', () => {
    const names = allTones([
      { name: 'Pirate', prompt: 'Arr.' },
      { name: 'Cynic', prompt: 'clash' },
      { name: 'Empty', prompt: '' },
    ]).map((t) => t.name);
    expect(names).toEqual([...BUILT_IN_TONES.map((t) => t.name), 'Pirate']);
  });
});

/** Tones whose every property read is counted: the work a check does, without timing it. */
function countedTones(count: number): { tones: Tone[]; reads: () => number } {
  let reads = 0;
  const tones = Array.from({ length: count }, (_, i) =>
    new Proxy({ name: `Tone ${i}`, prompt: `Speak as tone ${i}.` }, {
      get(target, property) {
        reads++;
        return target[property as keyof typeof target];
      },
    }));
  return { tones, reads: () => reads };
}

describe('custom tones at scale', () => {
  it.each([
    ['validateTones', (tones: Tone[]) => validateTones(tones)],
    ['allTones', (tones: Tone[]) => allTones(tones)],
    ['findTone (a missing name)', (tones: Tone[]) => findTone('nobody', tones)],
    ['findTone (the last tone)', (tones: Tone[]) => findTone(`Tone ${tones.length - 1}`, tones)],
    ['usableCustomTones', (tones: Tone[]) => usableCustomTones(tones)],
  ])('%s does work linear in the number of tones', (_label, check) => {
    // Work: reads of the tones' properties, and the string comparisons made on names.
    const work = (count: number): number => {
      const { tones, reads } = countedTones(count);
      const lower = vi.spyOn(String.prototype, 'toLowerCase');
      const trim = vi.spyOn(String.prototype, 'trim');
      try {
        check(tones);
        return reads() + lower.mock.calls.length + trim.mock.calls.length;
      } finally {
        lower.mockRestore();
        trim.mockRestore();
      }
    };
    // Twice the tones, twice the work (a quadratic check would do four times, a cubic one eight).
    expect(work(MAX_CUSTOM_TONES) / work(MAX_CUSTOM_TONES / 2)).toBeLessThanOrEqual(2.2);
  });

  it('refuses more than MAX_CUSTOM_TONES tones with a clear message, reading none of them', () => {
    const { tones, reads } = countedTones(1000);
    expect(validateTones(tones)).toEqual({
      kind: 'invalid-config',
      field: 'customTones',
      message: `customTones lists 1000 tones; at most ${MAX_CUSTOM_TONES} are allowed: remove some (each needs a name of up to 40 characters and a prompt of up to 4000).`,
    });
    expect(reads()).toBe(0);
    expect(validateConfig({ topic: 't', exchanges: 1, speakers: [{ name: 'A', model: 'm', tone: 'Rational' }], customTones: tones })?.field).toBe('customTones');
  });

  it('uses only the first MAX_CUSTOM_TONES of a longer list, and says so', () => {
    const { tones } = countedTones(1000);
    expect(allTones(tones)).toHaveLength(BUILT_IN_TONES.length + MAX_CUSTOM_TONES);
    expect(findTone('Tone 999', tones)).toBeUndefined();
    expect(findTone('tone 99', tones)?.name).toBe('Tone 99');
    const { tones: usable, problems } = usableCustomTones(tones);
    expect(usable).toHaveLength(MAX_CUSTOM_TONES);
    expect(problems).toEqual([expect.stringContaining(`Only the first ${MAX_CUSTOM_TONES} are read.`)]);
  });

  it('reads a setting of any shape without throwing, naming each entry left out', () => {
    expect(usableCustomTones(undefined)).toEqual({ tones: [], problems: [] });
    expect(usableCustomTones('Pirate').problems).toEqual(['customTones must be a list of {"name", "prompt"} objects.']);
    const { tones, problems } = usableCustomTones([null, 42, { name: 'Pirate', prompt: ' Arr. ' }, { name: 'pirate', prompt: 'again' }, { name: ['x'], prompt: 'y' }]);
    expect(tones).toEqual([{ name: 'Pirate', prompt: 'Arr.' }]);
    expect(problems).toEqual([
      'customTones[0].name is empty: give the tone a name.',
      'customTones[1].name is empty: give the tone a name.',
      'customTones[3].name "pirate" is defined twice; the first one is used.',
      'customTones[4].name is empty: give the tone a name.',
    ]);
  });

  it('is a restricted setting in untrusted workspaces, so a cloned repository cannot set it', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
    };
    expect(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations).toContain('talkingModels.customTones');
  });
});
