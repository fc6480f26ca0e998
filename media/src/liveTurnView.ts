// The turn being streamed: it keeps the reducer's text of the live turn and re-renders
// only its unsettled tail (settled blocks are rendered once), when asked, at most once
// per animation frame however many token messages arrive. A reasoning model's reasoning
// streams into its own collapsed block above the reply, "Thinking…" until the reply begins.
// While it streams the card is a region named for its speaker (a simultaneous round has
// several side by side), busy so that screen readers announce it once, finished.
import type { SpeakerTurn } from '../../engine/types';
import type { LiveTurn } from '../../extension/contract/protocol';
import { BlockSplitter } from './blockSplitter';
import { h, icon } from './dom';
import { renderMarkdown } from './markdown';
import { ThinkingBlock } from './thinkingBlock';
import { fillCard, speakerCard, type CardParts } from './turnCard';
import * as l10n from './l10n';

export class LiveTurnView {
  readonly turnId: string;
  readonly exchange: number;
  private readonly card: CardParts;
  private text = '';
  private renderedSettled = 0;
  private splitter = new BlockSplitter();
  private readonly settled = h('div', { class: 'settled' });
  private readonly tail = h('div', { class: 'tail' });
  private thinking = '';
  private thinkingBlock: ThinkingBlock | null = null;
  /** When this view first saw reasoning, and then reply text: how long the model thought (unknown if it was already reasoning when the view began). */
  private thinkingSeenAt: number | null = null;
  private replySeenAt: number | null = null;
  private readonly joinedMidReasoning: boolean;
  /** What the card is called once finished (its speaker and exchange). */
  private readonly finishedLabel: string | null;
  /** Text or reasoning arrived since the last render. */
  private changed = true;

  constructor(live: LiveTurn) {
    this.turnId = live.turnId;
    this.exchange = live.exchange;
    this.card = speakerCard(live);
    const { article } = this.card;
    article.classList.add('live');
    this.finishedLabel = article.getAttribute('aria-label');
    article.setAttribute('role', 'region');
    article.setAttribute('aria-label', `${live.speaker} (${live.model}), speaking, exchange ${live.exchange}`);
    // Screen readers hold back a busy region's changes: the turn is announced once, when it is finished, not on every frame.
    article.setAttribute('aria-busy', 'true');
    this.card.body.append(this.settled, this.tail);
    this.card.footer.append(h('span', { class: 'turn-live' }, [icon('loading codicon-modifier-spin'), l10n.t('Speaking…')]));
    this.text = live.text;
    this.thinking = live.thinking ?? '';
    this.joinedMidReasoning = this.thinking !== '';
  }

  get element(): HTMLElement {
    return this.card.article;
  }

  /** The live turn's reply and reasoning so far, as the reducer holds them (they only grow). */
  update(live: LiveTurn): void {
    const { text } = live;
    const thinking = live.thinking ?? '';
    if (text === this.text && thinking === this.thinking) return;
    this.changed = true;
    if (text.length < this.text.length) {
      this.splitter = new BlockSplitter();
      this.renderedSettled = 0;
      this.settled.replaceChildren();
    }
    this.text = text;
    this.thinking = thinking;
    const now = performance.now();
    if (this.thinking !== '') this.thinkingSeenAt ??= now;
    if (text !== '' && this.thinkingSeenAt !== null) this.replySeenAt ??= now;
  }

  /** Renders what arrived since the last call: the reasoning, new settled blocks once, then the tail; nothing when nothing arrived. */
  render(): void {
    if (!this.changed) return;
    this.changed = false;
    this.renderThinking();
    const settledLength = this.splitter.advance(this.text);
    if (settledLength > this.renderedSettled) {
      this.settled.append(renderMarkdown(this.text.slice(this.renderedSettled, settledLength)));
      this.renderedSettled = settledLength;
    }
    this.tail.replaceChildren(renderMarkdown(this.text.slice(settledLength)));
  }

  private renderThinking(): void {
    if (this.thinking === '') return;
    if (this.thinkingBlock === null) {
      this.thinkingBlock = new ThinkingBlock();
      this.card.body.before(this.thinkingBlock.element);
    }
    if (this.text === '') {
      this.thinkingBlock.update(this.thinking, { kind: 'streaming' });
      return;
    }
    const measured = this.thinkingSeenAt !== null && this.replySeenAt !== null && !this.joinedMidReasoning;
    this.thinkingBlock.update(this.thinking, { kind: 'done', ms: measured ? (this.replySeenAt ?? 0) - (this.thinkingSeenAt ?? 0) : undefined });
  }

  /** The turn is over: render it whole once (fixes constructs split across blocks) and mark it. */
  finish(turn: SpeakerTurn): HTMLElement {
    const { article } = this.card;
    article.classList.remove('live');
    article.removeAttribute('aria-busy');
    article.removeAttribute('role');
    if (this.finishedLabel !== null) article.setAttribute('aria-label', this.finishedLabel);
    return fillCard(this.card, turn);
  }
}
