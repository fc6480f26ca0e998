// The debate UI in a VS Code webview, the same for an editor panel and the side-bar view:
// scripts on and only the extension's own folders readable, the document with its strict
// CSP and fresh nonce (set once: the webview redraws itself from `init` after every
// reload), and its messages. The caller says how its frame is titled and revealed.
import * as vscode from 'vscode';
import { webviewHtml, webviewOptions } from '../html';
import type { DebateSurface } from './webview-host';

export function debateSurface(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  frame: Pick<DebateSurface, 'setTitle' | 'reveal'>,
): DebateSurface {
  webview.options = webviewOptions(extensionUri);
  webview.html = webviewHtml(webview, extensionUri);
  return {
    post: (message) => void webview.postMessage(message),
    onMessage: (listener) => webview.onDidReceiveMessage(listener),
    setTitle: (title) => frame.setTitle(title),
    reveal: () => frame.reveal(),
  };
}
