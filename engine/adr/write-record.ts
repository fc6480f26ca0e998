// Writing a decision record with node's fs (the CLI's `--adr DIR`): the folder created if
// missing, the record placed by place-record.ts. An exclusive create ('wx') is what keeps an
// existing record from being overwritten; a write that fails half-way removes its file.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeDecisionRecord, type RecordFolder } from './place-record';

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

function nodeRecordFolder(folder: string): RecordFolder {
  return {
    names: async () => readdirSync(folder),
    createNew: async (name, content) => {
      const path = join(folder, name);
      try {
        writeFileSync(path, content, { encoding: 'utf8', flag: 'wx' });
        return 'created';
      } catch (error) {
        if (errorCode(error) === 'EEXIST') return 'taken';
        // Not EEXIST: the file, if any, is the one this call created (a full disk midway).
        rmSync(path, { force: true });
        throw error;
      }
    },
  };
}

/** Writes `content` as the folder's next record named after `title`; the path. Throws the file system's error. */
export async function writeDecisionRecord(folder: string, title: string, content: string): Promise<string> {
  mkdirSync(folder, { recursive: true });
  return join(folder, await placeDecisionRecord(nodeRecordFolder(folder), title, content));
}
