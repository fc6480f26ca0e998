// Which citations of a debate's material a reply may open: the webview makes links of these
// only, and the host checks every `open-citation` again against the debate's own material (the
// webview's word is never trusted). A path that could leave the workspace or name something
// else than a workspace-relative file is never openable, even if the material holds it.
// Pure, no VS Code: both sides import it.
import { citableRanges, findCitations, insideRanges, type CitationSpan } from '../../engine/citations';
import type { DebateMaterial } from '../../engine/material/material';

/** The lines of a file a citation points at: a workspace-relative path, 1-based lines, inclusive. */
export interface CitationTarget {
  path: string;
  startLine: number;
  endLine: number;
}

/** C0 controls and DEL: never part of a file name a reply can cite. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why `path` can't name a file inside the workspace, in words for the log; null when it can. */
export function citationPathProblem(path: string): string | null {
  if (path.trim() === '') return 'it is empty';
  if (CONTROL.test(path)) return 'it holds control characters';
  if (path.startsWith('/') || path.startsWith('\\')) return 'it is an absolute path';
  if (/^[A-Za-z]:/.test(path)) return 'it starts with a drive letter';
  // A colon anywhere else makes it a URL (`http://a:1`) or a stream name, never a workspace file.
  if (path.includes(':')) return 'it holds a colon (a URL or a drive)';
  if (path.includes('\\')) return 'it holds a backslash';
  const segments = path.split('/');
  if (segments.includes('..')) return 'it steps out of the workspace (..)';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'it is not in the form the material uses (an empty or "." segment)';
  return null;
}

function linesProblem({ startLine, endLine }: CitationTarget): string | null {
  const whole = Number.isSafeInteger(startLine) && Number.isSafeInteger(endLine);
  return whole && startLine >= 1 && endLine >= startLine ? null : `lines ${startLine}-${endLine} are not a range of lines`;
}

/** Why `target` must not be opened for a debate with `material`, in words for the log; null when it may. */
export function citationRefusal(target: CitationTarget, material: DebateMaterial | undefined): string | null {
  const path = citationPathProblem(target.path);
  if (path !== null) return `${JSON.stringify(target.path)} can't be opened: ${path}`;
  const lines = linesProblem(target);
  if (lines !== null) return `${JSON.stringify(target.path)} can't be opened: ${lines}`;
  const inside = insideRanges(citableRanges(material), target);
  return inside ? null : `${target.path}:${target.startLine}-${target.endLine} is not in this debate's material`;
}

/** The citations in `text` that may be opened: inside the material, at a path that stays in the workspace. */
export function openableCitations(text: string, material: DebateMaterial | undefined): CitationSpan[] {
  return findCitations(text, material).filter((span) => span.inMaterial && citationPathProblem(span.path) === null);
}
