// The debate panel's HTML, built once per panel. The webview draws itself from
// the host's `init` message, so the document never changes after creation:
// reassigning webview.html would reload it and wipe a streamed transcript.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export const WEBVIEW_SCRIPT = ['dist', 'webview.js'];
export const WEBVIEW_STYLES = ['media', 'webview.css'];
export const CODICON_STYLES = ['dist', 'codicons', 'codicon.css'];

/** Scripts on, and only the extension's shipped folders readable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = createNonce();
  const asset = (segments: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${asset(CODICON_STYLES)}">
  <link rel="stylesheet" href="${asset(WEBVIEW_STYLES)}">
  <title>Talking Models debate</title>
</head>
<body>
  <script nonce="${nonce}" src="${asset(WEBVIEW_SCRIPT)}"></script>
</body>
</html>`;
}
