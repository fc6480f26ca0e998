// The CLI's side of the debate library: opening it (see library-folder.ts for which
// folder), and finding a debate by id in words a person can act on.

import type { LibraryEntry } from '../library/library';
import { LibraryStore } from '../library/library-store';
import { CliError, type CliIo } from './io';
import { libraryFolder, shellWord } from './library-folder';
import { oneLine } from './render';

export interface Library {
  folder: string;
  store: LibraryStore;
  /** `talking-models <rest>`, with --library when the folder was chosen on the command line. */
  command(rest: string): string;
}

export type OkEntry = Extract<LibraryEntry, { ok: true }>;

/** Prints each warning once (the store and the session may both report one failed write). */
export function createWarner(io: Pick<CliIo, 'stderr'>): (message: string) => void {
  const said = new Set<string>();
  return (message) => {
    const line = oneLine(message);
    if (said.has(line)) return;
    said.add(line);
    io.stderr(`talking-models: warning: ${line}\n`);
  };
}

export function openLibrary(explicit: string | undefined, io: CliIo, warn: (message: string) => void): Library {
  const folder = libraryFolder(explicit, io);
  let store: LibraryStore;
  try {
    store = new LibraryStore(folder, { app: 'CLI', onWarning: warn });
  } catch (error) {
    throw new CliError(`cannot open the debate library ${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const option = explicit === undefined ? '' : ` --library ${shellWord(folder)}`;
  return { folder, store, command: (rest) => oneLine(`talking-models ${rest}${option}`) };
}

/** The debate's entry, damaged or not; an unknown id is one actionable line. */
export function findEntry(library: Library, id: string): LibraryEntry {
  let entry: LibraryEntry | null;
  try {
    entry = library.store.library.get(id);
  } catch (error) {
    throw new CliError(`cannot read debate ${id}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (entry === null) {
    throw new CliError(`no debate ${id} in ${library.folder}; \`${library.command('list')}\` shows the debates there`);
  }
  return entry;
}

/** A debate that can be read: unknown and damaged ones are refused in words. */
export function findDebate(library: Library, id: string): OkEntry {
  const entry = findEntry(library, id);
  if (!entry.ok) throw new CliError(damagedMessage(entry.id, entry.reason));
  return entry;
}

export function damagedMessage(id: string, reason: string): string {
  return `debate ${id} is damaged and can't be opened: ${reason}`;
}
