// The orders a debate is judged in: sides labelled A, B, C… in a seeded shuffle, then rotated
// so each side takes each position once per round of orders (a cyclic Latin square). Judging
// in several orders and counting a win only when all agree cancels the judge's position bias
// (Zheng et al. 2023, arXiv:2306.05685).
import { seededRandom, shuffled } from '../seeded-random';

/** Most orders one verdict may ask for (each is a call to the judge). */
export const MAX_ORDERS = 12;

/** Pure: the label of the side at `position` (0-based): A, B, C… */
export function sideLabel(position: number): string {
  return String.fromCharCode(65 + position);
}

/** Pure: the fewest orders for `sides` sides: two (both ways round), or one per side so each takes each position. */
export function minimumOrders(sides: number): number {
  return Math.max(2, sides);
}

/** Pure: why `count` orders can't judge `sides` sides fairly, or null when they can. */
export function orderCountProblem(count: number, sides: number): string | null {
  const least = minimumOrders(sides);
  if (!Number.isInteger(count) || count < least) {
    return `${sides} sides need at least ${least} orders, so each side takes each position (asked for ${count})`;
  }
  if (count > MAX_ORDERS) return `at most ${MAX_ORDERS} orders (asked for ${count})`;
  if (count % sides !== 0) return `the orders must be a multiple of the ${sides} sides, so each side takes each position equally often (asked for ${count})`;
  return null;
}

/**
 * Pure: `count` orders of the speakers `sides` (their indexes), each listing who is side A, B…
 * Every run of `sides.length` orders starts from a fresh seeded shuffle and rotates it, so
 * within it each side takes each position once. The same seed gives the same orders.
 */
export function judgingOrders(sides: readonly number[], count: number, seed: number): number[][] {
  const random = seededRandom(seed);
  const orders: number[][] = [];
  while (orders.length < count) {
    const base = shuffled(sides, random);
    for (let shift = 0; shift < base.length && orders.length < count; shift++) {
      orders.push([...base.slice(shift), ...base.slice(0, shift)]);
    }
  }
  return orders;
}
