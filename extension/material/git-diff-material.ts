// Uncommitted changes as material: which diff (the working tree against HEAD, or the index
// only), which repository, and in words a person can act on why there is none to read. Pure:
// git-access.ts asks VS Code's Git extension.
import { diffFiles } from '../../engine/material/diff-lines';
import type { DebateMaterial, MaterialDiff } from '../../engine/types';
import * as l10n from '../contract/l10n';
import { formatSize, MAX_FILE_MATERIAL_BYTES } from './file-material';

export type DiffKind = MaterialDiff['kind'];

/** The quick pick's choices, working tree first (what "uncommitted" means to most). */
export function diffChoices(): { diffKind: DiffKind; label: string; detail: string }[] {
  return [
    { diffKind: 'working-tree', label: l10n.t('Staged and unstaged (working tree against HEAD)'), detail: 'git diff HEAD' },
    { diffKind: 'staged', label: l10n.t('Staged only'), detail: 'git diff --cached' },
  ];
}

/** Why no diff can be read, each with its own way out. */
export type GitUnavailable =
  | { kind: 'untrusted' }
  | { kind: 'virtual'; scheme: string }
  | { kind: 'no-extension' }
  | { kind: 'disabled' }
  | { kind: 'no-repository' }
  | { kind: 'failed'; reason: string };

const EDITOR_COMMANDS_WORK = (): string => l10n.t('"Debate Selection" and "Debate This File" still work from the editor\'s text.');

export function gitUnavailableMessage(problem: GitUnavailable): string {
  switch (problem.kind) {
    case 'untrusted':
      return l10n.t('Debate Uncommitted Changes reads the diff through VS Code\'s Git extension, which is disabled in an untrusted workspace (Restricted Mode). Trust the workspace to use it; {0}', EDITOR_COMMANDS_WORK());
    case 'virtual':
      return l10n.t('This workspace is virtual ({0}): there is no local Git repository to read uncommitted changes from. {1}', problem.scheme, EDITOR_COMMANDS_WORK());
    case 'no-extension':
      return l10n.t('VS Code\'s built-in Git extension (vscode.git) is missing or disabled: enable it in the Extensions view to debate uncommitted changes. {0}', EDITOR_COMMANDS_WORK());
    case 'disabled':
      return l10n.t('Git is turned off in VS Code (setting git.enabled): turn it on to debate uncommitted changes. {0}', EDITOR_COMMANDS_WORK());
    case 'no-repository':
      return l10n.t('No Git repository is open in this workspace: open a folder that is a Git repository (or run "Git: Initialize Repository"). {0}', EDITOR_COMMANDS_WORK());
    case 'failed':
      return l10n.t('Git could not give the uncommitted changes: {0}', problem.reason);
  }
}

/** A repository as the choice needs it: its root's URI path and name (the folder's). */
export interface RepositoryRef {
  rootPath: string;
  name: string;
}

/**
 * Which repository to read: the one holding the active file, else the only one; null when none
 * is open, 'ask' when several are and the active file is in none of them.
 */
export function chooseRepository(repositories: readonly RepositoryRef[], activeFilePath: string | null): number | 'ask' | null {
  if (repositories.length === 0) return null;
  if (activeFilePath !== null) {
    let best = -1;
    repositories.forEach((repository, index) => {
      const root = repository.rootPath.replace(/\/+$/, '');
      if (activeFilePath.startsWith(`${root}/`) && (best === -1 || root.length > repositories[best]!.rootPath.replace(/\/+$/, '').length)) best = index;
    });
    if (best !== -1) return best;
  }
  return repositories.length === 1 ? 0 : 'ask';
}

export type DiffMaterialResult = { ok: true; material: DebateMaterial; files: string[] } | { ok: false; message: string };

/** The diff read from repository `name` as material, or that there are no changes to debate. */
export function diffMaterial(kind: DiffKind, text: string, name: string): DiffMaterialResult {
  if (text.trim() === '') {
    return { ok: false, message: kind === 'staged' ? l10n.t('No staged changes in {0}.', name) : l10n.t('No uncommitted changes in {0}.', name) };
  }
  const size = new TextEncoder().encode(text).byteLength;
  if (size > MAX_FILE_MATERIAL_BYTES) {
    return { ok: false, message: l10n.t('The diff of {0} is {1}: too large to send, and it would not fit a speaker\'s context window. Stage part of the changes and choose "Staged only", or debate a selection.', name, formatSize(size)) };
  }
  const normalized = text.endsWith('\n') ? text : `${text}\n`;
  return { ok: true, material: { diff: { kind, text: normalized } }, files: diffFiles(normalized) };
}
