import { describe, expect, it } from 'vitest';
import { allTones, BUILT_IN_TONES, DEFAULT_TONE, findTone, validateTones } from '../../engine/tones';

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
