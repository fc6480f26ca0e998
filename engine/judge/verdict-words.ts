// A verdict in words, pure and without zod (verdict.ts has the schema): the criteria and their
// names, who won or why it is a tie, scores as shown, the turn marks against the turns. The
// CLI, the markdown export and the webview's verdict card all word verdicts with these.
import type { Verdict } from './verdict';

/** What each side is scored on, 1 to 10. */
export const JUDGE_CRITERIA = ['argument', 'evidence', 'rebuttal', 'tone'] as const;
export type JudgeCriterion = (typeof JUDGE_CRITERIA)[number];

/** How each criterion is named to people (tables, exports) and to the judge. */
export const CRITERION_NAMES: Record<JudgeCriterion, string> = {
  argument: 'Argument strength',
  evidence: 'Evidence',
  rebuttal: 'Rebuttal',
  tone: 'Staying in tone',
};

/** Pure: the speaker's name the verdict names as winner, or null for a tie. */
export function winnerName(verdict: Pick<Verdict, 'winner' | 'scores'>): string | null {
  if (verdict.winner === null) return null;
  return verdict.scores.find((side) => side.speakerIndex === verdict.winner)?.speaker ?? `Speaker ${verdict.winner + 1}`;
}

/** Pure: the verdict's result in words a person reads: who won, or why it is a tie. */
export function verdictOutcome(verdict: Pick<Verdict, 'winner' | 'scores' | 'orders'>): string {
  const name = winnerName(verdict);
  if (name !== null) return `${name} wins (every order agreed)`;
  return verdict.orders.every((order) => order.winner === null) ? 'a tie (the judge called it even)' : 'a tie (the orders disagreed, so no win counts)';
}

/** Pure: one decimal, as scores are shown. */
export function formatScore(score: number): string {
  return score.toFixed(1);
}

/** Pure: the verdict's turn marks against the debate's turns: each turn's position (numbered as `show` numbers them, from 1), speaker and mark. */
export function markedTurns(verdict: Pick<Verdict, 'turnMarks'>, turns: readonly { id: string; kind: string; speaker?: string }[]): { position: number; speaker: string; mark: number }[] {
  return (verdict.turnMarks ?? []).flatMap((mark) => {
    const at = turns.findIndex((turn) => turn.id === mark.turnId);
    const speaker = turns[at]?.speaker;
    return speaker === undefined ? [] : [{ position: at + 1, speaker, mark: mark.mark }];
  });
}
