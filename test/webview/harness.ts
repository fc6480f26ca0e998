// Runs the real webview bundle in headless Chromium behind the production CSP.
// The page is served from 127.0.0.1 (like VS Code's webview origin, the only
// source the CSP allows for styles, fonts and scripts); a fake acquireVsCodeApi,
// injected before the bundle with the page's nonce, records every posted message
// and lets a test dispatch host messages as MessageEvents.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostMessage, WebviewMessage } from '../../extension/contract/protocol';
import { createNonce, webviewDocument, type WebviewLocale } from '../../extension/webview-document';

// Both vitest and the bench runner run from the repository root (a bundled bench has no useful __dirname).
const ROOT = resolve(process.cwd());
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Bundles media/src/main.ts exactly as esbuild.mjs does (IIFE for the browser), in memory. */
export async function bundleWebview(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(ROOT, 'media/src/main.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

// What every VS Code theme sets alike: the fonts.
const SHARED_THEME_VARIABLES = `
  --vscode-font-family: system-ui, "Ubuntu", "Droid Sans", sans-serif;
  --vscode-font-size: 13px;
  --vscode-editor-font-family: "Droid Sans Mono", "monospace", monospace;
  --vscode-editor-font-size: 13px;`;

// VS Code's chart colours (its colour registry: charts.* per theme kind), the speakers' accents.
const DARK_CHARTS = `
  --vscode-charts-blue: #3794ff;
  --vscode-charts-orange: #d18616;
  --vscode-charts-green: #89d185;
  --vscode-charts-purple: #b180d7;
  --vscode-charts-yellow: #cca700;
  --vscode-charts-red: #f14c4c;`;
const LIGHT_CHARTS = `
  --vscode-charts-blue: #1a85ff;
  --vscode-charts-orange: #d18616;
  --vscode-charts-green: #388a34;
  --vscode-charts-purple: #652d90;
  --vscode-charts-yellow: #bf8803;
  --vscode-charts-red: #e51400;`;
const HIGH_CONTRAST_LIGHT_CHARTS = `
  --vscode-charts-blue: #1a85ff;
  --vscode-charts-orange: #0f4a85;
  --vscode-charts-green: #374e06;
  --vscode-charts-purple: #652d90;
  --vscode-charts-yellow: #895503;
  --vscode-charts-red: #b5200d;`;

function themeCss(charts: string, variables: string): string {
  return `:root {${SHARED_THEME_VARIABLES}${charts}${variables}\n}`;
}

// Realistic values of VS Code's default Dark Modern theme, so screenshots look like the product.
const DARK_THEME = themeCss(DARK_CHARTS, `
  --vscode-font-weight: normal;
  --vscode-foreground: #cccccc;
  --vscode-descriptionForeground: #9d9d9d;
  --vscode-errorForeground: #f85149;
  --vscode-editor-background: #1f1f1f;
  --vscode-sideBar-background: #181818;
  --vscode-sideBarSectionHeader-foreground: #cccccc;
  --vscode-panel-border: #2b2b2b;
  --vscode-widget-border: #313131;
  --vscode-widget-shadow: rgba(0, 0, 0, 0.36);
  --vscode-editorWidget-background: #202020;
  --vscode-input-background: #313131;
  --vscode-input-foreground: #cccccc;
  --vscode-input-border: #3c3c3c;
  --vscode-input-placeholderForeground: #989898;
  --vscode-dropdown-background: #313131;
  --vscode-dropdown-foreground: #cccccc;
  --vscode-dropdown-border: #3c3c3c;
  --vscode-inputValidation-errorBackground: #5a1d1d;
  --vscode-inputValidation-errorBorder: #be1100;
  --vscode-button-background: #0078d4;
  --vscode-button-foreground: #ffffff;
  --vscode-button-hoverBackground: #026ec1;
  --vscode-button-border: rgba(255, 255, 255, 0.07);
  --vscode-button-secondaryBackground: #313131;
  --vscode-button-secondaryForeground: #cccccc;
  --vscode-button-secondaryHoverBackground: #3c3c3c;
  --vscode-focusBorder: #0078d4;
  --vscode-icon-foreground: #cccccc;
  --vscode-toolbar-hoverBackground: rgba(90, 93, 94, 0.31);
  --vscode-textLink-foreground: #4daafc;
  --vscode-textLink-activeForeground: #4daafc;
  --vscode-textCodeBlock-background: #2b2b2b;
  --vscode-textBlockQuote-background: #2b2b2b;
  --vscode-textBlockQuote-border: #616161;
  --vscode-badge-background: #616161;
  --vscode-badge-foreground: #f8f8f8;
  --vscode-list-hoverBackground: #2a2d2e;
  --vscode-progressBar-background: #0078d4;
  --vscode-editorWarning-foreground: #cca700;
  --vscode-contrastBorder: transparent;`);

// VS Code's High Contrast (dark) theme: black, with cyan borders and orange focus.
const HIGH_CONTRAST_THEME = themeCss(DARK_CHARTS, `
  --vscode-foreground: #ffffff;
  --vscode-descriptionForeground: rgba(255, 255, 255, 0.7);
  --vscode-errorForeground: #f48771;
  --vscode-editor-background: #000000;
  --vscode-sideBar-background: #000000;
  --vscode-panel-border: #6fc3df;
  --vscode-widget-border: #6fc3df;
  --vscode-contrastBorder: #6fc3df;
  --vscode-contrastActiveBorder: #f38518;
  --vscode-focusBorder: #f38518;
  --vscode-input-background: #000000;
  --vscode-input-foreground: #ffffff;
  --vscode-input-border: #6fc3df;
  --vscode-dropdown-background: #000000;
  --vscode-dropdown-border: #6fc3df;
  --vscode-inputValidation-errorBackground: #000000;
  --vscode-inputValidation-errorBorder: #6fc3df;
  --vscode-button-background: #000000;
  --vscode-button-foreground: #ffffff;
  --vscode-button-border: #6fc3df;
  --vscode-button-secondaryBackground: #000000;
  --vscode-button-secondaryForeground: #ffffff;
  --vscode-textLink-foreground: #21a6ff;
  --vscode-textCodeBlock-background: #000000;
  --vscode-badge-background: #000000;
  --vscode-badge-foreground: #ffffff;
  --vscode-progressBar-background: #6fc3df;
  --vscode-editorWarning-foreground: #ffd370;`);

// VS Code's default Light Modern theme.
const LIGHT_THEME = themeCss(LIGHT_CHARTS, `
  --vscode-font-weight: normal;
  --vscode-foreground: #3b3b3b;
  --vscode-descriptionForeground: #3b3b3b;
  --vscode-errorForeground: #f85149;
  --vscode-editor-background: #ffffff;
  --vscode-sideBar-background: #f8f8f8;
  --vscode-sideBarSectionHeader-foreground: #3b3b3b;
  --vscode-panel-border: #e5e5e5;
  --vscode-widget-border: #e5e5e5;
  --vscode-widget-shadow: rgba(0, 0, 0, 0.16);
  --vscode-editorWidget-background: #f8f8f8;
  --vscode-input-background: #ffffff;
  --vscode-input-foreground: #3b3b3b;
  --vscode-input-border: #cecece;
  --vscode-input-placeholderForeground: #767676;
  --vscode-dropdown-background: #ffffff;
  --vscode-dropdown-foreground: #3b3b3b;
  --vscode-dropdown-border: #cecece;
  --vscode-inputValidation-errorBackground: #f2dede;
  --vscode-inputValidation-errorBorder: #be1100;
  --vscode-button-background: #005fb8;
  --vscode-button-foreground: #ffffff;
  --vscode-button-hoverBackground: #0258a8;
  --vscode-button-border: rgba(0, 0, 0, 0.1);
  --vscode-button-secondaryBackground: #e5e5e5;
  --vscode-button-secondaryForeground: #3b3b3b;
  --vscode-button-secondaryHoverBackground: #cccccc;
  --vscode-focusBorder: #005fb8;
  --vscode-icon-foreground: #3b3b3b;
  --vscode-toolbar-hoverBackground: rgba(184, 184, 184, 0.31);
  --vscode-textLink-foreground: #005fb8;
  --vscode-textLink-activeForeground: #005fb8;
  --vscode-textCodeBlock-background: #f8f8f8;
  --vscode-textBlockQuote-background: #f8f8f8;
  --vscode-textBlockQuote-border: #e5e5e5;
  --vscode-badge-background: #cccccc;
  --vscode-badge-foreground: #3b3b3b;
  --vscode-list-hoverBackground: #f2f2f2;
  --vscode-progressBar-background: #005fb8;
  --vscode-editorWarning-foreground: #bf8803;
  --vscode-contrastBorder: transparent;`);

// VS Code's High Contrast Light theme: white, with navy borders.
const HIGH_CONTRAST_LIGHT_THEME = themeCss(HIGH_CONTRAST_LIGHT_CHARTS, `
  --vscode-foreground: #292929;
  --vscode-descriptionForeground: #292929;
  --vscode-errorForeground: #b5200d;
  --vscode-editor-background: #ffffff;
  --vscode-sideBar-background: #ffffff;
  --vscode-panel-border: #0f4a85;
  --vscode-widget-border: #0f4a85;
  --vscode-contrastBorder: #0f4a85;
  --vscode-contrastActiveBorder: #006bbd;
  --vscode-focusBorder: #006bbd;
  --vscode-input-background: #ffffff;
  --vscode-input-foreground: #292929;
  --vscode-input-border: #0f4a85;
  --vscode-dropdown-background: #ffffff;
  --vscode-dropdown-border: #0f4a85;
  --vscode-inputValidation-errorBackground: #ffffff;
  --vscode-inputValidation-errorBorder: #b5200d;
  --vscode-button-background: #0f4a85;
  --vscode-button-foreground: #ffffff;
  --vscode-button-border: #0f4a85;
  --vscode-button-secondaryBackground: #ffffff;
  --vscode-button-secondaryForeground: #292929;
  --vscode-textLink-foreground: #0f4a85;
  --vscode-textCodeBlock-background: #ffffff;
  --vscode-badge-background: #0f4a85;
  --vscode-badge-foreground: #ffffff;
  --vscode-progressBar-background: #0f4a85;
  --vscode-editorWarning-foreground: #895503;`);

export type Theme = 'dark' | 'high-contrast' | 'light' | 'high-contrast-light';

// VS Code gives a high-contrast light theme both classes (its own and the high-contrast one).
const THEMES: Record<Theme, { css: string; bodyClass: string; kind: string }> = {
  dark: { css: DARK_THEME, bodyClass: 'vscode-dark', kind: 'vscode-dark' },
  'high-contrast': { css: HIGH_CONTRAST_THEME, bodyClass: 'vscode-high-contrast', kind: 'vscode-high-contrast' },
  light: { css: LIGHT_THEME, bodyClass: 'vscode-light', kind: 'vscode-light' },
  'high-contrast-light': { css: HIGH_CONTRAST_LIGHT_THEME, bodyClass: 'vscode-high-contrast-light vscode-high-contrast', kind: 'vscode-high-contrast-light' },
};

function isTheme(value: string | null): value is Theme {
  return value !== null && Object.hasOwn(THEMES, value);
}

function fakeVsCodeApi(initialState: unknown): string {
  return `
window.__posted = [];
window.__state = ${JSON.stringify(initialState ?? null)} ?? undefined;
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
let acquired = false;
window.acquireVsCodeApi = () => {
  if (acquired) throw new Error('acquireVsCodeApi may be called only once');
  acquired = true;
  return {
    postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
    getState: () => window.__state,
    setState: (state) => { window.__state = JSON.parse(JSON.stringify(state)); return state; },
  };
};
window.__hostSend = (message) => window.dispatchEvent(new MessageEvent('message', { data: message }));
`;
}

/**
 * The extension's own document (webview-document.ts, so its CSP too), served
 * from this origin, plus what VS Code adds around it: the theme's variables and
 * body classes, and acquireVsCodeApi (a nonce-tagged script here, after the CSP).
 */
function pageHtml(origin: string, initialState: unknown, theme: Theme, language: string | null): string {
  const nonce = createNonce();
  const document = webviewDocument({
    cspSource: origin,
    script: `${origin}/dist/webview.js`,
    styles: `${origin}/media/webview.css`,
    codicons: `${origin}/dist/codicons/codicon.css`,
    ...(language !== null && { locale: shippedLocale(language) }),
  }, nonce);
  const { bodyClass, kind } = THEMES[theme];
  const vscodeAdditions = `<link rel="stylesheet" href="${origin}/theme-${theme}.css">
  <script nonce="${nonce}">${fakeVsCodeApi(initialState)}</script>
</head>`;
  return document
    .replace('</head>', () => vscodeAdditions)
    .replace('<body>', () => `<body class="${bodyClass}" data-vscode-theme-kind="${kind}">`);
}

/** What VS Code hands the extension for a display language: its code and the shipped l10n bundle. */
function shippedLocale(language: string): WebviewLocale {
  return { language, bundle: JSON.parse(readFileSync(join(ROOT, `l10n/bundle.l10n.${language}.json`), 'utf8')) as Record<string, string> };
}

export interface PanelServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves the panel page and its four files on 127.0.0.1 (a free port). */
export async function startPanelServer(script: string): Promise<PanelServer> {
  const files: Record<string, { type: string; body: () => Buffer | string }> = {
    '/dist/webview.js': { type: 'text/javascript', body: () => script },
    '/media/webview.css': { type: 'text/css', body: () => readFileSync(join(ROOT, 'media/webview.css')) },
    '/dist/codicons/codicon.css': { type: 'text/css', body: () => readFileSync(join(ROOT, 'node_modules/@vscode/codicons/dist/codicon.css')) },
    '/dist/codicons/codicon.ttf': { type: 'font/ttf', body: () => readFileSync(join(ROOT, 'node_modules/@vscode/codicons/dist/codicon.ttf')) },
    ...Object.fromEntries(Object.entries(THEMES).map(([name, { css }]) => [`/theme-${name}.css`, { type: 'text/css', body: () => css }])),
  };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const origin = `http://${request.headers.host ?? '127.0.0.1'}`;
    if (url.pathname === '/') {
      const state = url.searchParams.get('state');
      const requested = url.searchParams.get('theme');
      const theme = isTheme(requested) ? requested : 'dark';
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(pageHtml(origin, state === null ? null : JSON.parse(state), theme, url.searchParams.get('language')));
      return;
    }
    const file = files[url.pathname];
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type });
    response.end(file.body());
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolveClose) => {
      server.closeAllConnections();
      server.close(() => resolveClose());
    }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export interface PanelOptions {
  /** What `vscode.getState()` returns, as after a reload. */
  savedState?: unknown;
  width?: number;
  height?: number;
  theme?: Theme;
  /** A VS Code display language with a shipped bundle (`fr`, `zh-cn`); none: English. */
  language?: string;
}

