// The turn being streamed, in its own small file: rewritten every ~100 ms while tokens arrive
// (so a reload or a crash loses at most that much), removed when the turn ends and its text
// is in the checkpoints. A reader treats a missing or invalid file as "no turn in progress".
import { join } from 'node:path';
import { z } from 'zod';
import type { LiveTurnRecord } from '../store';
import { type LibraryFs, writeFileAtomic } from './library-fs';
import { LIVE_TURN_FILE } from './paths';

const liveTurnSchema: z.ZodType<LiveTurnRecord> = z.object({
  turnId: z.string().min(1),
  speakerIndex: z.number().int().min(0),
  speaker: z.string(),
  model: z.string(),
  tone: z.string(),
  exchange: z.number().int().min(1),
  text: z.string(),
  tokens: z.number().int().min(0),
  startedAt: z.string(),
  thinking: z.string().optional(),
});

/** Writes `<folder>/live-turn.json` atomically. Throws the file-system error (the caller decides whether a lost update matters). */
export function writeLiveTurn(fsys: LibraryFs, folder: string, turn: LiveTurnRecord): void {
  writeFileAtomic(fsys, join(folder, LIVE_TURN_FILE), JSON.stringify(turn));
}

/** The turn in progress, or null when there is none or the file is not a valid one. */
export function readLiveTurn(fsys: LibraryFs, folder: string): LiveTurnRecord | null {
  let json: unknown;
  try {
    json = JSON.parse(fsys.readFileSync(join(folder, LIVE_TURN_FILE), 'utf8'));
  } catch {
    return null;
  }
  const parsed = liveTurnSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Removes `<folder>/live-turn.json`; nothing to do when it is already gone. */
export function clearLiveTurn(fsys: LibraryFs, folder: string): void {
  fsys.rmSync(join(folder, LIVE_TURN_FILE), { force: true });
}
