// Reading material from the editor and the workspace (the I/O side of selection-material.ts and
// file-material.ts): the active editor's selections, a file from the explorer or a tab (the open
// document when there is one, so unsaved edits count; else workspace.fs), each labelled by its
// workspace-relative path.
import * as vscode from 'vscode';
import type { DebateMaterial } from '../../engine/types';
import { fileBytesExcerpt, fileTextExcerpt, fileTooLargeMessage, MAX_FILE_MATERIAL_BYTES } from './file-material';
import { materialPathLabel, type PathLabel } from './material-paths';
import { selectionExcerpts } from './selection-material';

export type MaterialRead = { ok: true; material: DebateMaterial; label: PathLabel } | { ok: false; message: string };

/** The label of `uri` among the workspace folders of the same scheme and authority. */
export function pathLabelOf(uri: vscode.Uri): PathLabel {
  // An unsaved editor has only its name ("Untitled-1"): nothing to point out.
  if (uri.scheme === 'untitled') return { label: uri.path, outside: false };
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ folder, uri: folder.uri }));
  const candidates = folders.filter(({ uri: root }) => root.scheme === uri.scheme && root.authority === uri.authority);
  const label = materialPathLabel(uri.path, candidates.map(({ folder }) => ({ name: folder.name, path: folder.uri.path })));
  // Several folders in all (not only of this scheme) are told apart by name.
  if (!label.outside && folders.length > 1 && candidates.length === 1) return { ...label, label: `${candidates[0]!.folder.name}/${label.label}` };
  return label;
}

/** The active editor's selected lines, whole. */
export function readSelection(editor: vscode.TextEditor | undefined): MaterialRead {
  if (editor === undefined) {
    return { ok: false, message: vscode.l10n.t('No editor is active: open a file, select the lines to debate, then run "Debate Selection".') };
  }
  const label = pathLabelOf(editor.document.uri);
  const selections = editor.selections.map(({ start, end }) => ({ startLine: start.line, startCharacter: start.character, endLine: end.line, endCharacter: end.character }));
  const result = selectionExcerpts(label.label, editor.document.getText(), selections);
  return result.ok ? { ok: true, material: { excerpts: result.excerpts }, label } : result;
}

/** File `uri` whole: the open document's text if it is open, else its bytes. */
export async function readFile(uri: vscode.Uri): Promise<MaterialRead> {
  const label = pathLabelOf(uri);
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open !== undefined) {
    const result = fileTextExcerpt(label.label, open.getText());
    return result.ok ? { ok: true, material: { excerpts: [result.excerpt] }, label } : result;
  }
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.Directory) !== 0) {
      return { ok: false, message: vscode.l10n.t('{0} is a folder: choose a file, or select lines in an editor and run "Debate Selection".', label.label) };
    }
    // Not read at all when its size alone refuses it.
    if (stat.size > MAX_FILE_MATERIAL_BYTES) return { ok: false, message: fileTooLargeMessage(label.label, stat.size) };
    const result = fileBytesExcerpt(label.label, await vscode.workspace.fs.readFile(uri));
    return result.ok ? { ok: true, material: { excerpts: [result.excerpt] }, label } : result;
  } catch (error) {
    return { ok: false, message: vscode.l10n.t('{0} could not be read: {1}', label.label, error instanceof Error ? error.message : String(error)) };
  }
}
