// A verdict for the terminal, pure: the scores table, the result, the rationale (model output,
// sanitised like every reply) and the family warning.

import { plural } from '../format';
import { CRITERION_NAMES, JUDGE_CRITERIA, formatScore, markedTurns, verdictOutcome, type Verdict } from '../judge/verdict';
import type { Turn } from '../types';
import type { Style } from './color';
import { alignColumns, oneLine, sanitizeForTerminal } from './render';

/** `turns`: the debate's, to number the turn marks as `show` does. */
export function verdictText(verdict: Verdict, turns: readonly Turn[], style: Style): string {
  const header = ['SPEAKER', 'MODEL', ...JUDGE_CRITERIA.map((criterion) => CRITERION_NAMES[criterion].toUpperCase()), 'OVERALL'];
  const rows = verdict.scores.map((side) => [
    oneLine(side.speaker),
    oneLine(side.model),
    ...JUDGE_CRITERIA.map((criterion) => formatScore(side.scores[criterion])),
    formatScore(side.overall),
  ]);
  const retried = verdict.orders.filter((order) => order.retried).length;
  const lines = [
    style.bold(`Verdict by ${oneLine(verdict.judgeModel)}`),
    style.dim(
      `Blind (no names), ${plural(verdict.turnsJudged, 'turn')}, judged in ${plural(verdict.orders.length, 'order')} (seed ${verdict.seed})${retried > 0 ? `; ${plural(retried, 'answer')} needed a retry` : ''}`,
    ),
    '',
    alignColumns([header, ...rows]),
    '',
    `${style.bold('Result:')} ${oneLine(verdictOutcome(verdict))}`,
  ];
  const rationale = sanitizeForTerminal(verdict.rationale).trim();
  if (rationale !== '') lines.push(`${style.bold('Rationale:')} ${rationale.replace(/\n/g, '\n  ')}`);
  const marks = markedTurns(verdict, turns).map((turn) => `${turn.position}. ${oneLine(turn.speaker)} ${formatScore(turn.mark)}`);
  if (marks.length > 0) lines.push(`${style.bold('Turn marks:')} ${marks.join(' · ')}`);
  if (verdict.familyWarning !== null) lines.push(style.dim(`Warning: ${oneLine(verdict.familyWarning)}`));
  return lines.join('\n');
}
