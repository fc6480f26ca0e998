// The debate panel's webview set-up, done once per panel. The webview draws
// itself from the host's `init` message, so the document never changes after
// creation: reassigning webview.html would reload it and wipe a streamed transcript.
import * as vscode from 'vscode';
import { webviewDocument } from './webview-document';

/** Scripts on, and only the extension's shipped folders readable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}

/** A webview's script (in dist/) and stylesheet (in media/): the debate panel's unless another is named (the Leaderboard's). */
export interface WebviewBundle {
  script: string;
  styles: string;
}

const DEBATE_PANEL_BUNDLE: WebviewBundle = { script: 'webview.js', styles: 'webview.css' };

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: WebviewBundle = DEBATE_PANEL_BUNDLE): string {
  const asset = (...segments: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString();
  return webviewDocument({
    cspSource: webview.cspSource,
    script: asset('dist', bundle.script),
    styles: asset('media', bundle.styles),
    codicons: asset('dist', 'codicons', 'codicon.css'),
    locale: { language: vscode.env.language, ...(vscode.l10n.bundle !== undefined && { bundle: vscode.l10n.bundle }) },
  });
}
