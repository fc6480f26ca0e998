// The transcript: finished turns are rendered once and never touched again; the
// live turn keeps its raw text and re-renders only its unsettled tail, at most
// once per animation frame however many token messages arrive.
import type { PanelSnapshot, TurnHeading } from '../../extension/protocol';
import type { SpeakerConfig, Transcript, Turn, TurnStatus } from '../../engine/types';
import { AutoScroll } from './autoScroll';
import { BlockSplitter } from './blockSplitter';
import { h, icon } from './dom';
import { plural } from '../../engine/format';
import { formatMetrics } from './format';
import { renderMarkdown } from './markdown';

/** How many distinct speaker accents the stylesheet defines (one per possible speaker). */
const ACCENTS = 6;

interface TurnElements {
  article: HTMLElement;
  body: HTMLElement;
  footer: HTMLElement;
}

function buildTurn(heading: TurnHeading): TurnElements {
  const body = h('div', { class: 'turn-body markdown' });
  const footer = h('footer', { class: 'turn-footer' });
  const article = h('article', {
    class: `turn accent-${heading.speakerIndex % ACCENTS}`,
    'aria-label': `${heading.speaker}, exchange ${heading.exchange}`,
    'data-turn-index': heading.turnIndex,
  }, [
    h('header', { class: 'turn-header' }, [
      h('span', { class: 'speaker-name', text: heading.speaker }),
      h('span', { class: 'turn-model', text: heading.model, title: 'Model' }),
      h('span', { class: 'badge tone-badge', text: heading.tone, title: 'Tone' }),
      h('span', { class: 'turn-exchange', text: `Exchange ${heading.exchange}` }),
    ]),
    body,
    footer,
  ]);
  return { article, body, footer };
}

const STATUS_MARK: Record<Exclude<TurnStatus, 'complete'>, { icon: string; label: string }> = {
  stopped: { icon: 'debug-stop', label: 'Stopped' },
  failed: { icon: 'error', label: 'Failed' },
};

function fillFooter(footer: HTMLElement, turn: Pick<Turn, 'status' | 'metrics' | 'note'>): void {
  const parts: Node[] = [];
  if (turn.status !== 'complete') {
    const mark = STATUS_MARK[turn.status];
    parts.push(h('span', { class: `turn-mark turn-mark-${turn.status}` }, [icon(mark.icon), mark.label]));
    if (turn.note) parts.push(h('span', { class: 'turn-note', text: turn.note }));
  }
  parts.push(h('span', { class: 'turn-metrics', text: formatMetrics(turn.metrics) }));
  footer.replaceChildren(...parts);
}

/** The turn being streamed: raw text plus the DOM of its settled blocks and its tail. */
class LiveTurn {
  readonly elements: TurnElements;
  private text = '';
  private renderedSettled = 0;
  private readonly splitter = new BlockSplitter();
  private readonly settled = h('div', { class: 'settled' });
  private readonly tail = h('div', { class: 'tail' });

  constructor(readonly heading: TurnHeading, initialText: string) {
    this.elements = buildTurn(heading);
    this.elements.article.classList.add('live');
    // Screen readers hold back a busy region's changes: the turn is announced once, when it is finished, not on every frame.
    this.elements.article.setAttribute('aria-busy', 'true');
    this.elements.body.append(this.settled, this.tail);
    this.elements.footer.append(h('span', { class: 'turn-live' }, [icon('loading codicon-modifier-spin'), 'Speaking…']));
    this.text = initialText;
  }

  get partialText(): string {
    return this.text;
  }

  append(text: string): void {
    this.text += text;
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
  finish(turn: Pick<Turn, 'text' | 'status' | 'metrics' | 'note'>): HTMLElement {
    const { article, body, footer } = this.elements;
    article.classList.remove('live');
    article.removeAttribute('aria-busy');
    article.classList.add(`turn-${turn.status}`);
    body.replaceChildren(renderMarkdown(turn.text));
    fillFooter(footer, turn);
    return article;
  }
}

export class TranscriptView {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly turns: HTMLElement;
  private readonly topic: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly autoScroll: AutoScroll;
  private live: LiveTurn | null = null;
  private frame: number | null = null;
  private started = false;

