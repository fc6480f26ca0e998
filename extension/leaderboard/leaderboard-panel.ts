// "Talking Models: Show Leaderboard": one editor panel ranking the models by the library's
// judged debates. It reads the library again whenever it may have changed: a change made in
// this window (a verdict saved, a debate deleted), a file watcher on the library folder (the
// CLI, a tournament, another window) and the window or the panel coming back into view.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { DEBATES_VIEW_ID } from '../commands';
import { LEADERBOARD_VIEW_TYPE, type LeaderboardHostMessage, type LeaderboardWebviewMessage } from '../contract/leaderboard';
import { webviewHtml, webviewOptions } from '../html';
import type { LibraryAccess } from '../library/library-access';
import { readLeaderboard, TurnsCache } from './leaderboard-source';

/** Quiet time after a burst of changes (a running debate rewrites meta.json at every turn). */
const REFRESH_DELAY_MS = 300;

export interface LeaderboardPanelDeps {
  extensionUri: vscode.Uri;
  access: LibraryAccess;
  log: vscode.LogOutputChannel;
}

function isWebviewMessage(data: unknown): data is LeaderboardWebviewMessage {
  return typeof data === 'object' && data !== null && ['ready', 'refresh', 'showDebates'].includes(String((data as { type?: unknown }).type));
}

export class LeaderboardPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | null = null;
  private readonly disposables: vscode.Disposable[] = [];
  private watcher: { folder: string; existed: boolean; watcher: vscode.FileSystemWatcher } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Only the newest reading is drawn: an older one may finish after it. */
  private reading = 0;
  private readonly turns = new TurnsCache();

  constructor(private readonly deps: LeaderboardPanelDeps) {}

  show(): void {
    if (this.panel !== null) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(LEADERBOARD_VIEW_TYPE, vscode.l10n.t('Leaderboard'), vscode.ViewColumn.Active, webviewOptions(this.deps.extensionUri));
    this.panel = panel;
    panel.webview.html = webviewHtml(panel.webview, this.deps.extensionUri, { script: 'leaderboard.js', styles: 'leaderboard.css' });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((data: unknown) => {
        if (!isWebviewMessage(data)) return;
        if (data.type === 'showDebates') void vscode.commands.executeCommand(`${DEBATES_VIEW_ID}.focus`);
        else void this.refresh();
      }),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.visible) this.requestRefresh(0);
      }),
      this.deps.access.onDidChange(() => this.requestRefresh(REFRESH_DELAY_MS)),
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) this.requestRefresh(0);
      }),
      panel.onDidDispose(() => this.closed()),
    );
  }

  dispose(): void {
    this.panel?.dispose();
    this.closed();
  }

  private closed(): void {
    this.panel = null;
    clearTimeout(this.timer);
    this.watcher?.watcher.dispose();
    this.watcher = null;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  /** A hidden panel is read again when it shows (onDidChangeViewState): not at every change meanwhile. */
  private requestRefresh(delayMs: number): void {
    if (this.panel?.visible !== true) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  private async refresh(): Promise<void> {
    const reading = ++this.reading;
    const started = Date.now();
    const message: LeaderboardHostMessage = await readLeaderboard(this.deps.access, this.turns);
    if (reading !== this.reading || this.panel === null) return;
    if (message.type === 'leaderboardFailed') this.deps.log.error(`Leaderboard: ${message.message}`);
    else this.deps.log.info(`Leaderboard: ${message.view.judgedDebates} judged debates ranked in ${Date.now() - started} ms`);
    await this.panel.webview.postMessage(message);
    await this.watchLibrary();
  }

  /** Debates judged or run elsewhere (the CLI, a tournament, another window) change meta.json files in the library folder. */
  private async watchLibrary(): Promise<void> {
    const folder = await this.deps.access.folder();
    const exists = existsSync(folder);
    // A watcher made before the folder existed may miss it appearing: made again once it does.
    if (this.panel === null || (this.watcher?.folder === folder && (this.watcher.existed || !exists))) return;
    this.watcher?.watcher.dispose();
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '{*,*/meta.json}'));
    const onEvent = (): void => this.requestRefresh(REFRESH_DELAY_MS);
    watcher.onDidCreate(onEvent);
    watcher.onDidChange(onEvent);
    watcher.onDidDelete(onEvent);
    this.watcher = { folder, existed: exists, watcher };
  }
}
