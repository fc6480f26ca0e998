// The judged debates of a library, as the leaderboard reads them. The reading itself is handed
// in (the entries the library lists, and a way to read a debate's turns), so the CLI and the
// extension share this and a test needs no disk.
import { DEFAULT_OLLAMA_HOST } from '../host';
import type { LibraryEntry } from '../library/library';
import type { Turn } from '../types';
import { judgedDebateOf, type JudgedDebate } from './judged-debate';

/** Reads a debate's turns (DebateSessions.transcript(id) gives them). */
export type TurnsReader = (id: string) => Promise<readonly Turn[]>;

/**
 * The library's judged debates, newest first as listed. A damaged debate is left out; a debate
 * whose turns can't be read still counts its verdict, without speed figures. A debate that
 * names no host (an old record) ran on the default one.
 */
export async function judgedDebatesIn(entries: readonly LibraryEntry[], readTurns: TurnsReader): Promise<JudgedDebate[]> {
  const judged: JudgedDebate[] = [];
  for (const entry of entries) {
    if (!entry.ok || (entry.meta.verdicts ?? []).length === 0) continue;
    let turns: readonly Turn[];
    try {
      turns = await readTurns(entry.id);
    } catch {
      turns = [];
    }
    const debate = judgedDebateOf(entry.meta, turns, DEFAULT_OLLAMA_HOST);
    if (debate !== null) judged.push(debate);
  }
  return judged;
}
