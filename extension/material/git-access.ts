// The diff of uncommitted changes through VS Code's built-in Git extension (its API, version 1:
// extensions/git/src/api/git.d.ts, of which only what is used here is typed). The repository is
// the one holding the active file, else the only one, else the person picks; what can't be read
// (a virtual or untrusted workspace, no Git extension, Git off, no repository) says why.
import * as vscode from 'vscode';
import { chooseRepository, type DiffKind, type GitUnavailable } from './git-diff-material';

interface GitChange {
  readonly uri: vscode.Uri;
}

interface GitRepository {
  readonly rootUri: vscode.Uri;
  /** `git diff` (cached: `git diff --cached`). */
  diff(cached?: boolean): Promise<string>;
  diffWith(ref: string): Promise<GitChange[]>;
  /** `git diff <ref> -- <path>`. */
  diffWith(ref: string, path: string): Promise<string>;
}

interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly repositories: GitRepository[];
  /** Opens the repository at `root` (null when it is none): for one Git has not found by itself. */
  openRepository(root: vscode.Uri): Promise<GitRepository | null>;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** How long to wait for the Git extension to find the workspace's repositories. */
const GIT_READY_MS = 5_000;

export type RepositoryDiff = { ok: true; text: string; name: string } | { ok: false; problem: GitUnavailable } | { ok: 'cancelled' };

/** Resolves when `event` fires or after `ms`, whichever is first. */
function eventOrTimeout<T>(event: vscode.Event<T>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(finish, ms);
    const subscription = event(finish);
    function finish(): void {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    }
  });
}

/** Why the workspace can't have a local repository (virtual, untrusted), before asking Git. */
function workspaceProblem(): GitUnavailable | null {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const first = folders[0];
  if (first !== undefined && folders.every((folder) => folder.uri.scheme !== 'file')) return { kind: 'virtual', scheme: first.uri.scheme };
  if (!vscode.workspace.isTrusted) return { kind: 'untrusted' };
  return null;
}

async function gitApi(): Promise<{ ok: true; api: GitApi } | { ok: false; problem: GitUnavailable }> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (extension === undefined) return { ok: false, problem: { kind: 'no-extension' } };
  let exports: GitExtension;
  try {
    exports = extension.isActive ? extension.exports : await extension.activate();
  } catch {
    return { ok: false, problem: { kind: 'no-extension' } };
  }
  if (!exports.enabled) return { ok: false, problem: { kind: 'disabled' } };
  const api = exports.getAPI(1);
  if (api.state === 'uninitialized') await eventOrTimeout(api.onDidChangeState, GIT_READY_MS);
  // Just after start-up Git may still be finding the folders' repositories.
  if (api.repositories.length === 0) await eventOrTimeout(api.onDidOpenRepository, GIT_READY_MS);
  // Still none (a repository created since, or automatic detection off): ask Git about each folder.
  if (api.repositories.length === 0) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) await api.openRepository(folder.uri).catch(() => null);
  }
  return { ok: true, api };
}

function repositoryName(repository: GitRepository): string {
  return vscode.workspace.getWorkspaceFolder(repository.rootUri)?.name ?? repository.rootUri.path.split('/').filter((part) => part !== '').pop() ?? repository.rootUri.path;
}

async function pickRepository(repositories: GitRepository[]): Promise<GitRepository | undefined> {
  const picked = await vscode.window.showQuickPick(
    repositories.map((repository) => ({ label: repositoryName(repository), description: vscode.workspace.asRelativePath(repository.rootUri, true), repository })),
    { title: vscode.l10n.t('Debate Uncommitted Changes'), placeHolder: vscode.l10n.t('Which repository\'s changes?') },
  );
  return picked?.repository;
}

/** The working tree against HEAD: `git diff HEAD` file by file (the API gives the whole diff only against the index). */
async function workingTreeDiff(repository: GitRepository): Promise<string> {
  const changes = await repository.diffWith('HEAD');
  const parts: string[] = [];
  for (const change of changes) {
    const part = await repository.diffWith('HEAD', change.uri.fsPath);
    if (part.trim() !== '') parts.push(part.endsWith('\n') ? part : `${part}\n`);
  }
  return parts.join('');
}

/** The diff of `kind` in the repository the person means, or why there is none. */
export async function readRepositoryDiff(kind: DiffKind, activeFile: vscode.Uri | undefined): Promise<RepositoryDiff> {
  const problem = workspaceProblem();
  if (problem !== null) return { ok: false, problem };
  const access = await gitApi();
  if (!access.ok) return access;
  const repositories = access.api.repositories;
  const chosen = chooseRepository(repositories.map((repository) => ({ rootPath: repository.rootUri.path, name: repositoryName(repository) })), activeFile?.path ?? null);
  if (chosen === null) return { ok: false, problem: { kind: 'no-repository' } };
  const repository = chosen === 'ask' ? await pickRepository(repositories) : repositories[chosen];
  if (repository === undefined) return { ok: 'cancelled' };
  try {
    const text = kind === 'staged' ? await repository.diff(true) : await workingTreeDiff(repository);
    return { ok: true, text, name: repositoryName(repository) };
  } catch (error) {
    return { ok: false, problem: { kind: 'failed', reason: error instanceof Error ? error.message : String(error) } };
  }
}
