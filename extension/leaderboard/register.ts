// The Leaderboard's command, registered once from activate(): it opens the panel, or brings
// the open one forward.
import * as vscode from 'vscode';
import { LeaderboardPanel, type LeaderboardPanelDeps } from './leaderboard-panel';

/** As contributed in package.json (the palette, and the Debates view's title bar). */
export const SHOW_LEADERBOARD_COMMAND = 'talkingModels.showLeaderboard';

export function registerLeaderboard(context: vscode.ExtensionContext, deps: LeaderboardPanelDeps): void {
  const panel = new LeaderboardPanel(deps);
  context.subscriptions.push(panel, vscode.commands.registerCommand(SHOW_LEADERBOARD_COMMAND, () => panel.show()));
}
