// The debates shown in this window: each editor panel (WebviewPanel) and the side-bar Debate
// view (WebviewView) hosts one DebatePanel, wired the same way (webview-host.ts,
// webview-surface.ts). Commands find the debate they act on here, the status bar item
// learns when debates open, get the focus and close, and the Debates view opens,
// continues and branches debates through it (DebatePanels, kept by the directory).
import * as vscode from 'vscode';
import type { SpeakerConfig } from '../../engine/types';
import type { ExportSubject } from '../export';
import { openExportedFile } from '../export-io';
import { openCitation } from './citation-opener';
import type { DebatePanels } from '../library/debate-panels';
import type { JudgeOutcome } from '../judge/judge-runner';
import type { JudgeChoice, JudgeRunHooks } from '../judge/panel-judge';
import { ChatModelList } from '../language-models/chat-model-list';
import { SETTINGS_SECTION } from '../settings';
import type { DebatesChange } from '../status/status-monitor';
import { currentSettings } from '../vscode-settings';
import type { DebatePanel, PanelServices } from './panel';
import { debateIdFromState, PanelDirectory } from './panel-directory';
import { hostDebate, type HostedDebate, type HostServices } from './webview-host';
import { debateSurface } from './webview-surface';

export const DEBATE_VIEW_TYPE = 'talkingModels.debate';

export interface RegistryServices extends PanelServices {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** Resolves to the path written, or undefined when nothing was written. */
  exportTranscript(subject: ExportSubject<string>): Promise<string | undefined>;
  judgeChoice: JudgeChoice;
}

/** What the registry needs of the frame around a hosted debate (an editor tab, a view). */
interface DebateFrame {
  setTitle(title: string): void;
  reveal(): void;
  /** Has the focus now: the active editor tab (commands act on it first). */
  isActive(): boolean;
  /** Counts as an open debate for the status bar. */
  isOpen(): boolean;
  /** Calls `listener(true)` when the frame gets the focus or shows, `listener(false)` when it loses it. */
  onDidChangeFocus(listener: (focused: boolean) => void): vscode.Disposable;
  onDidDispose: vscode.Event<void>;
}

interface Hosting {
  hosted: HostedDebate;
  frame: DebateFrame;
}

export class PanelRegistry implements vscode.Disposable, DebatePanels {
  private readonly hostings = new Map<DebatePanel, Hosting>();
  private readonly directory: PanelDirectory;
  private readonly shared: HostServices;
  private readonly changeListeners = new Set<(change: DebatesChange) => void>();
  private lastActive: DebatePanel | null = null;
  /** VS Code's chat models, offered as speakers in every panel: listed from the first panel on (activation asks VS Code nothing). */
  private chatModelList: ChatModelList | null = null;

