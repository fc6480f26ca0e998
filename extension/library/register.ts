// The Debates view, wired to VS Code: the tree, its commands and menus' handlers, the search
// pick list, the filter, and what keeps the tree current (library changes made here, a file
// watcher on the library folder for the CLI and other windows, and the window regaining
// focus). One entry point, registerLibraryView, called once from activate().
import { existsSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEBATES_CONTEXT, DEBATES_VIEW_ID, LIBRARY_COMMANDS } from '../commands';
import { exportFolder } from '../export';
import { errorMessage } from '../log';
import { escapeIcons, revealInOsLabel, type Choice } from './command-rules';
import type { DebatePanels } from './debate-panels';
import { DebatesTreeProvider, isDebateNode, type DebatesTreeNode, type LoadedLibrary } from './debates-tree';
import type { LibraryAccess } from './library-access';
import { judgeDebateFromView } from './judge-action';
import { LibraryActions, type ExportFormat, type LibraryUi } from './library-actions';
import type { JudgeChoice } from '../judge/panel-judge';
import type { ModelListing } from '../models/model-catalog';
import { filterMessage, oneLine, type Self } from './tree-rules';
import type { Tone } from '../../engine/types';

export interface LibraryViewDeps {
  access: LibraryAccess;
  panels: DebatePanels;
  log: vscode.LogOutputChannel;
  /** `talkingModels.exportFolder` as written (workspace-relative or absolute; '' = the workspace). */
  exportFolder(): string;
  /** Every tone a speaker may take now (built-in and from the settings). */
  tones(): Tone[];
  /** The configured host's installed models (Judge Debate… picks among them). */
  listModels(): Promise<ModelListing>;
  judgeChoice: JudgeChoice;
  /** The Pull Ollama Model command (without a name it asks for one). */
  pullModel(model?: string): Promise<void>;
}

/** Quiet time after a burst of file events (a running debate rewrites meta.json at each turn) before the tree is read again. */
const WATCH_REFRESH_DELAY_MS = 300;
const CHANGE_REFRESH_DELAY_MS = 100;
const SEARCH_DELAY_MS = 150;

/** The file dialogs and messages of the commands, as VS Code shows them. */
function vscodeLibraryUi(deps: LibraryViewDeps, revealInTree: (id: string) => Promise<void>): LibraryUi<vscode.Uri> {
  const jsonFilters = { [vscode.l10n.t('Debate JSON')]: ['json'] };
  const folder = (): vscode.Uri =>
    exportFolder(deps.exportFolder(), {
      workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((workspaceFolder) => workspaceFolder.uri),
      home: vscode.Uri.file(homedir()),
      joinPath: (base, ...segments) => vscode.Uri.joinPath(base, ...segments),
      file: (absolutePath) => vscode.Uri.file(absolutePath),
      isAbsolute: (candidate) => path.isAbsolute(candidate),
    });
  return {
    pick: async <T>(choices: Choice<T>[], options: { title: string; placeholder: string }) => {
      const items = choices.map((choice) => ({
        label: escapeIcons(choice.label),
        ...(choice.description !== undefined && { description: escapeIcons(choice.description) }),
        ...(choice.detail !== undefined && { detail: escapeIcons(choice.detail) }),
        choice,
      }));
      const picked = await vscode.window.showQuickPick(items, {
        title: options.title,
        placeHolder: options.placeholder,
        matchOnDescription: true,
      });
      return picked?.choice;
    },
    input: async (options) =>
      vscode.window.showInputBox({ title: options.title, prompt: options.prompt, value: options.value }),
    confirm: async (question, action) =>
      (await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, action)) === action,
    info: async (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
    error: async (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
    exportFolder: folder,
    joinPath: (base, name) => vscode.Uri.joinPath(base, name),
    exists: async (location) => {
      try {
        await vscode.workspace.fs.stat(location);
        return true;
      } catch (error) {
        if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return false;
        throw error;
      }
    },
    askSaveLocation: async (proposed, format: ExportFormat) =>
      vscode.window.showSaveDialog({
        defaultUri: proposed,
        filters: format === 'json' ? jsonFilters : { [vscode.l10n.t('Markdown')]: ['md'] },
        saveLabel: vscode.l10n.t('Export'),
        title: format === 'json' ? vscode.l10n.t('Export Debate as JSON') : vscode.l10n.t('Export Debate as Markdown'),
      }),
    writeFile: async (location, text) => vscode.workspace.fs.writeFile(location, new TextEncoder().encode(text)),
    askImportFile: async () => {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        canSelectFolders: false,
        defaultUri: folder(),
        filters: { ...jsonFilters, [vscode.l10n.t('All files')]: ['*'] },
        openLabel: vscode.l10n.t('Import'),
        title: vscode.l10n.t('Import Debate from JSON'),
      });
      return picked?.[0];
    },
    readFile: async (location) => {
      const bytes = await vscode.workspace.fs.readFile(location);
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new Error(vscode.l10n.t('it is not UTF-8 text, so it is not a debate JSON file'));
      }
    },
    describe: (location) => (location.scheme === 'file' ? location.fsPath : location.toString(true)),
    openFile: async (location) => {
      await vscode.window.showTextDocument(location, { preview: false });
    },
    revealInOs: async (debateFolder) => {
      await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(debateFolder));
    },
    revealInOsLabel: revealInOsLabel(process.platform),
    revealInTree,
  };
}

