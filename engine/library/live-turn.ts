// The turns being streamed (one, or every speaker of a simultaneous round), in their own small
// file: rewritten every ~100 ms while tokens arrive (so a reload or a crash loses at most that
// much), removed when the last one ends and its text is in the checkpoints. A reader treats a
// missing or invalid file as "no turn in progress", and reads the single turn older versions wrote.
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

const liveTurnsSchema = z.union([z.array(liveTurnSchema), liveTurnSchema.transform((turn) => [turn])]);

/** Writes `<folder>/live-turn.json` atomically. Throws the file-system error (the caller decides whether a lost update matters). */
export function writeLiveTurns(fsys: LibraryFs, folder: string, turns: readonly LiveTurnRecord[]): void {
  writeFileAtomic(fsys, join(folder, LIVE_TURN_FILE), JSON.stringify(turns));
}

/** The turns in progress: none when there is no file or it is not a valid one. */
export function readLiveTurns(fsys: LibraryFs, folder: string): LiveTurnRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(fsys.readFileSync(join(folder, LIVE_TURN_FILE), 'utf8'));
  } catch {
    return [];
  }
  const parsed = liveTurnsSchema.safeParse(json);
  return parsed.success ? parsed.data : [];
}

/** Removes `<folder>/live-turn.json`; nothing to do when it is already gone. */
export function clearLiveTurns(fsys: LibraryFs, folder: string): void {
  fsys.rmSync(join(folder, LIVE_TURN_FILE), { force: true });
}
