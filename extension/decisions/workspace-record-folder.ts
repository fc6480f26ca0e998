// Writing a decision record through VS Code's workspace.fs (so remote and virtual workspaces
// work): the folder made if missing, the record placed by engine/adr/place-record.ts. workspace.fs
// has no exclusive create, so each record is first written whole under a hidden name no record
// has, then renamed without overwrite: an existing record is never replaced (a rename refused, or
// the name found taken, moves on to the next number), and a write that fails (a full disk) is
// deleted, leaving nothing half-written.
import * as vscode from 'vscode';
import { placeDecisionRecord, type RecordFolder } from '../../engine/adr/place-record';

function fileSystemError(error: unknown, code: 'FileNotFound' | 'FileExists'): boolean {
  return error instanceof vscode.FileSystemError && error.code === code;
}

async function exists(location: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(location);
    return true;
  } catch (error) {
    if (fileSystemError(error, 'FileNotFound')) return false;
    throw error;
  }
}

/** A name beside `name` that no record (nor another writer's draft) has: hidden, not NNNN-*.md. */
function draftName(name: string): string {
  return `.${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.partial`;
}

function workspaceRecordFolder(folder: vscode.Uri): RecordFolder {
  const { fs } = vscode.workspace;
  return {
    names: async () => (await fs.readDirectory(folder)).map(([name]) => name),
    createNew: async (name, content) => {
      const target = vscode.Uri.joinPath(folder, name);
      if (await exists(target)) return 'taken';
      const draft = vscode.Uri.joinPath(folder, draftName(name));
      try {
        await fs.writeFile(draft, new TextEncoder().encode(content));
        await fs.rename(draft, target, { overwrite: false });
        return 'created';
      } catch (error) {
        await Promise.resolve(fs.delete(draft)).catch(() => undefined);
        // Taken meanwhile by another writer: the rename says so, or the name is there now.
        if (fileSystemError(error, 'FileExists') || (await exists(target).catch(() => false))) return 'taken';
        throw error;
      }
    },
  };
}

/** Writes `content` as the next record of `folder` named after `title`; its location. Throws the file system's error. */
export async function writeRecordInWorkspace(folder: vscode.Uri, title: string, content: string): Promise<vscode.Uri> {
  await vscode.workspace.fs.createDirectory(folder);
  return vscode.Uri.joinPath(folder, await placeDecisionRecord(workspaceRecordFolder(folder), title, content));
}