/**
 * Registers the Debates view (`talkingModels.debates`), its commands and what keeps it
 * current; every disposable goes to `context.subscriptions`. The library is opened (and the
 * engine loaded) only when the view is first shown or a command runs.
 */
export function registerLibraryView(context: vscode.ExtensionContext, deps: LibraryViewDeps): void {
  const { access, panels, log } = deps;
  const self: Self = { pid: process.pid, hostname: hostname() };
  const provider = new DebatesTreeProvider(
    async (filter): Promise<LoadedLibrary> => {
      const opening = await access.open();
      if (!opening.ok) return { ok: false, message: opening.message };
      const { store } = opening.library;
      const entries = store.library.list();
      // The filter matches as Search does: summary fields and what was said.
      const only = filter === '' ? null : new Set(store.library.search(filter, (id) => store.turnText(id)).map((hit) => hit.id));
      return { ok: true, entries, only, folder: store.folder };
    },
    log,
    self,
  );
  const view = vscode.window.createTreeView<DebatesTreeNode>(DEBATES_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });

  // Refreshing a hidden view would read the library for nothing: it is marked stale and read when shown.
  let stale = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const requestRefresh = (delayMs: number): void => {
    if (!view.visible) {
      stale = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => provider.refresh(), delayMs);
  };

  const setFilter = (text: string): void => {
    provider.setFilter(oneLine(text));
    void vscode.commands.executeCommand('setContext', DEBATES_CONTEXT.filtered, provider.filter !== '');
    view.description = provider.filter === '' ? undefined : vscode.l10n.t('Filter: {0}', provider.filter);
    if (provider.filter === '') view.message = undefined;
  };

  const revealInTree = async (id: string): Promise<void> => {
    provider.refresh();
    let node = await provider.find(id);
    if (node === undefined && provider.filter !== '') {
      setFilter('');
      node = await provider.find(id);
    }
    if (node === undefined) return;
    try {
      await view.reveal(node, { select: true, focus: true, expand: true });
    } catch (error) {
      log.warn(`Could not show debate ${id} in the Debates view: ${errorMessage(error)}`);
    }
  };

  const ui = vscodeLibraryUi(deps, revealInTree);
  const ready = new LibraryActions<vscode.Uri>({ access, panels, ui, log, self, tones: deps.tones });

  // The library folder's debates, watched so debates run in the CLI or another window show up.
  // The pattern's base is the folder as a file Uri: that works outside the workspace too.
  let watched: { folder: string; existed: boolean; watcher: vscode.FileSystemWatcher } | null = null;
  const watch = (folder: string): void => {
    const exists = existsSync(folder);
    // A watcher made before the folder existed may miss it appearing: made again once it does.
    if (watched !== null && watched.folder === folder && (watched.existed || !exists)) return;
    watched?.watcher.dispose();
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '{*,*/meta.json}'));
    const onEvent = (): void => requestRefresh(WATCH_REFRESH_DELAY_MS);
    watcher.onDidCreate(onEvent);
    watcher.onDidChange(onEvent);
    watcher.onDidDelete(onEvent);
    watched = { folder, existed: exists, watcher };
  };

  /** The debate an item command acts on: its argument (a tree node or an id), else the view's selection. */
  const debateIdOf = (argument: unknown): string | undefined => {
    if (typeof argument === 'string' && argument !== '') return argument;
    if (isDebateNode(argument)) return argument.id;
    const selected = view.selection.find(isDebateNode);
    if (selected !== undefined) return selected.id;
    void vscode.window.showInformationMessage(vscode.l10n.t('Select a debate in the Debates view first.'));
    return undefined;
  };
  const onDebate = (command: string, action: (id: string) => Promise<void>): vscode.Disposable =>
    vscode.commands.registerCommand(command, async (argument?: unknown) => {
      const id = debateIdOf(argument);
      if (id !== undefined) await action(id);
    });

  const searchDebates = (): void => {
    type Item = vscode.QuickPickItem & { id?: string };
    const pick = vscode.window.createQuickPick<Item>();
    const filterButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('filter'), tooltip: vscode.l10n.t('Show the matches in the Debates view') };
    pick.title = vscode.l10n.t('Search Debates');
    pick.placeholder = vscode.l10n.t('Words from a topic, title, speaker, model, tone, or from what was said');
    pick.buttons = [filterButton];
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    let searchTimer: ReturnType<typeof setTimeout> | undefined;
    let latest = 0;
    const search = (query: string): void => {
      clearTimeout(searchTimer);
      const asked = ++latest;
      if (query.trim() === '') {
        pick.items = [];
        pick.busy = false;
        return;
      }
      pick.busy = true;
      searchTimer = setTimeout(() => {
        void (async () => {
          let items: Item[];
          try {
            const { choices, total } = await ready.search(query);
            // Results come from the library, not from VS Code's fuzzy match of the labels: always shown.
            items = choices.map((choice) => ({
              label: escapeIcons(choice.label),
              ...(choice.description !== undefined && { description: escapeIcons(choice.description) }),
              ...(choice.detail !== undefined && { detail: escapeIcons(choice.detail) }),
              alwaysShow: true,
              id: choice.value,
            }));
            if (total === 0) items = [{ label: vscode.l10n.t('No debate matches'), detail: vscode.l10n.t('Search looks in titles, topics, speakers, models, tones and what was said.'), alwaysShow: true }];
            else if (total > choices.length) items.push({ label: vscode.l10n.t('{0} more not shown', total - choices.length), detail: vscode.l10n.t('Add words to narrow the search.'), alwaysShow: true });
          } catch (error) {
            const message = vscode.l10n.t('Search failed: {0}', errorMessage(error));
            log.error(message);
            items = [{ label: message, alwaysShow: true }];
          }
          if (asked !== latest) return;
          pick.items = items;
          pick.busy = false;
        })();
      }, SEARCH_DELAY_MS);
    };
    pick.onDidChangeValue(search);
    pick.onDidAccept(() => {
      const id = pick.selectedItems[0]?.id;
      if (id === undefined) return;
      pick.hide();
      void ready.open(id);
    });
    pick.onDidTriggerButton(() => {
      setFilter(pick.value);
      pick.hide();
      void vscode.commands.executeCommand(`${DEBATES_VIEW_ID}.focus`);
    });
    pick.onDidHide(() => {
      clearTimeout(searchTimer);
      pick.dispose();
    });
    pick.show();
  };

  const filterDebates = async (): Promise<void> => {
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter Debates'),
      prompt: vscode.l10n.t('Show only the debates whose title, topic, speakers, models, tones or text contain this. Empty: show all.'),
      value: provider.filter,
      placeHolder: vscode.l10n.t('e.g. llama3.2 or sandwich'),
    });
    if (text !== undefined) setFilter(text);
  };

  context.subscriptions.push(
    provider,
    view,
    { dispose: () => clearTimeout(timer) },
    { dispose: () => watched?.watcher.dispose() },
    provider.onDidLoad((loaded) => {
      if (!loaded.ok) return;
      view.message = filterMessage(provider.filter, loaded.tree);
      watch(loaded.folder);
    }),
    view.onDidChangeVisibility((event) => {
      if (event.visible && stale) {
        stale = false;
        provider.refresh();
      }
    }),
    access.onDidChange(() => requestRefresh(CHANGE_REFRESH_DELAY_MS)),
    // Cheap, and catches what a watcher can miss (network folders, a debate run in a terminal meanwhile).
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) requestRefresh(0);
    }),
    onDebate(LIBRARY_COMMANDS.openDebate, (id) => ready.open(id)),
    onDebate(LIBRARY_COMMANDS.continueDebate, (id) => ready.continue(id)),
    onDebate(LIBRARY_COMMANDS.branchDebate, (id) => ready.branch(id)),
    onDebate(LIBRARY_COMMANDS.renameDebate, (id) => ready.rename(id)),
    onDebate(LIBRARY_COMMANDS.exportDebateMarkdown, (id) => ready.export(id, 'markdown')),
    onDebate(LIBRARY_COMMANDS.exportDebateJson, (id) => ready.export(id, 'json')),
    onDebate(LIBRARY_COMMANDS.deleteDebate, (id) => ready.delete(id)),
    onDebate(LIBRARY_COMMANDS.judgeDebate, async (id) => {
      await judgeDebateFromView({
        panels,
        listModels: deps.listModels,
        choice: deps.judgeChoice,
        ui,
        withProgress: (title, task) =>
          Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
            const abort = new AbortController();
            const cancellation = token.onCancellationRequested(() => abort.abort());
            try {
              return await task((message) => progress.report({ message }), abort.signal);
            } finally {
              cancellation.dispose();
            }
          })),
        pullModel: deps.pullModel,
        log,
      }, id);
    }),
    onDebate(LIBRARY_COMMANDS.revealDebate, (id) => ready.revealInOs(id)),
    onDebate(LIBRARY_COMMANDS.revealDebateMac, (id) => ready.revealInOs(id)),
    onDebate(LIBRARY_COMMANDS.revealDebateLinux, (id) => ready.revealInOs(id)),
    vscode.commands.registerCommand(LIBRARY_COMMANDS.searchDebates, searchDebates),
    vscode.commands.registerCommand(LIBRARY_COMMANDS.filterDebates, filterDebates),
    vscode.commands.registerCommand(LIBRARY_COMMANDS.clearDebatesFilter, () => setFilter('')),
    vscode.commands.registerCommand(LIBRARY_COMMANDS.importDebate, () => ready.importJson()),
    vscode.commands.registerCommand(LIBRARY_COMMANDS.refreshDebates, () => provider.refresh()),
  );
  void vscode.commands.executeCommand('setContext', DEBATES_CONTEXT.filtered, false);
}
