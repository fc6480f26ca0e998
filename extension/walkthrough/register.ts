// The "Get started with Talking Models" walkthrough wired to VS Code: its commands (open it,
// pull a starter model, open the example debate), the context keys its steps complete on,
// and the offer made once on the extension's first activation.
import { totalmem } from 'node:os';
import * as vscode from 'vscode';
import { COMMANDS, WALKTHROUGH_CONTEXT, WALKTHROUGH_ID } from '../commands';
import type { ModelCatalog } from '../models/model-catalog';
import { realScheduler } from '../scheduler';
import { firstRunDecision, FIRST_RUN_DECIDED_KEY, OPEN_WALKTHROUGHS_SETTING } from './first-run';
import { OllamaReadinessWatch, type OllamaReadiness } from './ollama-readiness';
import { ReadinessKeys } from './readiness-keys';
import { memoryLabel, sizeLabel, suggestedStarterModels } from './starter-models';

export interface WalkthroughServices {
  catalog: ModelCatalog;
  log: vscode.LogOutputChannel;
  /** Opens a new debate panel with the example topic and speakers filled in. */
  openExampleDebate(): void;
}

export function registerWalkthrough(context: vscode.ExtensionContext, services: WalkthroughServices): void {
  const { catalog, log } = services;
  const keys = new ReadinessKeys(setReadinessKeys, realScheduler);
  keys.hold();
  const watch = new OllamaReadinessWatch({
    list: () => catalog.list(),
    subscribe: (listener) => catalog.subscribe(listener),
    publish: (readiness) => {
      log.info(`Ollama ${readiness.reachable ? `answers; ${readiness.hasModels ? 'models installed' : 'no model installed yet'}` : 'does not answer yet'}.`);
      keys.publish(readiness);
    },
    scheduler: realScheduler,
  });
  const walkthrough = `${context.extension.id}#${WALKTHROUGH_ID}`;
  const openWalkthrough = async (): Promise<void> => {
    void watch.watch();
    // Opening it may be what makes VS Code register the walkthrough (readiness-keys.ts).
    keys.hold();
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthrough, false);
  };
  context.subscriptions.push(
    watch,
    keys,
    vscode.commands.registerCommand(COMMANDS.openWalkthrough, openWalkthrough),
    vscode.commands.registerCommand(COMMANDS.pullStarterModel, pullStarterModel),
    vscode.commands.registerCommand(COMMANDS.openExampleDebate, () => services.openExampleDebate()),
  );
  // Opening the walkthrough activates the extension (VS Code infers onWalkthrough), so this
  // first check also serves a walkthrough opened from the Welcome page.
  void watch.watch().then((readiness) => offerOnFirstRun(context, readiness, openWalkthrough));
}

/** The steps' completion events read these keys. */
function setReadinessKeys(readiness: OllamaReadiness): void {
  void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.ollamaReachable, readiness.reachable);
  void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.ollamaHasModels, readiness.hasModels);
}

async function offerOnFirstRun(context: vscode.ExtensionContext, readiness: OllamaReadiness, openWalkthrough: () => Promise<void>): Promise<void> {
  const decision = firstRunDecision({
    decidedBefore: context.globalState.get<boolean>(FIRST_RUN_DECIDED_KEY) === true,
    openWalkthroughs: vscode.workspace.getConfiguration().get<unknown>(OPEN_WALKTHROUGHS_SETTING),
    readiness,
  });
  if (decision === 'not-now') return;
  await context.globalState.update(FIRST_RUN_DECIDED_KEY, true);
  if (decision === 'set-up-already') return;
  const getStarted = vscode.l10n.t('Get Started');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Talking Models: new to local models? "{0}" walks you through installing Ollama, pulling a small model and a first debate.', getStarted),
    getStarted,
  );
  if (choice === getStarted) await openWalkthrough();
}

/** Offers the starter models that fit this machine's memory, then pulls the one picked with the Pull command. */
async function pullStarterModel(): Promise<void> {
  const memory = totalmem();
  const another: vscode.QuickPickItem = { label: `$(edit) ${vscode.l10n.t('Another model…')}`, detail: vscode.l10n.t('Type the name of any model from ollama.com/library.') };
  const suggestions: vscode.QuickPickItem[] = suggestedStarterModels(memory).map((starter) => ({
    label: starter.model,
    description: vscode.l10n.t('{0} download', sizeLabel(starter.downloadBytes)),
    detail: starter.about,
  }));
  const picked = await vscode.window.showQuickPick([...suggestions, another], {
    title: vscode.l10n.t('Pull a Starter Model (suggested for {0} of memory)', memoryLabel(memory)),
    placeHolder: vscode.l10n.t('A small model to debate with; larger ones answer better but load slower'),
    ignoreFocusOut: true,
  });
  if (picked === undefined) return;
  await vscode.commands.executeCommand(COMMANDS.pullModel, picked === another ? undefined : picked.label);
}
