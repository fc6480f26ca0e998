// Driving the VS Code workbench in headless Chromium as a person would: keyboard,
// command palette, and the webview's own controls found by their accessible names.
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_BIN } from './paths';
import { delay } from './process-group';

export interface Workbench {
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // CI containers often have a tiny /dev/shm.
  '--disable-dev-shm-usage',
];

export async function openWorkbench(url: string): Promise<Workbench> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_BIN, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The workbench is interactive once the status bar has rendered its items.
    await page.locator('.statusbar-item').first().waitFor({ timeout: 60_000 });
    return { browser, page, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Runs a command by its palette title ("Talking Models: Start Debate"), through F1.
 * Just after start-up the palette may not list extension commands yet (the remote
 * extension host is still scanning): it is reopened until the command shows up.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await focusWorkbench(page);
    await page.keyboard.press('F1');
    await quickInput(page).waitFor({ state: 'visible' });
    await quickInput(page).fill(`>${title}`);
    const listed = await quickPickItem(page, title).waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
    if (listed) break;
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`the command palette does not list "${title}"`);
    await delay(1_000);
  }
  await quickInput(page).press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

export type ThemeKind = 'dark' | 'light';

/**
 * Switches between the preferred light and dark themes (Default Light/Dark Modern in a
 * fresh profile) and waits until the workbench and the given webview have the new colours.
 */
export async function switchTheme(page: Page, kind: ThemeKind, webview: Frame): Promise<void> {
  const workbenchClass = kind === 'light' ? '.monaco-workbench.vs' : '.monaco-workbench.vs-dark';
  if ((await page.locator(workbenchClass).count()) === 0) {
    await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  }
  await page.locator(workbenchClass).waitFor();
  await webview.locator(kind === 'light' ? 'body.vscode-light' : 'body.vscode-dark').waitFor();
}

/**
 * Answers the workspace trust prompt with "No": the folder opens in Restricted Mode, as a
 * cautious person would open a repository they just cloned.
 */
export async function declineWorkspaceTrust(page: Page): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.getByRole('button', { name: /^No, I don't trust/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).waitFor();
  // The status bar keeps saying so; the banner above the title bar would only crowd screenshots.
  await page.getByRole('button', { name: 'Close Banner' }).click();
}

/**
 * Keys go to the focused frame: after a click in a webview, F1 would reach the webview's
 * document, not the workbench. A click on the title bar's empty middle brings focus home.
 */
async function focusWorkbench(page: Page): Promise<void> {
  await page.locator('.part.titlebar').click({ position: { x: 250, y: 15 } });
}

function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget input');
}

function quickPickItem(page: Page, text: string): Locator {
  return page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
}

/**
 * The frame of the webview whose document has a control labelled `label`.
 * Webviews live in nested iframes of the workbench page; Playwright lists them all.
 */
export async function findWebviewFrame(page: Page, label: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const count = await frame.getByLabel(label, { exact: true }).count().catch(() => 0);
      if (count > 0) return frame;
    }
    await delay(250);
  }
  throw new Error(`no webview with a control labelled "${label}" within ${timeoutMs} ms`);
}
