// The leaderboard's figures as words, pure and free of Node so the terminal table, the
// markdown table and the webview show the same text.
import type { ConfidenceInterval } from './bootstrap';
import type { LeaderboardRow } from './leaderboard';

/** What a missing figure shows. */
export const NO_FIGURE = '–';

export function ratingCell(rating: number): string {
  return String(Math.round(rating));
}

export function intervalCell(interval: ConfidenceInterval | null): string {
  return interval === null ? NO_FIGURE : `${Math.round(interval.low)}–${Math.round(interval.high)}`;
}

/** Wins, losses and ties: "3-1-0". */
export function recordCell(row: Pick<LeaderboardRow, 'wins' | 'losses' | 'ties'>): string {
  return `${row.wins}-${row.losses}-${row.ties}`;
}

/** A time to first token: milliseconds below a second, else seconds. */
export function firstTokenCell(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return NO_FIGURE;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function tokensPerSecondCell(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? NO_FIGURE : rate.toFixed(1);
}
