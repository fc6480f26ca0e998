// Entry point of the Leaderboard panel's script (bundled to dist/leaderboard.js).
// First: takes up the translations before any module computes a text.
import '../l10n';
import type { LeaderboardHostMessage } from '../../../extension/contract/leaderboard';
import { LeaderboardApp, type LeaderboardTransport, type LeaderboardUiState } from './app';

/** Messages come from our own host, but a webview can receive others: keep only ours. */
function isHostMessage(data: unknown): data is LeaderboardHostMessage {
  const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
  return type === 'leaderboard' || type === 'leaderboardFailed';
}

function vscodeTransport(): LeaderboardTransport {
  const api = acquireVsCodeApi<LeaderboardUiState>();
  return {
    post: (message) => api.postMessage(message),
    onMessage: (handler) =>
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (isHostMessage(event.data)) handler(event.data);
      }),
    loadState: () => api.getState(),
    saveState: (state) => api.setState(state),
  };
}

new LeaderboardApp(document.body, vscodeTransport());
