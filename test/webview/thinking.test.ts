// A reasoning model's turn in the panel: its reasoning streams into a collapsed block
// ("Thinking…", then "Thought for …") that opens from the keyboard, shows the reasoning as
// text (never as markup, never in the reply), and stays with the finished turn.
import { describe, expect, it } from 'vitest';
import type { HostMessage } from '../../extension/contract/protocol';
import { init, runStart, status, tokenize, tokenMessages, turn, turnId, turnStart } from './fixtures';
import type { PanelPage } from './harness';
import { usePanelBrowser } from './panel-suite';

const REASONING = 'First, weigh tabs.\n<script>window.__pwned = "thinking"</script> <img src=x onerror="window.__pwned = 1"> **not bold**';
const REPLY = 'Tabs, for accessibility.';

const openPanel = usePanelBrowser();

/** Runs `test` on a fresh panel, closed afterwards whatever happens. */
async function withPanel(test: (panel: PanelPage) => Promise<void>): Promise<void> {
  const panel = await openPanel();
  try {
    await test(panel);
  } finally {
    await panel.close();
  }
}

function thinkingMessages(position: number, text: string): HostMessage[] {
  return tokenize(text).map((piece) => ({ type: 'debate-event', event: { type: 'thinking', turnId: turnId(position), text: piece } }));
}

function thoughtTurnEnd(position: number): HostMessage {
  return { type: 'debate-event', event: { type: 'turn-end', turn: { ...turn(position, REPLY), thinking: REASONING, thinkingMs: 12_400 } } };
}

describe('a reasoning model\'s turn', () => {
  it('streams the reasoning into a collapsed "Thinking…" block, apart from the reply, then says how long it thought', () => withPanel(async (panel) => {
    const { page } = panel;
    await panel.send(init(), runStart(), status('speaking'), turnStart(0), ...thinkingMessages(0, REASONING));
    await panel.frames();
    const card = page.locator(`article[data-turn-id="${turnId(0)}"]`);
    const block = card.locator('details.thinking');
    await expect.poll(() => block.count()).toBe(1);
    expect(await block.locator('summary').textContent()).toBe('Thinking…');
    expect(await block.getAttribute('open')).toBeNull();
    // The reasoning is text, kept out of the reply's body.
    expect(await block.locator('.thinking-text').textContent()).toBe(REASONING);
    expect(await card.locator('.turn-body').textContent()).toBe('');

    await panel.send(...tokenMessages(0, tokenize(REPLY), 2));
    await panel.frames();
    expect(await block.locator('summary').textContent()).toMatch(/^Thought for \d+ ms$|^Thought for [\d.]+ s$/);
    expect((await card.locator('.turn-body').textContent())?.trim()).toBe(REPLY);

    await panel.send(thoughtTurnEnd(0));
    await panel.frames();
    const finished = card.locator('details.thinking');
    expect(await finished.count()).toBe(1);
    expect(await finished.locator('summary').textContent()).toBe('Thought for 12.4 s');
    expect(await finished.locator('.thinking-text').textContent()).toBe(REASONING);
    expect(await card.locator('.turn-body').textContent()).not.toContain('weigh tabs');
    // Nothing in the reasoning became markup or ran.
    expect(await finished.locator('script, img, strong').count()).toBe(0);
    await page.waitForTimeout(100);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await panel.cspViolations()).toEqual([]);
  }));

  it('opens and closes from the keyboard, and stays open when the turn ends', () => withPanel(async (panel) => {
    const { page } = panel;
    await panel.send(init(), runStart(), status('speaking'), turnStart(0), ...thinkingMessages(0, REASONING));
    await panel.frames();
    const summary = page.locator('details.thinking > summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    const open = async () => (await page.locator('details.thinking').getAttribute('open')) !== null;
    expect(await open()).toBe(true);
    expect(await page.locator('details.thinking .thinking-text').isVisible()).toBe(true);
    await panel.send(...tokenMessages(0, tokenize(REPLY)), thoughtTurnEnd(0));
    await panel.frames();
    expect(await open()).toBe(true);
    await page.locator('details.thinking > summary').focus();
    await page.keyboard.press('Space');
    expect(await open()).toBe(false);
    expect(await page.locator('details.thinking .thinking-text').isVisible()).toBe(false);
  }));

  it('shows no block for a turn without reasoning, and the block of a finished turn read whole', () => withPanel(async (panel) => {
    const { page } = panel;
    const plain = turn(0, 'No reasoning here.');
    const thought = { ...turn(1, REPLY), thinking: REASONING, thinkingMs: 900 };
    await panel.send(init(), runStart('Tabs or spaces?', 1, [plain, thought]));
    await panel.frames();
    expect(await page.locator(`article[data-turn-id="${turnId(0)}"] details.thinking`).count()).toBe(0);
    const block = page.locator(`article[data-turn-id="${turnId(1)}"] details.thinking`);
    expect(await block.locator('summary').textContent()).toBe('Thought for 900 ms');
    expect(await block.getAttribute('open')).toBeNull();
  }));
});
