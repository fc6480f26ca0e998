// Export a transcript to a markdown file: where the save dialog starts, and
// the steps (ask, never overwrite silently, write, open). The file system and
// dialogs are passed in, so the rules run in tests with fakes and in VS Code
// with workspace.fs and the window API (see extension.ts).
import { exportFileName, transcriptToMarkdown } from '../engine/markdown';
import type { Transcript } from '../engine/types';
import * as l10n from './contract/l10n';

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

/** What to export: the debate (null: none shown), the turn still being spoken in it, and where it was last exported to. */
export interface ExportSubject<L> {
  transcript: Transcript | null;
  /** The turns of `transcript` still being spoken (several in a simultaneous round): the export marks them in progress. */
  inProgressTurnIds?: readonly string[];
  /** This debate's last export: the save dialog proposes it again, to replace it (the dialog asks first). */
  previous?: L;
}

/** A debate with no turn at all (it failed before anyone spoke) has nothing to export. */
export function hasSomethingToExport(transcript: Transcript | null): transcript is Transcript {
  return transcript !== null && transcript.turns.length > 0;
}

export interface ExportIo<L> {
  locations: Locations<L>;
  /**
   * The save dialog; resolves to undefined when cancelled. VS Code's save dialogs (the
   * system's and its own simple one) ask before replacing an existing file themselves.
   */
  askSaveLocation(defaultLocation: L): Promise<L | undefined>;
  exists(location: L): Promise<boolean>;
  /** A modal question; resolves true only when the person chose to replace the file. */
  confirmReplace(location: L): Promise<boolean>;
  writeFile(location: L, content: Uint8Array): Promise<void>;
  /** Shows the written file beside the panel. */
  open(location: L): Promise<void>;
  info(message: string): void;
}

export type ExportOutcome<L> =
  | { kind: 'nothing-to-export' }
  | { kind: 'cancelled' }
  | { kind: 'written'; location: L };

/** In English (io.info shows it in the display language). */
export const NOTHING_TO_EXPORT = 'There is nothing to export yet: start a debate first.';

/** `debate-x.md`, then `debate-x-2.md`, `debate-x-3.md`, ... */
export function numberedFileName(fileName: string, copy: number): string {
  if (copy <= 1) return fileName;
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? `${fileName.slice(0, dot)}-${copy}${fileName.slice(dot)}` : `${fileName}-${copy}`;
}

const MOST_NUMBERED_COPIES = 99;

/** The first of the numbered names that is free in `folder` (the plain name if none is). */
async function firstFreeLocation<L>(folder: L, fileName: string, io: ExportIo<L>): Promise<L> {
  for (let copy = 1; copy <= MOST_NUMBERED_COPIES; copy++) {
    const candidate = io.locations.joinPath(folder, numberedFileName(fileName, copy));
    if (!(await io.exists(candidate))) return candidate;
  }
  return io.locations.joinPath(folder, fileName);
}

/** Where the save dialog starts: this debate's last export (to replace it), else a name no file has yet. */
async function proposedLocation<L>(subject: ExportSubject<L> & { transcript: Transcript }, folderSetting: string, io: ExportIo<L>, now: Date): Promise<L> {
  if (subject.previous !== undefined) return subject.previous;
  return firstFreeLocation(exportFolder(folderSetting, io.locations), exportFileName(subject.transcript.topic, now), io);
}

/**
 * Writes the transcript as markdown and opens it. Without a `target`, the save dialog
 * proposes the debate's previous export (saving replaces it once the dialog's own question
 * is answered), else a name no file has yet; a `target` chosen by a caller is only replaced
 * after asking here.
 */
export async function exportTranscript<L>(
  subject: ExportSubject<L>,
  folderSetting: string,
  io: ExportIo<L>,
  options: { target?: L; now?: Date } = {},
): Promise<ExportOutcome<L>> {
  const { transcript } = subject;
  if (!hasSomethingToExport(transcript)) {
    io.info(l10n.t('There is nothing to export yet: start a debate first.'));
    return { kind: 'nothing-to-export' };
  }
  let target = options.target;
  if (target === undefined) {
    target = await io.askSaveLocation(await proposedLocation({ ...subject, transcript }, folderSetting, io, options.now ?? new Date()));
    if (target === undefined) return { kind: 'cancelled' };
  } else if ((await io.exists(target)) && !(await io.confirmReplace(target))) {
    return { kind: 'cancelled' };
  }
  const markdown = transcriptToMarkdown(transcript, { inProgressTurnIds: subject.inProgressTurnIds ?? [] });
  await io.writeFile(target, new TextEncoder().encode(markdown));
  await io.open(target);
  return { kind: 'written', location: target };
}
