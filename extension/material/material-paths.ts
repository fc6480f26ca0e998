// How a file is named in material: workspace-relative with forward slashes, the folder's name
// first only in a multi-root workspace (where two folders may hold the same relative path); a
// file outside every folder by its name alone. Pure: the caller hands over URI paths.

/** A workspace folder as the rule needs it: its name and its URI's path (forward slashes). */
export interface FolderRef {
  name: string;
  path: string;
}

export interface PathLabel {
  label: string;
  /** The file is in no workspace folder: labelled by its name only. */
  outside: boolean;
}

function withoutTrailingSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** The label of the file at URI path `filePath` among `folders` (the innermost folder holding it wins). */
export function materialPathLabel(filePath: string, folders: readonly FolderRef[]): PathLabel {
  const file = filePath.replace(/\\/g, '/');
  let best: { folder: FolderRef; relative: string } | null = null;
  for (const folder of folders) {
    const root = withoutTrailingSlash(folder.path.replace(/\\/g, '/'));
    if (!file.startsWith(`${root}/`)) continue;
    if (best === null || root.length > withoutTrailingSlash(best.folder.path).length) best = { folder, relative: file.slice(root.length + 1) };
  }
  if (best === null) return { label: file.split('/').filter((part) => part !== '').pop() ?? file, outside: true };
  return { label: folders.length > 1 ? `${best.folder.name}/${best.relative}` : best.relative, outside: false };
}