/** One panel page, driven the way the extension host would drive it. */
export class PanelPage {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, origin: string, options: PanelOptions = {}): Promise<PanelPage> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1200, height: options.height ?? 800 } });
    const query = new URLSearchParams({ theme: options.theme ?? 'dark' });
    if (options.savedState !== undefined) query.set('state', JSON.stringify(options.savedState));
    if (options.language !== undefined) query.set('language', options.language);
    await page.goto(`${origin}/?${query.toString()}`);
    const panel = new PanelPage(page);
    await panel.waitForPosted((message) => message.type === 'ready');
    return panel;
  }

  /** Dispatches host messages in order, in one task (as a burst of postMessage calls would arrive). */
  async send(...messages: HostMessage[]): Promise<void> {
    await this.page.evaluate(`for (const m of ${JSON.stringify(messages)}) window.__hostSend(m)`);
  }

  posted(): Promise<WebviewMessage[]> {
    return this.page.evaluate('window.__posted') as Promise<WebviewMessage[]>;
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate('window.__posted.length = 0');
  }

  savedState(): Promise<unknown> {
    return this.page.evaluate('window.__state');
  }

  cspViolations(): Promise<string[]> {
    return this.page.evaluate('window.__cspViolations') as Promise<string[]>;
  }

  /** Waits until a posted message matches (polling the recorder); returns it. */
  async waitForPosted(match: (message: WebviewMessage) => boolean, timeoutMs = 5000): Promise<WebviewMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.posted()).find(match);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`No matching message was posted; posted: ${JSON.stringify(await this.posted())}`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    }
  }

  /** Opens the set-up that is folded away while a debate is shown (its Edit button), as a person would. */
  async openSetup(): Promise<void> {
    const edit = this.page.getByRole('button', { name: 'Edit', exact: true });
    if ((await edit.getAttribute('aria-expanded')) !== 'true') await edit.click();
  }

  /** Resolves after the next two animation frames, by which time batched rendering has run. */
  async frames(): Promise<void> {
    await this.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
