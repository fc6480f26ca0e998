// VS Code's language models as speakers in the real panel (Chromium, production CSP): each speaker
// offers the chat models VS Code lists in a group of their own under the Ollama model; one chosen
// (by keyboard) turns the speaker's Ollama-only settings off, saying why, and the start request the
// host accepts carries backend 'vscode-lm' with the model's id, mapped to the engine's speaker; the
// folded set-up names it "(VS Code)"; a model VS Code no longer offers is flagged; with no VS Code
// models nothing of this shows.
import { describe, expect, it } from 'vitest';
import type { LanguageModelOption } from '../../extension/contract/language-models';
import { parseWebviewMessage, type DebateRequest } from '../../extension/contract/protocol';
import { toDebateConfig } from '../../extension/debate/debate-request';
import { readSettings } from '../../extension/settings';
import { HOST, init, runStart, SPEAKERS } from './fixtures';
import type { PanelPage } from './harness';
import { useCheckedPanels } from './more-panels';

const onPanel = useCheckedPanels();

/** As the host lists them (languageModelOptions: by vendor, then name). */
const VSCODE_MODELS: LanguageModelOption[] = [
  { id: 'copilot-claude-sonnet', name: 'Claude Sonnet', vendor: 'copilot', family: 'claude-sonnet', maxInputTokens: 200_000 },
  { id: 'copilot-gpt-4o', name: 'GPT-4o', vendor: 'copilot', family: 'gpt-4o', maxInputTokens: 128_000 },
];

const FORM = { topic: 'Tabs or spaces?', speakers: SPEAKERS.map(({ model, tone }) => ({ model, tone })), exchanges: 3 };

function speaker({ page }: PanelPage, index: number) {
  return {
    ollamaModel: page.locator(`#speaker-${index}-model`),
    ollamaStatus: page.locator(`#speaker-${index}-model-status`),
    group: page.locator(`#speaker-${index}-vscode-model`),
    groupStatus: page.locator(`#speaker-${index}-vscode-model-status`),
    moreToggle: page.getByRole('button', { name: `More settings for Speaker ${index + 1}`, exact: true }),
    contextSize: page.locator(`#speaker-${index}-context-size`),
    host: page.locator(`#speaker-${index}-host`),
    thinking: page.locator(`#speaker-${index}-thinking`),
    temperature: page.locator(`#speaker-${index}-temperature`),
  };
}

async function startRequest(panel: PanelPage): Promise<DebateRequest> {
  await panel.clearPosted();
  await panel.page.getByRole('button', { name: 'Start debate', exact: true }).click();
  const parsed = parseWebviewMessage(await panel.waitForPosted((message) => message.type === 'start'));
  if (!parsed.ok || parsed.message.type !== 'start') throw new Error(`The host would refuse the start: ${JSON.stringify(parsed)}`);
  return parsed.message.request;
}

