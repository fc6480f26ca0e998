// Entry point: registers the commands, the panel serializer, the Debates view and the
// settings listener, around the one debate library the panels and the view share.
// Activation stays light; the engine (LangGraph, Ollama clients) and the library load
// the first time a panel, the view or a command needs them.
import * as vscode from 'vscode';
import { COMMANDS } from './commands';
import { debateRequestSchema } from './contract/protocol';
import { registerDebateView, showDebateView } from './debate/debate-view-provider';
import { DEBATE_VIEW_TYPE, PanelRegistry } from './debate/panel-registry';
import { engineAccessor, withSpeakerBackends, type DebateEngine } from './engine-access';
import type { ExportSubject } from './export';
import { exportTranscriptToMarkdown } from './export-io';
import { LibraryAccess } from './library/library-access';
import { registerLibraryView } from './library/register';
import { registerLeaderboard } from './leaderboard/register';
import { ModelCatalog } from './models/model-catalog';
import { pullModelCommand } from './models/pull-command';
import { ModelPulls } from './models/pulls';
import { registerOllamaStatus } from './status/status-bar';
import { customTonesFrom, SETTINGS_SECTION, unknownDefaultTones, unknownDefaultTonesMessage } from './settings';
import { currentSettings } from './vscode-settings';
import { exampleDebateForm } from './walkthrough/example-debate';
import { vscodeJudgeChoice } from './judge/judge-choice';
import { registerWalkthrough } from './walkthrough/register';
import { registerPersonas } from './personas/register';
import { registerDebateParticipant } from './chat/debate-participant';
import { registerDecisionRecords } from './decisions/register';
import { allTones } from '../engine/tones';
import { useBundle } from './contract/l10n';
import { registerMaterialCommands } from './material/material-commands';
import { LanguageModelBackend } from './language-models/lm-backend';

