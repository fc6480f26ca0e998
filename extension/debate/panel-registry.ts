// The open debate panels: each WebviewPanel gets a DebatePanel wired to VS Code
// (messages, title, settings, persistence), and commands find the panel they
// act on here.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Transcript } from '../../engine/types';
import type { PanelSnapshot } from '../contract/protocol';
import { webviewHtml, webviewOptions } from '../html';
import { SETTINGS_SECTION } from '../settings';
import { currentSettings } from '../vscode-settings';
import { DebatePanel, type PanelEnvironment, type PanelServices } from './panel';
import { reviveSnapshot } from './revival';
import { panelIdFromState, type SnapshotStore } from './snapshot-store';

export const DEBATE_VIEW_TYPE = 'talkingModels.debate';

export interface RegistryServices extends PanelServices {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  store: SnapshotStore;
  /** Resolves to the path written, or undefined when nothing was written. */
  exportTranscript(transcript: Transcript | null): Promise<string | undefined>;
}

interface OpenPanel {
  webviewPanel: vscode.WebviewPanel;
  panel: DebatePanel;
}

export class PanelRegistry implements vscode.Disposable {
  private readonly open = new Map<string, OpenPanel>();
  private lastActiveId: string | null = null;

  constructor(private readonly services: RegistryServices) {}

  /** A new, empty panel in the active editor column. */
  openNew(): DebatePanel {
    const webviewPanel = vscode.window.createWebviewPanel(
      DEBATE_VIEW_TYPE,
      'New Debate',
      vscode.ViewColumn.Active,
      webviewOptions(this.services.extensionUri),
    );
    return this.attach(webviewPanel, randomUUID(), null);
  }

  /** A panel VS Code restored after a reload: its debate comes back, stopped if it was running. */
  revive(webviewPanel: vscode.WebviewPanel, state: unknown): void {
    webviewPanel.webview.options = webviewOptions(this.services.extensionUri);
    const storedId = panelIdFromState(state);
    const stored = storedId === null ? null : this.services.store.load(storedId);
    if (storedId !== null && stored === null) {
      this.services.log.warn(`No saved debate for restored panel ${storedId}; it starts empty.`);
    }
    const attached = this.attach(webviewPanel, storedId ?? randomUUID(), stored && reviveSnapshot(stored, new Date()));
    attached.saveNow();
  }

  /** The panel commands act on: the active one, else the one used last. */
  target(): DebatePanel | undefined {
    for (const { webviewPanel, panel } of this.open.values()) if (webviewPanel.active) return panel;
    return this.lastActiveId === null ? undefined : this.open.get(this.lastActiveId)?.panel;
  }

  settingsChanged(): void {
    for (const { panel } of this.open.values()) panel.settingsChanged();
  }

  /** Saves every panel's snapshot (the window is closing or reloading). */
  saveAll(): void {
    for (const { panel } of this.open.values()) panel.saveNow();
  }

  dispose(): void {
    for (const { panel } of this.open.values()) panel.dispose();
    this.open.clear();
  }

  private attach(webviewPanel: vscode.WebviewPanel, panelId: string, restored: PanelSnapshot | null): DebatePanel {
    const { log, store } = this.services;
    // A failed save (disk full, folder gone) is logged; the debate itself goes on.
    const keepGoing = (save: () => void): void => {
      try {
        save();
      } catch (error) {
        log.error(`Could not save the debate panel's state: ${String(error)}`);
      }
    };
    const environment: PanelEnvironment = {
      post: (message) => void webviewPanel.webview.postMessage(message),
      log,
      settings: currentSettings,
      openSettings: () => void vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.ollamaHost`),
      exportTranscript: (transcript) => this.services.exportTranscript(transcript),
      save: (snapshot) => keepGoing(() => store.save(panelId, snapshot)),
      saveLiveTurn: (saved) => keepGoing(() => store.saveLiveTurn(panelId, saved)),
      setTitle: (title) => {
        webviewPanel.title = title;
      },
    };
    // The document is set once; the webview redraws itself from `init` after every (re)load.
    webviewPanel.webview.html = webviewHtml(webviewPanel.webview, this.services.extensionUri);
    const panel = new DebatePanel(panelId, environment, this.services, restored);
    panel.prefetchModels();
    this.open.set(panelId, { webviewPanel, panel });
    this.lastActiveId = panelId;
    const listeners = [
      webviewPanel.webview.onDidReceiveMessage((message: unknown) => {
        panel.receive(message).catch((error: unknown) => log.error(`Debate panel message failed: ${String(error)}`));
      }),
      webviewPanel.onDidChangeViewState(({ webviewPanel: changed }) => {
        if (changed.active) this.lastActiveId = panelId;
      }),
    ];
    webviewPanel.onDidDispose(() => {
      panel.dispose();
      listeners.forEach((listener) => listener.dispose());
      this.open.delete(panelId);
      if (this.lastActiveId === panelId) this.lastActiveId = null;
    });
    return panel;
  }
}
