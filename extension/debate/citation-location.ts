// Where a citation of the material lands in the workspace: which folder's file, and which of its
// lines now. Material paths are workspace-relative; in a workspace of several folders they start
// with the folder's name (as VS Code's asRelativePath writes them). Pure, no VS Code.
import type { CitationTarget } from '../contract/citation-rules';

/** A file a citation may name: a workspace folder (its index) and the path's segments inside it. */
export interface CitationLocation {
  folder: number;
  segments: string[];
}

/**
 * The files `path` may name, most likely first: in a workspace of several folders, the folder its
 * first segment names (the rest inside it), then the whole path in each folder in order; in a
 * workspace of one folder, the path in it. None without a folder.
 */
export function citationLocations(path: string, folders: readonly { name: string }[]): CitationLocation[] {
  const segments = path.split('/');
  const everywhere = folders.map((_, folder) => ({ folder, segments }));
  if (folders.length < 2 || segments.length < 2) return everywhere;
  const named = folders.findIndex((folder) => folder.name === segments[0]);
  return named === -1 ? everywhere : [{ folder: named, segments: segments.slice(1) }, ...everywhere];
}

/** The cited lines as far as the file still has them (it may have shrunk since the debate); `cut` when they were moved to fit. */
export function linesInFile(target: CitationTarget, lineCount: number): { startLine: number; endLine: number; cut: boolean } {
  const last = Math.max(1, lineCount);
  const startLine = Math.min(target.startLine, last);
  const endLine = Math.min(Math.max(target.endLine, startLine), last);
  return { startLine, endLine, cut: startLine !== target.startLine || endLine !== target.endLine };
}
