// The Debates view (its own activity-bar container) as a person uses it: shown from its
// icon, items found by the topic they show, actions from the items' context menu and the
// view's title bar.
import type { Locator, Page } from 'playwright-core';
import { delay } from './process-group';

/** The activity-bar entry (the view container's title in package.json). */
const CONTAINER_TITLE = 'Talking Models';
/** The view's name, which is also its tree's accessible name. */
const VIEW_NAME = 'Debates';
/** How long after showing a context menu VS Code starts listening for clicks on its items (100 ms), and some. */
const MENU_ITEM_ARMING_MS = 150;

/** One row of the tree as shown. */
export interface DebateRow {
  /** The item's label: the debate's title or topic ("Today" for a group). */
  label: string;
  /** Its description: models · outcome · time (empty for a group). */
  description: string;
  /** 1 for a recency group, 2 for a debate, 3 for its branches... */
  level: number;
  /** null when it has no children. */
  expanded: boolean | null;
}

export class DebatesView {
  constructor(readonly page: Page) {}

  tree(): Locator {
    return this.page.locator('.part.sidebar').getByRole('tree', { name: VIEW_NAME, exact: true });
  }

  /** Shows the view by its activity-bar icon (a click on the icon of a view already shown would hide it). */
  async open(): Promise<void> {
    if (await this.tree().isVisible()) return;
    await this.page.locator('.part.activitybar').getByRole('tab', { name: CONTAINER_TITLE, exact: true }).click();
    await this.tree().waitFor();
  }

  async rows(): Promise<DebateRow[]> {
    return this.tree()
      .locator('.monaco-list-row')
      .evaluateAll((rows) =>
        rows
          .map((row) => ({
            label: row.querySelector('.label-name')?.textContent ?? '',
            description: row.querySelector('.label-description')?.textContent ?? '',
            level: Number(row.getAttribute('aria-level')),
            expanded: row.hasAttribute('aria-expanded') ? row.getAttribute('aria-expanded') === 'true' : null,
            top: row.getBoundingClientRect().top,
          }))
          // The list is virtual: rows are positioned, not necessarily in document order.
          .sort((a, b) => a.top - b.top)
          .map(({ top: _top, ...row }) => row),
      );
  }

  /** The rows showing debates labelled `label`, at `level` (2: not a branch) if given. */
  row(label: string, level?: number): Locator {
    const rows = this.tree().locator(level === undefined ? '.monaco-list-row' : `.monaco-list-row[aria-level="${level}"]`);
    return rows.filter({ has: this.page.locator('.label-name', { hasText: label }) });
  }

  /**
   * Runs an action of the row's context menu ("Export JSON…") and waits until `until` shows
   * (its dialog, say). If the action did not take effect, the menu is opened again.
   */
  async itemAction(row: Locator, action: string, until?: Locator): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await row.click({ button: 'right' });
      const item = this.page.getByRole('menuitem', { name: action, exact: true });
      await item.hover();
      // A menu item ignores clicks for its first 100 ms (VS Code listens for mouseup only then, so
      // the right-click that opened the menu can't choose an item): a person is never that quick.
      await delay(MENU_ITEM_ARMING_MS);
      await item.click();
      const closed = await item.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false);
      const shown = closed && (until === undefined || (await until.waitFor({ timeout: 5_000 }).then(() => true, () => false)));
      if (shown) return;
      if (attempt === 3) throw new Error(`the context menu action "${action}" did not take effect`);
      await this.page.keyboard.press('Escape');
    }
  }

  /** Runs an action of the view's title bar ("Import Debate from JSON…"). */
  async titleAction(action: string): Promise<void> {
    await this.page.locator('.part.sidebar').getByRole('button', { name: action, exact: true }).click();
  }
}
