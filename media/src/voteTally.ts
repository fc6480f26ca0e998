// The vote of the closing statements (engine/closing.ts tallyVotes), drawn beside the verdict:
// each answer with its count and who gave it, as a real table, and the majority answer or "no
// majority". Render only. Answers and names are untrusted text: they go in as text.
import type { VoteTally } from '../../engine/closing';
import { h, icon } from './dom';
import * as l10n from './l10n';

/** Pure: the tally's result in words. */
export function majorityText(tally: Pick<VoteTally, 'majority' | 'statements' | 'groups'>): string {
  const statements = tally.statements === 1 ? l10n.t('1 closing statement') : l10n.t('{0} closing statements', tally.statements);
  if (tally.majority === null) return l10n.t('No majority: no answer holds more than half of the {0}.', statements);
  const votes = tally.groups.find((group) => group.answer === tally.majority)?.votes ?? 0;
  return l10n.t('Majority: “{0}”, {1} of the {2}.', tally.majority, votes, statements);
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
    h('caption', { text: l10n.t('Answers given in the closing statements') }),
    h('thead', {}, [h('tr', {}, [h('th', { scope: 'col', text: l10n.t('Answer') }), h('th', { scope: 'col', text: l10n.t('Votes') }), h('th', { scope: 'col', text: l10n.t('Given by') })])]),
    h('tbody', {}, rows),
  ]);
  return h('section', { class: 'vote-tally', 'aria-label': l10n.t('Vote of the closing statements') }, [
    h('h3', { class: 'verdict-title' }, [icon('checklist'), l10n.t('Vote')]),
    h('p', { class: `vote-result ${tally.majority === null ? 'none' : 'majority'}`, text: majorityText(tally) }),
    tally.groups.length === 0 ? null : h('div', { class: 'verdict-table', tabindex: 0, role: 'region', 'aria-label': l10n.t('Answers') }, [table]),
    tally.withoutAnswer.length === 0 ? null : h('p', { class: 'vote-missing', text: l10n.t('No answer from {0}.', tally.withoutAnswer.join(', ')) }),
  ]);
}
