// Export a transcript to a markdown file: where the save dialog starts, and
// the steps (ask, never overwrite silently, write, open). The file system and
// dialogs are passed in, so the rules run in tests with fakes and in VS Code
// with workspace.fs and the window API (see extension.ts).
import { exportFileName, transcriptToMarkdown } from '../engine/markdown';
import type { Transcript } from '../engine/types';

/** Path operations on the location type (vscode.Uri in the extension, strings in tests). */
export interface Locations<L> {
  /** The workspace folders, in order. */
  workspaceFolders: readonly L[];
  home: L;
  joinPath(base: L, ...segments: string[]): L;
  /** An absolute file-system path as a location. */
  file(absolutePath: string): L;
  isAbsolute(path: string): boolean;
}

/** The folder the save dialog opens in: the export-folder setting, else the first workspace folder, else home. */
export function exportFolder<L>(setting: string, locations: Locations<L>): L {
  const base = locations.workspaceFolders[0] ?? locations.home;
  if (setting === '') return base;
  if (locations.isAbsolute(setting)) return locations.file(setting);
  const segments = setting.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  return segments.length === 0 ? base : locations.joinPath(base, ...segments);
}

export function hasSomethingToExport(transcript: Transcript | null): transcript is Transcript {
  return transcript !== null && transcript.turns.some((turn) => turn.text.trim() !== '');
}

export interface ExportIo<L> {
  locations: Locations<L>;
  /** The save dialog; resolves to undefined when cancelled. */
  askSaveLocation(defaultLocation: L): Promise<L | undefined>;
  exists(location: L): Promise<boolean>;
  /** A modal question; resolves true only when the person chose to replace the file. */
  confirmReplace(location: L): Promise<boolean>;
  writeFile(location: L, content: Uint8Array): Promise<void>;
  open(location: L): Promise<void>;
  info(message: string): void;
}

export type ExportOutcome<L> =
  | { kind: 'nothing-to-export' }
  | { kind: 'cancelled' }
  | { kind: 'written'; location: L };

export const NOTHING_TO_EXPORT = 'There is nothing to export yet: start a debate first.';

/** Asks where to save the transcript, writes it as markdown and opens it. */
export async function exportTranscript<L>(
  transcript: Transcript | null,
  folderSetting: string,
  io: ExportIo<L>,
  now: Date = new Date(),
): Promise<ExportOutcome<L>> {
  if (!hasSomethingToExport(transcript)) {
    io.info(NOTHING_TO_EXPORT);
    return { kind: 'nothing-to-export' };
  }
  const folder = exportFolder(folderSetting, io.locations);
  const target = await io.askSaveLocation(io.locations.joinPath(folder, exportFileName(transcript.topic, now)));
  if (target === undefined) return { kind: 'cancelled' };
  // Desktop save dialogs ask before replacing; a browser's simple dialog may not, so ask here too.
  if ((await io.exists(target)) && !(await io.confirmReplace(target))) return { kind: 'cancelled' };
  await io.writeFile(target, new TextEncoder().encode(transcriptToMarkdown(transcript)));
  await io.open(target);
  return { kind: 'written', location: target };
}
