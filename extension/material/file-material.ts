// A whole file as material, or why it can't be: a binary file is refused, and so is one too
// large to ever fit a speaker's window, with its size and the way out (a range of it). Pure:
// the caller reads the bytes (workspace.fs) or the open document's text.
import { excerptOf, looksBinary } from '../../engine/material/excerpt';
import type { MaterialExcerpt } from '../../engine/types';
import * as l10n from '../contract/l10n';

/** Larger than this, a file, a selection or a diff is refused: even a 128k-token window leaves material about 240 KB. */
export const MAX_FILE_MATERIAL_BYTES = 256 * 1024;

export type FileExcerptResult = { ok: true; excerpt: MaterialExcerpt } | { ok: false; message: string };

/** A size as people read it: bytes, KB or MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return l10n.t('{0} bytes', bytes);
  if (bytes < 1024 * 1024) return l10n.t('{0} KB', (bytes / 1024).toFixed(1));
  return l10n.t('{0} MB', (bytes / (1024 * 1024)).toFixed(1));
}

/** Why a file is refused whole for its size: how large it is, and what to do instead. */
export function fileTooLargeMessage(path: string, bytes: number): string {
  return l10n.t(
    '{0} is {1}: too large to send whole, and it would not fit a speaker\'s context window. Select the part to debate and run "Debate Selection".',
    path, formatSize(bytes),
  );
}

function binary(path: string): string {
  return l10n.t('{0} looks like a binary file (it holds NUL bytes): only text can be debated.', path);
}

/** The file's bytes as material: all its lines, labelled `path`. */
export function fileBytesExcerpt(path: string, bytes: Uint8Array): FileExcerptResult {
  if (looksBinary(bytes)) return { ok: false, message: binary(path) };
  if (bytes.byteLength > MAX_FILE_MATERIAL_BYTES) return { ok: false, message: fileTooLargeMessage(path, bytes.byteLength) };
  return excerptOf(path, new TextDecoder('utf-8').decode(bytes));
}

/** An open document's text as material (what the editor shows, unsaved edits included). */
export function fileTextExcerpt(path: string, text: string): FileExcerptResult {
  if (text.includes('\u0000')) return { ok: false, message: binary(path) };
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes > MAX_FILE_MATERIAL_BYTES) return { ok: false, message: fileTooLargeMessage(path, bytes) };
  return excerptOf(path, text);
}
