// The leaderboard as plain JSON (`talking-models leaderboard --json`), a stable format:
// `format` and `version` name it; a field is only ever added within a version. Ratings and
// interval ends are rounded to 0.1 and speeds to 0.01 (tokens/s) or 1 ms, so the same library
// gives the same text on any machine. Model + tone rows carry `tone`; model rows do not.
import { INTERVAL_LEVEL, type Leaderboard, type LeaderboardRow } from './leaderboard';
import type { SpeedSummary } from './speed';
import { ELO_MEAN } from './bradley-terry';

export const LEADERBOARD_JSON_FORMAT = 'talking-models-leaderboard';
export const LEADERBOARD_JSON_VERSION = 1;

function round(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

function speedJson(speed: SpeedSummary | null): Record<string, number | null> {
  return {
    turns: speed?.turns ?? 0,
    medianTimeToFirstTokenMs: speed === null || speed.medianTimeToFirstTokenMs === null ? null : round(speed.medianTimeToFirstTokenMs, 0),
    medianTokensPerSecond: speed === null || speed.medianTokensPerSecond === null ? null : round(speed.medianTokensPerSecond, 2),
  };
}

function rowJson(row: LeaderboardRow): Record<string, unknown> {
  return {
    rank: row.rank,
    model: row.model,
    ...(row.tone !== null && { tone: row.tone }),
    rating: round(row.rating, 1),
    interval: row.interval === null ? null : { low: round(row.interval.low, 1), high: round(row.interval.high, 1) },
    wins: row.wins,
    losses: row.losses,
    ties: row.ties,
    debates: row.debates,
    speed: speedJson(row.speed),
  };
}

/** Pure: the JSON value of the leaderboard (stringify it to print). */
export function leaderboardJson(leaderboard: Leaderboard): Record<string, unknown> {
  return {
    format: LEADERBOARD_JSON_FORMAT,
    version: LEADERBOARD_JSON_VERSION,
    judgedDebates: leaderboard.judgedDebates,
    games: leaderboard.games,
    rating: { scale: 'elo', mean: ELO_MEAN, intervalLevel: INTERVAL_LEVEL, resamples: leaderboard.resamples, seed: leaderboard.seed },
    models: leaderboard.models.map(rowJson),
    modelTones: leaderboard.modelTones.map(rowJson),
    speed: leaderboard.speed.map((row) => ({ model: row.model, host: row.host, ...speedJson(row) })),
  };
}
