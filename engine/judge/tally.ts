// From the judge's answers, one per order, to the verdict: scores averaged across the orders,
// a win only when every order named the same speaker (otherwise a tie), turn marks averaged,
// and the rationale with its side labels put back as the speakers' names.
import { TIE, type JudgeAnswer } from './answer-schema';
import type { BlindDebate } from './blind-debate';
import { JUDGE_CRITERIA, type JudgeCriterion, type JudgedOrder, type SideScore, type TurnMark } from './verdict';

/** One order's answer with the blind debate it answers. */
export interface OrderAnswer {
  debate: BlindDebate;
  answer: JudgeAnswer;
  retried: boolean;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** One decimal: what a person reads. */
function rounded(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Pure: the speaker index an answer names the winner, or null for a tie. */
export function winnerOf(answer: JudgeAnswer, debate: BlindDebate): number | null {
  return answer.winner === TIE ? null : (debate.speakerOf.get(answer.winner) ?? null);
}

/** Pure: the winner across the orders: the speaker every order named, else null (a tie). */
export function consistentWinner(winners: readonly (number | null)[]): number | null {
  const [first] = winners;
  if (first === undefined || first === null) return null;
  return winners.every((winner) => winner === first) ? first : null;
}

/** Pure: each speaker's scores, averaged over the orders (each order calls it by its own label). */
export function averagedScores(answers: readonly OrderAnswer[], speakers: ReadonlyMap<number, { name: string; model: string }>): SideScore[] {
  const collected = new Map<number, Record<JudgeCriterion, number>[]>();
  for (const { debate, answer } of answers) {
    for (const [label, scores] of Object.entries(answer.scores)) {
      const index = debate.speakerOf.get(label);
      if (index === undefined) continue;
      collected.set(index, [...(collected.get(index) ?? []), scores]);
    }
  }
  return [...collected.entries()]
    .sort(([a], [b]) => a - b)
    .map(([speakerIndex, all]) => {
      const scores = Object.fromEntries(JUDGE_CRITERIA.map((criterion) => [criterion, rounded(mean(all.map((one) => one[criterion])))])) as Record<JudgeCriterion, number>;
      const overall = rounded(mean(all.flatMap((one) => JUDGE_CRITERIA.map((criterion) => one[criterion]))));
      const speaker = speakers.get(speakerIndex);
      return { speakerIndex, speaker: speaker?.name ?? `Speaker ${speakerIndex + 1}`, model: speaker?.model ?? '', scores, overall };
    });
}

/** Pure: each turn's mark averaged over the orders; null when the answers carry none. */
export function averagedTurnMarks(answers: readonly OrderAnswer[]): TurnMark[] | null {
  const collected = new Map<string, { speakerIndex: number; marks: number[] }>();
  const order: string[] = [];
  for (const { debate, answer } of answers) {
    if (answer.turnMarks === undefined) return null;
    for (const { key, turnId, speakerIndex } of debate.turnKeys) {
      const mark = answer.turnMarks[key];
      if (mark === undefined) continue;
      if (!collected.has(turnId)) order.push(turnId);
      const entry = collected.get(turnId) ?? { speakerIndex, marks: [] };
      entry.marks.push(mark);
      collected.set(turnId, entry);
    }
  }
  return order.map((turnId) => {
    const entry = collected.get(turnId) as { speakerIndex: number; marks: number[] };
    return { turnId, speakerIndex: entry.speakerIndex, mark: rounded(mean(entry.marks)) };
  });
}

/** Pure: the rationale with "Side A" (any case) put back as the speaker's name, so a person can read it. */
export function unblindRationale(rationale: string, debate: BlindDebate, nameOf: (speakerIndex: number) => string): string {
  return rationale.replace(/\bside\s+([A-Z])\b/gi, (whole, label: string) => {
    const index = debate.speakerOf.get(label.toUpperCase());
    return index === undefined ? whole : nameOf(index);
  });
}

/** Pure: what each order saw and whom it named. */
export function judgedOrders(answers: readonly OrderAnswer[]): JudgedOrder[] {
  return answers.map(({ debate, answer, retried }) => ({
    sides: debate.labels.map((label) => debate.speakerOf.get(label) as number),
    winner: winnerOf(answer, debate),
    retried,
  }));
}
