// The DOM of one turn: a speaker's card (header, markdown body, footer with its
// figures and, when it did not complete, its mark and why), or the moderator's note,
// set apart and labelled as such; each with an empty row for its actions (filled by
// turnActions.ts). A reasoning model's reasoning sits collapsed above the reply
// (thinkingBlock.ts). Every text goes in as text or sanitised markdown.
import type { ModeratorTurn, SpeakerTurn, Turn, TurnReply, TurnStatus } from '../../engine/types';
import type { TurnHeading } from '../../extension/contract/protocol';
import { h, icon } from './dom';
import { assertNever, formatMetrics } from './format';
import { renderMarkdown } from './markdown';
import { ThinkingBlock, thinkingBlockOf } from './thinkingBlock';

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
    'aria-label': `${heading.speaker}, exchange ${heading.exchange}`,
    'data-turn-id': heading.turnId,
  }, [
    h('header', { class: 'turn-header' }, [
      h('span', { class: 'speaker-name', text: heading.speaker }),
      h('span', { class: 'turn-model', text: heading.model, title: 'Model' }),
      h('span', { class: 'badge tone-badge', text: heading.tone, title: 'Tone' }),
      h('span', { class: 'turn-exchange', text: `Exchange ${heading.exchange}` }),
    ]),
    body,
    footer,
    actionsRow(`Actions on ${heading.speaker}'s turn`),
  ]);
  return { article, body, footer };
}

const STATUS_MARK: Record<Exclude<TurnStatus, 'complete'>, { icon: string; label: string }> = {
  stopped: { icon: 'debug-stop', label: 'Stopped' },
  failed: { icon: 'error', label: 'Failed' },
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

/** Shows a reply whole in a card: its reasoning collapsed, its text rendered once, its status and figures in the footer. */
export function fillCard(card: CardParts, reply: TurnReply): HTMLElement {
  const { article, body, footer } = card;
  article.classList.add(`turn-${reply.status}`);
  showReasoning(card, reply);
  body.replaceChildren(renderMarkdown(reply.text));
  const parts: Node[] = [];
  if (reply.status !== 'complete') {
    const mark = STATUS_MARK[reply.status];
    parts.push(h('span', { class: `turn-mark turn-mark-${reply.status}` }, [icon(mark.icon), mark.label]));
    if (reply.note) parts.push(h('span', { class: 'turn-note', text: reply.note }));
  } else if (reply.note) {
    // A complete reply with a note was cut at the longest reply allowed.
    parts.push(h('span', { class: 'turn-mark turn-mark-cut' }, [icon('info'), 'Cut']), h('span', { class: 'turn-note', text: reply.note }));
  }
  parts.push(h('span', { class: 'turn-metrics', text: formatMetrics(reply.metrics) }));
  footer.replaceChildren(...parts);
  return article;
}

function speakerTurnElement(turn: SpeakerTurn): HTMLElement {
  return fillCard(speakerCard({ ...turn, turnId: turn.id }), turn);
}

/** The moderator's words: a note of its own, never dressed as a speaker's card. */
function moderatorNoteElement(turn: ModeratorTurn): HTMLElement {
  return h('aside', {
    class: 'moderator-note',
    'aria-label': `Moderator, exchange ${turn.exchange}`,
    'data-turn-id': turn.id,
  }, [
    h('header', { class: 'moderator-header' }, [
      icon('megaphone'),
      h('span', { class: 'moderator-label', text: 'Moderator' }),
      h('span', { class: 'turn-exchange', text: `Exchange ${turn.exchange}` }),
    ]),
    h('div', { class: 'moderator-body markdown' }, [renderMarkdown(turn.text)]),
    actionsRow("Actions on the moderator's note"),
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
