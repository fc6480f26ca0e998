// Judged debates for the leaderboard tests, written as the leaderboard reads them.
import type { JudgedDebate, TurnSpeed } from '../../engine/leaderboard';

let next = 0;

/** A two-or-more speaker debate between `models` (tone Rational unless given as "model/tone"), won by `winner` (null: a tie). */
export function judged(models: readonly string[], winner: number | null, turns: TurnSpeed[] = [], host = 'http://127.0.0.1:11434'): JudgedDebate {
  next++;
  return {
    id: `debate-${next}`,
    speakers: models.map((spec) => {
      const [model, tone] = spec.split('/') as [string, string | undefined];
      return { model, tone: tone ?? 'Rational', host };
    }),
    winner,
    turns,
  };
}

/** `count` copies of a debate between a and b won by `winner`. */
export function repeated(count: number, models: readonly string[], winner: number | null): JudgedDebate[] {
  return Array.from({ length: count }, () => judged(models, winner));
}
