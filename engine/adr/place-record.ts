// Placing a decision record in its folder, whatever the file system holding it (node's fs for
// the CLI, VS Code's workspace.fs for the extension): numbered after the records already there,
// never overwriting: when the name is taken meanwhile (another writer), the next number is tried.

import { nextRecordNumber, recordFileName } from './numbering';

/** Names tried before giving up, should other writers keep taking them. */
export const MAX_PLACEMENT_ATTEMPTS = 20;

/** A folder of records, as the writer sees it; the folder exists. */
export interface RecordFolder {
  /** The names of the entries in the folder. */
  names(): Promise<readonly string[]>;
  /**
   * Creates the file `name` holding `content` unless an entry of that name exists ('taken',
   * nothing changed). Throws the file system's other errors, leaving no part of the file behind.
   */
  createNew(name: string, content: string): Promise<'created' | 'taken'>;
}

/** Writes `content` as the folder's next record named after `title`; its file name. Throws the file system's errors. */
export async function placeDecisionRecord(folder: RecordFolder, title: string, content: string): Promise<string> {
  let number = nextRecordNumber(await folder.names());
  for (let attempt = 1; attempt <= MAX_PLACEMENT_ATTEMPTS; attempt++) {
    const name = recordFileName(number, title);
    if ((await folder.createNew(name, content)) === 'created') return name;
    number = Math.max(number + 1, nextRecordNumber(await folder.names()));
  }
  throw new Error(`other writers took every record number tried (${MAX_PLACEMENT_ATTEMPTS} attempts)`);
}