describe('VS Code language models in the model picker', () => {
  it('lists them under the Ollama model; one chosen by keyboard turns off Ollama-only settings, and the start carries its backend and id', () =>
    onPanel({ width: 420, height: 1400 }, async (panel) => {
      const { page } = panel;
      await panel.send(init({ languageModels: VSCODE_MODELS }));
      const second = speaker(panel, 1);
      await expect.poll(() => second.group.isVisible(), { timeout: 15_000 }).toBe(true);
      // Its own labelled group (the label and the select's accessible name), below the Ollama model.
      expect(await page.getByRole('combobox', { name: 'Speaker 2 VS Code language model', exact: true }).count()).toBe(1);
      expect(await page.locator('label[for="speaker-1-vscode-model"]').textContent()).toBe('VS Code language models');
      const [ollamaBox, groupBox] = [await second.ollamaModel.boundingBox(), await second.group.boundingBox()];
      expect(groupBox!.y).toBeGreaterThan(ollamaBox!.y);
      // In the host's order, each with vendor · family and its window.
      expect(await second.group.locator('option').allTextContents()).toEqual([
        'None: the Ollama model above',
        'Claude Sonnet (copilot · claude-sonnet, 200,000-token window)',
        'GPT-4o (copilot · gpt-4o, 128,000-token window)',
      ]);
      expect(await second.group.inputValue()).toBe('');
      // The AI moderator stays with Ollama's models.
      const moderatorChoices = await page.locator('#ai-moderator option').evaluateAll((options) => options.map((option) => option.getAttribute('value')));
      expect(moderatorChoices).toEqual(['', 'llama3.2:1b', 'qwen2.5:7b', 'gemma3:4b']);

      // Ollama's own settings on before, with a temperature (any model's) set.
      await second.moreToggle.click();
      expect(await second.contextSize.isDisabled()).toBe(false);
      await second.contextSize.fill('8192');
      await second.temperature.fill('0.5');

      // The keyboard chooses GPT-4o: Down twice from None.
      await second.group.focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => second.group.inputValue()).toBe('copilot-gpt-4o');
      expect(await second.groupStatus.textContent()).toContain('copilot · gpt-4o, 128,000-token window');
      expect(await second.group.getAttribute('aria-describedby')).toBe('speaker-1-vscode-model-status');

      // The Ollama-only settings are off, each saying why; the Ollama model and its pull too.
      for (const control of [second.contextSize, second.host, second.thinking]) {
        expect(await control.isDisabled()).toBe(true);
        const hint = await control.getAttribute('aria-describedby');
        expect(await page.locator(`#${hint}`).textContent()).toBe('Off: for Ollama models only (this speaker uses a VS Code language model).');
      }
      expect(await second.temperature.isDisabled()).toBe(false);
      expect(await second.ollamaModel.isDisabled()).toBe(true);
      expect(await second.ollamaStatus.textContent()).toBe('Off: a VS Code language model speaks (chosen below).');
      expect(await page.locator('.speaker-row').nth(1).getByRole('button', { name: /^Pull/ }).count()).toBe(0);
      // The closed section no longer names the window (it is not sent).
      await second.moreToggle.click();
      expect(await page.locator('#speaker-1-more-summary').textContent()).toBe('temperature 0.5');

      const request = await startRequest(panel);
      expect(request.speakers).toEqual([
        { model: 'llama3.2:1b', tone: 'Rational' },
        { model: 'copilot-gpt-4o', tone: 'Cynic', temperature: 0.5, backend: 'vscode-lm' },
      ]);
      expect(toDebateConfig(request, readSettings(() => undefined), HOST).speakers[1]).toEqual(
        { name: 'Speaker 2', model: 'copilot-gpt-4o', tone: 'Cynic', temperature: 0.5, backend: 'vscode-lm' });
      // The draft keeps the choice across a reload.
      expect(await panel.savedState()).toMatchObject({ form: { speakers: [{ model: 'llama3.2:1b' }, { model: 'copilot-gpt-4o', backend: 'vscode-lm' }] } });

      // Folded, the set-up names the VS Code model by its name.
      await panel.send(runStart());
      await expect.poll(() => page.locator('.setup-summary-text').textContent(), { timeout: 15_000 }).toBe(
        'Tabs or spaces? · llama3.2:1b (Rational), GPT-4o (VS Code) (Cynic) · 3 exchanges');
    }));

  it('gives the Ollama settings back when None is chosen again, the window typed before sent again', () =>
    onPanel({ width: 420, height: 1400 }, async (panel) => {
      await panel.send(init({ languageModels: VSCODE_MODELS }));
      const first = speaker(panel, 0);
      await expect.poll(() => first.group.isVisible(), { timeout: 15_000 }).toBe(true);
      await first.moreToggle.click();
      await first.contextSize.fill('4096');
      await first.group.selectOption('copilot-claude-sonnet');
      expect(await first.contextSize.isDisabled()).toBe(true);
      await first.group.selectOption('');
      expect(await first.contextSize.isDisabled()).toBe(false);
      expect(await first.ollamaModel.isDisabled()).toBe(false);
      expect(await panel.page.locator('#speaker-0-context-size-hint').textContent()).toBe('In tokens (num_ctx); empty: the talkingModels.contextWindow setting.');
      expect((await startRequest(panel)).speakers[0]).toEqual({ model: 'llama3.2:1b', tone: 'Rational', contextSize: 4096 });
    }));

  it('flags a VS Code model from a saved draft that VS Code no longer offers, and Suggest speakers stays with Ollama', () => {
    const speakers = [{ model: 'copilot-gone', tone: 'Rational', backend: 'vscode-lm' }, FORM.speakers[1]];
    return onPanel({ width: 420, height: 1400, savedState: { form: { ...FORM, speakers } } }, async (panel) => {
      const { page } = panel;
      await panel.send(init({ languageModels: VSCODE_MODELS }));
      const first = speaker(panel, 0);
      await expect.poll(() => first.group.inputValue(), { timeout: 15_000 }).toBe('copilot-gone');
      expect(await first.group.locator('option:checked').textContent()).toBe('copilot-gone (no longer offered)');
      expect(await first.groupStatus.locator('.model-missing').textContent()).toBe('VS Code no longer offers this model: choose another, or None for an Ollama model.');
      expect(await first.ollamaModel.inputValue()).toBe('');
      // Suggest speakers asks Speaker 1's model, which must be Ollama's.
      expect(await page.locator('#suggest-speakers').isDisabled()).toBe(true);
      expect(await page.locator('#suggest-speakers-hint').textContent()).toBe(
        'Speaker 1 uses a VS Code language model: the line-up is suggested by an Ollama model, so choose one for Speaker 1.');
      // Once VS Code offers it again, the flag goes.
      await panel.send({ type: 'language-models', models: [...VSCODE_MODELS, { id: 'copilot-gone', name: 'Back', vendor: 'copilot', family: 'x', maxInputTokens: 0 }] });
      await expect.poll(() => first.groupStatus.locator('.model-missing').count(), { timeout: 15_000 }).toBe(0);
      expect(await first.group.locator('option:checked').textContent()).toBe('Back (copilot · x)');
    });
  });

  it('shows nothing of them when VS Code offers none: no group, the start request as before', () => onPanel({ width: 420, height: 1400 }, async (panel) => {
    const { page } = panel;
    await panel.send(init());
    await expect.poll(() => page.locator('#speaker-0-model').inputValue(), { timeout: 15_000 }).toBe('llama3.2:1b');
    expect(await page.locator('.language-model-field').count()).toBe(2);
    for (const group of await page.locator('.language-model-field').all()) expect(await group.isVisible()).toBe(false);
    expect(await page.getByRole('combobox', { name: /VS Code language model/ }).count()).toBe(0);
    // A list that empties (the chat models went away) hides the group again.
    await panel.send({ type: 'language-models', models: VSCODE_MODELS });
    await expect.poll(() => page.locator('#speaker-0-vscode-model').isVisible(), { timeout: 15_000 }).toBe(true);
    await panel.send({ type: 'language-models', models: [] });
    await expect.poll(() => page.locator('#speaker-0-vscode-model').isVisible(), { timeout: 15_000 }).toBe(false);
    expect((await startRequest(panel)).speakers).toEqual([{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:7b', tone: 'Cynic' }]);
  }));
});
