// The transcript as the reducer holds it (contract/snapshot.ts), kept in the DOM by
// turn id: a finished turn is rendered once and kept while it is unchanged, a turn
// whose id comes back changed (regenerated) is replaced in place, and the live turns'
// text (a simultaneous round's side by side: liveTurnsView.ts) is re-rendered per
// animation frame as tokens arrive. Each finished turn carries its actions (turnActions.ts),
// redrawn only when what they offer changes; its citations of the debate's material become
// links once its text is complete (citationLinks.ts). The page is the one scroll area (the
// panel's header stays on top of it): no scroller of its own.
import type { Transcript, Turn } from '../../engine/types';
import type { LiveTurn } from '../../extension/contract/protocol';
import { AutoScroll } from './autoScroll';
import { linkCitations, type OpenCitation } from './citationLinks';
import { h, icon } from './dom';
import { LiveTurnsView } from './liveTurnsView';
import { drawTurnActions, ReplyOrder, type TurnActionContext, type TurnActionEvents } from './turnActions';
import { actionsOf, setSummaryOpen, turnElement } from './turnCard';
import * as l10n from './l10n';
import { exchangesText } from './format';

const EMPTY_TEXT = l10n.t('No debate yet. Choose a topic and speakers, then start the debate; the replies stream in here.');

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
  private readonly live = new LiveTurnsView();
  private frame: number | null = null;
  /** The AI moderator's newest round summary, shown open; the one before it folds when a newer one arrives. */
  private newestSummary: HTMLElement | null = null;

  constructor(private readonly events: TurnActionEvents, private readonly openCitation: OpenCitation) {
    this.topic = h('header', { class: 'transcript-topic', hidden: true });
    this.emptyText = h('p', { text: EMPTY_TEXT });
    this.empty = h('div', { class: 'transcript-empty' }, [icon('comment-discussion'), this.emptyText]);
    this.turns = h('div', { class: 'turns', 'aria-live': 'polite', 'aria-label': l10n.t('Debate transcript') });
    const jump = h('button', { type: 'button', class: 'jump-latest', hidden: true }, [icon('arrow-down'), l10n.t('Jump to latest')]);
    // Focusable so that keyboard users can land on it (and scroll the page from it).
    this.element = h('section', { class: 'transcript', tabindex: 0, 'aria-label': l10n.t('Transcript') }, [this.topic, this.empty, this.turns, jump]);
    this.autoScroll = new AutoScroll(document, jump);
  }

  /** What the page says where a debate would be, when there is none (null: the usual invitation). */
  setEmptyText(text: string | null): void {
    this.emptyText.textContent = text ?? EMPTY_TEXT;
  }

  /** Draws the transcript and live turns as they stand (after any event but a token), with what each turn offers. */
  show(transcript: Transcript | null, liveTurns: readonly LiveTurn[], actions: TurnActionContext = NO_ACTIONS): void {
    this.actions = actions;
    if (transcript === null || transcript.id !== this.debateId) this.reset();
    if (transcript === null) return;
    this.debateId = transcript.id;
    this.showTopic(transcript);
    this.followLiveTurns(transcript, liveTurns);
    const wanted: HTMLElement[] = [];
    const ids = new Set<string>();
    for (const turn of transcript.turns) {
      ids.add(turn.id);
      // A turn being regenerated: its live reply streams in its place.
      const live = this.live.elementOf(turn.id);
      if (live !== null) {
        wanted.push(live);
        continue;
      }
      const before = this.shown.get(turn.id);
      const element = before !== undefined && sameTurn(before.turn, turn) ? before.element : this.withCitationLinks(turnElement(turn), transcript);
      this.shown.set(turn.id, { turn, element });
      wanted.push(element);
    }
    for (const id of this.shown.keys()) if (!ids.has(id)) this.shown.delete(id);
    this.replies.retain(ids);
    wanted.push(...this.live.after(ids, transcript.order?.kind === 'simultaneous'));
    this.place(wanted);
    this.openNewestSummary(transcript);
    this.drawActions();
    this.renderLive();
  }

  /** Opens the newest AI summary and folds the one it follows; other summaries stay as the reader left them. */
  private openNewestSummary(transcript: Transcript): void {
    const summaries = transcript.turns.filter((turn) => turn.kind === 'moderator' && turn.ai?.purpose === 'summary');
    const newestId = summaries[summaries.length - 1]?.id;
    const element = newestId === undefined ? null : (this.shown.get(newestId)?.element ?? null);
    if (element === this.newestSummary) return;
    if (this.newestSummary !== null) setSummaryOpen(this.newestSummary, false);
    if (element !== null) setSummaryOpen(element, true);
    this.newestSummary = element;
  }

  /** Each shown turn's actions, as the context allows them now (a turn being regenerated has none). */
  private drawActions(): void {
    for (const { turn, element } of this.shown.values()) {
      const row = actionsOf(element);
      if (row !== null && !this.live.has(turn.id)) drawTurnActions(row, turn, this.actions, this.replies, this.events);
    }
  }

  /** New tokens of the live turns (the reducer's copies): drawn at the next animation frame. */
  streamed(liveTurns: readonly LiveTurn[]): void {
    if (!this.live.update(liveTurns)) return;
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

  /** Starts, finishes or drops the live turns' views to match the reducer's live turns. */
  private followLiveTurns(transcript: Transcript, liveTurns: readonly LiveTurn[]): void {
    // A turn that ended keeps its card: the transcript holds how it ended (a turn-end, or the reducer's cut-off turn).
    for (const finished of this.live.follow(transcript, liveTurns)) {
      this.shown.set(finished.turn.id, { ...finished, element: this.withCitationLinks(finished.element, transcript) });
    }
    if (this.live.isEmpty) this.cancelFrame();
  }

  /**
   * A finished turn's element with its citations of the material made links: once, when its text
   * is complete (a live turn's streaming text stays plain, so tokens cost no citation search).
   */
  private withCitationLinks(element: HTMLElement, transcript: Transcript): HTMLElement {
    linkCitations(element, transcript.material, this.openCitation);
    return element;
  }

  private showTopic(transcript: Transcript): void {
    const speakers = transcript.speakers.length === 1 ? l10n.t('1 speaker') : l10n.t('{0} speakers', transcript.speakers.length);
    const meta = `${speakers} · ${exchangesText(transcript.exchanges)}`;
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
    if (this.live.isEmpty) return;
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
    this.newestSummary = null;
    this.topicShown = '';
    this.live.clear();
    this.shown.clear();
    this.turns.replaceChildren();
    this.topic.replaceChildren();
    this.topic.hidden = true;
    this.empty.hidden = false;
  }
}
