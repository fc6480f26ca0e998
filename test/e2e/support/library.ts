// The test profile's debate library as it stands on disk: one folder per debate, its record
// in meta.json (see engine/library). Read as a check on what the workbench showed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fields of a record the tests look at. */
export interface SavedDebate {
  id: string;
  topic: string;
  outcome: string;
  exchanges: number;
  turnCount: number;
  /** ISO time. */
  createdAt: string;
  parentId?: string;
  forkedAtTurn?: number;
  speakers: { name: string; model: string; tone: string }[];
}

/** Every debate of the library whose record can be read (a record being rewritten is left for the next look). */
export function savedDebates(libraryFolder: string): SavedDebate[] {
  if (!existsSync(libraryFolder)) return [];
  const debates: SavedDebate[] = [];
  for (const id of readdirSync(libraryFolder).sort()) {
    const meta = join(libraryFolder, id, 'meta.json');
    if (!existsSync(meta)) continue;
    try {
      debates.push(JSON.parse(readFileSync(meta, 'utf8')) as SavedDebate);
    } catch {
      // Half-written: read again on the next poll.
    }
  }
  return debates;
}
