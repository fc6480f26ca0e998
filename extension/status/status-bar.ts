// The Ollama status bar item, shown while a debate panel or the side-bar Debate view is
// open: "Ollama: 3 models" or "Ollama not reachable" (status-rules.ts), refreshed as
// status-monitor.ts decides. A click opens the walkthrough when Ollama does not answer,
// the host setting when it is not an address, and otherwise shows the debate used last.
import * as vscode from 'vscode';
import { WALKTHROUGH_COMMANDS } from '../commands';
import type { PanelRegistry } from '../debate/panel-registry';
import type { ModelCatalog } from '../models/model-catalog';
import { realScheduler } from '../scheduler';
import { SETTINGS_SECTION } from '../settings';
import { OllamaStatusMonitor, type StatusDisplay } from './status-monitor';
import type { StatusAction, StatusView } from './status-rules';

export const OLLAMA_STATUS_ITEM_ID = 'talkingModels.ollamaStatus';
/** The item's click; not in the command palette (it is only meaningful from the item). */
export const OLLAMA_STATUS_CLICK_COMMAND = 'talkingModels.ollamaStatusClicked';
/** Right of the editor's own items (line/column, language), left of notifications. */
const ITEM_PRIORITY = 100;

export interface OllamaStatusServices {
  registry: PanelRegistry;
  catalog: ModelCatalog;
  log: vscode.LogOutputChannel;
}

export function registerOllamaStatus({ registry, catalog, log }: OllamaStatusServices): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(OLLAMA_STATUS_ITEM_ID, vscode.StatusBarAlignment.Right, ITEM_PRIORITY);
  item.name = vscode.l10n.t('Talking Models: Ollama');
  item.command = OLLAMA_STATUS_CLICK_COMMAND;
  const display: StatusDisplay = {
    show: (view) => {
      showView(item, view);
      item.show();
    },
    hide: () => item.hide(),
  };
  const monitor = new OllamaStatusMonitor({ list: () => catalog.list(), display, scheduler: realScheduler, log });
  const unsubscribe = catalog.subscribe((listing) => monitor.listed(listing));
  monitor.windowFocusChanged(vscode.window.state.focused);
  if (registry.anyOpen) monitor.debatesChanged(true, 'opened');
  return vscode.Disposable.from(
    item,
    new vscode.Disposable(() => {
      unsubscribe();
      monitor.dispose();
    }),
    registry.onDidChange((change) => monitor.debatesChanged(registry.anyOpen, change)),
    vscode.window.onDidChangeWindowState((state) => monitor.windowFocusChanged(state.focused)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.ollamaHost`)) monitor.hostChanged();
    }),
    vscode.commands.registerCommand(OLLAMA_STATUS_CLICK_COMMAND, () => runAction(monitor.action, registry)),
  );
}

function showView(item: vscode.StatusBarItem, view: StatusView): void {
  item.text = view.text;
  item.tooltip = view.tooltip;
  item.accessibilityInformation = { label: view.accessibleLabel, role: 'button' };
  item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
}

async function runAction(action: StatusAction, registry: PanelRegistry): Promise<void> {
  switch (action) {
    case 'walkthrough':
      await vscode.commands.executeCommand(WALKTHROUGH_COMMANDS.openWalkthrough);
      return;
    case 'host-setting':
      await vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.ollamaHost`);
      return;
    case 'reveal':
      registry.revealRecent();
  }
}
