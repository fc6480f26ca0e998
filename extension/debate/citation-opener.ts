// Opens the file a reply cites, beside the debate, with the cited lines selected: the path
// (checked against the debate's material by the panel) is looked up in the workspace folders
// (citation-location.ts), read through VS Code (workspace.fs), and shown. A file that is gone
// or can't be read says so in a notification; the transcript is never touched.
import * as vscode from 'vscode';
import type { CitationTarget } from '../contract/citation-rules';
import { errorMessage, type Logger } from '../log';
import { citationLocations, linesInFile } from './citation-location';

/** The first of `candidates` that is a file (a folder or nothing there is skipped). */
async function firstFile(candidates: readonly vscode.Uri[]): Promise<vscode.Uri | null> {
  for (const uri of candidates) {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if ((stat.type & vscode.FileType.File) !== 0) return uri;
    } catch {
      // Not there: try the next folder.
    }
  }
  return null;
}

function cited(target: CitationTarget): string {
  return target.startLine === target.endLine ? `${target.path}:${target.startLine}` : `${target.path}:${target.startLine}-${target.endLine}`;
}

/** Shows `target`'s file beside the panel with its lines selected and in view; says why not when it can't. */
export async function openCitation(target: CitationTarget, log: Logger): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    log.warn(`Could not open ${cited(target)}: no folder is open.`);
    void vscode.window.showWarningMessage(vscode.l10n.t('Open the folder the debate is about to open {0}.', cited(target)));
    return;
  }
  const uri = await firstFile(citationLocations(target.path, folders).map(({ folder, segments }) => vscode.Uri.joinPath(folders[folder]!.uri, ...segments)));
  if (uri === null) {
    log.warn(`Could not open ${cited(target)}: no such file in the workspace.`);
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is no longer in the workspace: it was moved or deleted since the debate.', target.path));
    return;
  }
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    log.error(`Could not read ${uri.toString()}: ${errorMessage(error)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} could not be read: {1}', target.path, errorMessage(error)));
    return;
  }
  const lines = linesInFile(target, document.lineCount);
  const selection = new vscode.Range(lines.startLine - 1, 0, lines.endLine - 1, document.lineAt(lines.endLine - 1).range.end.character);
  await vscode.window.showTextDocument(document, { selection, preview: true, viewColumn: vscode.ViewColumn.Beside });
  if (lines.cut) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} has {1} lines now: it changed since the debate, so the lines shown may differ from those cited.', target.path, document.lineCount),
    );
  }
}
