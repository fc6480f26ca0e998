// Reads the leaderboard from the library this window uses: the judged debates' records and
// turns, ranked (engine/leaderboard), as the message the panel draws. Failures come back as
// words for the panel, never as a throw.
import { buildLeaderboard } from '../../engine/leaderboard/leaderboard';
import { judgedDebatesIn } from '../../engine/leaderboard/library-debates';
import type { Turn } from '../../engine/types';
import type { LeaderboardHostMessage } from '../contract/leaderboard';
import type { LibraryAccess } from '../library/library-access';
import { errorMessage } from '../log';
import { leaderboardView } from './leaderboard-view';

/**
 * Each debate's turns as last read, by id, kept while its record's updatedAt stays the same:
 * a tournament rewrites a few records at a time, and the panel reads the library again each time.
 */
export class TurnsCache {
  private readonly turns = new Map<string, { updatedAt: string; turns: readonly Turn[] }>();

  async get(id: string, updatedAt: string, read: () => Promise<readonly Turn[]>): Promise<readonly Turn[]> {
    const cached = this.turns.get(id);
    if (cached?.updatedAt === updatedAt) return cached.turns;
    const turns = await read();
    this.turns.set(id, { updatedAt, turns });
    return turns;
  }

  /** Forgets the debates no longer in the library. */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.turns.keys()) if (!ids.has(id)) this.turns.delete(id);
  }
}

export async function readLeaderboard(access: Pick<LibraryAccess, 'open'>, cache: TurnsCache = new TurnsCache()): Promise<LeaderboardHostMessage> {
  const opening = await access.open();
  if (!opening.ok) return { type: 'leaderboardFailed', message: opening.message };
  const { store, sessions } = opening.library;
  try {
    const entries = store.library.list();
    cache.retain(new Set(entries.map((entry) => entry.id)));
    const updatedAt = new Map(entries.flatMap((entry) => (entry.ok ? [[entry.id, entry.meta.updatedAt] as const] : [])));
    const debates = await judgedDebatesIn(entries, (id) => cache.get(id, updatedAt.get(id) ?? '', async () => (await sessions.transcript(id)).turns));
    return { type: 'leaderboard', view: leaderboardView(buildLeaderboard(debates)) };
  } catch (error) {
    return { type: 'leaderboardFailed', message: errorMessage(error) };
  }
}
