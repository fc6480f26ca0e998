// Finding a tournament's debates in the library by the tag each match's debate carries
// (`tournament: { id, match }` in its record): a finished match is one with a verdict; an
// unfinished one (a run killed or failed earlier) is resumed rather than started again.
import type { LibraryEntry } from '../library/library';
import type { DebateMeta } from '../library/meta';

/** A match's debate as the library holds it. */
export interface MatchDebate {
  debateId: string;
  /** The last verdict's winner (a speaker index), or undefined when the debate has no verdict yet. */
  winner: number | null | undefined;
  /** The speakers' models in speaking order. */
  models: string[];
}

function matchDebateOf(meta: DebateMeta): MatchDebate {
  const verdicts = meta.verdicts ?? [];
  const last = verdicts[verdicts.length - 1];
  return { debateId: meta.id, winner: last === undefined ? undefined : last.winner, models: meta.speakers.map((speaker) => speaker.model) };
}

/** Whether a debate has been judged: its match is finished. */
export function isJudged(debate: MatchDebate): boolean {
  return debate.winner !== undefined;
}

/**
 * Pure: per match key, the debate that stands for the match among the library's entries:
 * a judged one first, else the newest. Branches (which copy their parent's tag) don't count.
 */
export function matchDebates(entries: readonly LibraryEntry[], tournamentId: string): Map<string, MatchDebate> {
  const found = new Map<string, MatchDebate>();
  // Newest first (ids sort by creation time), so the first judged one, else the first, wins.
  const ordered = entries
    .flatMap((entry) => (entry.ok ? [entry.meta] : []))
    .filter((meta) => meta.tournament?.id === tournamentId && meta.parentId === undefined)
    .sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  for (const meta of ordered) {
    const key = (meta.tournament as { match: string }).match;
    const candidate = matchDebateOf(meta);
    const known = found.get(key);
    if (known === undefined || (!isJudged(known) && isJudged(candidate))) found.set(key, candidate);
  }
  return found;
}

