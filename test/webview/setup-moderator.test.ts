// The set-up's AI moderator, the simultaneous and moderator-picks orders, "Stop when the speakers
// agree" and "Closing statements and a vote" in the real panel (Chromium, production CSP): what
// needs a moderator is off, saying why, until one is chosen; a choice left without one is refused
// on its field; everything is chosen by keyboard, posted in the start request the host accepts and
// maps to the engine's config, kept with the draft, and named in the folded set-up.
import { afterEach, describe, expect, it } from 'vitest';
import { parseWebviewMessage, type DebateRequest } from '../../extension/contract/protocol';
import { toDebateConfig } from '../../extension/debate/debate-request';
import { readSettings } from '../../extension/settings';
import { HOST, init, MODELS, runStart, SPEAKERS } from './fixtures';
import type { PanelPage } from './harness';
import { usePanelBrowser } from './panel-suite';

const openPanel = usePanelBrowser();

const opened: PanelPage[] = [];

/** A fresh panel for this test; after it, checked to have broken no CSP rule and closed. */
async function panelWith(options: Parameters<typeof openPanel>[0] = {}): Promise<PanelPage> {
  const panel = await openPanel(options);
  opened.push(panel);
  return panel;
}

afterEach(async () => {
  for (const panel of opened.splice(0)) {
    const violations = await panel.cspViolations();
    await panel.close();
    expect(violations).toEqual([]);
  }
});

function controls({ page }: PanelPage) {
  return {
    moderator: page.getByRole('combobox', { name: 'AI moderator', exact: true }),
    order: page.getByRole('combobox', { name: 'Order', exact: true }),
    consensus: page.getByRole('checkbox', { name: 'Stop when the speakers agree', exact: true }),
    closing: page.getByRole('checkbox', { name: 'Closing statements and a vote', exact: true }),
    start: page.getByRole('button', { name: 'Start debate', exact: true }),
  };
}

/** The text of the elements an element's aria-describedby names, in order. */
async function description(panel: PanelPage, selector: string): Promise<string> {
  return panel.page.evaluate(`(() => {
    const ids = (document.querySelector(${JSON.stringify(selector)})?.getAttribute('aria-describedby') ?? '').split(/\\s+/).filter((id) => id !== '');
    return ids.map((id) => document.getElementById(id)?.textContent ?? '(missing #' + id + ')').join(' | ');
  })()`) as Promise<string>;
}

async function startRequest(panel: PanelPage): Promise<DebateRequest> {
  const parsed = parseWebviewMessage(await panel.waitForPosted((message) => message.type === 'start'));
  if (!parsed.ok || parsed.message.type !== 'start') throw new Error(`The host would refuse the start: ${JSON.stringify(parsed)}`);
  return parsed.message.request;
}

const FORM = { topic: 'Tabs or spaces?', speakers: SPEAKERS.map(({ model, tone }) => ({ model, tone })), exchanges: 3 };

