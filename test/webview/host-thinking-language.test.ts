// In the real panel (Chromium, production CSP): the thinking choice follows what the speaker's
// model can do (Ollama's capabilities: hidden and not sent for a model that can't reason, off
// and on for one that can, levels for gpt-oss); a speaker's own host lists its own models for
// that speaker's picker (or says why not), and is posted, saved and summarised; the debate
// language is picked or typed, posted, saved, restored and summarised.
import { describe, expect, it } from 'vitest';
import type { InstalledModel } from '../../extension/contract/installed-models';
import { parseWebviewMessage, type DebateRequest } from '../../extension/contract/protocol';
import { init, MODELS, runStart } from './fixtures';
import type { PanelPage } from './harness';
import { useCheckedPanels } from './more-panels';

const onPanel = useCheckedPanels();

const WITH_CAPABILITIES: InstalledModel[] = [
  { ...MODELS[0]!, capabilities: ['completion'] },
  { name: 'qwen3:0.6b', sizeBytes: 522_000_000, parameterSize: '751.63M', quantization: 'Q4_K_M', family: 'qwen3', modifiedAt: null, capabilities: ['completion', 'thinking'] },
  { name: 'gpt-oss:20b', sizeBytes: 13_780_000_000, parameterSize: '20.9B', quantization: 'MXFP4', family: 'gptoss', modifiedAt: null, capabilities: ['completion', 'thinking'] },
];
const FORM = { topic: 'Tabs or spaces?', speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen3:0.6b', tone: 'Cynic' }], exchanges: 1 };

/** Presses Start and returns the request it posted (the newest start, as the host would parse it). */
async function startRequest(panel: PanelPage): Promise<DebateRequest> {
  const starts = async () => (await panel.posted()).filter((message) => message.type === 'start');
  const before = (await starts()).length;
  await panel.page.getByRole('button', { name: 'Start debate', exact: true }).click();
  await expect.poll(async () => (await starts()).length).toBe(before + 1);
  const parsed = parseWebviewMessage((await starts()).at(-1));
  if (!parsed.ok || parsed.message.type !== 'start') throw new Error(`The host would refuse the start: ${JSON.stringify(parsed)}`);
  return parsed.message.request;
}

describe('thinking offered by what the model can do', () => {
  it('hides the choice for a model that cannot reason (nothing sent), offers off and on, or levels for gpt-oss', () => onPanel({ width: 360, height: 1400 }, async (panel) => {
    const { page } = panel;
    await panel.send(init({ models: WITH_CAPABILITIES, form: FORM }));
    await page.getByRole('button', { name: 'More settings for Speaker 1', exact: true }).click();
    await page.getByRole('button', { name: 'More settings for Speaker 2', exact: true }).click();
    const thinking = (slot: number) => page.locator(`#speaker-${slot}-thinking`);
    const options = (slot: number) => thinking(slot).locator('option').allTextContents();

    // llama3.2 lists only "completion": no thinking field at all.
    await expect.poll(() => thinking(0).isVisible()).toBe(false);
    // qwen3 reasons: model default, off, on, and a hint saying it reasons.
    await expect.poll(() => options(1)).toEqual(['Model default', 'Off', 'On']);
    expect(await thinking(1).isVisible()).toBe(true);
    expect(await page.locator('#speaker-1-thinking-hint').textContent()).toContain('This model reasons');
    await thinking(1).selectOption('on');

    // Speaker 1 switches to qwen3, picks Off, then back to llama3.2: the field goes, and nothing is sent.
    const model = page.getByRole('combobox', { name: 'Speaker 1 model', exact: true });
    await model.fill('qwen3:0.6b');
    await expect.poll(() => thinking(0).isVisible()).toBe(true);
    await thinking(0).selectOption('off');
    await model.fill('llama3.2:1b');
    await expect.poll(() => thinking(0).isVisible()).toBe(false);

    // gpt-oss takes levels, not on and off; "on" chosen for another model is not among them.
    await page.getByRole('combobox', { name: 'Speaker 2 model', exact: true }).fill('gpt-oss:20b');
    await expect.poll(() => options(1)).toEqual(['Model default', 'Low', 'Medium', 'High']);
    expect(await thinking(1).inputValue()).toBe('');
    await thinking(1).selectOption('high');

    const request = await startRequest(panel);
    expect(request.speakers).toEqual([{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'gpt-oss:20b', tone: 'Cynic', thinking: 'high' }]);
  }));


  it('drops a restored thinking choice once the model is listed as one that cannot reason, and keeps it where it can', () => {
    const speakers = [{ ...FORM.speakers[0]!, thinking: true }, { ...FORM.speakers[1]!, thinking: false }];
    return onPanel({ savedState: { form: { ...FORM, speakers } } }, async (panel) => {
      await panel.send(init({ models: WITH_CAPABILITIES, form: FORM }));
      await expect.poll(() => panel.page.locator('#speaker-1-more-summary').textContent()).toBe('thinking off');
      expect(await panel.page.locator('#speaker-0-more-summary').textContent()).toBe('');
      const request = await startRequest(panel);
      expect(request.speakers).toEqual([{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen3:0.6b', tone: 'Cynic', thinking: false }]);
    });
  });
});

describe("a speaker's own Ollama host", () => {
  it("lists that host's models for its picker (no Pull there), says why when it can't, and is posted, saved and summarised", () => onPanel({ width: 360, height: 1400 }, async (panel) => {
    const { page } = panel;
    await panel.send(init({ models: WITH_CAPABILITIES, form: FORM }));
    await page.getByRole('button', { name: 'More settings for Speaker 2', exact: true }).click();
    const host = page.getByRole('textbox', { name: 'Speaker 2 Ollama host', exact: true });
    const status = page.locator('#speaker-1-model-status');
    const model = page.getByRole('combobox', { name: 'Speaker 2 model', exact: true });

    // A host that can't be listed: the reason is said under the model picker.
    await host.fill('gpu-box:1');
    await host.press('Tab');
    expect(await panel.waitForPosted((message) => message.type === 'list-host-models')).toEqual({ type: 'list-host-models', host: 'gpu-box:1' });
    await expect.poll(() => status.textContent()).toBe('Looking for models on gpu-box:1…');
    const unreachable = 'Cannot reach Ollama at http://gpu-box:1. Is it running?';
    await panel.send({ type: 'host-models', host: 'gpu-box:1', listing: { ok: false, host: 'http://gpu-box:1', error: { kind: 'unreachable', message: unreachable } } });
    await expect.poll(() => status.textContent()).toBe(unreachable);

    // Another host answers: its models fill this speaker's picker, not the others'.
    await host.fill('gpu-box:11434');
    await host.press('Tab');
    await expect.poll(async () => (await panel.posted()).filter((message) => message.type === 'list-host-models').length).toBe(2);
    const own: InstalledModel[] = [{ name: 'mistral:7b', sizeBytes: 4_100_000_000, parameterSize: '7.2B', quantization: 'Q4_0', family: 'llama', modifiedAt: null, capabilities: ['completion'] }];
    await panel.send({ type: 'host-models', host: 'gpu-box:11434', listing: { ok: true, host: 'http://gpu-box:11434', models: own } });
    expect(await model.getAttribute('list')).toBe('speaker-1-host-models');
    expect(await page.locator('#speaker-1-host-models option').evaluateAll((options) => options.map((option) => (option as unknown as { value: string }).value))).toEqual(['mistral:7b']);
    expect(await page.getByRole('combobox', { name: 'Speaker 1 model', exact: true }).getAttribute('list')).toBe('installed-models');
    // qwen3 is on the debate's host, not this one: no Pull (a pull goes to the debate's host), a word on how instead.
    await expect.poll(() => status.textContent()).toContain('Not installed.');
    expect(await status.textContent()).toContain('Pull it on http://gpu-box:11434 with ollama pull qwen3:0.6b.');
    expect(await status.getByRole('button', { name: 'Pull qwen3:0.6b' }).count()).toBe(0);
    await model.fill('mistral:7b');
    await expect.poll(() => status.textContent()).toContain('7.2B');
    // mistral lists no thinking: the field is hidden.
    expect(await page.locator('#speaker-1-thinking').isVisible()).toBe(false);

    // A malformed host is refused on Start, on its field.
    await host.fill('ftp://gpu-box');
    await page.getByRole('button', { name: 'Start debate', exact: true }).click();
    await expect.poll(() => page.locator('#form-error').textContent()).toContain("Speaker 2's Ollama host is not an address");
    expect(await page.evaluate('document.activeElement.id')).toBe('speaker-1-host');
    await host.fill('gpu-box:11434');

    const request = await startRequest(panel);
    expect(request.speakers[1]).toEqual({ model: 'mistral:7b', tone: 'Cynic', host: 'gpu-box:11434' });
    expect(await panel.savedState()).toMatchObject({ form: { speakers: [{ model: 'llama3.2:1b' }, { model: 'mistral:7b', host: 'gpu-box:11434' }] } });
    await panel.send(runStart());
    await expect.poll(() => page.locator('.setup-summary-text').textContent()).toContain('mistral:7b on gpu-box:11434 (Cynic)');
  }));
});

describe('the debate language', () => {
  it('is English by default (nothing sent), picked from the list or typed after Other…, posted, saved and summarised', () => onPanel({ width: 360, height: 1400 }, async (panel) => {
    const { page } = panel;
    await panel.send(init({ models: WITH_CAPABILITIES, form: FORM }));
    const language = page.getByRole('combobox', { name: 'Language', exact: true });
    const other = page.getByRole('textbox', { name: 'Other language', exact: true });
    expect(await language.inputValue()).toBe('English');
    expect(await other.isVisible()).toBe(false);
    expect('language' in (await startRequest(panel))).toBe(false);

    await language.selectOption('French');
    expect((await startRequest(panel)).language).toBe('French');
    expect(await panel.savedState()).toMatchObject({ form: { language: 'French' } });

    await language.selectOption('other');
    await expect.poll(() => other.isVisible()).toBe(true);
    expect(await page.evaluate('document.activeElement.id')).toBe('debate-language-other');
    await page.keyboard.type('Swahili');
    expect((await startRequest(panel)).language).toBe('Swahili');
    await panel.send(runStart());
    await expect.poll(() => page.locator('.setup-summary-text').textContent()).toMatch(/ · in Swahili$/);
  }));

  it('comes back from a saved draft as it was typed, and a name too long is refused on its field', () => onPanel({ savedState: { form: { ...FORM, language: 'Swahili' } } }, async (panel) => {
    const { page } = panel;
    await panel.send(init({ models: WITH_CAPABILITIES, form: FORM }));
    const other = page.getByRole('textbox', { name: 'Other language', exact: true });
    await expect.poll(() => page.getByRole('combobox', { name: 'Language', exact: true }).inputValue()).toBe('other');
    expect(await other.inputValue()).toBe('Swahili');
    await other.evaluate((input, text) => {
      (input as unknown as { value: string }).value = text;
      input.dispatchEvent(new Event('input'));
    }, 'x'.repeat(45));
    await page.getByRole('button', { name: 'Start debate', exact: true }).click();
    await expect.poll(() => page.locator('#form-error').textContent()).toContain('The debate language is longer than 40 characters');
    expect(await page.evaluate('document.activeElement.id')).toBe('debate-language-other');
  }));
});
