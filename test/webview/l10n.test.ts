// The panel in each shipped language, in real Chromium under the production CSP: given the bundle
// VS Code would hand the extension (l10n/bundle.l10n.<language>.json, written into the document
// as webview-document.ts does), the set-up, the status and a finished debate's transcript are in
// that language, with no message of the bundle left in English; without a bundle, English.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { HostMessage } from '../../extension/contract/protocol';
import { debate, HOST, init, snapshot, transcript, turn } from './fixtures';
import type { PanelPage } from './harness';
import { usePanelBrowser } from './panel-suite';

const openPanel = usePanelBrowser();
const readJson = (file: string): Record<string, string> => JSON.parse(readFileSync(join(process.cwd(), file), 'utf8')) as Record<string, string>;
const english = readJson('l10n/bundle.l10n.json');

/** Every text a person meets in the page: text nodes, accessible names, tooltips and placeholders (run in the page). */
const SHOWN_TEXTS = `(() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) texts.push(node.textContent ?? '');
  for (const element of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const value = element.getAttribute(name);
      if (value !== null) texts.push(value);
    }
  }
  return texts.map((text) => text.trim()).filter((text) => text !== '');
})()`;

function shownTexts(page: Page): Promise<string[]> {
  return page.evaluate(SHOWN_TEXTS) as Promise<string[]>;
}

/** The bundle's English messages (no placeholders) that the page shows as they are, though the language translates them. */
async function untranslated(panel: PanelPage, translated: Record<string, string>): Promise<string[]> {
  const shown = new Set(await shownTexts(panel.page));
  return Object.keys(english).filter((message) => !/\{\d+\}/u.test(message) && translated[message] !== message && shown.has(message.trim()));
}

/** The person's own topic: their text, shown as written in any language (unlike the example topics). */
const TOPIC = 'Pineapple on pizza?';
const setUp = (): HostMessage => init({ form: { ...snapshot().form, topic: TOPIC } });

/** The set-up with models and tones, then a finished two-turn debate (its transcript, turn cards and status). */
async function showFinishedDebate(panel: PanelPage): Promise<void> {
  await panel.send(setUp());
  await expect.poll(() => panel.page.locator('.models-summary').textContent(), { timeout: 20_000 }).toContain(HOST);
  const turns = [turn(1, 'Spaces align everywhere.'), turn(2, 'Tabs let each reader choose.')];
  await panel.send(debate({ status: 'done', transcript: transcript({ topic: TOPIC, turns, outcome: 'complete', endedAt: '2025-11-25T09:01:00Z' }) }));
  await expect.poll(() => panel.page.locator('article.turn').count(), { timeout: 20_000 }).toBe(2);
}

const LANGUAGES = [
  {
    language: 'fr',
    start: 'Lancer le débat', topic: 'Sujet', speakers: 'Participants', exportButton: 'Exporter en Markdown', model: 'Modèle de Participant 1',
    models: `3 modèles installés sur ${HOST}`, finished: 'Débat terminé.', exchange: 'Échange 1', edit: 'Modifier', order: 'Tour à tour — dans l\'ordre de la liste',
    example: 'Tabulations ou espaces ?', more: 'Plus de paramètres pour Participant 1', stance: 'Position de Participant 1', devilsAdvocate: 'Avocat du diable',
  },
  {
    language: 'zh-cn',
    start: '开始辩论', topic: '话题', speakers: '发言者', exportButton: '导出为 Markdown', model: '发言者 1 的模型',
    models: `${HOST} 上已安装 3 个模型`, finished: '辩论已结束。', exchange: '第 1 轮', edit: '编辑', order: '轮流 — 按列表顺序',
    example: '制表符还是空格？', more: '发言者 1 的更多设置', stance: '发言者 1 的立场', devilsAdvocate: '唱反调者',
  },
] as const;

describe.each(LANGUAGES)('the panel in $language', (expected) => {
  it('says everything in the language: set-up, module-level choices, status, transcript, and no bundle message in English', async () => {
    const translated = readJson(`l10n/bundle.l10n.${expected.language}.json`);
    const panel = await openPanel({ language: expected.language });
    try {
      const { page } = panel;
      expect(await page.locator('html').getAttribute('lang')).toBe(expected.language);
      await panel.send(setUp());
      await expect.poll(() => page.locator('.models-summary').textContent(), { timeout: 20_000 }).toBe(expected.models);
      expect(await page.getByRole('button', { name: expected.start, exact: true }).count()).toBe(1);
      expect(await page.getByRole('button', { name: expected.exportButton, exact: true }).count()).toBe(1);
      expect(await page.getByRole('textbox', { name: expected.topic, exact: true }).inputValue()).toBe(TOPIC);
      // The example topics are offered in the language.
      expect(await page.getByRole('button', { name: expected.example, exact: true }).count()).toBe(1);
      expect(await page.getByRole('combobox', { name: expected.model, exact: true }).inputValue()).toBe('llama3.2:1b');
      expect(await page.getByRole('heading', { name: expected.speakers, exact: true }).count()).toBe(1);
      // A module-level text (the order picker's choices), computed when its module loaded: translated too.
      expect(await page.locator('#turn-order option[value="round-robin"]').textContent()).toBe(expected.order);
      expect(await page.locator('.status-line').textContent()).toContain(translated['Ready. Pick a topic and speakers, then start the debate.']);
      expect(await untranslated(panel, translated)).toEqual([]);
      for (const englishText of ['Start debate', 'Export to Markdown', 'Add speaker', 'Exchanges', 'Stop early when a speaker repeats itself']) {
        expect(await page.getByText(englishText, { exact: true }).count(), englishText).toBe(0);
      }

      await showFinishedDebate(panel);
      expect(await page.locator('.status-line').textContent()).toContain(expected.finished);
      expect(await page.locator('article.turn .turn-exchange').first().textContent()).toBe(expected.exchange);
      expect(await untranslated(panel, translated)).toEqual([]);

      // The set-up opened again (Edit) and a speaker's More section: its fields and the stances.
      await page.getByRole('button', { name: expected.edit, exact: true }).click();
      await page.getByRole('button', { name: expected.more, exact: true }).click();
      const stance = page.getByRole('combobox', { name: expected.stance, exact: true });
      await expect.poll(() => stance.isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await stance.locator('option[value="devils-advocate"]').textContent()).toBe(expected.devilsAdvocate);
      expect(await untranslated(panel, translated)).toEqual([]);
      expect(await panel.cspViolations()).toEqual([]);
    } finally {
      await panel.close();
    }
  });
});

describe('the panel without a bundle (VS Code in English)', () => {
  it('is in English, <html lang="en">', async () => {
    const panel = await openPanel();
    try {
      const { page } = panel;
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await panel.send(init());
      await expect.poll(() => page.locator('.models-summary').textContent(), { timeout: 20_000 }).toBe(`3 models installed on ${HOST}`);
      for (const name of ['Start debate', 'Export to Markdown', 'Add speaker']) expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(1);
      expect(await page.locator('#turn-order option[value="round-robin"]').textContent()).toBe('Round-robin — listed order');
      await showFinishedDebate(panel);
      expect(await page.locator('.status-line').textContent()).toContain('Debate finished.');
      expect(await page.locator('article.turn .turn-exchange').first().textContent()).toBe('Exchange 1');
    } finally {
      await panel.close();
    }
  });
});
