// Driving the VS Code workbench in headless Chromium as a person would: keyboard,
// command palette, and the webview's own controls found by their accessible names.
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
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

/** Runs a command by its palette title ("Talking Models: Start Debate"), through F1. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 640, y: 10 } }).catch(() => undefined);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const item = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await item.waitFor({ state: 'visible', timeout: 20_000 });
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
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
