// The debate panel's HTML document and its Content-Security-Policy, as pure
// functions of the resource URIs (html.ts supplies them from VS Code).
import { randomBytes } from 'node:crypto';
import { bundleAttributeValue, L10N_BUNDLE_ATTRIBUTE } from './contract/l10n-document';

export interface WebviewAssets {
  /** The webview's own origin for resources (`webview.cspSource`). */
  cspSource: string;
  script: string;
  styles: string;
  codicons: string;
  /** VS Code's display language and the bundle it loaded for it (none for English). */
  locale?: WebviewLocale;
}

export interface WebviewLocale {
  /** `vscode.env.language`, e.g. `fr` or `zh-cn`. */
  language: string;
  /** `vscode.l10n.bundle`: the translations the webview's `l10n.t` looks up. */
  bundle?: Readonly<Record<string, string>>;
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

/** `lang` and the translations (read by media/src/l10n.ts before the first render) on <html>. */
function htmlAttributes(locale: WebviewLocale | undefined): string {
  const bundle = bundleAttributeValue(locale?.bundle);
  const lang = ` lang="${escapeAttribute(locale?.language ?? 'en')}"`;
  return bundle === undefined ? lang : `${lang} ${L10N_BUNDLE_ATTRIBUTE}="${escapeAttribute(bundle)}"`;
}

/** The script draws the whole panel into <body> once the host answers its `ready`. */
export function webviewDocument(assets: WebviewAssets, nonce: string = createNonce()): string {
  const attr = escapeAttribute;
  return `<!DOCTYPE html>
<html${htmlAttributes(assets.locale)}>
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
