import { describe, expect, it } from 'vitest';
import { DEFAULT_BRADLEY_TERRY, ELO_MEAN, bradleyTerryRatings } from '../../engine/leaderboard/bradley-terry';
import type { Game } from '../../engine/leaderboard/pairwise';

const win = (a: string, b: string): Game => ({ a, b, score: 1 });
const draw = (a: string, b: string): Game => ({ a, b, score: 0.5 });
const NO_PRIOR = { ...DEFAULT_BRADLEY_TERRY, priorGames: 0 };

function gap(ratings: Map<string, number>, a: string, b: string): number {
  return (ratings.get(a) as number) - (ratings.get(b) as number);
}

describe('Bradley-Terry ratings on the Elo scale', () => {
  it('3 wins to 1: the maximum likelihood p = 0.75 is an Elo gap of 400·log10(3) ≈ 190.8', () => {
    const ratings = bradleyTerryRatings([win('A', 'B'), win('A', 'B'), win('A', 'B'), win('B', 'A')], NO_PRIOR);
    expect(gap(ratings, 'A', 'B')).toBeCloseTo(400 * Math.log10(3), 6);
    expect(gap(ratings, 'A', 'B')).toBeCloseTo(190.85, 1);
  });

  it('the default prior pulls 3-1 only slightly towards even (a few points)', () => {
    const ratings = bradleyTerryRatings([win('A', 'B'), win('A', 'B'), win('A', 'B'), win('B', 'A')]);
    const exact = 400 * Math.log10(3);
    expect(gap(ratings, 'A', 'B')).toBeLessThan(exact);
    expect(gap(ratings, 'A', 'B')).toBeGreaterThan(exact - 5);
  });

  it('is anchored so the mean rating is 1500', () => {
    const ratings = bradleyTerryRatings([win('A', 'B'), win('A', 'C'), win('B', 'C'), win('C', 'B'), draw('A', 'C')]);
    const values = [...ratings.values()];
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(ELO_MEAN, 9);
    expect(ratings.get('A')).toBeGreaterThan(ELO_MEAN);
  });

  it('a three-model cycle (A beats B, B beats C, C beats A) rates all three equal', () => {
    const ratings = bradleyTerryRatings([win('A', 'B'), win('B', 'C'), win('C', 'A')]);
    for (const player of ['A', 'B', 'C']) expect(ratings.get(player)).toBeCloseTo(ELO_MEAN, 6);
  });

  it('a lopsided cycle follows the record: A 2-1 over B, B 2-1 over C, C 1-2 to A gives A > B > C', () => {
    const games = [win('A', 'B'), win('A', 'B'), win('B', 'A'), win('B', 'C'), win('B', 'C'), win('C', 'B'), win('C', 'A'), win('A', 'C'), win('A', 'C')];
    const ratings = bradleyTerryRatings(games, NO_PRIOR);
    expect(gap(ratings, 'A', 'B')).toBeGreaterThan(0);
    expect(gap(ratings, 'B', 'C')).toBeGreaterThan(0);
  });

  it('all ties: every player at 1500', () => {
    const ratings = bradleyTerryRatings([draw('A', 'B'), draw('B', 'C'), draw('A', 'C'), draw('A', 'B')]);
    for (const player of ['A', 'B', 'C']) expect(ratings.get(player)).toBeCloseTo(ELO_MEAN, 6);
  });

  it('a tie counts as half a win: 1 win + 2 draws against 1 loss + 2 draws is 2-1, the same gap as two wins to one', () => {
    const withDraws = bradleyTerryRatings([win('A', 'B'), draw('A', 'B'), draw('A', 'B')], NO_PRIOR);
    const twoToOne = bradleyTerryRatings([win('A', 'B'), win('A', 'B'), win('B', 'A')], NO_PRIOR);
    expect(gap(withDraws, 'A', 'B')).toBeCloseTo(400 * Math.log10(2), 6);
    expect(gap(withDraws, 'A', 'B')).toBeCloseTo(gap(twoToOne, 'A', 'B'), 6);
  });

  it('an unbeaten model stays finite (the prior), above one that lost, and more wins rate it higher', () => {
    const three = bradleyTerryRatings([win('A', 'B'), win('A', 'B'), win('A', 'B')]);
    const six = bradleyTerryRatings(Array.from({ length: 6 }, () => win('A', 'B')));
    expect(Number.isFinite(three.get('A'))).toBe(true);
    expect(Number.isFinite(three.get('B'))).toBe(true);
    expect(gap(three, 'A', 'B')).toBeGreaterThan(400);
    expect(gap(six, 'A', 'B')).toBeGreaterThan(gap(three, 'A', 'B'));
  });

  it('gives the same ratings for the same games (deterministic) and none for no games', () => {
    const games = [win('A', 'B'), draw('B', 'C'), win('C', 'A'), win('A', 'C')];
    expect([...bradleyTerryRatings(games)]).toEqual([...bradleyTerryRatings(games)]);
    expect(bradleyTerryRatings([]).size).toBe(0);
  });
});