  constructor() {
    this.topic = h('header', { class: 'transcript-topic', hidden: true });
    this.empty = h('div', { class: 'transcript-empty' }, [
      icon('comment-discussion'),
      h('p', { text: 'No debate yet. Choose a topic and speakers, then start the debate; the replies stream in here.' }),
    ]);
    this.turns = h('div', { class: 'turns', 'aria-live': 'polite', 'aria-label': 'Debate transcript' });
    this.scroller = h('div', { class: 'transcript-scroller', tabindex: 0, 'aria-label': 'Transcript' }, [this.topic, this.empty, this.turns]);
    const jump = h('button', { type: 'button', class: 'jump-latest', hidden: true }, [icon('arrow-down'), 'Jump to latest']);
    this.autoScroll = new AutoScroll(this.scroller, jump);
    this.element = h('section', { class: 'transcript' }, [this.scroller, jump]);
  }

  get hasDebate(): boolean {
    return this.started;
  }

  /** E.g. "Speaker 2 (llama3.2:1b)", for the status line. */
  get liveSpeaker(): string | null {
    return this.live === null ? null : `${this.live.heading.speaker} (${this.live.heading.model})`;
  }

  /** Draws the whole transcript from a snapshot (after load or reload). */
  load(transcript: Transcript | null, liveTurn: PanelSnapshot['liveTurn']): void {
    this.reset();
    if (transcript === null) return;
    this.begin(transcript.topic, transcript.speakers, transcript.exchanges);
    const fragment = document.createDocumentFragment();
    for (const turn of transcript.turns) fragment.append(this.finishedTurn(turn));
    this.turns.append(fragment);
    if (liveTurn !== null) {
      this.startTurn(liveTurn, liveTurn.text);
      this.renderLive();
    }
    this.autoScroll.jumpToLatest();
  }

  begin(topic: string, speakers: SpeakerConfig[], exchanges: number): void {
    this.reset();
    this.started = true;
    this.empty.hidden = true;
    this.topic.hidden = false;
    this.topic.replaceChildren(
      h('h2', { class: 'topic-text', text: topic }),
      h('p', { class: 'topic-meta', text: `${plural(speakers.length, 'speaker')} · ${plural(exchanges, 'exchange')}` }),
    );
  }

  startTurn(heading: TurnHeading, initialText = ''): void {
    if (this.live !== null) this.finishLive({ text: this.live.partialText, status: 'stopped', metrics: emptyMetrics(), note: undefined });
    this.live = new LiveTurn(heading, initialText);
    this.turns.append(this.live.elements.article);
    this.autoScroll.contentChanged();
  }

  appendToken(turnIndex: number, text: string): void {
    if (this.live === null || this.live.heading.turnIndex !== turnIndex) return;
    this.live.append(text);
    this.frame ??= requestAnimationFrame(() => this.renderLive());
  }

  endTurn(turn: Turn): void {
    if (this.live !== null && this.live.heading.turnIndex === turn.index) this.finishLive(turn);
    else if (this.turns.querySelector(`[data-turn-index="${turn.index}"]`) === null) this.turns.append(this.finishedTurn(turn));
    this.autoScroll.contentChanged();
  }

  /** The debate is over. A turn still live was cut off without its own end: keep its text, marked. */
  end(transcript: Transcript): void {
    if (this.live !== null) {
      const recorded = transcript.turns.find((turn) => turn.index === this.live?.heading.turnIndex);
      this.finishLive(recorded ?? {
        text: this.live.partialText,
        status: transcript.outcome === 'failed' ? 'failed' : 'stopped',
        metrics: emptyMetrics(),
        note: undefined,
      });
    }
    this.autoScroll.contentChanged();
  }

  private finishedTurn(turn: Turn): HTMLElement {
    const { article, body, footer } = buildTurn({ ...turn, turnIndex: turn.index });
    article.classList.add(`turn-${turn.status}`);
    body.append(renderMarkdown(turn.text));
    fillFooter(footer, turn);
    return article;
  }

  private finishLive(turn: Pick<Turn, 'text' | 'status' | 'metrics' | 'note'>): void {
    this.live?.finish(turn);
    this.live = null;
    this.cancelFrame();
  }

  private renderLive(): void {
    this.frame = null;
    if (this.live === null) return;
    this.live.render();
    this.autoScroll.contentChanged();
  }

  private cancelFrame(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  private reset(): void {
    this.cancelFrame();
    this.live = null;
    this.started = false;
    this.turns.replaceChildren();
    this.topic.replaceChildren();
    this.topic.hidden = true;
    this.empty.hidden = false;
  }
}

/** A turn cut off before the engine reported its figures. */
function emptyMetrics(): Turn['metrics'] {
  return { timeToFirstTokenMs: null, durationMs: 0, tokens: 0, tokensPerSecond: null, loadDurationMs: null, promptTokens: null };
}
