// A file's lines as material: exactly the lines asked for, or why they can't be sent. Pure.
import { materialLines, normalizeMaterialPath, type MaterialExcerpt } from './material';

/** How much of a file's start is looked at for a NUL byte, as git does to call a file binary. */
const BINARY_PROBE_BYTES = 8000;

export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_PROBE_BYTES).includes(0);
}

export type ExcerptResult = { ok: true; excerpt: MaterialExcerpt } | { ok: false; message: string };

/** Lines `range` (1-based, inclusive; absent: all) of `text`, labelled by `path`. */
export function excerptOf(path: string, text: string, range?: { start: number; end: number }): ExcerptResult {
  const label = normalizeMaterialPath(path);
  const lines = text === '' ? [] : materialLines(text);
  if (lines.length === 0) return { ok: false, message: `${label} is empty: there are no lines to send` };
  const start = range?.start ?? 1;
  const end = range?.end ?? lines.length;
  if (start < 1 || end < start) return { ok: false, message: `${label}:${start}-${end} is not a range of lines (they run from 1 up, the first no later than the last)` };
  if (end > lines.length) {
    return { ok: false, message: `${label}:${start}-${end} is outside the file: it has ${lines.length} line${lines.length === 1 ? '' : 's'}` };
  }
  return { ok: true, excerpt: { path: label, startLine: start, endLine: end, text: lines.slice(start - 1, end).join('\n') } };
}
