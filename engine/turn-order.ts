// Who speaks when within a round, pure: the graph routes by it, the session and the panel
// find their place in a debate by it. A debate keeps its order (and a random order's seed)
// in its record, so continuing, branching or reading it again gives the same rounds.
//
// - round-robin: the speakers in their listed order, every round;
// - random: reshuffled each round, from the recorded seed;
// - reply: listed order, and each speaker is asked to answer the one before it (context.ts);
// - simultaneous: every speaker of a round speaks at once, hearing only earlier rounds;
// - moderator: the AI moderator picks who speaks next among those yet to speak; its picks are
//   kept in the order itself, so a round reads back the same without asking it again.
import { seededRandom, shuffled } from './seeded-random';
import type { Turn, TurnOrder } from './types';

export const TURN_ORDERS = ['round-robin', 'random', 'reply', 'simultaneous', 'moderator'] as const satisfies readonly TurnOrder['kind'][];

export const ROUND_ROBIN: TurnOrder = { kind: 'round-robin' };

/** The speakers (indexes) in the order they speak in `round` (1-based). */
export function roundOrder(order: TurnOrder, round: number, speakerCount: number): number[] {
  const indexes = Array.from({ length: speakerCount }, (_, i) => i);
  switch (order.kind) {
    case 'random':
      // Each round its own stream, derived from the seed, so a round's order never depends on how many rounds came before it was read.
      return shuffled(indexes, seededRandom((order.seed ?? 0) ^ Math.imul(round, 0x9e3779b9)));
    case 'moderator': {
      // Those picked so far, then the rest in listed order (the moderator has not picked among them yet).
      const picked = (order.picks?.[round - 1] ?? []).filter((index, at, all) => index < speakerCount && all.indexOf(index) === at);
      return [...picked, ...indexes.filter((index) => !picked.includes(index))];
    }
    case 'round-robin':
    case 'reply':
    case 'simultaneous':
      return indexes;
    default: {
      const unknownOrder: never = order.kind;
      throw new Error(`Unknown turn order ${String(unknownOrder)}`);
    }
  }
}

/** The speakers still to be picked at `position` of `round` in a moderator order: those not yet placed by a pick. */
export function pickCandidates(order: TurnOrder, round: number, position: number, speakerCount: number): number[] {
  const picked = order.picks?.[round - 1] ?? [];
  if (picked.length > position) return [];
  return roundOrder(order, round, speakerCount).slice(position);
}

/** The order with `speakerIndex` picked for the next place of `round`. */
export function withPick(order: TurnOrder, round: number, speakerIndex: number): TurnOrder {
  const picks = (order.picks ?? []).map((round) => [...round]);
  while (picks.length < round) picks.push([]);
  picks[round - 1]?.push(speakerIndex);
  return { ...order, picks };
}

/** Speakers without a complete reply in `round` (closing statements aside), in listed order: who a simultaneous round still waits for. */
export function waitingInRound(turns: readonly Turn[], round: number, speakerCount: number): number[] {
  const done = new Set<number>();
  for (const turn of turns) {
    if (turn.kind === 'speaker' && turn.closing === undefined && turn.exchange === round && turn.status === 'complete') done.add(turn.speakerIndex);
  }
  return Array.from({ length: speakerCount }, (_, i) => i).filter((index) => !done.has(index));
}

/** Who speaks at `position` (0-based) of `round`. */
export function speakerAt(order: TurnOrder, round: number, position: number, speakerCount: number): number {
  const speaker = roundOrder(order, round, speakerCount)[position];
  if (speaker === undefined) throw new RangeError(`No position ${position} in a round of ${speakerCount} speakers`);
  return speaker;
}

/** Where `speakerIndex` speaks in `round`: the inverse of speakerAt. */
export function positionOf(order: TurnOrder, round: number, speakerIndex: number, speakerCount: number): number {
  const position = roundOrder(order, round, speakerCount).indexOf(speakerIndex);
  if (position === -1) throw new RangeError(`No speaker ${speakerIndex} among ${speakerCount}`);
  return position;
}

/** The speaker who spoke just before position `position` of `round` (the one a "reply" order answers), or null for the debate's first turn. */
export function previousSpeaker(order: TurnOrder, round: number, position: number, speakerCount: number): number | null {
  if (position > 0) return speakerAt(order, round, position - 1, speakerCount);
  return round > 1 ? speakerAt(order, round - 1, speakerCount - 1, speakerCount) : null;
}

/** Where the debate goes after a complete turn at `at`: the next place in the round, else the first of the next round. */
export function advance(at: { round: number; position: number }, speakerCount: number): { round: number; position: number } {
  return at.position + 1 < speakerCount ? { round: at.round, position: at.position + 1 } : { round: at.round + 1, position: 0 };
}

/**
 * Where the debate goes on after `turns`: after the last complete reply, or that speaker again (a stopped or failed reply).
 * Closing statements don't move it; a simultaneous round goes on until every speaker has replied (position stays 0).
 */
export function positionAfter(turns: readonly Turn[], speakerCount: number, order: TurnOrder = ROUND_ROBIN): { round: number; position: number } {
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i];
    if (turn?.kind !== 'speaker' || turn.closing !== undefined) continue;
    if (order.kind === 'simultaneous') {
      const round = turn.exchange;
      return { round: waitingInRound(turns, round, speakerCount).length === 0 ? round + 1 : round, position: 0 };
    }
    const at = { round: turn.exchange, position: positionOf(order, turn.exchange, turn.speakerIndex, speakerCount) };
    return turn.status === 'complete' ? advance(at, speakerCount) : at;
  }
  return { round: 1, position: 0 };
}
