// "Export Decision Record" wired to VS Code: the palette command (with a debate id or a Debates
// view item as argument; without one it asks which debate), the exporter every debate panel
// uses, and VS Code's dialogs, progress notification, editor and workspace.fs behind them.
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { JudgeChoice } from '../judge/panel-judge';
import { escapeIcons, debateChoice, type Choice } from '../library/command-rules';
import { isDebateNode } from '../library/debates-tree';
import type { LibraryAccess } from '../library/library-access';
import type { ModelListing } from '../models/model-catalog';
import { SETTINGS_SECTION } from '../settings';
import { JUDGE_MODEL_SETTING } from '../judge/judge-choice';
import { exportDecisionRecord, type DecisionRecordDeps, type RecordUi } from './export-record';
import type { DecisionRecordExporter } from './panel-decision-record';
import { recordableDebates } from './record-choices';
import { writeRecordInWorkspace } from './workspace-record-folder';

export const EXPORT_DECISION_RECORD_COMMAND = 'talkingModels.exportDecisionRecord';
export const DECISION_RECORDS_FOLDER_SETTING = 'decisionRecordsFolder';

export interface DecisionRecordsDeps {
  access: LibraryAccess;
  /** The configured host's installed models, and (as written) another host's. */
  listModels(): Promise<ModelListing>;
  listHostModels(host: string): Promise<ModelListing>;
  judgeChoice: JudgeChoice;
  /** The Pull Ollama Model command (without a name it asks for one). */
  pullModel(model?: string): Promise<void>;
  log: vscode.LogOutputChannel;
}

function setting(name: string): string {
  const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>(name);
  return typeof value === 'string' ? value : '';
}

function describe(location: vscode.Uri): string {
  return location.scheme === 'file' ? location.fsPath : location.toString(true);
}

async function pick<T>(choices: Choice<T>[], options: { title: string; placeholder: string }): Promise<Choice<T> | undefined> {
  const items = choices.map((choice) => ({
    label: escapeIcons(choice.label),
    ...(choice.description !== undefined && { description: escapeIcons(choice.description) }),
    choice,
  }));
  return (await vscode.window.showQuickPick(items, { title: options.title, placeHolder: options.placeholder, matchOnDescription: true }))?.choice;
}

const ui: RecordUi<vscode.Uri> = {
  pick,
  askFolder: async () =>
    (await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      defaultUri: vscode.Uri.file(homedir()),
      openLabel: vscode.l10n.t('Write the Record Here'),
      title: vscode.l10n.t('Folder for the Decision Record'),
    }))?.[0],
  info: async (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  error: async (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
  withProgress: async (title, task) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
      const abort = new AbortController();
      const cancellation = token.onCancellationRequested(() => abort.abort());
      try {
        return await task(abort.signal);
      } finally {
        cancellation.dispose();
      }
    }),
  // Beside: a panel that asked for the record stays in view, its notice saying where.
  open: async (location) => {
    await vscode.window.showTextDocument(location, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  },
  reveal: async (location) => {
    await vscode.commands.executeCommand('revealInExplorer', location);
  },
  describe,
};

/** The debate to export: the argument (an id or a Debates view item), else the one picked from the library; undefined when none. */
async function debateToExport(deps: DecisionRecordsDeps, argument: unknown): Promise<string | undefined> {
  if (typeof argument === 'string' && argument !== '') return argument;
  if (isDebateNode(argument)) return argument.id;
  const opening = await deps.access.open();
  if (!opening.ok) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Talking Models: {0}', opening.message));
    return undefined;
  }
  const debates = recordableDebates(opening.library.store.library.list());
  if (debates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Talking Models: no debate in the library can have a decision record yet: finish a debate first.'));
    return undefined;
  }
  const picked = await pick(debates.map(debateChoice), {
    title: vscode.l10n.t('Export Decision Record'),
    placeholder: vscode.l10n.t('The debate whose decision to record'),
  });
  return picked?.value;
}

/**
 * Registers the command `talkingModels.exportDecisionRecord` (it resolves to the record's
 * path, or undefined when none was written) and returns the exporter the panels use.
 */
export function registerDecisionRecords(context: vscode.ExtensionContext, deps: DecisionRecordsDeps): DecisionRecordExporter {
  const flow: DecisionRecordDeps<vscode.Uri> = {
    library: deps.access,
    listModels: (host) => (host === undefined ? deps.listModels() : deps.listHostModels(host)),
    judgeSetting: () => setting(JUDGE_MODEL_SETTING),
    proposedJudge: () => deps.judgeChoice.remembered(),
    folderSetting: () => setting(DECISION_RECORDS_FOLDER_SETTING),
    locations: {
      get workspaceFolders() {
        return (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri);
      },
      home: vscode.Uri.file(homedir()),
      joinPath: (base, ...segments) => vscode.Uri.joinPath(base, ...segments),
      // An absolute folder is on the workspace's own file system (remote, virtual), else on this machine's.
      file: (absolutePath) => vscode.workspace.workspaceFolders?.[0]?.uri.with({ path: vscode.Uri.file(absolutePath).path }) ?? vscode.Uri.file(absolutePath),
      isAbsolute: (candidate) => path.isAbsolute(candidate) || path.posix.isAbsolute(candidate),
    },
    write: writeRecordInWorkspace,
    ui,
    pullModel: deps.pullModel,
    log: deps.log,
  };
  const run = async (id: string): Promise<string | undefined> => {
    const outcome = await exportDecisionRecord(flow, id, () => void run(id));
    return outcome.kind === 'written' ? describe(outcome.location) : undefined;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(EXPORT_DECISION_RECORD_COMMAND, async (argument?: unknown) => {
      const id = await debateToExport(deps, argument);
      return id === undefined ? undefined : run(id);
    }),
  );
  return {
    export: async (debateId, again) => {
      const outcome = await exportDecisionRecord(flow, debateId, again);
      if (outcome.kind !== 'written') return outcome;
      const { location } = outcome;
      return { kind: 'written', location: describe(location), open: () => ui.open(location) };
    },
  };
}
