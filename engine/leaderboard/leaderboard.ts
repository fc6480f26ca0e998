// The leaderboard, pure: from judged debates to ranked rows per model and per model in a tone,
// each with its record, Bradley-Terry rating (Elo scale) and bootstrap interval, and the speed
// table. See pairwise.ts for how a debate counts, bradley-terry.ts for the rating and
// bootstrap.ts for the interval.
import { DEFAULT_BRADLEY_TERRY, bradleyTerryRatings } from './bradley-terry';
import { bootstrapIntervals, type ConfidenceInterval } from './bootstrap';
import type { JudgedDebate, RankedSpeaker } from './judged-debate';
import { byModel, byModelAndTone, gamesOf, recordsOf, type PlayerKey } from './pairwise';
import { compareText, speedBy, speedRows, type SpeedRow, type SpeedSummary } from './speed';

export const DEFAULT_RESAMPLES = 200;
export const DEFAULT_SEED = 1;
/** The intervals' coverage. */
export const INTERVAL_LEVEL = 0.95;

export interface LeaderboardOptions {
  /** Seeds the bootstrap: the same seed and debates give the same intervals. */
  seed: number;
  /** Bootstrap draws; 0 leaves every interval null. */
  resamples: number;
}

export interface LeaderboardRow {
  /** 1 is the best; players with the same rating share a rank. */
  rank: number;
  model: string;
  /** The tone on the model + tone rows; null on the model rows. */
  tone: string | null;
  /** Bradley-Terry strength on the Elo scale (the players' mean is 1500). */
  rating: number;
  /** The 95% bootstrap interval of the rating; null without resamples. */
  interval: ConfidenceInterval | null;
  wins: number;
  losses: number;
  ties: number;
  debates: number;
  /** The speed of its turns in the judged debates, over every host; null when none was measured. */
  speed: SpeedSummary | null;
}

export interface Leaderboard {
  models: LeaderboardRow[];
  modelTones: LeaderboardRow[];
  /** Per model and host. */
  speed: SpeedRow[];
  /** Debates counted (judged, with at least two speakers). */
  judgedDebates: number;
  /** Pairwise games the ratings were fitted to, at the model level. */
  games: number;
  seed: number;
  resamples: number;
}

/** Players closer than this share a rank (a rounding error must not split a tie). */
const SAME_RATING = 1e-6;

function rowsFor(debates: readonly JudgedDebate[], key: PlayerKey, withTone: boolean, options: LeaderboardOptions): LeaderboardRow[] {
  const gamesPerDebate = debates.map((debate) => gamesOf(debate, key));
  const ratings = bradleyTerryRatings(gamesPerDebate.flat());
  const intervals = bootstrapIntervals(gamesPerDebate, {
    seed: options.seed,
    resamples: options.resamples,
    level: INTERVAL_LEVEL,
    bradleyTerry: DEFAULT_BRADLEY_TERRY,
  });
  const records = recordsOf(debates, key);
  const speeds = speedBy(debates, key);
  const speakers = new Map<string, RankedSpeaker>();
  for (const debate of debates) for (const speaker of debate.speakers) if (!speakers.has(key(speaker))) speakers.set(key(speaker), speaker);
  const rows = [...ratings].map(([player, rating]) => {
    const speaker = speakers.get(player) as RankedSpeaker;
    const record = records.get(player) ?? { wins: 0, losses: 0, ties: 0, debates: 0 };
    return {
      rank: 0,
      model: speaker.model,
      tone: withTone ? speaker.tone : null,
      rating,
      interval: options.resamples > 0 ? (intervals.get(player) ?? null) : null,
      ...record,
      speed: speeds.get(player) ?? null,
    };
  });
  rows.sort((a, b) => b.rating - a.rating || b.wins - a.wins || compareText(a.model, b.model) || compareText(a.tone ?? '', b.tone ?? ''));
  rows.forEach((row, at) => {
    const above = rows[at - 1];
    row.rank = above !== undefined && Math.abs(above.rating - row.rating) < SAME_RATING ? above.rank : at + 1;
  });
  return rows;
}

/** Pure: the leaderboard of the judged debates. */
export function buildLeaderboard(debates: readonly JudgedDebate[], options: LeaderboardOptions = { seed: DEFAULT_SEED, resamples: DEFAULT_RESAMPLES }): Leaderboard {
  return {
    models: rowsFor(debates, byModel, false, options),
    modelTones: rowsFor(debates, byModelAndTone, true, options),
    speed: speedRows(debates),
    judgedDebates: debates.length,
    games: debates.reduce((sum, debate) => sum + gamesOf(debate, byModel).length, 0),
    seed: options.seed,
    resamples: options.resamples,
  };
}
