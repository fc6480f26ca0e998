// Bradley-Terry ratings, pure. Each player i has a strength p_i; i beats j with probability
// p_i / (p_i + p_j). The strengths are fitted by Zermelo's iteration (Hunter's MM algorithm):
//   p_i <- W_i / sum_j n_ij / (p_i + p_j)
// with W_i the player's score (a draw is half a win) and n_ij the games between i and j.
// A small prior keeps an unbeaten (or winless) player finite: every player also has
// `priorGames` drawn games against a virtual player of strength 1, the average one.
// Shown on the Elo scale: 400 * log10(p_i), shifted so the players' mean is 1500 (a gap of
// 400 points means 10:1 odds, as in chess ratings).
import type { Game } from './pairwise';

export const ELO_MEAN = 1500;
const ELO_SCALE = 400;

export interface BradleyTerryOptions {
  /** Drawn games each player has against the average player (0: none; then every player needs a win and a loss). */
  priorGames: number;
  /** Stop once no strength moves by more than this (in natural log units) in an iteration. */
  tolerance: number;
  maxIterations: number;
}

export const DEFAULT_BRADLEY_TERRY: BradleyTerryOptions = { priorGames: 0.1, tolerance: 1e-9, maxIterations: 100_000 };

/** The games in a form the iteration reads fast: each player's score, and the games of each pair. */
interface Tally {
  players: string[];
  scores: number[];
  /** pairs[i] lists [j, games between i and j]. */
  pairs: Array<Array<[number, number]>>;
}

function tally(games: readonly Game[]): Tally {
  const index = new Map<string, number>();
  const indexOf = (player: string): number => {
    let at = index.get(player);
    if (at === undefined) {
      at = index.size;
      index.set(player, at);
    }
    return at;
  };
  const scores: number[] = [];
  const counts = new Map<string, number>();
  for (const game of games) {
    const a = indexOf(game.a);
    const b = indexOf(game.b);
    scores[a] = (scores[a] ?? 0) + game.score;
    scores[b] = (scores[b] ?? 0) + (1 - game.score);
    const pair = a < b ? `${a} ${b}` : `${b} ${a}`;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  const players = [...index.keys()];
  const pairs: Array<Array<[number, number]>> = players.map(() => []);
  for (const [pair, count] of counts) {
    const [a, b] = pair.split(' ').map(Number) as [number, number];
    pairs[a]?.push([b, count]);
    pairs[b]?.push([a, count]);
  }
  return { players, scores: players.map((_, at) => scores[at] ?? 0), pairs };
}

/**
 * Pure: each player's rating on the Elo scale (mean 1500), for every player in `games`.
 * Deterministic: the same games give the same ratings.
 */
export function bradleyTerryRatings(games: readonly Game[], options: BradleyTerryOptions = DEFAULT_BRADLEY_TERRY): Map<string, number> {
  const { players, scores, pairs } = tally(games);
  const prior = options.priorGames;
  let strengths = players.map(() => 1);
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    const next = strengths.map((strength, i) => {
      let denominator = prior / (strength + 1);
      for (const [j, count] of pairs[i] ?? []) denominator += count / (strength + (strengths[j] as number));
      return ((scores[i] as number) + prior / 2) / denominator;
    });
    // Only the strengths' ratios matter: keep their geometric mean at 1, so the virtual player
    // stays the average one and the iteration doesn't crawl along the common scale.
    const logMean = next.reduce((sum, strength) => sum + Math.log(strength), 0) / next.length;
    for (let i = 0; i < next.length; i++) next[i] = (next[i] as number) / Math.exp(logMean);
    const moved = Math.max(...next.map((strength, i) => Math.abs(Math.log(strength) - Math.log(strengths[i] as number))));
    strengths = next;
    if (moved < options.tolerance) break;
  }
  const elos = strengths.map((strength) => ELO_SCALE * Math.log10(strength));
  const shift = ELO_MEAN - elos.reduce((sum, elo) => sum + elo, 0) / Math.max(elos.length, 1);
  return new Map(players.map((player, i) => [player, (elos[i] as number) + shift]));
}
