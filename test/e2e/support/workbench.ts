// Driving the VS Code workbench in headless Chromium as a person would: keyboard,
// command palette, and the webview's own controls found by their accessible names.
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
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
    await waitForWorkbench(page);
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
    // Just after a reload the workbench may still move the focus (a restored editor, a
    // notification) and close the palette it opened: then open it again.
    const filled = await quickInput(page).fill(`>${title}`, { timeout: 3_000 }).then(() => true, () => false);
    const listed = filled && (await quickPickItem(page, title).waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false));
    if (listed) break;
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`the command palette does not list "${title}" (or kept closing)`);
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
 * The frame of the webview shown on screen whose document has a control labelled `label`.
 * Webviews live in nested iframes of the workbench page; Playwright lists them all. A panel
 * whose tab is in the background keeps a hidden iframe for a while: only visible ones count.
 */
export async function findWebviewFrame(page: Page, label: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const count = await frame.getByLabel(label, { exact: true }).count().catch(() => 0);
      if (count > 0 && (await isShown(page, frame))) return frame;
    }
    await delay(250);
  }
  throw new Error(`no visible webview with a control labelled "${label}" within ${timeoutMs} ms`);
}

/** The frame and each iframe holding it are visible in the page. */
async function isShown(page: Page, frame: Frame): Promise<boolean> {
  for (let current: Frame | null = frame; current !== null && current !== page.mainFrame(); current = current.parentFrame()) {
    const element = await current.frameElement().catch(() => null);
    if (element === null || !(await element.isVisible().catch(() => false))) return false;
  }
  return true;
}

/** The quick input (command palette, pick lists, input boxes, the simple file dialogs). */
export function quickInputWidget(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** Picks the item of the open pick list whose label starts with `label` (a string) or matches it (a RegExp). */
export async function pickQuickItem(page: Page, label: string | RegExp): Promise<void> {
  const widget = quickInputWidget(page);
  await widget.waitFor({ state: 'visible' });
  const pattern = typeof label === 'string' ? new RegExp(`^${escapeRegExp(label)}`) : label;
  const item = widget.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: pattern }) }).first();
  await item.click();
  await widget.waitFor({ state: 'hidden' });
}

/** Picks an item of the open pick list when another pick list follows: waits for that one (it may open before the first has hidden). */
export async function pickQuickItemThen(page: Page, label: string, nextLabel: string): Promise<void> {
  const widget = quickInputWidget(page);
  await widget.waitFor({ state: 'visible' });
  const row = (text: string) =>
    widget.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(text)}`) }) }).first();
  await row(label).click();
  await row(nextLabel).waitFor({ state: 'visible' });
}

/** The labels of the open pick list's items. */
export async function quickItemLabels(page: Page): Promise<string[]> {
  const widget = quickInputWidget(page);
  await widget.locator('.quick-input-list .monaco-list-row').first().waitFor();
  return widget.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
}

/**
 * Answers a file dialog. In code-server the save and open dialogs are VS Code's simple file
 * dialog: a quick input holding a path. Waits until it proposes a path matching `proposed`,
 * types `path` over it if given, and accepts. Resolves to the path accepted.
 */
export async function answerFileDialog(page: Page, { proposed, path }: { proposed?: RegExp; path?: string } = {}): Promise<string> {
  const widget = quickInputWidget(page);
  await widget.waitFor({ state: 'visible' });
  const input = widget.locator('input').first();
  // The dialog fills in its path a moment after it opens (and again once it has listed the folder).
  await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toMatch(proposed ?? /\/$|\.\w+$/);
  const attempts = 5;
  for (let attempt = 1; ; attempt++) {
    if (path !== undefined) {
      await input.fill(path);
      // While it is still listing the folder the dialog may put its own path back over the one
      // typed; only a value that stays put for a moment is worth accepting.
      await page.waitForTimeout(250 * attempt);
      if ((await input.inputValue()) !== path) {
        if (attempt === attempts) throw new Error(`the file dialog kept replacing ${path} with ${await input.inputValue()}`);
        continue;
      }
    }
    const accepted = await input.inputValue();
    await input.press('Enter');
    const closed = await widget.waitFor({ state: 'hidden', timeout: 3_000 }).then(() => true, () => false);
    if (closed) return accepted;
    if (attempt === attempts || path === undefined) throw new Error(`the file dialog did not accept ${accepted}: ${await widget.innerText()}`);
  }
}

/** A modal dialog of the workbench (e.g. a confirmation), with its message and buttons. */
export function modalDialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}

/** A notification toast whose text contains `text`. */
export function notification(page: Page, text: string | RegExp): Locator {
  return page.locator('.notification-toast', { hasText: text });
}

/** Closes every notification toast, so none covers what comes next. */
export async function clearNotifications(page: Page): Promise<void> {
  if ((await page.locator('.notification-toast').count()) === 0) return;
  await runCommand(page, 'Notifications: Clear All Notifications');
  await expect.poll(() => page.locator('.notification-toast').count()).toBe(0);
}

/**
 * Waits until the workbench has stored UI state mentioning `text` (e.g. a debate id a panel
 * keeps in its webview state). The web workbench writes its state (open editors, webview
 * state) to IndexedDB every 5 seconds at most and cannot finish that write while the page
 * unloads: a window reloaded sooner comes back without what was opened just before.
 */
export async function waitForStoredState(page: Page, text: string, timeoutMs = 20_000): Promise<void> {
  const storedStateMentions = (needle: string): Promise<boolean> => {
    // Runs in the page (no DOM types here): VS Code's state databases, table ItemTable.
    const idb = (globalThis as unknown as { indexedDB: any }).indexedDB;
    const search = (name: string) =>
      new Promise<boolean>((resolve) => {
        const open = idb.open(name);
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('ItemTable')) {
            db.close();
            resolve(false);
            return;
          }
          const request = db.transaction('ItemTable', 'readonly').objectStore('ItemTable').getAll();
          request.onsuccess = () => {
            db.close();
            resolve((request.result as unknown[]).some((value) => typeof value === 'string' && value.includes(needle)));
          };
          request.onerror = () => {
            db.close();
            resolve(false);
          };
        };
      });
    return (idb.databases() as Promise<{ name?: string }[]>).then(async (databases) => {
      for (const { name } of databases) if (name?.startsWith('vscode-web-state-db-') && (await search(name))) return true;
      return false;
    });
  };
  await expect.poll(() => page.evaluate(storedStateMentions, text), { timeout: timeoutMs, interval: 250 }).toBe(true);
}

/** Reloads the window (as Developer: Reload Window would) and waits until the workbench is interactive again. */
export async function reloadWindow(page: Page): Promise<void> {
  await page.reload();
  await waitForWorkbench(page);
}

async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The workbench is interactive once the status bar has rendered its items.
  await page.locator('.statusbar-item').first().waitFor({ timeout: 60_000 });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