export function activate(context: vscode.ExtensionContext): void {
  // The modules kept free of VS Code translate through contract/l10n: give it VS Code's bundle.
  useBundle(vscode.l10n.bundle ?? {});
  const log = vscode.window.createOutputChannel('Talking Models', { log: true });
  let engine: Promise<DebateEngine> | null = null;
  // Loaded on first use; what the engine notices on the wire (junk lines from a server) goes to the log.
  const loadEngine = (): Promise<DebateEngine> =>
    (engine ??= import('../engine').then((loaded) => {
      context.subscriptions.push({ dispose: loaded.onDiagnostic((line) => log.warn(line)) });
      // Speakers may be VS Code's language models: debates opened through this engine can run them.
      return withSpeakerBackends(loaded, { 'vscode-lm': new LanguageModelBackend(context.languageModelAccessInformation) });
    }));
  const exportTranscript = (subject: ExportSubject<string>, file?: vscode.Uri) => exportTranscriptToMarkdown(subject, currentSettings().exportFolder, file);
  const engines = engineAccessor(currentSettings, loadEngine);
  const catalog = new ModelCatalog(engines);
  // Warnings for the person (library not saved, unknown default tones): logged, shown once per message.
  const warn = warnOnce(log);
  const pulls = new ModelPulls(engines, catalog, log);
  const library = new LibraryAccess({
    folderSetting: () => currentSettings().libraryFolder,
    loadEngine,
    log,
    warn,
    ...(vscode.workspace.name !== undefined && { label: vscode.workspace.name }),
  });
  // The panels are the Debates view's DebatePanels; both use the one `library`.
  const judgeChoice = vscodeJudgeChoice(context.globalState);
  // Persona commands, the personas' checks, recent line-ups and "Suggest speakers" (extension/personas).
  const personas = registerPersonas(context, log);
  // "Export Decision Record": its command, and the exporter each panel's button uses (extension/decisions).
  const decisionRecords = registerDecisionRecords(context, {
    access: library,
    listModels: () => catalog.list(),
    listHostModels: (host) => catalog.listHost(host),
    judgeChoice,
    pullModel: (model) => pullModelCommand(pulls, model),
    log,
  });
  const open = new PanelRegistry({ extensionUri: context.extensionUri, log, engines, library, catalog, pulls, exportTranscript, judgeChoice, personas, decisionRecords });
  registerLibraryView(context, {
    access: library,
    panels: open,
    log,
    exportFolder: () => currentSettings().exportFolder,
    tones: () => allTones(currentSettings().customTones),
    listModels: () => catalog.list(),
    judgeChoice,
    pullModel: (model) => pullModelCommand(pulls, model),
  });
  registerLeaderboard(context, { extensionUri: context.extensionUri, access: library, log });
  registerDebateParticipant(context, { engines, library, settings: currentSettings, listModels: () => catalog.list(), judgeChoice, log });
  registerWalkthrough(context, {
    catalog,
    log,
    openExampleDebate: () => open.openNew().prefill(exampleDebateForm(currentSettings())),
  });

  context.subscriptions.push(
    log,
    open,
    vscode.window.registerWebviewPanelSerializer(DEBATE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => open.revive(panel, state),
    }),
    // The same debate UI as a view in the side bar (or, dragged there, the secondary side bar).
    registerDebateView(open),
    vscode.commands.registerCommand(COMMANDS.startDebateInSideBar, showDebateView),
    registerOllamaStatus({ registry: open, catalog, log }),
    // Debate Selection, This File, Uncommitted Changes and a Decision: a new panel with the material attached.
    registerMaterialCommands({ openPanel: () => open.openNew(), settings: currentSettings, log }),
    // With a debate request as argument (keybindings, other extensions, the e2e suite) the new
    // panel starts that debate at once; the command resolves when the debate ends.
    vscode.commands.registerCommand(COMMANDS.startDebate, async (request?: unknown) => {
      const panel = open.openNew();
      if (request === undefined) return;
      const parsed = debateRequestSchema.safeParse(request);
      if (parsed.success) await panel.start(parsed.data);
      else void vscode.window.showErrorMessage(vscode.l10n.t('Talking Models: not a valid debate request ({0}).', parsed.error.issues[0]?.message ?? 'invalid'));
    }),
    vscode.commands.registerCommand(COMMANDS.stopDebate, () => {
      const target = open.target();
      if (target?.isRunning) target.stop();
      else if (target) void vscode.window.showInformationMessage(vscode.l10n.t('No debate is running in the current panel.'));
      else void vscode.window.showInformationMessage(vscode.l10n.t('No debate panel is open: run "Talking Models: Start Debate" to start one.'));
    }),
    // With a file Uri as argument, the export skips the save dialog and resolves to the written path.
    vscode.commands.registerCommand(COMMANDS.exportTranscript, async (file?: unknown) => {
      const target = open.target();
      if (file instanceof vscode.Uri) return exportTranscript(target?.exportSubject() ?? { transcript: null }, file);
      if (target) await target.exportTranscript();
      else await exportTranscript({ transcript: null });
      return undefined;
    }),
    vscode.commands.registerCommand(COMMANDS.pullModel, (model?: unknown) => pullModelCommand(pulls, model)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.libraryFolder`)) library.settingsChanged();
      open.settingsChanged();
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.customTones`)) reportToneProblems(log, true);
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.customTones`) || event.affectsConfiguration(`${SETTINGS_SECTION}.defaultSpeakers`)) {
        reportUnknownDefaultTones(warn);
      }
    }),
  );
  reportToneProblems(log, false);
  reportUnknownDefaultTones(warn);
  // A character budget someone set is converted to a window in tokens: say so once.
  const { contextWindowNote } = currentSettings();
  if (contextWindowNote !== null) warn(contextWindowNote);
}

/** A default speaker's tone that does not exist is named (logged each time, shown once per distinct set of names), not silently replaced. */
function reportUnknownDefaultTones(warn: (message: string) => void): void {
  const settings = currentSettings();
  const unknown = unknownDefaultTones(settings);
  if (unknown.length > 0) warn(unknownDefaultTonesMessage(unknown, settings.customTones));
}

/** Custom tones the engine would refuse are left out; say which and why. */
function reportToneProblems(log: vscode.LogOutputChannel, notify: boolean): void {
  const { problems } = customTonesFrom(vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('customTones'));
  for (const problem of problems) log.warn(`Custom tone ignored: ${problem}`);
  const first = problems[0];
  if (notify && first !== undefined) void vscode.window.showWarningMessage(vscode.l10n.t('Talking Models: custom tone ignored. {0}', first));
}

/** A library warning (a debate not being saved) goes to the log, and to the person once per message. */
function warnOnce(log: vscode.LogOutputChannel): (message: string) => void {
  const shown = new Set<string>();
  return (message) => {
    log.warn(message);
    if (shown.has(message)) return;
    shown.add(message);
    void vscode.window.showWarningMessage(vscode.l10n.t('Talking Models: {0}', message));
  };
}
