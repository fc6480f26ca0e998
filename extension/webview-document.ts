// The debate panel's HTML document and its Content-Security-Policy, as pure
// functions of the resource URIs (html.ts supplies them from VS Code).
import { randomBytes } from 'node:crypto';

export interface WebviewAssets {
  /** The webview's own origin for resources (`webview.cspSource`). */
  cspSource: string;
  script: string;
  styles: string;
  codicons: string;
}

/** Nothing by default; only our nonce-tagged script and our own styles, fonts and images. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

/** 144 random bits from the system's CSPRNG, a fresh one per document. */
export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The script draws the whole panel into <body> once the host answers its `ready`. */
export function webviewDocument(assets: WebviewAssets, nonce: string = createNonce()): string {
  const attr = escapeAttribute;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(assets.cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${attr(assets.codicons)}">
  <link rel="stylesheet" href="${attr(assets.styles)}">
  <title>Talking Models debate</title>
</head>
<body>
  <script nonce="${attr(nonce)}" src="${attr(assets.script)}"></script>
</body>
</html>`;
}
