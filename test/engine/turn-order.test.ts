import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../engine/seeded-random';
import { pickCandidates, positionAfter, positionOf, previousSpeaker, roundOrder, ROUND_ROBIN, speakerAt, waitingInRound, withPick } from '../../engine/turn-order';
import { ADA, BOB, CY, makeTurn } from './fixtures';
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

describe('a moderator order', () => {
  it('speaks the picks of a round first, then the rest in listed order, each speaker once', () => {
    const order: TurnOrder = { kind: 'moderator', picks: [[2], [1, 2, 1]] };
    expect(roundOrder(order, 1, 3)).toEqual([2, 0, 1]);
    expect(roundOrder(order, 2, 3)).toEqual([1, 2, 0]);
    expect(roundOrder(order, 3, 3)).toEqual([0, 1, 2]);
    // A pick beyond the speakers (a record edited by hand) is ignored rather than breaking the round.
    expect(roundOrder({ kind: 'moderator', picks: [[7, 1]] }, 1, 3)).toEqual([1, 0, 2]);
  });

  it('offers as candidates only those not yet picked, and records a pick in its round', () => {
    const order = withPick(withPick({ kind: 'moderator' }, 2, 1), 2, 0);
    expect(order.picks).toEqual([[], [1, 0]]);
    expect(pickCandidates(order, 2, 2, 3)).toEqual([2]);
    expect(pickCandidates(order, 2, 1, 3)).toEqual([]);
    expect(pickCandidates(order, 3, 0, 3)).toEqual([0, 1, 2]);
    expect(speakerAt(order, 2, 0, 3)).toBe(1);
    expect(positionOf(order, 2, 2, 3)).toBe(2);
  });
});

describe('a simultaneous order', () => {
  const SPEAKERS = [ADA, BOB, CY];

  it('waits in a round for every speaker without a complete reply, closing statements aside', () => {
    const turns = [makeTurn(0, SPEAKERS, 'a'), makeTurn(1, SPEAKERS, 'b', { status: 'failed' }), makeTurn(2, SPEAKERS, 'c', { closing: { position: 'c', answer: null } })];
    expect(waitingInRound(turns, 1, 3)).toEqual([1, 2]);
    expect(waitingInRound(turns, 2, 3)).toEqual([0, 1, 2]);
  });

  it('goes on in the same round until every reply is in, then in the next', () => {
    const order: TurnOrder = { kind: 'simultaneous' };
    const round = [makeTurn(2, SPEAKERS, 'c'), makeTurn(0, SPEAKERS, 'a')];
    expect(positionAfter(round, 3, order)).toEqual({ round: 1, position: 0 });
    expect(positionAfter([...round, makeTurn(1, SPEAKERS, 'b')], 3, order)).toEqual({ round: 2, position: 0 });
  });

  it('is not moved on by closing statements, in any order', () => {
    const closing = makeTurn(0, SPEAKERS, 'final', { id: 'close', exchange: 1, closing: { position: 'final', answer: 'Yes' } });
    expect(positionAfter([makeTurn(0, SPEAKERS, 'a'), closing], 3)).toEqual({ round: 1, position: 1 });
  });
});
