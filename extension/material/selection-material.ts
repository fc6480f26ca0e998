// The editor's selections as material: whole lines, from the start of each selection's first
// line to the end of its last, one excerpt per selection (overlapping ones joined). Pure: the
// caller hands over the document's text and VS Code's 0-based selection positions.
import { excerptOf } from '../../engine/material/excerpt';
import type { MaterialExcerpt } from '../../engine/types';
import * as l10n from '../contract/l10n';
import { formatSize, MAX_FILE_MATERIAL_BYTES } from './file-material';

/** A selection as VS Code gives it (0-based lines and characters; start before end). */
export interface SelectionSpan {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

/** 1-based, inclusive. */
export interface LineRange {
  start: number;
  end: number;
}

export type ExcerptsResult = { ok: true; excerpts: MaterialExcerpt[] } | { ok: false; message: string };

/**
 * The whole lines each non-empty selection covers, in document order, overlapping ones joined. A
 * selection ending at the very start of a line (selected with Shift+Down) does not take that line.
 */
export function selectedLineRanges(selections: readonly SelectionSpan[]): LineRange[] {
  const ranges = selections
    .filter((span) => span.startLine !== span.endLine || span.startCharacter !== span.endCharacter)
    .map((span) => {
      const lastLine = span.endCharacter === 0 && span.endLine > span.startLine ? span.endLine - 1 : span.endLine;
      return { start: span.startLine + 1, end: lastLine + 1 };
    })
    .sort((a, b) => a.start - b.start);
  const joined: LineRange[] = [];
  for (const range of ranges) {
    const last = joined[joined.length - 1];
    if (last !== undefined && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else joined.push({ ...range });
  }
  return joined;
}

/** The excerpts of `text` (labelled `path`) the selections cover, or why there are none. */
export function selectionExcerpts(path: string, text: string, selections: readonly SelectionSpan[]): ExcerptsResult {
  const ranges = selectedLineRanges(selections);
  if (ranges.length === 0) {
    return { ok: false, message: l10n.t('Nothing is selected in {0}: select the lines to debate, or use "Debate This File".', path) };
  }
  const excerpts: MaterialExcerpt[] = [];
  for (const range of ranges) {
    const result = excerptOf(path, text, range);
    if (!result.ok) return { ok: false, message: result.message };
    excerpts.push(result.excerpt);
  }
  const size = new TextEncoder().encode(excerpts.map((excerpt) => excerpt.text).join('\n')).byteLength;
  if (size > MAX_FILE_MATERIAL_BYTES) {
    return { ok: false, message: l10n.t('The selection is {0}: too large to send, and it would not fit a speaker\'s context window. Select fewer lines.', formatSize(size)) };
  }
  return { ok: true, excerpts };
}
