// Writing a decision record into its folder: created if missing, numbered after the records
// already there, never overwriting: if the name is taken meanwhile (another writer), the next
// number is tried.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nextRecordNumber, recordFileName } from './numbering';

/** Names tried before giving up, should other writers keep taking them. */
const MAX_ATTEMPTS = 20;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Writes `content` as the folder's next record named after `title`; the path. Throws the file system's error. */
export function writeDecisionRecord(folder: string, title: string, content: string): string {
  mkdirSync(folder, { recursive: true });
  let number = nextRecordNumber(readdirSync(folder));
  for (let attempt = 1; ; attempt++) {
    const path = join(folder, recordFileName(number, title));
    try {
      writeFileSync(path, content, { encoding: 'utf8', flag: 'wx' });
      return path;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST' || attempt >= MAX_ATTEMPTS) throw error;
      number = Math.max(number + 1, nextRecordNumber(readdirSync(folder)));
    }
  }
}
