// The per-file set-up every webview test file needs: the bundle served on
// 127.0.0.1 and one Chromium, started before the file's tests and always
// stopped after them. Kept apart from harness.ts, which the benchmark also
// bundles and runs outside vitest.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { bundleWebview, launchChromium, PanelPage, startPanelServer, type PanelOptions, type PanelServer } from './harness';

/** Registers the file's beforeAll/afterAll; returns how to open a fresh panel page. */
export function usePanelBrowser(): (options?: PanelOptions) => Promise<PanelPage> {
  let browser: Browser | undefined;
  let server: PanelServer | undefined;

  beforeAll(async () => {
    server = await startPanelServer(await bundleWebview());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return (options) => {
    if (browser === undefined || server === undefined) throw new Error('Open panels inside tests: Chromium starts in beforeAll.');
    return PanelPage.open(browser, server.origin, options);
  };
}

/**
 * The browser as usePanelBrowser registers it, and a fresh panel page for each test: opened
 * before it, and after it checked to have broken no CSP rule, then closed. Returns the page
 * of the test running.
 */
export function usePanelPerTest(): () => PanelPage {
  const openPanel = usePanelBrowser();
  let panel: PanelPage | undefined;

  beforeEach(async () => {
    panel = await openPanel();
  });

  afterEach(async () => {
    expect(await panel?.cspViolations()).toEqual([]);
    await panel?.close();
    panel = undefined;
  });

  return () => {
    if (panel === undefined) throw new Error('The panel page opens before each test.');
    return panel;
  };
}
