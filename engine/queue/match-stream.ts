// How a queued match travels through Redis as it happens: one Redis stream per match
// (queue-names.ts matchStreamKey), one entry per thing that happened, each a JSON object in
// the field "e". Pure: the entries, their reading, and the fold that turns a stream into the
// match as it stands.
//
// Every worker that takes the match (the first, or the one that takes over from a worker
// that died) writes a `claim` first: its attempt id and how many turns it found and resumes
// from. Everything it writes after carries that attempt id. The fold applies only the entries
// of the latest claim, after cutting the turns back to the number the claim resumed from, so
// a worker that lost its job without knowing (a stalled lock, a network split) can't add or
// repeat turns behind its successor's back.
import { z } from 'zod';
import type { Verdict } from '../judge/verdict';
import type { DebateRecord } from '../store';
import type { Turn } from '../types';

/** The one field of a stream entry. */
export const ENTRY_FIELD = 'e';

export type MatchEntry =
  /** A worker took the match and resumes from the first `turns` turns. */
  | { kind: 'claim'; attempt: string; worker: string; turns: number }
  /** The debate's record as its run started (topic, speakers with their prompts, settings, tag). */
  | { kind: 'record'; attempt: string; record: DebateRecord }
  /** A turn ended (a new one, or the same id again replacing it). */
  | { kind: 'turn'; attempt: string; turn: Turn }
  /** The judge's verdict, saved with the debate. */
  | { kind: 'verdict'; attempt: string; verdict: Verdict }
  /** The match is finished: its final record (outcome, verdicts). */
  | { kind: 'done'; attempt: string; record: DebateRecord };

/** The match as its stream tells it. */
export interface MatchState {
  /** The latest claim's attempt id and worker (null before any). */
  attempt: string | null;
  worker: string | null;
  /** How many workers have taken the match. */
  claims: number;
  record: DebateRecord | null;
  turns: Turn[];
  verdicts: Verdict[];
  /** The final record, once the match is finished. */
  done: DebateRecord | null;
  /** The id of the last entry read: the next read starts after it. */
  lastId: string;
}

export const EMPTY_MATCH: MatchState = { attempt: null, worker: null, claims: 0, record: null, turns: [], verdicts: [], done: null, lastId: '0-0' };

// The envelope is checked here; the record and turns are checked in full where the debate is
// rebuilt from them (match-debate.ts runs them through the debate JSON and meta checks).
const objectWithId = z.looseObject({ id: z.string().min(1) });
const entrySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('claim'), attempt: z.string().min(1), worker: z.string(), turns: z.number().int().min(0) }),
  z.object({ kind: z.literal('record'), attempt: z.string().min(1), record: objectWithId }),
  z.object({ kind: z.literal('turn'), attempt: z.string().min(1), turn: z.looseObject({ id: z.string().min(1), kind: z.enum(['speaker', 'moderator']) }) }),
  z.object({ kind: z.literal('verdict'), attempt: z.string().min(1), verdict: z.looseObject({}) }),
  z.object({ kind: z.literal('done'), attempt: z.string().min(1), record: objectWithId }),
]);

/** Pure: an entry as the stream stores it. */
export function encodeEntry(entry: MatchEntry): [string, string] {
  return [ENTRY_FIELD, JSON.stringify(entry)];
}

/** Pure: a stream entry's fields as an entry, or null for anything else (a foreign or damaged entry is skipped). */
export function decodeEntry(fields: readonly string[]): MatchEntry | null {
  const at = fields.indexOf(ENTRY_FIELD);
  const text = at >= 0 && at % 2 === 0 ? fields[at + 1] : undefined;
  if (text === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  // The shape is checked just above and in full when the debate is rebuilt.
  return entrySchema.safeParse(json).success ? (json as MatchEntry) : null;
}

/** Pure: the state after one entry. */
export function applyEntry(state: MatchState, entry: MatchEntry): MatchState {
  if (entry.kind === 'claim') {
    return { ...state, attempt: entry.attempt, worker: entry.worker, claims: state.claims + 1, turns: state.turns.slice(0, entry.turns) };
  }
  // Written by a worker whose claim is not the latest: it no longer runs the match.
  if (entry.attempt !== state.attempt) return state;
  switch (entry.kind) {
    case 'record':
      return { ...state, record: entry.record };
    case 'turn': {
      const at = state.turns.findIndex((turn) => turn.id === entry.turn.id);
      const turns = at < 0 ? [...state.turns, entry.turn] : state.turns.map((turn, index) => (index === at ? entry.turn : turn));
      return { ...state, turns };
    }
    case 'verdict':
      return { ...state, verdicts: [...state.verdicts, entry.verdict] };
    case 'done':
      return { ...state, done: entry.record, record: state.record ?? entry.record };
    default: {
      const unknownEntry: never = entry;
      throw new Error(`Unknown match entry ${JSON.stringify(unknownEntry)}`);
    }
  }
}

/** Pure: the state after the entries read from the stream (id and fields, as XRANGE gives them). */
export function foldEntries(state: MatchState, entries: readonly (readonly [string, readonly string[]])[]): MatchState {
  let next = state;
  for (const [id, fields] of entries) {
    const entry = decodeEntry(fields);
    next = { ...(entry === null ? next : applyEntry(next, entry)), lastId: id };
  }
  return next;
}
