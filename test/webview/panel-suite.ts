// The per-file set-up every webview test file needs: the bundle served on
// 127.0.0.1 and one Chromium, started before the file's tests and always
// stopped after them. Kept apart from harness.ts, which the benchmark also
// bundles and runs outside vitest.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
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
