// What a debate is about besides its topic: lines of files and/or a diff from the workspace.
// Recorded with the debate; every speaker, the AI moderator and the judge are sent it as data.

/** Lines `startLine`..`endLine` (1-based, inclusive) of one file; `text` holds exactly those lines. */
export interface MaterialExcerpt {
  /** Workspace-relative, forward slashes (a file outside the workspace keeps its `../` path). */
  path: string;
  startLine: number;
  endLine: number;
  text: string;
}

/** Uncommitted changes as a unified diff: the working tree against HEAD, or the index only. */
export interface MaterialDiff {
  kind: 'working-tree' | 'staged';
  text: string;
}

export interface DebateMaterial {
  excerpts?: MaterialExcerpt[];
  diff?: MaterialDiff;
}

/** Whether there is anything to send. */
export function hasMaterial(material: DebateMaterial | undefined): material is DebateMaterial {
  return material !== undefined && ((material.excerpts?.length ?? 0) > 0 || material.diff !== undefined);
}

/** A path as written on any system, in the one form material and citations use: forward slashes, no leading `./`. */
export function normalizeMaterialPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/\/{2,}/g, '/');
}

/** The lines of a text, without the empty last one a final newline makes. */
export function materialLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
