// Judging in the real workbench (code-server + Chromium), as a person would: a debate run
// against the Ollama simulator, then Judge… in its panel, the judge model picked, the progress
// seen, and the verdict card (winner, scores table, rationale) shown and saved with the debate;
// then the Debates view's "Judge Debate…" on the same saved debate (its panel closed): the
// installed models offered with the last judge first, the panel opened on the debate with the
// new verdict on top and the first one folded. The judge is blind: no speaker's name or model
// reaches it. Screenshots go to test-output/screenshots.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Verdict } from '../../engine/judge/verdict';
import { pickSideSaying, scriptedJudge } from '../simulator/judge-script';
import type { OllamaSimulator, SimModel } from '../simulator/ollama-simulator';
import { DebatePanel } from './support/debate-panel';
import { DebatesView } from './support/debates-view';
import { savedDebates } from './support/library';
import { SCREENSHOTS } from './support/paths';
import { useSimulatedWorkbench } from './support/simulated-workbench';
import { clearNotifications, findWebviewFrame, notification, pickQuickItem, quickInputWidget, quickItemLabels, runCommand } from './support/workbench';

const JUDGE = 'gemma3:4b';
const MODELS: SimModel[] = [
  { name: 'llama3.2:1b', family: 'llama', parameterSize: '1.2B', quantization: 'Q8_0', reply: 'Lend the drill: a library already shares what few can own alone.' },
  { name: 'qwen2.5:0.5b', family: 'qwen2', parameterSize: '494M', quantization: 'Q4_K_M', reply: 'The catalogue is easy; repairs are not, and nobody budgets for them.' },
  // Finds for the side that speaks of the catalogue (speaker 2) in every order.
  { ...scriptedJudge({ name: JUDGE, family: 'gemma3', steps: ['valid'], pick: pickSideSaying('catalogue') }), parameterSize: '4.3B', quantization: 'Q4_K_M' },
];
const TOPIC = 'Should libraries lend tools too?';
const FAST_TOKENS_MS = 5;
/** Slow enough for the judging's progress to be seen. */
const SLOW_TOKENS_MS = 40;

/** The verdicts saved with the library's only debate. */
function savedVerdicts(library: string): Verdict[] {
  const [debate] = savedDebates(library) as (ReturnType<typeof savedDebates>[number] & { verdicts?: Verdict[] })[];
  return debate?.verdicts ?? [];
}

describe('judging a debate in the workbench (Chromium)', () => {
  const workbench = useSimulatedWorkbench('judge', { models: MODELS, tokenDelayMs: FAST_TOKENS_MS });
  let simulator: OllamaSimulator;
  let page: Page;
  let library: string;

  beforeAll(() => {
    ({ simulator, page, library } = workbench());
  });

  /** Every request made to the judge model, as JSON text. */
  function judgeRequests(): string[] {
    return simulator.chatRequests(JUDGE).map((request) => JSON.stringify(request.body));
  }

  it('runs a debate, judges it from the panel with a picked model, and shows the verdict card', async () => {
    await runCommand(page, 'Talking Models: Start Debate');
    const panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));
    await expect.poll(() => panel.frame.locator('.models-summary').innerText()).toContain('3 models installed');
    await panel.setUp(TOPIC, [{ model: 'llama3.2:1b', tone: 'Philosopher' }, { model: 'qwen2.5:0.5b', tone: 'Cynic' }], 1);
    await panel.button('Start debate').click();
    await panel.waitForStatus(['done'], 30_000);

    simulator.setOptions({ tokenDelayMs: SLOW_TOKENS_MS });
    onTestFinished(() => simulator.setOptions({ tokenDelayMs: FAST_TOKENS_MS }));
    await panel.button('Judge…').click();
    const picker = panel.control('Judge model');
    // Nothing remembered yet: the installed model no speaker uses.
    await expect.poll(() => picker.inputValue()).toBe(JUDGE);
    await picker.fill(JUDGE);
    await panel.button('Judge').click();
    await expect.poll(() => panel.frame.getByRole('status').filter({ hasText: /Judging: order [12] of 2…/ }).count(), { timeout: 20_000 }).toBe(1);
    expect(await panel.button('Cancel judging').isVisible()).toBe(true);

    const card = panel.frame.getByRole('article', { name: `Verdict of ${JUDGE}` });
    await card.waitFor({ timeout: 60_000 });
    expect(await card.locator('.verdict-outcome').innerText()).toBe('Speaker 2 wins (every order agreed)');
    const table = card.getByRole('table');
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Speaker', 'Argument strength', 'Evidence', 'Rebuttal', 'Staying in tone', 'Overall']);
    expect((await table.getByRole('rowheader').allInnerTexts()).map((text) => text.split('\n')[0])).toEqual(['Speaker 1', 'Speaker 2']);
    expect(await card.locator('.verdict-rationale').innerText()).toBe('Speaker 2 answered the others best.');
    expect(await panel.button('Cancel judging').isVisible()).toBe(false);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'verdict-dark.png') });

    // Saved with the debate; asked blind, once per order.
    await expect.poll(() => savedVerdicts(library).length).toBe(1);
    expect(savedVerdicts(library)[0]).toMatchObject({ judgeModel: JUDGE, winner: 1 });
    expect(judgeRequests()).toHaveLength(2);
    for (const body of judgeRequests()) for (const word of ['llama3.2:1b', 'qwen2.5:0.5b', 'Speaker 1', 'Speaker 2']) expect(body).not.toContain(word);
  });

  it('judges the saved debate again from the Debates view: the newest card on top, the first folded', async () => {
    // The panel closed: the command opens the debate again.
    await runCommand(page, 'View: Close All Editors');
    await expect.poll(() => page.locator('.tabs-container .tab').count()).toBe(0);
    await clearNotifications(page);
    const view = new DebatesView(page);
    await view.open();
    const row = view.row(TOPIC, 2);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await view.itemAction(row, 'Judge Debate…', quickInputWidget(page));
    // The judge chosen last comes first.
    expect((await quickItemLabels(page))[0]).toBe(JUDGE);
    await pickQuickItem(page, JUDGE);

    await notification(page, `${JUDGE}'s verdict: Speaker 2 wins (every order agreed)`).waitFor({ timeout: 60_000 });
    await expect.poll(() => savedVerdicts(library).length).toBe(2);
    const panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));
    await expect.poll(() => panel.frame.locator('.outcome-verdicts > article.verdict-card').count(), { timeout: 15_000 }).toBe(1);
    const earlier = panel.frame.locator('details.earlier-verdicts');
    expect(await earlier.locator('summary').innerText()).toBe('Earlier verdicts (1)');
    expect(await earlier.getAttribute('open')).toBeNull();
    expect(judgeRequests()).toHaveLength(4);
  });
});
