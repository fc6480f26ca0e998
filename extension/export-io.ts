// The VS Code side of exporting: the save dialog, workspace.fs and the editor.
import * as path from 'node:path';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { exportTranscript, type ExportIo, type ExportSubject } from './export';

/** Shows a markdown file beside the panel (the panel stays in view), as a kept tab rather than a preview. */
async function showBeside(uri: vscode.Uri): Promise<void> {
  await vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.Beside });
}

function vscodeExportIo(): ExportIo<vscode.Uri> {
  return {
    locations: {
      workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri),
      home: vscode.Uri.file(os.homedir()),
      joinPath: (base, ...segments) => vscode.Uri.joinPath(base, ...segments),
      file: (absolutePath) => vscode.Uri.file(absolutePath),
      isAbsolute: (candidate) => path.isAbsolute(candidate),
    },
    askSaveLocation: async (defaultUri) =>
      vscode.window.showSaveDialog({
        defaultUri,
        filters: { Markdown: ['md'] },
        saveLabel: vscode.l10n.t('Export'),
        title: vscode.l10n.t('Export Debate Transcript to Markdown'),
      }),
    exists: async (uri) => {
      try {
        await vscode.workspace.fs.stat(uri);
        return true;
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return false;
        throw error;
      }
    },
    confirmReplace: async (uri) => {
      const replace = vscode.l10n.t('Replace');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} already exists. Replace it?', path.basename(uri.path)),
        { modal: true, detail: uri.fsPath },
        replace,
      );
      return choice === replace;
    },
    writeFile: async (uri, content) => vscode.workspace.fs.writeFile(uri, content),
    open: showBeside,
    info: (message) => void vscode.window.showInformationMessage(message),
  };
}

/**
 * Exports with a save dialog, or straight to `target` when the caller already chose the file
 * (the export command's argument); an existing file is still only replaced after asking.
 * `subject.previous` is a file-system path. Resolves to the file's path, or undefined when
 * nothing was written.
 */
export async function exportTranscriptToMarkdown(
  subject: ExportSubject<string>,
  exportFolderSetting: string,
  target?: vscode.Uri,
): Promise<string | undefined> {
  const { previous, ...rest } = subject;
  const located = previous === undefined ? rest : { ...rest, previous: vscode.Uri.file(previous) };
  const outcome = await exportTranscript(located, exportFolderSetting, vscodeExportIo(), { target });
  return outcome.kind === 'written' ? outcome.location.fsPath : undefined;
}

/** Opens an exported file again (the panel's "Saved to" link), beside the panel. */
export function openExportedFile(path: string): Promise<void> {
  return showBeside(vscode.Uri.file(path));
}