  constructor(private readonly services: RegistryServices) {
    this.directory = new PanelDirectory({
      create: (debateId) => this.openPanel(this.createWebviewPanel(), debateId),
      library: services.library,
      log: services.log,
      warn: (message) => void vscode.window.showWarningMessage(vscode.l10n.t('Talking Models: {0}', message)),
      customTones: () => currentSettings().customTones,
    });
    const { engines, library, catalog, pulls, log } = services;
    this.shared = {
      engines,
      library,
      catalog,
      pulls,
      log,
      judgeChoice: services.judgeChoice,
      ...(services.personas !== undefined && { personas: services.personas }),
      ...(services.decisionRecords !== undefined && { decisionRecords: services.decisionRecords }),
      languageModels: {
        current: () => this.chatModels().current(),
        subscribe: (listener) => this.chatModels().subscribe(listener),
      },
      settings: currentSettings,
      openSettings: () => void vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.ollamaHost`),
      exportTranscript: (subject) => services.exportTranscript(subject),
      openExport: openExportedFile,
      openDebate: (id) => this.directory.openDebate(id),
      branchDebate: (id, atTurn) => this.directory.branchDebate(id, atTurn),
      openCitation: (target) => openCitation(target, services.log),
    };
  }

  /** A new, empty panel in the active editor column. */
  openNew(): DebatePanel {
    return this.openPanel(this.createWebviewPanel(), null).panel;
  }

  /** A panel VS Code restored after a reload (or in another window): it reads its debate from the library by id. */
  revive(webviewPanel: vscode.WebviewPanel, state: unknown): void {
    this.openPanel(webviewPanel, debateIdFromState(state));
  }

  /**
   * The side-bar Debate view, resolved by VS Code when it first shows (again after a reload,
   * with the state its webview kept: the debate it showed, read from the library by id).
   */
  openView(view: vscode.WebviewView, state: unknown): DebatePanel {
    const frame: DebateFrame = {
      // The view keeps its name ("Debate"); the debate shown goes beside it.
      setTitle: (title) => {
        view.description = title;
      },
      reveal: () => view.show(false),
      isActive: () => false,
      isOpen: () => view.visible,
      onDidChangeFocus: (listener) => view.onDidChangeVisibility(() => listener(view.visible)),
      onDidDispose: view.onDidDispose,
    };
    return this.host(view.webview, frame, debateIdFromState(state)).panel;
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

  judgeDebate(id: string, model: string, hooks?: JudgeRunHooks): Promise<JudgeOutcome> {
    return this.directory.judgeDebate(id, model, hooks);
  }

  debateDeleted(id: string): void {
    this.directory.debateDeleted(id);
  }

  /** The debate commands act on: the active panel, else the panel or view used last. */
  target(): DebatePanel | undefined {
    for (const [panel, { frame }] of this.hostings) if (frame.isActive()) return panel;
    return this.lastActive ?? undefined;
  }

  /** Brings the debate used last to the front (else any open one); opens a new panel when none is open. */
  revealRecent(): void {
    const panel = this.target() ?? this.hostings.keys().next().value;
    const hosting = panel === undefined ? undefined : this.hostings.get(panel);
    if (hosting === undefined) this.openNew();
    else hosting.hosted.reveal();
  }

  /** Whether a debate panel, or the side-bar view while it shows, is open. */
  get anyOpen(): boolean {
    for (const { frame } of this.hostings.values()) if (frame.isOpen()) return true;
    return false;
  }

  /** Calls `listener` when a debate opens, gets the focus (or shows) or closes (or hides). */
  onDidChange(listener: (change: DebatesChange) => void): vscode.Disposable {
    this.changeListeners.add(listener);
    return new vscode.Disposable(() => this.changeListeners.delete(listener));
  }

  settingsChanged(): void {
    for (const panel of this.hostings.keys()) panel.settingsChanged();
  }

  dispose(): void {
    for (const { hosted } of this.hostings.values()) hosted.dispose();
    this.hostings.clear();
    this.changeListeners.clear();
    this.chatModelList?.dispose();
  }

  private chatModels(): ChatModelList {
    return (this.chatModelList ??= new ChatModelList(this.services.log));
  }

  private createWebviewPanel(): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel(DEBATE_VIEW_TYPE, vscode.l10n.t('New Debate'), vscode.ViewColumn.Active);
  }

  private openPanel(webviewPanel: vscode.WebviewPanel, debateId: string | null): HostedDebate {
    const frame: DebateFrame = {
      setTitle: (title) => {
        webviewPanel.title = title;
      },
      reveal: () => webviewPanel.reveal(webviewPanel.viewColumn),
      isActive: () => webviewPanel.active,
      isOpen: () => true,
      onDidChangeFocus: (listener) => webviewPanel.onDidChangeViewState(({ webviewPanel: changed }) => listener(changed.active)),
      onDidDispose: webviewPanel.onDidDispose,
    };
    return this.host(webviewPanel.webview, frame, debateId);
  }

  private host(webview: vscode.Webview, frame: DebateFrame, debateId: string | null): HostedDebate {
    const hosted = hostDebate(debateSurface(webview, this.services.extensionUri, frame), this.shared, debateId);
    const { panel } = hosted;
    this.hostings.set(panel, { hosted, frame });
    this.directory.add(hosted);
    this.lastActive = panel;
    const focus = frame.onDidChangeFocus((focused) => {
      if (focused) this.lastActive = panel;
      this.changed(focused ? 'focused' : 'closed');
    });
    frame.onDidDispose(() => {
      focus.dispose();
      hosted.dispose();
      this.hostings.delete(panel);
      this.directory.remove(hosted);
      if (this.lastActive === panel) this.lastActive = null;
      this.changed('closed');
    });
    this.changed('opened');
    return hosted;
  }

  private changed(change: DebatesChange): void {
    for (const listener of [...this.changeListeners]) listener(change);
  }
}
