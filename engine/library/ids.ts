// Debate ids: sortable by creation time (so a folder listing is already in order) and safe to
// use as a folder name (no separators, no dots: an id can never walk out of the library).
import { randomBytes } from 'node:crypto';

const DEBATE_ID = /^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$/;
const SUFFIX = /^[0-9a-f]{6}$/;

/** Six random lowercase hex digits: the part of an id that keeps two debates made in the same second apart. */
export function randomIdSuffix(): string {
  return randomBytes(3).toString('hex');
}

/**
 * `20261201-110512-a3f9c2`: the UTC date and time of `now`, then `random()`, which must return six
 * lowercase hex digits (a wrong suffix is a programming error and throws rather than making an id
 * that `isDebateId` would refuse later).
 */
export function newDebateId(now: Date, random: () => string = randomIdSuffix): string {
  const suffix = random();
  if (!SUFFIX.test(suffix)) throw new Error(`debate id suffix must be 6 lowercase hex digits, got ${JSON.stringify(suffix)}`);
  if (Number.isNaN(now.getTime())) throw new Error('cannot make a debate id from an invalid date');
  const iso = now.toISOString(); // 2026-12-01T11:05:12.345Z, always UTC
  const date = iso.slice(0, 10).replaceAll('-', '');
  const time = iso.slice(11, 19).replaceAll(':', '');
  return `${date}-${time}-${suffix}`;
}

/** True only for the exact id shape: anything else (paths, "..", names with dots) is not a debate. */
export function isDebateId(value: unknown): value is string {
  return typeof value === 'string' && DEBATE_ID.test(value);
}
