// Confidence intervals for the ratings, pure: the percentile bootstrap. The judged debates are
// drawn again with replacement (whole debates: the games of one debate share a judge's
// reading, so they are not independent), the ratings fitted again on each draw, and each
// player's interval is the 2.5th to the 97.5th percentile of its ratings over the draws it
// appears in. Seeded, so the same library gives the same intervals.
import { seededRandom } from '../seeded-random';
import { bradleyTerryRatings, type BradleyTerryOptions } from './bradley-terry';
import type { Game } from './pairwise';

export interface ConfidenceInterval {
  low: number;
  high: number;
}

export interface BootstrapOptions {
  seed: number;
  resamples: number;
  /** The interval's coverage: 0.95 gives the 2.5th and 97.5th percentiles. */
  level: number;
  bradleyTerry: BradleyTerryOptions;
}

/** Pure: the value below which `fraction` of the sorted values lie, interpolated between neighbours. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = fraction * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const lower = sorted[below] as number;
  return lower + (position - below) * ((sorted[above] as number) - lower);
}

/**
 * Pure: each player's interval. `gamesPerDebate[d]` holds debate d's games; a player absent from
 * every draw (it can only happen with very few debates) gets no interval.
 */
export function bootstrapIntervals(gamesPerDebate: readonly (readonly Game[])[], options: BootstrapOptions): Map<string, ConfidenceInterval> {
  const random = seededRandom(options.seed);
  const draws = new Map<string, number[]>();
  const count = gamesPerDebate.length;
  for (let resample = 0; resample < options.resamples && count > 0; resample++) {
    const games: Game[] = [];
    for (let drawn = 0; drawn < count; drawn++) games.push(...(gamesPerDebate[Math.floor(random() * count)] ?? []));
    for (const [player, rating] of bradleyTerryRatings(games, options.bradleyTerry)) {
      const ratings = draws.get(player) ?? [];
      ratings.push(rating);
      draws.set(player, ratings);
    }
  }
  const tail = (1 - options.level) / 2;
  const intervals = new Map<string, ConfidenceInterval>();
  for (const [player, ratings] of draws) {
    ratings.sort((a, b) => a - b);
    intervals.set(player, { low: percentile(ratings, tail), high: percentile(ratings, 1 - tail) });
  }
  return intervals;
}
