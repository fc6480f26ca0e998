// The transcript as the reducer holds it (contract/snapshot.ts), kept in the DOM by
// turn id: a finished turn is rendered once and kept while it is unchanged, a turn
// whose id comes back changed (regenerated) is replaced in place, and the live turn's
// text is re-rendered per animation frame as tokens arrive. Each finished turn carries
// its actions (turnActions.ts), redrawn only when what they offer changes. The page is
// the one scroll area (the panel's header stays on top of it): no scroller of its own.
import { plural } from '../../engine/format';
import type { Transcript, Turn } from '../../engine/types';
import type { LiveTurn } from '../../extension/contract/protocol';
import { AutoScroll } from './autoScroll';
import { h, icon } from './dom';
import { LiveTurnView } from './liveTurnView';
import { drawTurnActions, ReplyOrder, type TurnActionContext, type TurnActionEvents } from './turnActions';
import { actionsOf, turnElement } from './turnCard';

const EMPTY_TEXT = 'No debate yet. Choose a topic and speakers, then start the debate; the replies stream in here.';

const NO_ACTIONS: TurnActionContext = { canChange: false, canBranch: false, lastSpeakerTurnId: null };

interface ShownTurn {
  turn: Turn;
  element: HTMLElement;
}

/** Turns arrive again whole (a run's end carries the transcript): equal ones keep their DOM. */
function sameTurn(a: Turn, b: Turn): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export class TranscriptView {
  readonly element: HTMLElement;
  private readonly turns: HTMLElement;
  private readonly topic: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly emptyText: HTMLElement;
  private readonly replies = new ReplyOrder();
  private actions: TurnActionContext = NO_ACTIONS;
  private readonly autoScroll: AutoScroll;
  /** The debate drawn (its transcript id); another one is drawn from scratch. */
  private debateId: string | null = null;
  private topicShown = '';
  private readonly shown = new Map<string, ShownTurn>();
  private live: LiveTurnView | null = null;
  private frame: number | null = null;

  constructor(private readonly events: TurnActionEvents) {
    this.topic = h('header', { class: 'transcript-topic', hidden: true });
    this.emptyText = h('p', { text: EMPTY_TEXT });
    this.empty = h('div', { class: 'transcript-empty' }, [icon('comment-discussion'), this.emptyText]);
    this.turns = h('div', { class: 'turns', 'aria-live': 'polite', 'aria-label': 'Debate transcript' });
    const jump = h('button', { type: 'button', class: 'jump-latest', hidden: true }, [icon('arrow-down'), 'Jump to latest']);
    // Focusable so that keyboard users can land on it (and scroll the page from it).
    this.element = h('section', { class: 'transcript', tabindex: 0, 'aria-label': 'Transcript' }, [this.topic, this.empty, this.turns, jump]);
    this.autoScroll = new AutoScroll(document, jump);
  }

  /** What the page says where a debate would be, when there is none (null: the usual invitation). */
  setEmptyText(text: string | null): void {
    this.emptyText.textContent = text ?? EMPTY_TEXT;
  }

  /** Draws the transcript and live turn as they stand (after any event but a token), with what each turn offers. */
  show(transcript: Transcript | null, liveTurn: LiveTurn | null, actions: TurnActionContext = NO_ACTIONS): void {
    this.actions = actions;
    if (transcript === null || transcript.id !== this.debateId) this.reset();
    if (transcript === null) return;
    this.debateId = transcript.id;
    this.showTopic(transcript);
    this.followLiveTurn(transcript, liveTurn);
    const live = this.live;
    const wanted: HTMLElement[] = [];
    const ids = new Set<string>();
    for (const turn of transcript.turns) {
      ids.add(turn.id);
      // A turn being regenerated: its live reply streams in its place.
      if (live?.turnId === turn.id) {
        wanted.push(live.element);
        continue;
      }
      const before = this.shown.get(turn.id);
      const element = before !== undefined && sameTurn(before.turn, turn) ? before.element : turnElement(turn);
      this.shown.set(turn.id, { turn, element });
      wanted.push(element);
    }
    for (const id of this.shown.keys()) if (!ids.has(id)) this.shown.delete(id);
    this.replies.retain(ids);
    if (live !== null && !ids.has(live.turnId)) wanted.push(live.element);
    this.place(wanted);
    this.drawActions();
    this.renderLive();
  }

  /** Each shown turn's actions, as the context allows them now (a turn being regenerated has none). */
  private drawActions(): void {
    for (const { turn, element } of this.shown.values()) {
      const row = actionsOf(element);
      if (row !== null && this.live?.turnId !== turn.id) drawTurnActions(row, turn, this.actions, this.replies, this.events);
    }
  }

  /** New tokens of the live turn (the reducer's copy): drawn at the next animation frame. */
  streamed(liveTurn: LiveTurn | null): void {
    if (this.live === null || liveTurn === null || liveTurn.turnId !== this.live.turnId) return;
    this.live.update(liveTurn);
    this.frame ??= requestAnimationFrame(() => this.renderLive());
  }

  /** Moves focus to the transcript (when the control that had it goes away). */
  focus(): void {
    this.element.focus({ preventScroll: true });
  }

  /** After a (re)load: show the newest text. */
  jumpToLatest(): void {
    this.autoScroll.jumpToLatest();
  }

  /** The reader turned to something above the transcript (the set-up): new text leaves the page where it is. */
  holdScroll(): void {
    this.autoScroll.hold();
  }

  /** Starts, finishes or drops the live turn's view to match the reducer's live turn. */
  private followLiveTurn(transcript: Transcript, liveTurn: LiveTurn | null): void {
    const current = this.live;
    if (current !== null && current.turnId !== liveTurn?.turnId) {
      // The turn ended: the transcript holds how (a turn-end, or the reducer's cut-off turn).
      const ended = transcript.turns.find((turn) => turn.id === current.turnId);
      if (ended?.kind === 'speaker') this.shown.set(ended.id, { turn: ended, element: current.finish(ended) });
      this.live = null;
      this.cancelFrame();
    }
    if (liveTurn === null) return;
    this.live ??= new LiveTurnView(liveTurn);
    this.live.update(liveTurn);
  }

  private showTopic(transcript: Transcript): void {
    const meta = `${plural(transcript.speakers.length, 'speaker')} · ${plural(transcript.exchanges, 'exchange')}`;
    const key = `${transcript.topic}\n${meta}`;
    if (key === this.topicShown) return;
    this.topicShown = key;
    this.empty.hidden = true;
    this.topic.hidden = false;
    this.topic.replaceChildren(h('h2', { class: 'topic-text', text: transcript.topic }), h('p', { class: 'topic-meta', text: meta }));
  }

  /** Puts `wanted` in order as the turns' children, moving only what is out of place. */
  private place(wanted: readonly HTMLElement[]): void {
    let next = this.turns.firstChild;
    for (const element of wanted) {
      if (element === next) {
        next = element.nextSibling;
        continue;
      }
      this.turns.insertBefore(element, next);
    }
    while (next !== null) {
      const after = next.nextSibling;
      next.remove();
      next = after;
    }
    this.autoScroll.contentChanged();
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
    this.debateId = null;
    this.topicShown = '';
    this.live = null;
    this.shown.clear();
    this.turns.replaceChildren();
    this.topic.replaceChildren();
    this.topic.hidden = true;
    this.empty.hidden = false;
  }
}
