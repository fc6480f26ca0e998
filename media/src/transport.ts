// The only place that touches the VS Code webview API. Everything else talks to
// a Transport, so tests can drive the panel by dispatching MessageEvents and
// capture what it posts.
import type { AttachedMaterial, HostMessage, WebviewMessage } from '../../extension/contract/protocol';
import type { FormDraft } from './formRules';

/** UI-only state kept by VS Code across hide/show and reload (never the transcript: the library holds it). */
export interface SavedUiState {
  /** The debate shown: after a window reload VS Code hands this state to the host's serializer, which reads that debate from the library. */
  debateId?: string;
  form?: FormDraft;
  /** Workspace material attached to the form (material section). */
  material?: AttachedMaterial;
}

export interface Transport {
  post(message: WebviewMessage): void;
  /** Calls `handler` for every message from the host; returns an unsubscribe function. */
  onMessage(handler: (message: HostMessage) => void): () => void;
  loadState(): SavedUiState | undefined;
  saveState(state: SavedUiState): void;
}

/** Messages come from our own host, but a webview can also receive messages from elsewhere: keep only well-formed ones. */
function isHostMessage(data: unknown): data is HostMessage {
  return typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string';
}

/** Wraps `acquireVsCodeApi()`, which VS Code allows to be called only once per page. */
export function vscodeTransport(target: Window = window): Transport {
  const api = acquireVsCodeApi<SavedUiState>();
  return {
    post: (message) => api.postMessage(message),
    onMessage(handler) {
      const listener = (event: MessageEvent<unknown>): void => {
        if (isHostMessage(event.data)) handler(event.data);
      };
      target.addEventListener('message', listener);
      return () => target.removeEventListener('message', listener);
    },
    loadState: () => api.getState(),
    saveState: (state) => api.setState(state),
  };
}
