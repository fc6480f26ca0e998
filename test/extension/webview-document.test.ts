import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, webviewDocument } from '../../extension/webview-document';

const assets = {
  cspSource: 'https://abc.vscode-resource.vscode-cdn.net',
  script: 'https://abc.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styles: 'https://abc.vscode-resource.vscode-cdn.net/ext/media/webview.css',
  codicons: 'https://abc.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
};

describe('the webview document', () => {
  it('has a strict policy: nothing by default, our nonce-tagged script, our own styles, fonts and images', () => {
    expect(contentSecurityPolicy(assets.cspSource, 'N0nce')).toBe(
      `default-src 'none'; script-src 'nonce-N0nce'; style-src ${assets.cspSource}; font-src ${assets.cspSource}; img-src ${assets.cspSource} data:`,
    );
  });

  it('loads only the bundled script (with the nonce) and the two stylesheets, with no inline code or style', () => {
    const html = webviewDocument(assets, 'N0nce');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-N0nce';`);
    expect(html.match(/<script\b[^>]*>/g)).toEqual([`<script nonce="N0nce" src="${assets.script}">`]);
    expect(html).toMatch(/<script[^>]*><\/script>/);
    expect(html.match(/<link rel="stylesheet" href="([^"]+)">/g)).toEqual([
      `<link rel="stylesheet" href="${assets.codicons}">`,
      `<link rel="stylesheet" href="${assets.styles}">`,
    ]);
    expect(html).not.toMatch(/<style|style=|\son[a-z]+=/i);
  });

  it('uses a fresh, unguessable nonce for every document', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const [a, b] = [webviewDocument(assets), webviewDocument(assets)];
    expect(a.match(/nonce="([^"]+)"/)?.[1]).not.toBe(b.match(/nonce="([^"]+)"/)?.[1]);
  });
});
