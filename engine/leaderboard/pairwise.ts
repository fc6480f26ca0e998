// How a judged debate counts, pure. The leaderboard ranks "players": a model, or a model in a
// tone. From each debate:
// - the winner beats each other speaker (one pairwise game each); the losers' order among
//   themselves is unknown, so they play no game with one another;
// - a tie (winner null) is a drawn game between every two speakers;
// - two speakers that are the same player (one model against itself) play no game: it says
//   nothing about that player against others.
// The record (wins, losses, ties) is per debate: a player won it when the winner was that
// player, tied when the verdict was a tie, lost otherwise; a debate where every speaker is the
// same player is not counted for it.
import type { JudgedDebate, RankedSpeaker } from './judged-debate';

/** A game between two players: `score` is a's (1 a won, 0.5 drawn, 0 b won). */
export interface Game {
  a: string;
  b: string;
  score: 0 | 0.5 | 1;
}

/** How players are told apart: by model, or by model and tone. */
export type PlayerKey = (speaker: RankedSpeaker) => string;

export const byModel: PlayerKey = (speaker) => speaker.model;
/** Model and tone, joined by a character no model or tone name holds. */
export const byModelAndTone: PlayerKey = (speaker) => `${speaker.model}\u0000${speaker.tone}`;

/** Pure: the games one debate gives. */
export function gamesOf(debate: JudgedDebate, key: PlayerKey): Game[] {
  const players = debate.speakers.map(key);
  const games: Game[] = [];
  if (debate.winner === null) {
    for (let first = 0; first < players.length; first++) {
      for (let second = first + 1; second < players.length; second++) {
        const [a, b] = [players[first] as string, players[second] as string];
        if (a !== b) games.push({ a, b, score: 0.5 });
      }
    }
    return games;
  }
  const winner = players[debate.winner] as string;
  for (const [index, player] of players.entries()) {
    if (index !== debate.winner && player !== winner) games.push({ a: winner, b: player, score: 1 });
  }
  return games;
}

export interface PlayerRecord {
  wins: number;
  losses: number;
  ties: number;
  debates: number;
}

/** Pure: each player's debates won, lost and tied (see the rules above). */
export function recordsOf(debates: readonly JudgedDebate[], key: PlayerKey): Map<string, PlayerRecord> {
  const records = new Map<string, PlayerRecord>();
  for (const debate of debates) {
    const players = new Set(debate.speakers.map(key));
    if (players.size < 2) continue;
    const winner = debate.winner === null ? null : key(debate.speakers[debate.winner] as RankedSpeaker);
    for (const player of players) {
      const record = records.get(player) ?? { wins: 0, losses: 0, ties: 0, debates: 0 };
      record.debates++;
      if (winner === null) record.ties++;
      else if (winner === player) record.wins++;
      else record.losses++;
      records.set(player, record);
    }
  }
  return records;
}
