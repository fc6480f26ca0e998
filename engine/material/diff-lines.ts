// A unified diff (git's) read line by line: which file each line belongs to, and its line in
// the new file, so the diff can be labelled `path:line` and citations checked against its hunks.
import { materialLines, normalizeMaterialPath } from './material';

export type DiffLineKind = 'header' | 'hunk' | 'added' | 'removed' | 'context';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  /** The file the line belongs to (the new path; the old one for a deleted file); null before the first file. */
  path: string | null;
  /** Its line in the new file (added and context lines). */
  newLine?: number;
  /** Its line in the old file (removed lines). */
  oldLine?: number;
}

/** A hunk's lines in the new file: what a citation of the diff may point at. */
export interface DiffRange {
  path: string;
  startLine: number;
  endLine: number;
}

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

function pathOf(line: string): string | null {
  const named = /^(?:\+\+\+|---) (?:[ab]\/)?(.+?)\s*$/.exec(line);
  if (named === null || named[1] === '/dev/null') return null;
  return normalizeMaterialPath(named[1]);
}

/** Every line of the diff, classified. Lines of a hunk are counted until its lengths run out. */
export function readDiff(text: string): DiffLine[] {
  const result: DiffLine[] = [];
  let path: string | null = null;
  let oldPath: string | null = null;
  let newLine = 0;
  let oldLine = 0;
  let inHunk = false;
  for (const line of materialLines(text)) {
    const hunk = HUNK.exec(line);
    if (line.startsWith('diff --git ')) {
      inHunk = false;
      oldPath = null;
      const named = /^diff --git a\/(.+) b\/(.+)$/.exec(line);
      path = named === null ? path : normalizeMaterialPath(named[2]);
      result.push({ kind: 'header', text: line, path });
    } else if (hunk !== null) {
      inHunk = true;
      oldLine = Number(hunk[1]);
      newLine = Number(hunk[2]);
      result.push({ kind: 'hunk', text: line, path });
    } else if (inHunk && line.startsWith('+')) {
      result.push({ kind: 'added', text: line, path, newLine: newLine++ });
    } else if (inHunk && line.startsWith('-')) {
      result.push({ kind: 'removed', text: line, path, oldLine: oldLine++ });
    } else if (inHunk && (line.startsWith(' ') || line === '')) {
      result.push({ kind: 'context', text: line, path, newLine: newLine++ });
      oldLine++;
    } else {
      inHunk = false;
      if (line.startsWith('--- ')) oldPath = pathOf(line);
      if (line.startsWith('+++ ')) path = pathOf(line) ?? oldPath ?? path;
      result.push({ kind: 'header', text: line, path });
    }
  }
  return result;
}

/** The files a diff changes, in its order (the new path; the old one for a deleted file). */
export function diffFiles(text: string): string[] {
  const files: string[] = [];
  for (const line of readDiff(text)) if (line.path !== null && !files.includes(line.path)) files.push(line.path);
  return files;
}

/** The new-file lines each hunk covers (a hunk that only removes covers none). */
export function diffRanges(text: string): DiffRange[] {
  const ranges: DiffRange[] = [];
  let current: DiffRange | null = null;
  for (const line of readDiff(text)) {
    if (line.kind === 'hunk' || line.kind === 'header') current = null;
    if (line.newLine === undefined || line.path === null) continue;
    if (current === null || current.path !== line.path) {
      current = { path: line.path, startLine: line.newLine, endLine: line.newLine };
      ranges.push(current);
    } else current.endLine = line.newLine;
  }
  return ranges;
}
