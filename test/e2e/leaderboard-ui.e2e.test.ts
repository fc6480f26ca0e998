// The Leaderboard in the real workbench (code-server + Chromium), as a person would use it: a
// library holding judged debates (written through the library's API, as the CLI and the
// judge write them), "Talking Models: Show Leaderboard" from the palette, the models in
// rating order, a column header sorting the table, the Model + tone tab, a debate judged
// elsewhere showing up without a reload, and the Debates view's title action. Screenshots go
// to test-output/screenshots.
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedJudgedDebates, type SeededDebate } from '../leaderboard/seed-library';
import { DebatesView } from './support/debates-view';
import { SCREENSHOTS } from './support/paths';
import { useSimulatedWorkbench } from './support/simulated-workbench';
import { findWebviewFrame, runCommand } from './support/workbench';

const GEMMA = { model: 'gemma3:4b', tone: 'Cynic' };
const LLAMA = { model: 'llama3.2:1b', tone: 'Polite' };
const QWEN = { model: 'qwen2.5:0.5b', tone: 'Snarky' };

/** gemma wins most; llama beats qwen twice and ties once; qwen takes one off gemma. */
const DEBATES: SeededDebate[] = [
  { speakers: [GEMMA, LLAMA], winner: 0, timeToFirstTokenMs: 400, tokensPerSecond: 25 },
  { speakers: [LLAMA, GEMMA], winner: 1, timeToFirstTokenMs: 400, tokensPerSecond: 25 },
  { speakers: [GEMMA, QWEN], winner: 0 },
  { speakers: [QWEN, GEMMA], winner: 0 },
  { speakers: [LLAMA, QWEN], winner: 0 },
  { speakers: [QWEN, LLAMA], winner: 1 },
  { speakers: [GEMMA, { model: 'llama3.2:1b', tone: 'Rational' }], winner: 0 },
  { speakers: [LLAMA, QWEN], winner: null },
];

describe('the Leaderboard in the workbench (Chromium)', () => {
  const workbench = useSimulatedWorkbench('leaderboard', { tokenDelayMs: 5 });
  let page: Page;
  let library: string;
  let frame: Frame;

  beforeAll(async () => {
    ({ page, library } = workbench());
    await seedJudgedDebates(library, DEBATES);
  });

  /** The shown table's column (1-based), top to bottom. */
  function column(index: number): Promise<string[]> {
    return frame.locator(`#ranking-panel tbody tr td:nth-child(${index})`).allInnerTexts();
  }

  it('opens from the palette and ranks the models by rating, with their records', async () => {
    await runCommand(page, 'Talking Models: Show Leaderboard');
    frame = await findWebviewFrame(page, 'Ranking');
    await expect.poll(() => column(2), { timeout: 30_000 }).toEqual(['gemma3:4b', 'llama3.2:1b', 'qwen2.5:0.5b']);
    expect(await column(1)).toEqual(['1', '2', '3']);
    expect(await column(5)).toEqual(['4-1-0', '2-3-1', '1-3-1']);
    expect(await frame.locator('.leaderboard-summary').innerText()).toContain('8 judged debates');
    expect(await frame.locator('#speed-section tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await frame.getByRole('img', { name: /Ratings with 95% intervals/ }).count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'leaderboard-dark.png') });
  });

  it('sorts by a column header, and shows the model + tone ranking in its tab', async () => {
    const debates = frame.locator('#ranking-panel').getByRole('button', { name: 'Debates', exact: true });
    await debates.click();
    await expect.poll(() => frame.locator('#ranking-panel th[aria-sort="descending"]').innerText()).toContain('Debates');
    // llama spoke in 6 debates, gemma and qwen in 5 each (kept in rank order).
    expect(await column(2)).toEqual(['llama3.2:1b', 'gemma3:4b', 'qwen2.5:0.5b']);
    expect(await column(6)).toEqual(['6', '5', '5']);
    await frame.locator('#ranking-panel').getByRole('button', { name: 'Debates', exact: true }).click();
    await expect.poll(() => column(2)).toEqual(['gemma3:4b', 'qwen2.5:0.5b', 'llama3.2:1b']);
    expect(await frame.locator('#ranking-panel th[aria-sort="ascending"]').innerText()).toContain('Debates');

    await frame.getByRole('tab', { name: 'Model + tone' }).click();
    await expect.poll(() => column(3)).toEqual(['Cynic', 'Polite', 'Snarky', 'Rational']);
    expect(await column(2)).toEqual(['gemma3:4b', 'llama3.2:1b', 'qwen2.5:0.5b', 'llama3.2:1b']);
  });

  it('shows a debate judged elsewhere (the CLI, a tournament) without being asked', async () => {
    await frame.getByRole('tab', { name: 'Models' }).click();
    await frame.locator('#ranking-panel').getByRole('button', { name: 'Rank', exact: true }).click();
    await seedJudgedDebates(library, [{ speakers: [{ model: 'mistral:7b', tone: 'Rational' }, QWEN], winner: 0 }]);
    await expect.poll(() => column(2), { timeout: 60_000 }).toContain('mistral:7b');
    expect(await frame.locator('.leaderboard-summary').innerText()).toContain('9 judged debates');
  });

  it('is offered in the Debates view\'s title bar', async () => {
    const view = new DebatesView(page);
    await view.open();
    // Another editor in front of the panel: the title action brings the Leaderboard back.
    await runCommand(page, 'View: Close All Editors');
    await view.titleAction('Show Leaderboard');
    frame = await findWebviewFrame(page, 'Ranking');
    await expect.poll(() => column(2), { timeout: 30_000 }).toContain('gemma3:4b');
  });
});
