// The vote of the closing statements (engine/closing.ts tallyVotes), drawn beside the verdict:
// each answer with its count and who gave it, as a real table, and the majority answer or "no
// majority". Render only. Answers and names are untrusted text: they go in as text.
import type { VoteTally } from '../../engine/closing';
import { h, icon } from './dom';

/** Pure: the tally's result in words. */
export function majorityText(tally: Pick<VoteTally, 'majority' | 'statements' | 'groups'>): string {
  const statements = `${tally.statements} closing ${tally.statements === 1 ? 'statement' : 'statements'}`;
  if (tally.majority === null) return `No majority: no answer holds more than half of the ${statements}.`;
  const votes = tally.groups.find((group) => group.answer === tally.majority)?.votes ?? 0;
  return `Majority: “${tally.majority}”, ${votes} of the ${statements}.`;
}

/** The tally as a block of the outcome section. */
export function voteTallyElement(tally: VoteTally): HTMLElement {
  const rows = tally.groups.map((group) =>
    h('tr', { class: group.answer === tally.majority ? 'vote-majority' : undefined }, [
      h('th', { scope: 'row', text: group.answer }),
      h('td', { class: 'vote-count', text: String(group.votes) }),
      h('td', { text: group.speakers.join(', ') }),
    ]),
  );
  const table = h('table', { class: 'vote-table' }, [
    h('caption', { text: 'Answers given in the closing statements' }),
    h('thead', {}, [h('tr', {}, [h('th', { scope: 'col', text: 'Answer' }), h('th', { scope: 'col', text: 'Votes' }), h('th', { scope: 'col', text: 'Given by' })])]),
    h('tbody', {}, rows),
  ]);
  return h('section', { class: 'vote-tally', 'aria-label': 'Vote of the closing statements' }, [
    h('h3', { class: 'verdict-title' }, [icon('checklist'), 'Vote']),
    h('p', { class: `vote-result ${tally.majority === null ? 'none' : 'majority'}`, text: majorityText(tally) }),
    tally.groups.length === 0 ? null : h('div', { class: 'verdict-table', tabindex: 0, role: 'region', 'aria-label': 'Answers' }, [table]),
    tally.withoutAnswer.length === 0 ? null : h('p', { class: 'vote-missing', text: `No answer from ${tally.withoutAnswer.join(', ')}.` }),
  ]);
}
