// The open debate panels: each WebviewPanel gets a controller wired to VS Code
// (messages, title, settings, persistence), and commands find the panel they
// act on here.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Transcript } from '../engine/types';
import { webviewHtml, webviewOptions } from './html';
import { DebatePanelController, type DebateEngine, type PanelEnvironment } from './panel';
import type { PanelSnapshot } from './protocol';
import { readSettings, SETTINGS_SECTION, type ExtensionSettings } from './settings';
import { reviveSnapshot } from './snapshot';
import { panelIdFromState, type SnapshotStore } from './snapshot-store';

export const DEBATE_VIEW_TYPE = 'talkingModels.debate';

export interface PanelServices {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  store: SnapshotStore;
  loadEngine(): Promise<DebateEngine>;
  /** Resolves to the path written, or undefined when nothing was written. */
  exportTranscript(transcript: Transcript | null): Promise<string | undefined>;
}

interface OpenPanel {
  panel: vscode.WebviewPanel;
  controller: DebatePanelController;
}

export function currentSettings(): ExtensionSettings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return readSettings((key) => configuration.get<unknown>(key));
}

export class DebatePanels implements vscode.Disposable {
  private readonly open = new Map<string, OpenPanel>();
  private lastActiveId: string | null = null;

  constructor(private readonly services: PanelServices) {}

  /** A new, empty panel in the active editor column. */
  openNew(): DebatePanelController {
    const panel = vscode.window.createWebviewPanel(
      DEBATE_VIEW_TYPE,
      'New Debate',
      vscode.ViewColumn.Active,
      webviewOptions(this.services.extensionUri),
    );
    return this.attach(panel, randomUUID(), null);
  }

  /** A panel VS Code restored after a reload: its debate comes back, stopped if it was running. */
  revive(panel: vscode.WebviewPanel, state: unknown): void {
    panel.webview.options = webviewOptions(this.services.extensionUri);
    const storedId = panelIdFromState(state);
    const stored = storedId === null ? null : this.services.store.load(storedId);
    if (storedId !== null && stored === null) {
      this.services.log.warn(`No saved debate for restored panel ${storedId}; it starts empty.`);
    }
    const attached = this.attach(panel, storedId ?? randomUUID(), stored && reviveSnapshot(stored, new Date()));
    attached.saveNow();
  }

  /** The panel commands act on: the active one, else the one used last. */
  target(): DebatePanelController | undefined {
    for (const { panel, controller } of this.open.values()) if (panel.active) return controller;
    return this.lastActiveId === null ? undefined : this.open.get(this.lastActiveId)?.controller;
  }

  settingsChanged(): void {
    for (const { controller } of this.open.values()) controller.settingsChanged();
  }

  refreshModels(): void {
    for (const { controller } of this.open.values()) void controller.refreshModels();
  }

  /** Saves every panel's snapshot (the window is closing or reloading). */
  saveAll(): void {
    for (const { controller } of this.open.values()) controller.saveNow();
  }

  dispose(): void {
    for (const { controller } of this.open.values()) controller.dispose();
    this.open.clear();
  }

  private attach(panel: vscode.WebviewPanel, panelId: string, restored: PanelSnapshot | null): DebatePanelController {
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
      post: (message) => void panel.webview.postMessage(message),
      log,
      settings: currentSettings,
      loadEngine: () => this.services.loadEngine(),
      openSettings: () => void vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.ollamaHost`),
      exportTranscript: (transcript) => this.services.exportTranscript(transcript),
      save: (snapshot) => keepGoing(() => store.save(panelId, snapshot)),
      saveLiveTurn: (liveTurn) => keepGoing(() => store.saveLiveTurn(panelId, liveTurn)),
      setTitle: (title) => {
        panel.title = title;
      },
    };
    // The document is set once; the webview redraws itself from `init` after every (re)load.
    panel.webview.html = webviewHtml(panel.webview, this.services.extensionUri);
    const controller = new DebatePanelController(panelId, environment, restored);
    controller.prefetchModels();
    this.open.set(panelId, { panel, controller });
    this.lastActiveId = panelId;
    const listeners = [
      panel.webview.onDidReceiveMessage((message: unknown) => {
        controller.receive(message).catch((error: unknown) => log.error(`Debate panel message failed: ${String(error)}`));
      }),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.active) this.lastActiveId = panelId;
      }),
    ];
    panel.onDidDispose(() => {
      controller.dispose();
      listeners.forEach((listener) => listener.dispose());
      this.open.delete(panelId);
      if (this.lastActiveId === panelId) this.lastActiveId = null;
    });
    return controller;
  }
}

