// One debate hosted in a webview, whether an editor panel or the side-bar Debate view: the
// DebatePanel, its environment, and the webview's messages routed to it. What differs
// between a panel and a view (title, reveal) comes in a DebateSurface; what every hosted
// debate shares (settings, export, the other panels) in HostServices.
// No VS Code import: webview-surface.ts adapts a vscode.Webview, tests hand in fakes.
import type { HostMessage } from '../contract/protocol';
import { DebatePanel, type PanelEnvironment, type PanelServices } from './panel';
import type { OpenPanel } from './panel-directory';

export interface Subscription {
  dispose(): void;
}

/** The webview a debate is shown in, and its frame (an editor tab, a view). */
export interface DebateSurface {
  post(message: HostMessage): void;
  onMessage(listener: (message: unknown) => void): Subscription;
  /** Names the debate shown (a tab's title, a view's description). */
  setTitle(title: string): void;
  /** Brings the webview to the front. */
  reveal(): void;
}

/** The part of a panel's environment every hosted debate shares, and the panels' services. */
export type HostServices = Omit<PanelEnvironment, 'post' | 'setTitle'> & PanelServices;

/** A debate hosted in a surface, as the panel directory lists it. */
export interface HostedDebate extends OpenPanel {
  /** The surface is going away: stop the debate's work and the routing of messages. */
  dispose(): void;
}

/** Shows debate `debateId` of the library (null: a new, empty debate) in `surface`. */
export function hostDebate(surface: DebateSurface, services: HostServices, debateId: string | null): HostedDebate {
  const environment: PanelEnvironment = {
    ...services,
    post: (message) => surface.post(message),
    setTitle: (title) => surface.setTitle(title),
  };
  const panel = new DebatePanel(environment, services, debateId);
  panel.prefetchModels();
  const routing = surface.onMessage((message) => {
    panel.receive(message).catch((error: unknown) => services.log.error(`Debate panel message failed: ${String(error)}`));
  });
  return {
    panel,
    reveal: () => surface.reveal(),
    dispose: () => {
      routing.dispose();
      panel.dispose();
    },
  };
}
