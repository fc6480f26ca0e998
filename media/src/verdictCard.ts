// A judge's verdict as a card in the outcome section: who won or why it is a tie (a win counts
// only when every order agreed), a real table of the scores (speakers as rows, criteria as
// columns, the mean over the orders), the rationale, the judge model, a family warning, and how
// it was judged (seed, the orders). Also the card for a judging that gave no verdict. Names,
// models and the rationale are untrusted model or user text: they go in as text, never markup.
import { CRITERION_NAMES, formatScore, JUDGE_CRITERIA, markedTurns, verdictOutcome, winnerName } from '../../engine/judge/verdict-words';
import type { Turn, Verdict } from '../../engine/types';
import { h, icon } from './dom';

/** "A tie (…)" rather than "a tie (…)": the outcome starts its line. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Order 1: A Speaker 2, B Speaker 1 · named Speaker 2" (the labels the judge saw, and whom it named). */
function orderLine(verdict: Verdict, order: Verdict['orders'][number], at: number): string {
  const nameOf = (index: number): string => verdict.scores.find((side) => side.speakerIndex === index)?.speaker ?? `Speaker ${index + 1}`;
  const sides = order.sides.map((index, position) => `${String.fromCharCode(65 + position)} ${nameOf(index)}`).join(', ');
  const named = order.winner === null ? 'called a tie' : `named ${nameOf(order.winner)}`;
  return `Order ${at + 1}: ${sides} · ${named}${order.retried ? ' (after asking again with the schema restated)' : ''}`;
}

function scoresTable(verdict: Verdict): HTMLElement {
  const orders = verdict.orders.length;
  const head = h('tr', {}, [
    h('th', { scope: 'col', text: 'Speaker' }),
    ...JUDGE_CRITERIA.map((criterion) => h('th', { scope: 'col', text: CRITERION_NAMES[criterion] })),
    h('th', { scope: 'col', text: 'Overall' }),
  ]);
  const rows = verdict.scores.map((side) => {
    const won = side.speakerIndex === verdict.winner;
    // The cell stays a table cell (screen readers read it as the row's header); its content lines up inside.
    const name = h('th', { scope: 'row', class: `accent-${side.speakerIndex % 6}` }, [h('span', { class: 'verdict-speaker' }, [
      h('span', { class: 'speaker-swatch', 'aria-hidden': 'true' }),
      h('span', { class: 'verdict-speaker-name', text: side.speaker }),
      h('span', { class: 'verdict-speaker-model', text: side.model }),
      won ? h('span', { class: 'verdict-winner-badge' }, [icon('star-full'), 'winner']) : null,
    ])]);
    return h('tr', { class: won ? 'verdict-winner' : undefined }, [
      name,
      ...JUDGE_CRITERIA.map((criterion) => h('td', { text: formatScore(side.scores[criterion]) })),
      h('td', { class: 'verdict-overall', text: formatScore(side.overall) }),
    ]);
  });
  const table = h('table', { class: 'verdict-scores' }, [
    h('caption', { text: `Scores from 1 to 10, the mean of ${orders} ${orders === 1 ? 'order' : 'orders'}` }),
    h('thead', {}, [head]),
    h('tbody', {}, rows),
  ]);
  // A wide table scrolls inside its own box at 320 px; focusable so the keyboard can scroll it.
  return h('div', { class: 'verdict-table', tabindex: 0, role: 'region', 'aria-label': 'Scores' }, [table]);
}

function turnMarksBlock(verdict: Verdict, turns: readonly Turn[]): HTMLElement | null {
  const marks = markedTurns(verdict, turns);
  if (marks.length === 0) return null;
  return h('details', { class: 'verdict-marks' }, [
    h('summary', { text: `Marks per turn (${marks.length})` }),
    h('ol', {}, marks.map((mark) => h('li', { text: `Turn ${mark.position}, ${mark.speaker}: ${formatScore(mark.mark)}` }))),
  ]);
}

/** A verdict as a card; `turns` are the debate's now (for the turn marks, and to say when it grew after judging). */
export function verdictCard(verdict: Verdict, turns: readonly Turn[]): HTMLElement {
  const won = winnerName(verdict) !== null;
  const when = new Date(verdict.createdAt);
  const judged = h('p', { class: 'verdict-judge' }, [
    'Judged by ',
    h('span', { class: 'verdict-judge-model', text: verdict.judgeModel }),
    Number.isNaN(when.getTime()) ? null : h('time', { datetime: verdict.createdAt, text: ` on ${when.toLocaleString()}` }),
  ]);
  const grown = turns.length > verdict.turnsJudged
    ? h('p', { class: 'verdict-note', text: `Judged on the first ${verdict.turnsJudged} turns; the debate has ${turns.length} now.` })
    : null;
  const warning = verdict.familyWarning === null ? null : h('p', { class: 'verdict-warning', role: 'note' }, [icon('warning'), h('span', { text: verdict.familyWarning })]);
  return h('article', { class: 'verdict-card', 'aria-label': `Verdict of ${verdict.judgeModel}` }, [
    h('h3', { class: 'verdict-title' }, [icon('law'), 'Verdict']),
    h('p', { class: `verdict-outcome ${won ? 'win' : 'tie'}` }, [icon(won ? 'star-full' : 'dash'), h('strong', { text: sentence(verdictOutcome(verdict)) })]),
    judged,
    warning,
    scoresTable(verdict),
    h('h4', { class: 'verdict-subtitle', text: 'Rationale' }),
    h('p', { class: 'verdict-rationale', text: verdict.rationale }),
    turnMarksBlock(verdict, turns),
    grown,
    h('p', { class: 'verdict-method', text: `Judged blind (sides labelled A, B…, names scrubbed), sides shuffled with seed ${verdict.seed}, in ${verdict.orders.length} orders; a win counts only when every order agrees.` }),
    h('ol', { class: 'verdict-orders', 'aria-label': 'Orders judged' }, verdict.orders.map((order, at) => h('li', { text: orderLine(verdict, order, at) }))),
  ]);
}

/** A judging that gave no verdict: the judge's failure in the engine's words, never a verdict made up. */
export function verdictUnavailable(model: string, reason: string): HTMLElement {
  return h('div', { class: 'verdict-card verdict-unavailable', role: 'alert' }, [
    h('p', { class: 'verdict-outcome' }, [icon('circle-slash'), h('strong', { text: 'Verdict unavailable: ' }), h('span', { text: reason })]),
    h('p', { class: 'verdict-judge' }, ['Judge: ', h('span', { class: 'verdict-judge-model', text: model })]),
  ]);
}
