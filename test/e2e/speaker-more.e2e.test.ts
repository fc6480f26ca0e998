// A speaker's More settings, thinking, the debate language and the context meter in the real
// workbench (code-server + Chromium), in a dark and a light theme, as a person would: the panel
// opened, a speaker's More section opened and its name, temperature and context window set; the
// thinking choice offered only for the simulator's reasoning model (its /api/show lists
// `thinking`), turned on there; French picked; a short debate run against the simulator; the
// context meter seen on the turns, the reasoner's thinking folded apart from its reply; and the
// simulator's request log checked for num_ctx, the temperature, the language instruction and
// (only for the reasoning model) `think`.
// Screenshots go to test-output/screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type OllamaSimulator, type SimModel } from '../simulator/ollama-simulator';
import type { ChatRequestBody } from '../simulator/protocol';
import { startCodeServer, type CodeServer } from './support/code-server';
import { DebatePanel } from './support/debate-panel';
import { saveFailureArtifacts } from './support/failures';
import { SCREENSHOTS, VSIX } from './support/paths';
import { machineSettings, profileSettings } from './support/profile';
import { findWebviewFrame, openWorkbench, runCommand, switchTheme, type ThemeKind, type Workbench } from './support/workbench';

const PLAIN = 'llama3.2:1b';
const REASONER = 'qwen3:0.6b';
const MODELS: SimModel[] = [
  { name: PLAIN, family: 'llama', parameterSize: '1.2B', quantization: 'Q8_0', reply: 'Les villes respirent mieux sans voitures.' },
  { name: REASONER, family: 'qwen3', parameterSize: '751.63M', quantization: 'Q4_K_M', thinking: 'Je pèse les deux côtés.', reply: 'Les livraisons ont besoin des rues.' },
];
const TOPIC = 'Should cities ban cars from their centres?';
const WINDOW = 4096;
const TEMPERATURE = 0.4;

function bodyOf(request: { body: unknown }): ChatRequestBody {
  return request.body as ChatRequestBody;
}

describe("a speaker's More settings, thinking and the language in the workbench (Chromium)", () => {
  let simulator: OllamaSimulator;
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    simulator = await startSimulator({ models: MODELS, tokenDelayMs: 5 });
    server = await startCodeServer({ vsixFiles: [VSIX], settings: profileSettings(simulator.url), machineSettings });
    workbench = await openWorkbench(server.workbenchUrl);
    ({ page } = workbench);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await saveFailureArtifacts(`speaker-more ${task.name}`, workbench?.page, server);
  });

  // The browser, then code-server, then the simulator: each is stopped even when one before it fails.
  afterAll(async () => {
    const failures: unknown[] = [];
    for (const stop of [() => workbench?.close(), () => server?.stop(), () => simulator?.close()]) {
      await Promise.resolve().then(stop).catch((error: unknown) => failures.push(error));
    }
    if (failures.length > 0) throw failures[0];
  });

  for (const theme of ['dark', 'light'] as ThemeKind[]) {
    it(`(${theme}) sets a speaker's name, temperature and window, thinking only where the model reasons, and French; the requests carry them`, async () => {
      const asked = simulator.chatRequests().length;
      await runCommand(page, 'Talking Models: Start Debate');
      const panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));
      await switchTheme(page, theme, panel.frame);
      await expect.poll(() => panel.frame.locator('.models-summary').innerText(), { timeout: 30_000 }).toContain('2 models installed');
      await panel.setUp(TOPIC, [{ model: PLAIN, tone: 'Rational' }, { model: REASONER, tone: 'Cynic' }], 1);

      // Speaker 1 on a model that can't reason: its More section has no thinking choice.
      await panel.button('More settings for Speaker 1').click();
      await panel.control('Speaker 1 name').fill('Ada');
      await panel.control('Speaker 1 temperature').fill(String(TEMPERATURE));
      await panel.control('Speaker 1 context window').fill(String(WINDOW));
      expect(await panel.control('Speaker 1 thinking').isVisible()).toBe(false);

      // Speaker 2 on the reasoning model: off and on offered, on chosen.
      await panel.button('More settings for Speaker 2').click();
      const thinking = panel.control('Speaker 2 thinking');
      await expect.poll(() => thinking.isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await thinking.locator('option').allInnerTexts()).toEqual(['Model default', 'Off', 'On']);
      await thinking.selectOption('on');

      await panel.control('Language').selectOption('French');
      await panel.control('Speaker 2 thinking').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, `speaker-more-${theme}.png`) });

      await panel.button('Start debate').click();
      await panel.waitForStatus(['done'], 60_000);
      const turns = await panel.turns();
      expect(turns.map((turn) => turn.label)).toEqual(['Ada, exchange 1', 'Speaker 2, exchange 1']);

      // Each turn shows its context meter: prompt tokens against the speaker's window.
      const meters = panel.transcript().locator('.context-meter-text');
      await expect.poll(() => meters.count(), { timeout: 20_000 }).toBe(2);
      expect(await meters.nth(0).innerText()).toMatch(new RegExp(`^prompt [\\d,]+ / ${WINDOW.toLocaleString('en-US')} tokens`));
      expect(await meters.nth(1).innerText()).toMatch(/^prompt [\d,]+ \/ [\d,]+ tokens/);
      // The reasoner's thinking is kept apart from its reply: one folded block, "Thought for …",
      // its text inside, none of it in the reply; the plain model's turn has no block.
      const reasonerTurn = panel.transcript().locator('article.turn').nth(1);
      const thinkingBlock = reasonerTurn.locator('details.thinking');
      expect(await thinkingBlock.count()).toBe(1);
      expect(await thinkingBlock.getAttribute('open')).toBeNull();
      expect(await thinkingBlock.locator('.thinking-summary').innerText()).toMatch(/^\s*Thought( for .+)?$/);
      expect(await thinkingBlock.locator('.thinking-text').textContent()).toContain('Je pèse les deux côtés.');
      expect(turns[1]?.text).not.toContain('Je pèse');
      expect(await panel.transcript().locator('article.turn').nth(0).locator('details.thinking').count()).toBe(0);
      await thinkingBlock.locator('.thinking-summary').click();
      await meters.nth(1).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, `speaker-more-debate-${theme}.png`) });

      // What the simulator was asked, this run only.
      const requests = simulator.chatRequests().slice(asked).map(bodyOf);
      const plain = requests.filter((body) => body.model === PLAIN);
      const reasoner = requests.filter((body) => body.model === REASONER);
      expect(plain.length).toBeGreaterThanOrEqual(1);
      expect(reasoner.length).toBeGreaterThanOrEqual(1);
      for (const body of plain) {
        expect(body.options).toMatchObject({ num_ctx: WINDOW, temperature: TEMPERATURE });
        expect(body.messages?.[0]?.content).toMatch(/Reply in French\.$/);
        expect(body.think).toBeUndefined();
      }
      for (const body of reasoner) {
        expect(body.think).toBe(true);
        expect(typeof body.options?.num_ctx).toBe('number');
        expect(body.messages?.[0]?.content).toMatch(/Reply in French\.$/);
      }
      // The folded set-up says it all in one line.
      expect(await panel.frame.locator('.setup-summary-text').innerText()).toBe(
        `${TOPIC} · Ada: ${PLAIN} (Rational), ${REASONER} (Cynic) · 1 exchange · in French`);
    });
  }
});
