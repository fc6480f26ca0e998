import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../engine/seeded-random';
import { positionOf, previousSpeaker, roundOrder, ROUND_ROBIN, speakerAt } from '../../engine/turn-order';
import type { TurnOrder } from '../../engine/types';

const RANDOM: TurnOrder = { kind: 'random', seed: 12345 };

describe('seededRandom', () => {
  it('gives the same numbers for the same seed, in [0, 1)', () => {
    const first = Array.from({ length: 5 }, seededRandom(7));
    const again = Array.from({ length: 5 }, seededRandom(7));
    expect(first).toEqual(again);
    expect(first).not.toEqual(Array.from({ length: 5 }, seededRandom(8)));
    for (const value of Array.from({ length: 1000 }, seededRandom(99))) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe('roundOrder', () => {
  it('keeps the listed order for round-robin and reply, every round', () => {
    for (const round of [1, 2, 17]) {
      expect(roundOrder(ROUND_ROBIN, round, 4)).toEqual([0, 1, 2, 3]);
      expect(roundOrder({ kind: 'reply' }, round, 3)).toEqual([0, 1, 2]);
    }
  });

  it('shuffles every speaker exactly once per round, the same way for the same seed and round', () => {
    for (let round = 1; round <= 30; round++) {
      const order = roundOrder(RANDOM, round, 5);
      expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
      expect(roundOrder(RANDOM, round, 5)).toEqual(order);
    }
  });

  it('changes between rounds and between seeds (not one fixed permutation)', () => {
    const rounds = new Set(Array.from({ length: 20 }, (_, i) => roundOrder(RANDOM, i + 1, 4).join()));
    expect(rounds.size).toBeGreaterThan(5);
    const seeds = new Set(Array.from({ length: 20 }, (_, seed) => roundOrder({ kind: 'random', seed }, 1, 4).join()));
    expect(seeds.size).toBeGreaterThan(5);
  });

  it('spreads first places evenly over many rounds', () => {
    const firsts = [0, 0, 0];
    for (let round = 1; round <= 3000; round++) firsts[roundOrder(RANDOM, round, 3)[0] as number]++;
    for (const count of firsts) expect(count).toBeGreaterThan(850);
  });
});

describe('speakerAt and positionOf', () => {
  it('are each other’s inverse in every order', () => {
    for (const order of [ROUND_ROBIN, RANDOM, { kind: 'reply' } as TurnOrder]) {
      for (let round = 1; round <= 5; round++) {
        for (let position = 0; position < 4; position++) {
          expect(positionOf(order, round, speakerAt(order, round, position, 4), 4)).toBe(position);
        }
      }
    }
  });

  it('refuse a position or speaker outside the round', () => {
    expect(() => speakerAt(ROUND_ROBIN, 1, 3, 3)).toThrow(RangeError);
    expect(() => positionOf(RANDOM, 1, 5, 3)).toThrow(RangeError);
  });
});

describe('previousSpeaker', () => {
  it('is the one before in the round, the last of the round before at a round’s start, and nobody at the very start', () => {
    expect(previousSpeaker(ROUND_ROBIN, 1, 0, 3)).toBeNull();
    expect(previousSpeaker(ROUND_ROBIN, 1, 2, 3)).toBe(1);
    expect(previousSpeaker(ROUND_ROBIN, 2, 0, 3)).toBe(2);
    const lastOfRound3 = roundOrder(RANDOM, 3, 3)[2];
    expect(previousSpeaker(RANDOM, 4, 0, 3)).toBe(lastOfRound3);
  });
});
