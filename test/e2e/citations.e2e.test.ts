// Citations in the real workbench (code-server + Chromium), as a person would follow one: a
// workspace file opened, two of its lines selected, "Debate Selection" run, the debate started
// (the speakers' requests carry exactly those lines, labelled `path:line`), the first speaker's
// reply citing one of them; its link in the panel shows the line on hover, and a click opens the
// file beside the panel with that line selected. A citation of lines outside the selection
// stays text; once the file is deleted, the link says so in a notification.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SimModel } from '../simulator/ollama-simulator';
import { DebatePanel } from './support/debate-panel';
import { SCREENSHOTS } from './support/paths';
import { useSimulatedWorkbench } from './support/simulated-workbench';
import { findWebviewFrame, notification, quickInputWidget, runCommand } from './support/workbench';

const FILE = 'src/calc.ts';
const LINES = [
  'export function total(prices: number[]): number {',
  '  let sum = 0;',
  '  for (const price of prices) sum += price;',
  '  return sum * 1.2;',
  '}',
];
/** The lines selected (1-based) and the one the reply cites. */
const SELECTED = [3, 4];
const CITED = 4;

const MODELS: SimModel[] = [
  { name: 'llama3.2:1b', family: 'llama', parameterSize: '1.2B', quantization: 'Q8_0', reply: `The tax is hard-coded at ${FILE}:${CITED}; ${FILE}:40 does not exist.` },
  { name: 'qwen2.5:0.5b', family: 'qwen2', parameterSize: '494M', quantization: 'Q4_K_M', reply: 'A constant is fine for one country.' },
];

/** Keys go to the workbench, not to a webview that had the focus: a click on the title bar's empty middle. */
async function focusWorkbench(page: Page): Promise<void> {
  await page.locator('.part.titlebar').click({ position: { x: 250, y: 15 } });
}

/** Opens `name` with Go to File (Ctrl+P), as a person would. */
async function openFile(page: Page, name: string): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('Control+P');
  const input = quickInputWidget(page).locator('input').first();
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await input.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
}

/** Selects whole lines `from`..`to` of the active editor: Go to Line (Ctrl+G, the cursor at the line's start), then Shift+Down to the start of the line after. */
async function selectLines(page: Page, from: number, to: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = quickInputWidget(page).locator('input').first();
  await input.fill(`:${from}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: `Go to line ${from}.` }).waitFor({ timeout: 15_000 });
  await input.press('Enter');
  await quickInputWidget(page).waitFor({ state: 'hidden' });
  for (let line = from; line <= to; line += 1) await page.keyboard.press('Shift+ArrowDown');
}

/** The status bar's cursor and selection ("Ln 4, Col 20 (19 selected)"). */
function selectionStatus(page: Page): Promise<string> {
  return page.locator('[id="status.editor.selection"]').innerText();
}

describe('citations of a selection in the workbench (Chromium)', () => {
  const running = useSimulatedWorkbench('citations', { models: MODELS, tokenDelayMs: 5 }, {
    'talkingModels.defaultSpeakers': [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:0.5b', tone: 'Cynic' }],
  });

  it('debates the selected lines and opens a cited line from the reply', async () => {
    const { page, server, simulator } = running();
    mkdirSync(join(server.workspace, 'src'), { recursive: true });
    writeFileSync(join(server.workspace, FILE), `${LINES.join('\n')}\n`);

    await openFile(page, 'calc.ts');
    await selectLines(page, SELECTED[0]!, SELECTED[1]!);
    await expect.poll(() => selectionStatus(page)).toMatch(/\(\d+ selected\)/);
    await runCommand(page, 'Talking Models: Debate Selection');

    const panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));
    await expect.poll(() => panel.frame.locator('.models-summary').innerText(), { timeout: 30_000 }).toContain('2 models installed');
    await panel.setExchanges(1);
    await panel.button('Start debate').click();
    await panel.waitForStatus(['done'], 90_000);

    // Every speaker was sent exactly the selected lines, each labelled with its path and number.
    for (const model of ['llama3.2:1b', 'qwen2.5:0.5b']) {
      const sent = JSON.stringify(simulator.chatRequests(model)[0]?.body ?? null);
      for (const line of SELECTED) expect(sent).toContain(JSON.stringify(`${FILE}:${line} | ${LINES[line - 1]}`).slice(1, -1));
      for (const line of [1, 2, 5]) expect(sent).not.toContain(`${FILE}:${line} |`);
    }

    const links = panel.transcript().locator('.citation-link');
    await expect.poll(() => links.count(), { timeout: 15_000 }).toBe(1);
    const link = links.first();
    expect(await link.innerText()).toBe(`${FILE}:${CITED}`);
    expect(await link.getAttribute('aria-label')).toBe(`Open ${FILE} line ${CITED}`);
    // The citation of lines outside the selection is plain text.
    expect(await panel.transcript().innerText()).toContain(`${FILE}:40`);

    await link.hover();
    const card = panel.frame.locator(`[id="${await link.getAttribute('aria-describedby')}"]`);
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.locator('.citation-line-number').allTextContents()).toEqual([String(CITED)]);
    expect(await card.locator('.citation-line-text').allTextContents()).toEqual([LINES[CITED - 1]]);
    await page.screenshot({ path: join(SCREENSHOTS, 'citation-hover-dark.png') });

    await link.click();
    // The file opens beside the panel with the cited line selected whole.
    await page.locator('.tabs-container .tab.active', { hasText: 'calc.ts' }).waitFor({ timeout: 15_000 });
    const cited = LINES[CITED - 1]!;
    await expect.poll(() => selectionStatus(page), { timeout: 15_000 }).toBe(`Ln ${CITED}, Col ${cited.length + 1} (${cited.length} selected)`);
    expect(await page.locator('.editor-group-container').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'citation-opened-dark.png') });

    // The file deleted since: the link says so, and the transcript stays as it was.
    rmSync(join(server.workspace, FILE));
    const transcript = await panel.transcript().innerText();
    await link.click();
    await notification(page, `${FILE} is no longer in the workspace: it was moved or deleted since the debate.`).waitFor({ timeout: 15_000 });
    // Escape closes the card the click's hover and focus opened: then the transcript reads as before.
    await link.press('Escape');
    await expect.poll(() => card.isVisible()).toBe(false);
    expect(await panel.transcript().innerText()).toBe(transcript);
  });
});
