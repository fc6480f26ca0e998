// A judge's verdict as a card in the outcome section: who won or why it is a tie (a win counts
// only when every order agreed), a real table of the scores (speakers as rows, criteria as
// columns, the mean over the orders), the rationale, the judge model, a family warning, and how
// it was judged (seed, the orders). Also the card for a judging that gave no verdict. Names,
// models and the rationale are untrusted model or user text: they go in as text, never markup.
import { CRITERION_NAMES, formatScore, JUDGE_CRITERIA, markedTurns, verdictOutcome, winnerName } from '../../engine/judge/verdict-words';
import type { Turn, Verdict } from '../../engine/types';
import { h, icon } from './dom';
import * as l10n from './l10n';

/** "A tie (…)" rather than "a tie (…)": the outcome starts its line. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Order 1: A Speaker 2, B Speaker 1 · named Speaker 2" (the labels the judge saw, and whom it named). */
function orderLine(verdict: Verdict, order: Verdict['orders'][number], at: number): string {
  const nameOf = (index: number): string => verdict.scores.find((side) => side.speakerIndex === index)?.speaker ?? l10n.t('Speaker {0}', index + 1);
  const sides = order.sides.map((index, position) => `${String.fromCharCode(65 + position)} ${nameOf(index)}`).join(', ');
  const named = order.winner === null ? l10n.t('called a tie') : l10n.t('named {0}', nameOf(order.winner));
  const line = l10n.t('Order {0}: {1} · {2}', at + 1, sides, named);
  return order.retried ? l10n.t('{0} (after asking again with the schema restated)', line) : line;
}

function scoresTable(verdict: Verdict): HTMLElement {
  const orders = verdict.orders.length;
  const head = h('tr', {}, [
    h('th', { scope: 'col', text: l10n.t('Speaker') }),
    ...JUDGE_CRITERIA.map((criterion) => h('th', { scope: 'col', text: CRITERION_NAMES[criterion] })),
    h('th', { scope: 'col', text: l10n.t('Overall') }),
  ]);
  const rows = verdict.scores.map((side) => {
    const won = side.speakerIndex === verdict.winner;
    // The cell stays a table cell (screen readers read it as the row's header); its content lines up inside.
    const name = h('th', { scope: 'row', class: `accent-${side.speakerIndex % 6}` }, [h('span', { class: 'verdict-speaker' }, [
      h('span', { class: 'speaker-swatch', 'aria-hidden': 'true' }),
      h('span', { class: 'verdict-speaker-name', text: side.speaker }),
      h('span', { class: 'verdict-speaker-model', text: side.model }),
      won ? h('span', { class: 'verdict-winner-badge' }, [icon('star-full'), l10n.t('winner')]) : null,
    ])]);
    return h('tr', { class: won ? 'verdict-winner' : undefined }, [
      name,
      ...JUDGE_CRITERIA.map((criterion) => h('td', { text: formatScore(side.scores[criterion]) })),
      h('td', { class: 'verdict-overall', text: formatScore(side.overall) }),
    ]);
  });
  const table = h('table', { class: 'verdict-scores' }, [
    h('caption', { text: orders === 1 ? l10n.t('Scores from 1 to 10, the mean of 1 order') : l10n.t('Scores from 1 to 10, the mean of {0} orders', orders) }),
    h('thead', {}, [head]),
    h('tbody', {}, rows),
  ]);
  // A wide table scrolls inside its own box at 320 px; focusable so the keyboard can scroll it.
  return h('div', { class: 'verdict-table', tabindex: 0, role: 'region', 'aria-label': l10n.t('Scores') }, [table]);
}

function turnMarksBlock(verdict: Verdict, turns: readonly Turn[]): HTMLElement | null {
  const marks = markedTurns(verdict, turns);
  if (marks.length === 0) return null;
  return h('details', { class: 'verdict-marks' }, [
    h('summary', { text: l10n.t('Marks per turn ({0})', marks.length) }),
    h('ol', {}, marks.map((mark) => h('li', { text: l10n.t('Turn {0}, {1}: {2}', mark.position, mark.speaker, formatScore(mark.mark)) }))),
  ]);
}

/** A verdict as a card; `turns` are the debate's now (for the turn marks, and to say when it grew after judging). */
export function verdictCard(verdict: Verdict, turns: readonly Turn[]): HTMLElement {
  const won = winnerName(verdict) !== null;
  const when = new Date(verdict.createdAt);
  const judged = h('p', { class: 'verdict-judge' }, [
    l10n.t('Judged by '),
    h('span', { class: 'verdict-judge-model', text: verdict.judgeModel }),
    Number.isNaN(when.getTime()) ? null : h('time', { datetime: verdict.createdAt, text: l10n.t(' on {0}', when.toLocaleString()) }),
  ]);
  const grown = turns.length > verdict.turnsJudged
    ? h('p', { class: 'verdict-note', text: l10n.t('Judged on the first {0} turns; the debate has {1} now.', verdict.turnsJudged, turns.length) })
    : null;
  const warning = verdict.familyWarning === null ? null : h('p', { class: 'verdict-warning', role: 'note' }, [icon('warning'), h('span', { text: verdict.familyWarning })]);
  return h('article', { class: 'verdict-card', 'aria-label': l10n.t('Verdict of {0}', verdict.judgeModel) }, [
    h('h3', { class: 'verdict-title' }, [icon('law'), l10n.t('Verdict')]),
    h('p', { class: `verdict-outcome ${won ? 'win' : 'tie'}` }, [icon(won ? 'star-full' : 'dash'), h('strong', { text: sentence(verdictOutcome(verdict)) })]),
    judged,
    warning,
    scoresTable(verdict),
    h('h4', { class: 'verdict-subtitle', text: l10n.t('Rationale') }),
    h('p', { class: 'verdict-rationale', text: verdict.rationale }),
    turnMarksBlock(verdict, turns),
    grown,
    h('p', { class: 'verdict-method', text: l10n.t('Judged blind (sides labelled A, B…, names scrubbed), sides shuffled with seed {0}, in {1} orders; a win counts only when every order agrees.', verdict.seed, verdict.orders.length) }),
    h('ol', { class: 'verdict-orders', 'aria-label': l10n.t('Orders judged') }, verdict.orders.map((order, at) => h('li', { text: orderLine(verdict, order, at) }))),
  ]);
}

/** A judging that gave no verdict: the judge's failure in the engine's words, never a verdict made up. */
export function verdictUnavailable(model: string, reason: string): HTMLElement {
  return h('div', { class: 'verdict-card verdict-unavailable', role: 'alert' }, [
    h('p', { class: 'verdict-outcome' }, [icon('circle-slash'), h('strong', { text: l10n.t('Verdict unavailable: ') }), h('span', { text: reason })]),
    h('p', { class: 'verdict-judge' }, [l10n.t('Judge: '), h('span', { class: 'verdict-judge-model', text: model })]),
  ]);
}
