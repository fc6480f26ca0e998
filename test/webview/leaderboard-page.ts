// The Leaderboard panel's real script in headless Chromium behind the production document and
// CSP (webview-document.ts), served from 127.0.0.1 with a fake acquireVsCodeApi that records
// what the panel posts and lets a test send it host messages.
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { LeaderboardHostMessage, LeaderboardWebviewMessage } from '../../extension/contract/leaderboard';
import { createNonce, webviewDocument } from '../../extension/webview-document';

const ROOT = resolve(process.cwd());

// Dark Modern's colours the panel uses.
const THEME = `:root {
  --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; --vscode-foreground: #cccccc;
  --vscode-descriptionForeground: #9d9d9d; --vscode-errorForeground: #f85149; --vscode-editor-background: #1f1f1f;
  --vscode-panel-border: #2b2b2b; --vscode-focusBorder: #0078d4; --vscode-charts-blue: #3794ff;
  --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc;
  --vscode-list-hoverBackground: #2a2d2e; --vscode-toolbar-hoverBackground: rgba(90, 93, 94, 0.31);
}`;

const FAKE_API = `
window.__posted = [];
window.__state = undefined;
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
window.acquireVsCodeApi = () => ({
  postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
  getState: () => window.__state,
  setState: (state) => { window.__state = JSON.parse(JSON.stringify(state)); },
});`;

async function bundle(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'media/src/leaderboard/main.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface LeaderboardServer {
  origin: string;
  close(): Promise<void>;
}

export async function startLeaderboardServer(): Promise<LeaderboardServer> {
  const script = await bundle();
  const files: Record<string, [type: string, body: () => Buffer | string]> = {
    '/dist/leaderboard.js': ['text/javascript', () => script],
    '/media/leaderboard.css': ['text/css', () => readFileSync(join(ROOT, 'media/leaderboard.css'))],
    '/dist/codicons/codicon.css': ['text/css', () => readFileSync(join(ROOT, 'node_modules/@vscode/codicons/dist/codicon.css'))],
    '/dist/codicons/codicon.ttf': ['font/ttf', () => readFileSync(join(ROOT, 'node_modules/@vscode/codicons/dist/codicon.ttf'))],
    '/theme.css': ['text/css', () => THEME],
  };
  /** The panel's document as VS Code serves it, plus what VS Code adds: the theme and acquireVsCodeApi. */
  const page = (origin: string): string => {
    const nonce = createNonce();
    const assets = { cspSource: origin, script: `${origin}/dist/leaderboard.js`, styles: `${origin}/media/leaderboard.css`, codicons: `${origin}/dist/codicons/codicon.css` };
    return webviewDocument(assets, nonce).replace('</head>', () => `<link rel="stylesheet" href="${origin}/theme.css"><script nonce="${nonce}">${FAKE_API}</script></head>`);
  };
  const server: Server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    const found: [string, () => Buffer | string] | undefined = pathname === '/' ? ['text/html; charset=utf-8', () => page(`http://${request.headers.host ?? '127.0.0.1'}`)] : files[pathname];
    if (found === undefined) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': found[0] }).end(found[1]());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await promisify(server.close.bind(server))();
    },
  };
}

export class LeaderboardPage {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, origin: string, width = 1100): Promise<LeaderboardPage> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${origin}/`);
    const panel = new LeaderboardPage(page);
    await page.waitForFunction('window.__posted.some((m) => m.type === "ready")');
    return panel;
  }

  async send(message: LeaderboardHostMessage): Promise<void> {
    await this.page.evaluate(`window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(message)} }))`);
  }

  posted(): Promise<LeaderboardWebviewMessage[]> {
    return this.page.evaluate('window.__posted') as Promise<LeaderboardWebviewMessage[]>;
  }

  cspViolations(): Promise<string[]> {
    return this.page.evaluate('window.__cspViolations') as Promise<string[]>;
  }

  /** The text of the given column's cells in the table inside `scope`, top to bottom. */
  async column(scope: string, index: number): Promise<string[]> {
    return this.page.locator(`${scope} tbody tr`).evaluateAll((rows, at) => rows.map((row) => row.children[at]?.textContent ?? ''), index);
  }
}
