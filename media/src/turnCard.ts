// The DOM of one turn: a speaker's card (header, markdown body, footer with its
// figures and, when it did not complete, its mark and why), or the moderator's note,
// set apart and labelled as such; each with an empty row for its actions (filled by
// turnActions.ts). A reasoning model's reasoning sits collapsed above the reply
// (thinkingBlock.ts). The AI moderator's turns name its model and what the turn does, a
// round's summary collapsible; a closing statement shows its badge, final position and
// answer. A finished speaker turn's footer carries its context meter (contextMeter.ts).
// Every text goes in as text or sanitised markdown.
import type { ClosingStatement, ContextTrim, ModeratorPurpose, ModeratorTurn, SpeakerTurn, Turn, TurnReply, TurnStatus } from '../../engine/types';
import type { TurnHeading } from '../../extension/contract/protocol';
import { h, icon } from './dom';
import { contextMeterElement } from './contextMeter';
import { assertNever, formatMetrics } from './format';
import { renderMarkdown } from './markdown';
import { ThinkingBlock, thinkingBlockOf } from './thinkingBlock';
import * as l10n from './l10n';

/** How many distinct speaker accents the stylesheet defines (one per possible speaker). */
const ACCENTS = 6;

export interface CardParts {
  article: HTMLElement;
  body: HTMLElement;
  footer: HTMLElement;
}

export const ACTIONS_CLASS = 'turn-actions';

/** The row a finished turn's actions go in (Branch from here, Regenerate, the reply switcher). */
function actionsRow(label: string): HTMLElement {
  return h('div', { class: ACTIONS_CLASS, role: 'group', 'aria-label': label });
}

/** The actions row of a turn's element. */
export function actionsOf(element: HTMLElement): HTMLElement | null {
  return element.querySelector(`:scope > .${ACTIONS_CLASS}`);
}

/** Who speaks, as both a live turn and a finished one know it. */
type CardHeading = Pick<TurnHeading, 'turnId' | 'speakerIndex' | 'speaker' | 'model' | 'tone' | 'exchange'>;

/** An empty speaker card: its header filled, body and footer left to the caller. */
export function speakerCard(heading: CardHeading): CardParts {
  const body = h('div', { class: 'turn-body markdown' });
  const footer = h('footer', { class: 'turn-footer' });
  const article = h('article', {
    class: `turn accent-${heading.speakerIndex % ACCENTS}`,
    'aria-label': l10n.t('{0}, exchange {1}', heading.speaker, heading.exchange),
    'data-turn-id': heading.turnId,
  }, [
    h('header', { class: 'turn-header' }, [
      h('span', { class: 'speaker-name', text: heading.speaker }),
      h('span', { class: 'turn-model', text: heading.model, title: l10n.t('Model') }),
      h('span', { class: 'badge tone-badge', text: heading.tone, title: l10n.t('Tone') }),
      h('span', { class: 'turn-exchange', text: l10n.t('Exchange {0}', heading.exchange) }),
    ]),
    body,
    footer,
    actionsRow(l10n.t('Actions on {0}\'s turn', heading.speaker)),
  ]);
  return { article, body, footer };
}

const STATUS_MARK: Record<Exclude<TurnStatus, 'complete'>, { icon: string; label: string }> = {
  stopped: { icon: 'debug-stop', label: l10n.t('Stopped') },
  failed: { icon: 'error', label: l10n.t('Failed') },
};

/** The reply's reasoning above its body, collapsed unless the reader had it open (a live turn's); none without reasoning. */
function showReasoning({ article, body }: CardParts, reply: TurnReply): void {
  const earlier = thinkingBlockOf(article);
  earlier?.remove();
  if (reply.thinking === undefined || reply.thinking === '') return;
  const block = new ThinkingBlock(earlier?.open ?? false);
  block.update(reply.thinking, { kind: 'done', ms: reply.thinkingMs });
  body.before(block.element);
}

const CLOSING_BADGE_CLASS = 'closing-badge';

/** A closing statement's badge in the card's header (once) in place of its exchange, which comes after the debate's last. */
function markClosing(article: HTMLElement, closing: ClosingStatement | undefined): void {
  const badge = article.querySelector(`:scope > .turn-header > .${CLOSING_BADGE_CLASS}`);
  const exchange = article.querySelector<HTMLElement>(':scope > .turn-header > .turn-exchange');
  article.classList.toggle('turn-closing', closing !== undefined);
  if (exchange !== null) exchange.hidden = closing !== undefined;
  if (closing === undefined) {
    badge?.remove();
    return;
  }
  article.setAttribute('aria-label', l10n.t('{0}, closing statement', article.querySelector(':scope > .turn-header > .speaker-name')?.textContent ?? l10n.t('Speaker')));
  if (badge !== null) return;
  article.querySelector(':scope > .turn-header > .tone-badge')?.after(
    h('span', { class: `badge ${CLOSING_BADGE_CLASS}`, title: l10n.t("The speaker's final position, counted in the vote") }, [icon('milestone'), l10n.t('Closing statement')]),
  );
}

