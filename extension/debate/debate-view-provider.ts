// The Debate view: the debate panel's UI as a view in the Talking Models side-bar container,
// which a person can drag to the secondary side bar to keep a debate beside the editor. It
// hosts a DebatePanel like an editor panel does (panel-registry.ts), listed with them, so
// "Open" on the debate it shows focuses it.
// No retainContextWhenHidden: while the view is hidden VS Code drops its document, and when
// it shows again the webview redraws itself from the host's `init` snapshot (as a panel in a
// background tab does), which keeps every token streamed meanwhile. After a window reload,
// VS Code hands back the state the webview kept (the debate id), read from the library.
import * as vscode from 'vscode';
import { DEBATE_SIDE_BAR_VIEW_ID } from '../commands';
import type { PanelRegistry } from './panel-registry';

export function registerDebateView(registry: PanelRegistry): vscode.Disposable {
  return vscode.window.registerWebviewViewProvider(DEBATE_SIDE_BAR_VIEW_ID, {
    resolveWebviewView: (view, context) => void registry.openView(view, context.state),
  });
}

/** Shows the Debate view (opening its container, wherever it was dragged) and focuses it: its form starts the next debate. */
export async function showDebateView(): Promise<void> {
  await vscode.commands.executeCommand(`${DEBATE_SIDE_BAR_VIEW_ID}.focus`);
}
