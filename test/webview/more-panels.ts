// One fresh panel page per test of the More settings and the context meter, each test choosing
// its theme, width and saved state: after the test, the page is checked to have broken no CSP
// rule and run no injected script (hostile names, roles and model text stay text), then closed.
import { expect } from 'vitest';
import type { PanelOptions, PanelPage } from './harness';
import { usePanelBrowser } from './panel-suite';

export type OnPanel = (options: PanelOptions, test: (panel: PanelPage) => Promise<void>) => Promise<void>;

/** Registers the file's browser (beforeAll/afterAll); returns how to run a test on a fresh, checked panel. */
export function useCheckedPanels(): OnPanel {
  const openPanel = usePanelBrowser();
  return async (options, test) => {
    const panel = await openPanel(options);
    try {
      await test(panel);
      expect(await panel.cspViolations()).toEqual([]);
      expect(await panel.page.evaluate('window.__pwned')).toBeUndefined();
    } finally {
      await panel.close();
    }
  };
}
