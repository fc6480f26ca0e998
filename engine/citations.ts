// Citations of the material in a reply: `path:line` and `path:start-end`, found anywhere (also in
// backticks, never inside a URL) and resolved against the material. Pure: the exports link the
// ones that point inside the material and leave the rest as written.
import { diffRanges } from './material/diff-lines';
import { normalizeMaterialPath, type DebateMaterial } from './material/material';

export interface CitationSpan {
  /** Where the citation is in the reply (code units, `end` exclusive). */
  start: number;
  end: number;
  /** The path as the material names it (forward slashes, no leading `./`). */
  path: string;
  startLine: number;
  endLine: number;
  /** Whether the lines lie inside an excerpt of that path, or a changed hunk of the diff. */
  inMaterial: boolean;
}

/**
 * A path (segments of letters, digits, `_`, `.`, `-`, joined by `/` or `\`, optionally after a
 * drive letter), a colon, a line and optionally `-` and a last line. Not preceded by a character
 * that would make it part of a longer word or path, nor followed by one that would lengthen the number.
 */
const CITATION = /(?<![\w./\\:-])((?:[A-Za-z]:[\\/])?[\w.-]+(?:[\\/][\w.-]+)*):(\d+)(?:-(\d+))?(?![\w-]|:\d)/g;

/** Characters that can't be part of a URL: where the token holding a citation starts. */
const URL_BREAK = /[\s<>"'`()[\]{}]/;

function insideUrl(text: string, at: number): boolean {
  let start = at;
  while (start > 0 && !URL_BREAK.test(text[start - 1] ?? ' ')) start--;
  return /[a-z][a-z0-9+.-]*:\/\//i.test(text.slice(start, at)) || /^[a-z][a-z0-9+.-]*:\/\//i.test(text.slice(start));
}

export interface LineRange {
  path: string;
  startLine: number;
  endLine: number;
}

/** The ranges a citation may fall in: every excerpt, and every hunk of the diff (its new lines). */
export function citableRanges(material: DebateMaterial | undefined): LineRange[] {
  if (material === undefined) return [];
  const excerpts = (material.excerpts ?? []).map(({ path, startLine, endLine }) => ({ path: normalizeMaterialPath(path), startLine, endLine }));
  return material.diff === undefined ? excerpts : [...excerpts, ...diffRanges(material.diff.text)];
}

/** Whether `lines` lie inside one of `ranges` (same path, first and last line within it). */
export function insideRanges(ranges: readonly LineRange[], lines: LineRange): boolean {
  return ranges.some((range) => range.path === lines.path && range.startLine <= lines.startLine && lines.endLine <= range.endLine);
}

/** A bare name (no `/` and no `.`, like "Speaker:1") is a citation only when the material has a file of that name. */
function isCandidate(path: string, paths: ReadonlySet<string>): boolean {
  return path.includes('/') || path.includes('.') || paths.has(path);
}

/** Every citation in `text`, in order; a line 0, a reversed range or a number past the safe integers is found but never in the material. */
export function findCitations(text: string, material: DebateMaterial | undefined): CitationSpan[] {
  const ranges = citableRanges(material);
  const paths = new Set(ranges.map((range) => range.path));
  const spans: CitationSpan[] = [];
  for (const match of text.matchAll(CITATION)) {
    const [whole, rawPath = '', first = '', last] = match;
    const start = match.index;
    const path = normalizeMaterialPath(rawPath);
    if (path.endsWith('.') || !isCandidate(path, paths) || insideUrl(text, start)) continue;
    const startLine = Number(first);
    const endLine = last === undefined ? startLine : Number(last);
    const valid = Number.isSafeInteger(startLine) && Number.isSafeInteger(endLine) && startLine >= 1 && endLine >= startLine;
    const inMaterial = valid && insideRanges(ranges, { path, startLine, endLine });
    spans.push({ start, end: start + whole.length, path, startLine, endLine, inMaterial });
  }
  return spans;
}
