// The open debate panels of this window: each WebviewPanel gets a DebatePanel wired to
// VS Code (messages, title, settings, commands). Commands find the panel they act on
// here, and the Debates view opens, continues and branches debates through it
// (DebatePanels, kept by the directory).
import * as vscode from 'vscode';
import type { SpeakerConfig, Transcript } from '../../engine/types';
import { webviewHtml, webviewOptions } from '../html';
import type { DebatePanels } from '../library/debate-panels';
import { SETTINGS_SECTION } from '../settings';
import { currentSettings } from '../vscode-settings';
import { DebatePanel, type PanelEnvironment, type PanelServices } from './panel';
import { debateIdFromState, PanelDirectory, type OpenPanel } from './panel-directory';

export const DEBATE_VIEW_TYPE = 'talkingModels.debate';

export interface RegistryServices extends PanelServices {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** Resolves to the path written, or undefined when nothing was written. */
  exportTranscript(transcript: Transcript | null): Promise<string | undefined>;
}

export class PanelRegistry implements vscode.Disposable, DebatePanels {
  private readonly webviews = new Map<DebatePanel, vscode.WebviewPanel>();
  private readonly directory: PanelDirectory;
  private lastActive: DebatePanel | null = null;

  constructor(private readonly services: RegistryServices) {
    this.directory = new PanelDirectory({
      create: (debateId) => this.attach(this.createWebviewPanel(), debateId),
      library: services.library,
      log: services.log,
      warn: (message) => void vscode.window.showWarningMessage(`Talking Models: ${message}`),
      customTones: () => currentSettings().customTones,
    });
  }

  /** A new, empty panel in the active editor column. */
  openNew(): DebatePanel {
    return this.attach(this.createWebviewPanel(), null).panel;
  }

  /** A panel VS Code restored after a reload (or in another window): it reads its debate from the library by id. */
  revive(webviewPanel: vscode.WebviewPanel, state: unknown): void {
    webviewPanel.webview.options = webviewOptions(this.services.extensionUri);
    this.attach(webviewPanel, debateIdFromState(state));
  }

  openDebate(id: string): Promise<void> {
    return this.directory.openDebate(id);
  }

  continueDebate(id: string, exchanges?: number): Promise<void> {
    return this.directory.continueDebate(id, exchanges);
  }

  branchDebate(id: string, atTurn: number, speakers?: (SpeakerConfig | undefined)[]): Promise<void> {
    return this.directory.branchDebate(id, atTurn, speakers);
  }

  debateDeleted(id: string): void {
    this.directory.debateDeleted(id);
  }

  /** The panel commands act on: the active one, else the one used last. */
  target(): DebatePanel | undefined {
    for (const [panel, webviewPanel] of this.webviews) if (webviewPanel.active) return panel;
    return this.lastActive ?? undefined;
  }

  settingsChanged(): void {
    for (const panel of this.webviews.keys()) panel.settingsChanged();
  }

  dispose(): void {
    for (const panel of this.webviews.keys()) panel.dispose();
    this.webviews.clear();
  }

  private createWebviewPanel(): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel(DEBATE_VIEW_TYPE, 'New Debate', vscode.ViewColumn.Active, webviewOptions(this.services.extensionUri));
  }

  private attach(webviewPanel: vscode.WebviewPanel, debateId: string | null): OpenPanel {
    const { log } = this.services;
    const environment: PanelEnvironment = {
      post: (message) => void webviewPanel.webview.postMessage(message),
      log,
      settings: currentSettings,
      openSettings: () => void vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.ollamaHost`),
      exportTranscript: (transcript) => this.services.exportTranscript(transcript),
      setTitle: (title) => {
        webviewPanel.title = title;
      },
      openDebate: (id) => this.directory.openDebate(id),
      branchDebate: (id, atTurn) => this.directory.branchDebate(id, atTurn),
    };
    // The document is set once; the webview redraws itself from `init` after every (re)load.
    webviewPanel.webview.html = webviewHtml(webviewPanel.webview, this.services.extensionUri);
    const panel = new DebatePanel(environment, this.services, debateId);
    panel.prefetchModels();
    const opened: OpenPanel = { panel, reveal: () => webviewPanel.reveal(webviewPanel.viewColumn) };
    this.webviews.set(panel, webviewPanel);
    this.directory.add(opened);
    this.lastActive = panel;
    const listeners = [
      webviewPanel.webview.onDidReceiveMessage((message: unknown) => {
        panel.receive(message).catch((error: unknown) => log.error(`Debate panel message failed: ${String(error)}`));
      }),
      webviewPanel.onDidChangeViewState(({ webviewPanel: changed }) => {
        if (changed.active) this.lastActive = panel;
      }),
    ];
    webviewPanel.onDidDispose(() => {
      panel.dispose();
      listeners.forEach((listener) => listener.dispose());
      this.webviews.delete(panel);
      this.directory.remove(opened);
      if (this.lastActive === panel) this.lastActive = null;
    });
    return opened;
  }
}