describe('the AI moderator and what needs it', () => {
  it('at 320 px: off, saying why, until a moderator is chosen by keyboard; then everything is posted and run as chosen', async () => {
    const panel = await panelWith({ width: 320, height: 900 });
    const { page } = panel;
    await panel.send(init());
    const { moderator, order, consensus, closing, start } = controls(panel);
    await expect.poll(() => moderator.locator('option').allTextContents()).toEqual(['None', ...MODELS.map((model) => model.name)]);
    expect(await moderator.inputValue()).toBe('');
    expect(await description(panel, '#ai-moderator')).toBe(
      'Frames the question, summarises each round, may close the debate early. | None: the debate runs without one.');

    // Without a moderator: the moderator-picks order and the stop on agreement are off, and say why.
    const picks = order.locator('option[value="moderator"]');
    expect(await picks.isDisabled()).toBe(true);
    expect(await picks.getAttribute('title')).toBe('Needs an AI moderator: choose one above.');
    expect(await order.locator('option[value="simultaneous"]').isDisabled()).toBe(false);
    expect(await description(panel, '#turn-order')).toBe('Who speaks when within each exchange. | Moderator picks needs an AI moderator: choose one above.');
    expect(await consensus.isDisabled()).toBe(true);
    expect(await consensus.getAttribute('title')).toBe('Needs an AI moderator: choose one above.');
    expect(await description(panel, '#stop-on-consensus')).toBe('Needs an AI moderator: choose one above.');
    expect(await closing.isDisabled()).toBe(false);
    expect(await description(panel, '#closing-statements')).toContain('tallied as a vote');

    // Keyboard only: the moderator with the arrow key, the boxes with Space, the order with End (its last option).
    await moderator.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => moderator.inputValue()).toBe('llama3.2:1b');
    expect(await description(panel, '#ai-moderator')).toContain('1.2B · Q8_0');
    expect(await picks.isDisabled()).toBe(false);
    expect(await description(panel, '#turn-order')).toBe('Who speaks when within each exchange.');
    expect(await consensus.isDisabled()).toBe(false);
    expect(await description(panel, '#stop-on-consensus')).toBe('After each round the AI moderator judges whether the speakers agree.');
    await consensus.focus();
    await page.keyboard.press('Space');
    await closing.focus();
    await page.keyboard.press('Space');
    await order.focus();
    await page.keyboard.press('End');
    await expect.poll(() => order.inputValue()).toBe('moderator');
    expect(await consensus.isChecked()).toBe(true);
    expect(await closing.isChecked()).toBe(true);

    // Nothing is wider than the panel at its narrowest.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    for (const field of [moderator, consensus, closing, page.getByText('Closing statements and a vote', { exact: true })]) {
      const box = await field.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(320);
    }

    await start.click();
    const request = await startRequest(panel);
    expect(request).toEqual({ ...FORM, order: 'moderator', moderatorModel: 'llama3.2:1b', stopOnConsensus: true, closingStatements: true });
    const config = toDebateConfig(request, readSettings(() => undefined), HOST);
    expect(config).toMatchObject({ order: { kind: 'moderator' }, moderator: { model: 'llama3.2:1b' }, stopOn: { consensus: {} }, closingStatements: true });
    expect(await panel.savedState()).toMatchObject({ form: { order: 'moderator', moderatorModel: 'llama3.2:1b', stopOnConsensus: true, closingStatements: true } });

    await panel.send(runStart());
    await expect.poll(() => page.locator('.setup-summary-text').textContent()).toBe(
      'Tabs or spaces? · llama3.2:1b (Rational), qwen2.5:7b (Cynic) · 3 exchanges · moderator-picked order · moderator llama3.2:1b · stops on agreement · closing statements');
  });

  it('refuses Start on the order field when the moderator went, and starts once the order is changed', async () => {
    const panel = await panelWith();
    const { page } = panel;
    await panel.send(init());
    const { moderator, order, consensus, start } = controls(panel);
    await moderator.selectOption('gemma3:4b');
    await order.selectOption('moderator');
    await consensus.check();
    // Back to None: the stop on agreement is dropped (its box is off), the order stays as chosen.
    await moderator.selectOption('');
    expect(await consensus.isChecked()).toBe(false);
    expect(await consensus.isDisabled()).toBe(true);
    expect(await order.inputValue()).toBe('moderator');

    await start.click();
    const error = page.locator('#form-error');
    await expect.poll(() => error.textContent()).toBe('Moderator picks needs an AI moderator: choose one, or another order.');
    expect(await order.getAttribute('aria-invalid')).toBe('true');
    expect(await description(panel, '#turn-order')).toMatch(/^Moderator picks needs an AI moderator: choose one, or another order\. \| Who speaks when/);
    expect(await page.evaluate('document.activeElement.id')).toBe('turn-order');
    expect((await panel.posted()).some((message) => message.type === 'start')).toBe(false);

    await order.selectOption('simultaneous');
    expect(await error.count()).toBe(0);
    expect(await order.getAttribute('aria-invalid')).toBeNull();
    expect(await description(panel, '#turn-order')).toBe('Who speaks when within each exchange. | Moderator picks needs an AI moderator: choose one above.');
    await start.click();
    expect(await startRequest(panel)).toEqual({ ...FORM, order: 'simultaneous' });
  });

  it('restores the moderator, the stops and closing statements from a saved draft', async () => {
    const speakers = [{ model: 'gemma3:4b', tone: 'Adversary' }, { model: 'gemma3:4b', tone: 'Cynic' }];
    const form = { topic: 'Draft', speakers, exchanges: 2, order: 'simultaneous', moderatorModel: 'qwen2.5:7b', stopOnConsensus: true, closingStatements: true };
    const panel = await panelWith({ savedState: { form } });
    await panel.send(init());
    const { moderator, order, consensus, closing } = controls(panel);
    await expect.poll(() => panel.page.getByRole('textbox', { name: 'Topic', exact: true }).inputValue()).toBe('Draft');
    expect(await moderator.inputValue()).toBe('qwen2.5:7b');
    expect(await order.inputValue()).toBe('simultaneous');
    expect(await consensus.isChecked()).toBe(true);
    expect(await consensus.isDisabled()).toBe(false);
    expect(await closing.isChecked()).toBe(true);
  });

  it('a saved stop on agreement without a moderator is refused on the moderator picker, and starts once one is chosen', async () => {
    const form = { ...FORM, stopOnConsensus: true };
    const panel = await panelWith({ savedState: { form } });
    const { page } = panel;
    await panel.send(init());
    const { moderator, consensus, start } = controls(panel);
    await expect.poll(() => moderator.locator('option').count()).toBe(MODELS.length + 1);
    // Shown as the draft holds it, off until a moderator is chosen.
    expect(await consensus.isChecked()).toBe(true);
    expect(await consensus.isDisabled()).toBe(true);
    await start.click();
    await expect.poll(() => page.locator('#form-error').textContent()).toBe('Stopping when the speakers agree needs an AI moderator to judge it: choose one.');
    expect(await page.evaluate('document.activeElement.id')).toBe('ai-moderator');
    expect(await moderator.getAttribute('aria-invalid')).toBe('true');

    await moderator.selectOption('gemma3:4b');
    expect(await consensus.isDisabled()).toBe(false);
    await start.click();
    expect(await startRequest(panel)).toEqual({ ...FORM, moderatorModel: 'gemma3:4b', stopOnConsensus: true });
  });

  it('keeps a moderator that is not installed, marked, with a Pull like a speaker\'s model', async () => {
    const form = { ...FORM, moderatorModel: 'mistral:7b' };
    const panel = await panelWith({ savedState: { form } });
    const { page } = panel;
    await panel.send(init());
    const { moderator } = controls(panel);
    await expect.poll(() => moderator.locator('option:checked').textContent()).toBe('mistral:7b (not installed)');
    expect(await moderator.inputValue()).toBe('mistral:7b');
    expect(await description(panel, '#ai-moderator')).toContain('Not installed.');
    await page.locator('#ai-moderator-status').getByRole('button', { name: 'Pull mistral:7b', exact: true }).click();
    expect(await panel.waitForPosted((message) => message.type === 'pull-model')).toEqual({ type: 'pull-model', model: 'mistral:7b' });
  });
});
