// What a person can do with a finished turn: branch a new debate from it, speak the
// last speaker turn again (Regenerate, or "Retry this turn" when it stopped or failed),
// and switch between a turn's replies ("‹ 1/2 ›"). The replies keep the order this page
// first saw them in, so stepping back and forth walks one list, although the engine
// swaps the chosen reply with the current one.
import type { SpeakerTurn, Turn, TurnReply } from '../../engine/types';
import { h, icon } from './dom';
import * as l10n from './l10n';

export interface TurnActionEvents {
  branch(turnId: string): void;
  regenerate(turnId: string): void;
  chooseAlternative(turnId: string, alternative: number): void;
}

/** What may be done with the turns now. */
export interface TurnActionContext {
  /** The debate can be changed here: it is writable and nothing runs in this panel. */
  canChange: boolean;
  /** A branch can be made: the debate is in the library and nothing runs in this panel. */
  canBranch: boolean;
  /** The turn Regenerate speaks again: the last speaker turn. */
  lastSpeakerTurnId: string | null;
}

/** Where the current reply stands among a turn's replies, and which alternative is before and after it. */
export interface ReplyPosition {
  /** 0-based. */
  index: number;
  count: number;
  /** Index into the turn's alternatives of the reply before / after the current one; null at either end. */
  previous: number | null;
  next: number | null;
}

function replyKey(reply: TurnReply): string {
  return `${reply.status}\u0000${reply.text}`;
}

/** The order of each turn's replies as first seen: earlier replies first, new ones (regenerated) at the end. */
export class ReplyOrder {
  private readonly orders = new Map<string, string[]>();

  position(turn: SpeakerTurn): ReplyPosition | null {
    const alternatives = turn.alternatives ?? [];
    if (alternatives.length === 0) return null;
    const keys = [...alternatives.map(replyKey), replyKey(turn)];
    const order = (this.orders.get(turn.id) ?? []).filter((key) => keys.includes(key));
    for (const key of keys) if (!order.includes(key)) order.push(key);
    this.orders.set(turn.id, order);
    const index = order.indexOf(replyKey(turn));
    const alternativeAt = (at: number): number | null => {
      const key = order[at];
      if (key === undefined) return null;
      const found = alternatives.findIndex((reply) => replyKey(reply) === key);
      return found === -1 ? null : found;
    };
    return { index, count: order.length, previous: alternativeAt(index - 1), next: alternativeAt(index + 1) };
  }

  /** Forgets the turns no longer shown. */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.orders.keys()) if (!ids.has(id)) this.orders.delete(id);
  }
}

function actionButton(codicon: string, text: string, onClick: () => void, attributes: Record<string, string> = {}): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'turn-action', ...attributes }, [icon(codicon), text]);
  button.addEventListener('click', onClick);
  return button;
}

function switcher(turn: SpeakerTurn, position: ReplyPosition, enabled: boolean, events: TurnActionEvents): HTMLElement {
  const step = (codicon: string, label: string, target: number | null): HTMLButtonElement => {
    const button = h('button', { type: 'button', class: 'icon-button', 'aria-label': label, title: label }, [icon(codicon)]);
    button.disabled = !enabled || target === null;
    if (target !== null) button.addEventListener('click', () => events.chooseAlternative(turn.id, target));
    return button;
  };
  const shown = `${position.index + 1}/${position.count}`;
  return h('div', { class: 'reply-switcher', role: 'group', 'aria-label': l10n.t('Replies') }, [
    step('chevron-left', l10n.t('Previous reply'), position.previous),
    h('span', { class: 'reply-position', text: shown, 'aria-label': l10n.t('Reply {0} of {1}', position.index + 1, position.count) }),
    step('chevron-right', l10n.t('Next reply'), position.next),
  ]);
}

/**
 * Fills `row` with the turn's actions; returns a key of what was drawn, so a caller can skip
 * drawing the same again.
 */
export function drawTurnActions(row: HTMLElement, turn: Turn, context: TurnActionContext, order: ReplyOrder, events: TurnActionEvents): string {
  const position = turn.kind === 'speaker' ? order.position(turn) : null;
  const isLast = turn.kind === 'speaker' && turn.id === context.lastSpeakerTurnId;
  const unfinished = turn.kind === 'speaker' && turn.status !== 'complete';
  const key = JSON.stringify([context.canChange, context.canBranch, isLast, unfinished, position]);
  if (row.dataset.key === key) return key;
  row.dataset.key = key;
  const parts: Node[] = [];
  if (turn.kind === 'speaker' && position !== null) parts.push(switcher(turn, position, context.canChange, events));
  if (isLast && context.canChange) {
    parts.push(unfinished
      ? actionButton('debug-restart', l10n.t('Retry this turn'), () => events.regenerate(turn.id))
      : actionButton('refresh', l10n.t('Regenerate'), () => events.regenerate(turn.id), { title: l10n.t('Speak this turn again; this reply is kept and you can switch back to it') }));
  }
  if (context.canBranch) {
    parts.push(actionButton('git-branch', l10n.t('Branch from here'), () => events.branch(turn.id), {
      title: l10n.t('A new debate that keeps the turns up to this one and goes on from there, in a new panel'),
    }));
  }
  row.replaceChildren(...parts);
  row.hidden = parts.length === 0;
  return key;
}
