// Who speaks when within a round, pure: the graph routes by it, the session and the panel
// find their place in a debate by it. A debate keeps its order (and a random order's seed)
// in its record, so continuing, branching or reading it again gives the same rounds.
//
// - round-robin: the speakers in their listed order, every round;
// - random: reshuffled each round, from the recorded seed;
// - reply: listed order, and each speaker is asked to answer the one before it (context.ts).
import { seededRandom, shuffled } from './seeded-random';
import type { Turn, TurnOrder } from './types';

export const TURN_ORDERS = ['round-robin', 'random', 'reply', 'simultaneous', 'moderator'] as const satisfies readonly TurnOrder['kind'][];

export const ROUND_ROBIN: TurnOrder = { kind: 'round-robin' };

/** The speakers (indexes) in the order they speak in `round` (1-based). */
export function roundOrder(order: TurnOrder, round: number, speakerCount: number): number[] {
  const indexes = Array.from({ length: speakerCount }, (_, i) => i);
  if (order.kind !== 'random') return indexes;
  // Each round its own stream, derived from the seed, so a round's order never depends on how many rounds came before it was read.
  return shuffled(indexes, seededRandom((order.seed ?? 0) ^ Math.imul(round, 0x9e3779b9)));
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

/** Where the debate goes on after `turns`: after the last complete reply, or that speaker again (a stopped or failed reply). */
export function positionAfter(turns: readonly Turn[], speakerCount: number, order: TurnOrder = ROUND_ROBIN): { round: number; position: number } {
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i];
    if (turn?.kind !== 'speaker') continue;
    const at = { round: turn.exchange, position: positionOf(order, turn.exchange, turn.speakerIndex, speakerCount) };
    return turn.status === 'complete' ? advance(at, speakerCount) : at;
  }
  return { round: 1, position: 0 };
}
