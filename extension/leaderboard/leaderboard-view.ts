// The leaderboard as the panel shows it, pure: every figure formatted once here (the same
// words as the CLI's tables, engine/leaderboard/cells.ts) beside the number it sorts by.
import type { Leaderboard, LeaderboardRow } from '../../engine/leaderboard';
import { firstTokenCell, intervalCell, ratingCell, recordCell, tokensPerSecondCell } from '../../engine/leaderboard/cells';
import type { Figure, LeaderboardView, RankedRowView } from '../contract/leaderboard';

function firstToken(ms: number | null | undefined): Figure {
  return { text: firstTokenCell(ms), value: ms ?? null };
}

function tokensPerSecond(rate: number | null | undefined): Figure {
  return { text: tokensPerSecondCell(rate), value: rate ?? null };
}

function rankedRow(row: LeaderboardRow): RankedRowView {
  return {
    rank: row.rank,
    model: row.model,
    tone: row.tone,
    rating: { text: ratingCell(row.rating), value: row.rating },
    interval: row.interval,
    intervalText: intervalCell(row.interval),
    record: { text: recordCell(row), value: row.wins + row.ties / 2 },
    debates: row.debates,
    firstToken: firstToken(row.speed?.medianTimeToFirstTokenMs),
    tokensPerSecond: tokensPerSecond(row.speed?.medianTokensPerSecond),
  };
}

export function leaderboardView(leaderboard: Leaderboard): LeaderboardView {
  return {
    judgedDebates: leaderboard.judgedDebates,
    resamples: leaderboard.resamples,
    models: leaderboard.models.map(rankedRow),
    modelTones: leaderboard.modelTones.map(rankedRow),
    speed: leaderboard.speed.map((row) => ({
      model: row.model,
      host: row.host,
      turns: row.turns,
      firstToken: firstToken(row.medianTimeToFirstTokenMs),
      tokensPerSecond: tokensPerSecond(row.medianTokensPerSecond),
    })),
  };
}
