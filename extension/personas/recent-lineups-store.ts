// The line-ups a person used, kept across windows and restarts in the extension's global state
// (context.globalState fits `RecentLineUpsMemento`): remembered when a debate starts, newest
// first, at most MAX_RECENT_LINEUPS (engine/personas/recent-lineups.ts). Whatever the storage
// holds is read through usableRecentLineUps, so a damaged entry is left out, never fatal.
import { lineUpOf, rememberLineUp, usableRecentLineUps, type LineUp } from '../../engine/personas/recent-lineups';
import type { DebateRequest } from '../contract/protocol';
import { speakerName } from '../contract/speaker-options';
import { errorMessage, type Logger } from '../log';

/** The storage key in the global state. */
export const RECENT_LINEUPS_KEY = 'talkingModels.recentLineUps';

/** The part of vscode.Memento the store uses. */
export interface RecentLineUpsMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

/** Pure: the line-up of a start request: each speaker's name (its own, else "Speaker N"), model, tone, stance and role. */
export function lineUpOfRequest(request: Pick<DebateRequest, 'speakers'>): LineUp {
  return lineUpOf(request.speakers.map((speaker, index) => ({ ...speaker, name: speakerName(speaker, index) })));
}

export class RecentLineUps {
  private readonly listeners = new Set<(lineUps: LineUp[]) => void>();

  constructor(
    private readonly memento: RecentLineUpsMemento,
    private readonly log: Logger,
  ) {}

  /** The line-ups used last, newest first. */
  list(): LineUp[] {
    return usableRecentLineUps(this.memento.get(RECENT_LINEUPS_KEY));
  }

  /** Remembers the line-up of a debate that starts; every panel listening hears of it. A failed write is logged, never fatal to the debate. */
  async remember(request: Pick<DebateRequest, 'speakers'>): Promise<void> {
    const next = rememberLineUp(this.list(), lineUpOfRequest(request));
    try {
      await this.memento.update(RECENT_LINEUPS_KEY, next);
    } catch (error) {
      this.log.warn(`Could not remember the line-up: ${errorMessage(error)}`);
      return;
    }
    for (const listener of [...this.listeners]) listener(next);
  }

  /** Calls `listener` with the new list after each line-up remembered; returns the way to stop. */
  subscribe(listener: (lineUps: LineUp[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
