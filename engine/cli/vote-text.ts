// The vote of the closing statements for the terminal, pure: each answer with its count and
// voters, the majority (or none), who gave no answer. Answers are model output: sanitised.

import type { VoteTally } from '../closing';
import { plural } from '../format';
import type { Style } from './color';
import { alignColumns, oneLine } from './render';

export function voteText(tally: VoteTally, style: Style): string {
  const rows = tally.groups.map((group) => [oneLine(group.answer), String(group.votes), group.speakers.map(oneLine).join(', ')]);
  const lines = [style.bold(`Vote of the closing statements (${plural(tally.statements, 'statement')})`)];
  if (rows.length > 0) lines.push(...alignColumns(rows).split('\n').map((row) => `  ${row}`));
  const top = tally.groups[0];
  lines.push(
    tally.majority === null || top === undefined
      ? `${style.bold('Result:')} no majority`
      : `${style.bold('Result:')} majority for "${oneLine(tally.majority)}" (${top.votes} of ${tally.statements})`,
  );
  if (tally.withoutAnswer.length > 0) lines.push(style.dim(`No answer from ${tally.withoutAnswer.map(oneLine).join(', ')}`));
  return lines.join('\n');
}