/** A closing statement read whole: its final position and answer as text, the reply as written folded below them. */
function closingBody(closing: ClosingStatement, text: string): Node[] {
  const position = closing.position.trim();
  return [
    h('dl', { class: 'closing-statement' }, [
      h('dt', { text: l10n.t('Final position') }),
      h('dd', { class: position === '' ? 'closing-none' : 'closing-position', text: position === '' ? l10n.t('None given.') : position }),
      h('dt', { text: l10n.t('Answer') }),
      h('dd', { class: closing.answer === null ? 'closing-none' : 'closing-answer', text: closing.answer ?? l10n.t('None given: not counted in the vote.') }),
    ]),
    h('details', { class: 'closing-reply' }, [h('summary', { text: l10n.t('Reply as written') }), renderMarkdown(text)]),
  ];
}

/** Shows a reply whole in a card: its reasoning collapsed, its text rendered once, its status, figures and context meter in the footer. */
export function fillCard(card: CardParts, reply: TurnReply & { closing?: ClosingStatement; contextTrim?: ContextTrim }): HTMLElement {
  const { article, body, footer } = card;
  article.classList.add(`turn-${reply.status}`);
  showReasoning(card, reply);
  markClosing(article, reply.closing);
  body.replaceChildren(...(reply.closing === undefined ? [renderMarkdown(reply.text)] : closingBody(reply.closing, reply.text)));
  const parts: Node[] = [];
  if (reply.status !== 'complete') {
    const mark = STATUS_MARK[reply.status];
    parts.push(h('span', { class: `turn-mark turn-mark-${reply.status}` }, [icon(mark.icon), mark.label]));
    if (reply.note) parts.push(h('span', { class: 'turn-note', text: reply.note }));
  } else if (reply.note) {
    // A complete reply with a note was cut at the longest reply allowed.
    parts.push(h('span', { class: 'turn-mark turn-mark-cut' }, [icon('info'), l10n.t('Cut')]), h('span', { class: 'turn-note', text: reply.note }));
  }
  parts.push(h('span', { class: 'turn-metrics', text: formatMetrics(reply.metrics) }));
  const meter = contextMeterElement(reply.metrics, reply.contextTrim);
  if (meter !== null) parts.push(meter);
  footer.replaceChildren(...parts);
  return article;
}

function speakerTurnElement(turn: SpeakerTurn): HTMLElement {
  return fillCard(speakerCard({ ...turn, turnId: turn.id }), turn);
}

/** What an AI moderator's turn does, as its header says it ("Summary of round 2"). */
const PURPOSE_TEXT: Record<ModeratorPurpose, (round: number) => string> = {
  framing: () => l10n.t('Framing'),
  summary: (round) => l10n.t('Summary of round {0}', round),
  closing: () => l10n.t('Closing the debate'),
};

const SUMMARY_CLASS = 'moderator-summary';

/** The AI moderator's turn: "Moderator · model" and what it does; a round's summary folds (open for the newest: see setSummaryOpen). */
function aiModeratorElement(turn: ModeratorTurn, ai: NonNullable<ModeratorTurn['ai']>): HTMLElement {
  const purpose = PURPOSE_TEXT[ai.purpose](turn.exchange);
  const header = [
    icon('hubot'),
    h('span', { class: 'moderator-label' }, [l10n.t('Moderator'), h('span', { class: 'moderator-model', text: ` · ${ai.model}` })]),
    h('span', { class: 'moderator-purpose', text: purpose }),
  ];
  const body = h('div', { class: 'moderator-body markdown' }, [renderMarkdown(turn.text)]);
  const content = ai.purpose === 'summary'
    ? [h('details', { class: SUMMARY_CLASS }, [h('summary', { class: 'moderator-header' }, header), body])]
    : [h('header', { class: 'moderator-header' }, header), body];
  return h('aside', {
    class: `moderator-note moderator-ai moderator-${ai.purpose}`,
    'aria-label': l10n.t('Moderator · {0}, {1}', ai.model, purpose.toLowerCase()),
    'data-turn-id': turn.id,
  }, [...content, actionsRow(l10n.t("Actions on the moderator's turn"))]);
}

/** Opens or folds an AI moderator summary's element (no effect on any other turn's element). */
export function setSummaryOpen(element: HTMLElement, open: boolean): void {
  const details = element.querySelector<HTMLDetailsElement>(`:scope > details.${SUMMARY_CLASS}`);
  if (details !== null) details.open = open;
}

/** The moderator's words: a note of its own, never dressed as a speaker's card. */
function moderatorNoteElement(turn: ModeratorTurn): HTMLElement {
  if (turn.ai !== undefined) return aiModeratorElement(turn, turn.ai);
  return h('aside', {
    class: 'moderator-note',
    'aria-label': l10n.t('Moderator, exchange {0}', turn.exchange),
    'data-turn-id': turn.id,
  }, [
    h('header', { class: 'moderator-header' }, [
      icon('megaphone'),
      h('span', { class: 'moderator-label', text: l10n.t('Moderator') }),
      h('span', { class: 'turn-exchange', text: l10n.t('Exchange {0}', turn.exchange) }),
    ]),
    h('div', { class: 'moderator-body markdown' }, [renderMarkdown(turn.text)]),
    actionsRow(l10n.t("Actions on the moderator's note")),
  ]);
}

/** A finished turn, rendered once. */
export function turnElement(turn: Turn): HTMLElement {
  switch (turn.kind) {
    case 'speaker':
      return speakerTurnElement(turn);
    case 'moderator':
      return moderatorNoteElement(turn);
    default:
      return assertNever(turn);
  }
}
