// Recent line-ups: newest first, an equal line-up once, at most ten, each with a short label;
// what storage holds is read whatever it is.
import { describe, expect, it } from 'vitest';
import { lineUpLabel, lineUpOf, MAX_LINEUP_LABEL_LENGTH, MAX_RECENT_LINEUPS, rememberLineUp, sameLineUp, usableRecentLineUps, type LineUp } from '../../engine/personas';
import type { SpeakerConfig } from '../../engine/types';

const ADA = { name: 'Ada', model: 'llama3.2:1b', tone: 'Rational', stance: 'for', role: 'an economist' } as const;
const BOB = { name: 'Bob', model: 'qwen2.5:0.5b', tone: 'Cynic', stance: 'against' } as const;
const CY = { name: 'Cy', model: 'llama3.2:1b', tone: 'Polite' } as const;
const DUEL: LineUp = [{ ...ADA }, { ...BOB }];

function numbered(count: number): LineUp[] {
  return Array.from({ length: count }, (_, i) => [{ name: `S${i}`, model: 'm', tone: 'Rational' }]);
}

describe('lineUpOf', () => {
  it('keeps each speaker\'s part only: name, model, tone, stance, role, trimmed and clean', () => {
    const speakers: SpeakerConfig[] = [
      { ...ADA, name: ' Ada ', host: 'http://gpu:11434', temperature: 0.3, contextSize: 4096, thinking: false, role: ' an economist.\n' },
      { ...CY, role: '' },
    ];
    expect(lineUpOf(speakers)).toEqual([{ ...ADA }, { ...CY }]);
  });
});

describe('sameLineUp', () => {
  it('is the same speakers in the same order, tone and role case aside', () => {
    expect(sameLineUp(DUEL, [{ ...ADA, tone: 'rational', role: 'An Economist' }, { ...BOB }])).toBe(true);
    expect(sameLineUp(DUEL, [{ ...BOB }, { ...ADA }])).toBe(false);
    expect(sameLineUp(DUEL, [{ ...ADA }])).toBe(false);
    for (const changed of [{ name: 'Eve' }, { model: 'qwen3:4b' }, { tone: 'Snarky' }, { stance: 'neutral' as const }, { role: 'a nurse' }]) {
      expect(sameLineUp(DUEL, [{ ...ADA, ...changed }, { ...BOB }]), JSON.stringify(changed)).toBe(false);
    }
    expect(sameLineUp([{ ...CY }], [{ ...CY, stance: 'for' }])).toBe(false);
  });
});

describe('rememberLineUp', () => {
  it('puts the line-up in front', () => {
    const trio: LineUp = [{ ...ADA }, { ...BOB }, { ...CY }];
    expect(rememberLineUp([DUEL], trio)).toEqual([trio, DUEL]);
    expect(rememberLineUp([], DUEL)).toEqual([DUEL]);
  });

  it('moves an equal earlier line-up to the front instead of keeping it twice', () => {
    const [first, second, third] = numbered(3) as [LineUp, LineUp, LineUp];
    const again: LineUp = [{ ...(third[0] as LineUp[number]), tone: 'RATIONAL' }];
    expect(rememberLineUp([first, second, third], again)).toEqual([again, first, second]);
    expect(rememberLineUp([first, second], first)).toEqual([first, second]);
  });

  it('keeps at most ten, dropping the oldest', () => {
    const recent = numbered(MAX_RECENT_LINEUPS);
    const remembered = rememberLineUp(recent, DUEL);
    expect(MAX_RECENT_LINEUPS).toBe(10);
    expect(remembered).toHaveLength(MAX_RECENT_LINEUPS);
    expect(remembered[0]).toEqual(DUEL);
    expect(remembered.slice(1)).toEqual(recent.slice(0, MAX_RECENT_LINEUPS - 1));
  });

  it('ignores an empty line-up', () => {
    expect(rememberLineUp([DUEL], [])).toEqual([DUEL]);
  });
});

describe('lineUpLabel', () => {
  it('names each speaker with its stance and role, or its tone when it has neither', () => {
    expect(lineUpLabel(DUEL)).toBe('Ada (For, economist) vs Bob (Against)');
    expect(lineUpLabel([{ ...CY }, { ...BOB, stance: 'devils-advocate', role: 'a security engineer' }])).toBe("Cy (Polite) vs Bob (Devil's advocate, security engineer)");
    expect(lineUpLabel([{ ...CY, role: 'the judge' }])).toBe('Cy (judge)');
  });

  it('is one safe line, cut with an ellipsis', () => {
    const label = lineUpLabel([{ ...ADA, name: 'A\u001bda\u0007\u202e\nLovelace' }, ...numbered(12).map((lineUp) => lineUp[0] as LineUp[number])]);
    expect(label).toMatch(/^Ada Lovelace \(For, economist\) vs S0 \(Rational\) vs /);
    expect(label).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(Array.from(label)).toHaveLength(MAX_LINEUP_LABEL_LENGTH);
    expect(label.endsWith('…')).toBe(true);
  });
});

describe('usableRecentLineUps', () => {
  it('reads stored line-ups back, leaving out the damaged ones, not the list', () => {
    const stored: unknown = [DUEL, 'junk', [], [{ name: 'Ada', model: '', tone: 'Rational' }], [{ ...CY, host: 'http://x', stance: 'sideways', role: 5 }], null];
    expect(usableRecentLineUps(stored)).toEqual([DUEL, [{ ...CY }]]);
  });

  it('keeps an equal line-up once (the newer) and at most ten', () => {
    expect(usableRecentLineUps([DUEL, [{ ...CY }], DUEL])).toEqual([DUEL, [{ ...CY }]]);
    const many = numbered(MAX_RECENT_LINEUPS + 3);
    expect(usableRecentLineUps(many)).toEqual(many.slice(0, MAX_RECENT_LINEUPS));
  });

  it('is empty for anything that is not a list', () => {
    for (const value of [undefined, null, {}, 'x', 3]) expect(usableRecentLineUps(value)).toEqual([]);
  });
});
