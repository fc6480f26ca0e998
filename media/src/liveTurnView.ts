// The turn being streamed: it keeps the reducer's text of the live turn and re-renders
// only its unsettled tail (settled blocks are rendered once), when asked, at most once
// per animation frame however many token messages arrive.
import type { SpeakerTurn } from '../../engine/types';
import type { LiveTurn } from '../../extension/contract/protocol';
import { BlockSplitter } from './blockSplitter';
import { h, icon } from './dom';
import { renderMarkdown } from './markdown';
import { fillCard, speakerCard, type CardParts } from './turnCard';

export class LiveTurnView {
  readonly turnId: string;
  private readonly card: CardParts;
  private text = '';
  private renderedSettled = 0;
  private splitter = new BlockSplitter();
  private readonly settled = h('div', { class: 'settled' });
  private readonly tail = h('div', { class: 'tail' });

  constructor(live: LiveTurn) {
    this.turnId = live.turnId;
    this.card = speakerCard(live);
    this.card.article.classList.add('live');
    // Screen readers hold back a busy region's changes: the turn is announced once, when it is finished, not on every frame.
    this.card.article.setAttribute('aria-busy', 'true');
    this.card.body.append(this.settled, this.tail);
    this.card.footer.append(h('span', { class: 'turn-live' }, [icon('loading codicon-modifier-spin'), 'Speaking…']));
    this.text = live.text;
  }

  get element(): HTMLElement {
    return this.card.article;
  }

  /** The live turn's text so far, as the reducer holds it (it only grows). */
  update(text: string): void {
    if (text.length < this.text.length) {
      this.splitter = new BlockSplitter();
      this.renderedSettled = 0;
      this.settled.replaceChildren();
    }
    this.text = text;
  }

  /** Renders what arrived since the last call: new settled blocks once, then the tail. */
  render(): void {
    const settledLength = this.splitter.advance(this.text);
    if (settledLength > this.renderedSettled) {
      this.settled.append(renderMarkdown(this.text.slice(this.renderedSettled, settledLength)));
      this.renderedSettled = settledLength;
    }
    this.tail.replaceChildren(renderMarkdown(this.text.slice(settledLength)));
  }

  /** The turn is over: render it whole once (fixes constructs split across blocks) and mark it. */
  finish(turn: SpeakerTurn): HTMLElement {
    this.card.article.classList.remove('live');
    this.card.article.removeAttribute('aria-busy');
    return fillCard(this.card, turn);
  }
}
