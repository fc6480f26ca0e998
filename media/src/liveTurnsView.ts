// The turns being streamed, as the reducer holds them (one at a time, or every turn of a
// simultaneous round at once), each in its own LiveTurnView, kept by turn id in the order
// they began. A simultaneous round's turns stand side by side in one group (columns on a
// wide panel, stacked on a narrow one: see the CSS); a turn that ends leaves it for the
// transcript, its card finished in place, and the others stream on.
import type { SpeakerTurn, Transcript } from '../../engine/types';
import type { LiveTurn } from '../../extension/contract/protocol';
import { h } from './dom';
import { LiveTurnView } from './liveTurnView';
import * as l10n from './l10n';

/** A live turn that ended: its turn as the transcript holds it, and its card, finished. */
export interface FinishedLiveTurn {
  turn: SpeakerTurn;
  element: HTMLElement;
}

export class LiveTurnsView {
  private readonly views = new Map<string, LiveTurnView>();
  private readonly columns = h('div', { class: 'live-round-turns' });
  /** The group a simultaneous round's live turns stand side by side in. */
  private readonly round = h('div', { class: 'live-round', role: 'group' }, [this.columns]);

  /** Whether turn `turnId` is streaming. */
  has(turnId: string): boolean {
    return this.views.has(turnId);
  }

  /** The card of live turn `turnId` (a turn being regenerated streams in its place), or null. */
  elementOf(turnId: string): HTMLElement | null {
    return this.views.get(turnId)?.element ?? null;
  }

  /**
   * Matches the reducer's live turns: a view for each new one, each given its text so far; those
   * no longer live are finished with their turn from the transcript (how it ended: its turn-end,
   * or the reducer's cut-off turn) and handed back for the transcript to keep.
   */
  follow(transcript: Transcript, liveTurns: readonly LiveTurn[]): FinishedLiveTurn[] {
    const live = new Set(liveTurns.map((turn) => turn.turnId));
    const finished: FinishedLiveTurn[] = [];
    for (const [turnId, view] of this.views) {
      if (live.has(turnId)) continue;
      this.views.delete(turnId);
      const ended = transcript.turns.find((turn) => turn.id === turnId);
      if (ended?.kind === 'speaker') finished.push({ turn: ended, element: view.finish(ended) });
    }
    for (const turn of liveTurns) if (!this.views.has(turn.turnId)) this.views.set(turn.turnId, new LiveTurnView(turn));
    this.update(liveTurns);
    return finished;
  }

  /** New text of the live turns (the reducer's copies); true when any of them is shown here. */
  update(liveTurns: readonly LiveTurn[]): boolean {
    let shown = false;
    for (const live of liveTurns) {
      const view = this.views.get(live.turnId);
      view?.update(live);
      shown ||= view !== undefined;
    }
    return shown;
  }

  /**
   * What follows the transcript's turns: the live turns it does not hold (new ones, not
   * regenerated ones), in the order they began; for a simultaneous round, their group.
   */
  after(held: ReadonlySet<string>, sideBySide: boolean): HTMLElement[] {
    const fresh = [...this.views.values()].filter((view) => !held.has(view.turnId));
    if (!sideBySide || fresh.length === 0) return fresh.map((view) => view.element);
    const cards = fresh.map((view) => view.element);
    // Only what changed moves: a card that stays keeps its place (and the focus in it).
    for (const child of [...this.columns.children]) if (!cards.includes(child as HTMLElement)) child.remove();
    for (const card of cards) if (card.parentElement !== this.columns) this.columns.append(card);
    const exchange = fresh[0]?.exchange ?? 1;
    this.round.setAttribute('aria-label', l10n.t('Exchange {0}: speakers answering at once', exchange));
    return [this.round];
  }

  /** Renders what arrived since the last frame, in every live turn. */
  render(): void {
    for (const view of this.views.values()) view.render();
  }

  get isEmpty(): boolean {
    return this.views.size === 0;
  }

  clear(): void {
    this.views.clear();
    this.columns.replaceChildren();
  }
}
