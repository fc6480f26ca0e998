// Line-ups in the real workbench (code-server + Chromium), as a person would: a topic typed,
// Speaker 1 on the casting model, "Suggest speakers" (the simulator's casting model answers the
// structured request), the suggested line-up used, a debate started with it (saved with the
// names, stances and roles suggested); then the set-up opened again and, in a new panel, the
// line-up found under "Recent line-ups" (kept in the extension's global state) and chosen.
// Then "Import Personas…" on a file whose persona conflicts with the person's (Keep both), the
// personas offered in the tone picker (one chosen fills in stance and role), and "Export
// Personas…" writing them back as a persona file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePersonaFile } from '../../engine/personas/persona-file';
import { describe, expect, it } from 'vitest';
import { scriptedCasting } from '../simulator/lineup-script';
import type { SimModel } from '../simulator/ollama-simulator';
import { DebatePanel } from './support/debate-panel';
import { savedDebates } from './support/library';
import { SCREENSHOTS } from './support/paths';
import { useSimulatedWorkbench } from './support/simulated-workbench';
import {
  answerFileDialog, clearNotifications, findWebviewFrame, notification, pickQuickItem, quickInputWidget, quickItemLabels, runCommand,
} from './support/workbench';

const CASTER = 'gemma3:4b';
const MODELS: SimModel[] = [
  { name: 'llama3.2:1b', family: 'llama', parameterSize: '1.2B', quantization: 'Q8_0', reply: 'Fewer cars, more room for people.' },
  { name: 'qwen2.5:0.5b', family: 'qwen2', parameterSize: '494M', quantization: 'Q4_K_M', reply: 'Deliveries and the disabled still need the roads.' },
  // Casts the simulator's fair line-up: Ada For (an economist) on the first model and the first tone, Bob Against on the second.
  { ...scriptedCasting({ name: CASTER }), parameterSize: '4.3B', quantization: 'Q4_K_M' },
];
const TOPIC = 'Should cities ban cars from their centres?';
const LINE_UP_LABEL = 'Ada (For, an economist; llama3.2:1b) vs Bob (Against, a security engineer; qwen2.5:0.5b)';

describe('suggested and recent line-ups in the workbench (Chromium)', () => {
  // One persona of the person's own, which the imported file's "Skeptic" conflicts with.
  const running = useSimulatedWorkbench('personas', { models: MODELS, tokenDelayMs: 5 }, {
    'talkingModels.personas': [{ name: 'Skeptic', tone: 'Cynic' }],
  });

  it('suggests speakers for the topic, starts a debate with them, and offers the line-up again', async () => {
    const { simulator, page, library } = running();
    await runCommand(page, 'Talking Models: Start Debate');
    const panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));
    await expect.poll(() => panel.frame.locator('.models-summary').innerText(), { timeout: 30_000 }).toContain('3 models installed');
    const suggest = panel.button('Suggest speakers');
    // Off until a topic is written.
    expect(await suggest.isDisabled()).toBe(true);
    await panel.control('Topic').fill(TOPIC);
    const firstModel = panel.control('Speaker 1 model');
    await firstModel.fill(CASTER);
    await firstModel.press('Tab');
    await expect.poll(() => suggest.isDisabled()).toBe(false);
    await suggest.click();

    const card = panel.frame.getByRole('group', { name: `Suggested by ${CASTER}` });
    await card.waitFor({ timeout: 60_000 });
    expect(await card.locator('li').allInnerTexts()).toEqual([
      'Ada (For, an economist; llama3.2:1b) · Rational',
      'Bob (Against, a security engineer; qwen2.5:0.5b) · Philosopher',
    ]);
    // One structured request, its schema offering the installed models.
    const requests = simulator.chatRequests(CASTER);
    expect(requests).toHaveLength(1);
    expect(JSON.stringify(requests[0]?.body)).toContain('"qwen2.5:0.5b"');
    await page.screenshot({ path: join(SCREENSHOTS, 'suggested-lineup-dark.png') });

    await card.getByRole('button', { name: 'Use this line-up' }).click();
    await expect.poll(() => firstModel.inputValue()).toBe('llama3.2:1b');
    expect(await panel.control('Speaker 2 model').inputValue()).toBe('qwen2.5:0.5b');
    expect(await panel.control('Speaker 1 stance').inputValue()).toBe('for');
    expect(await panel.control('Speaker 2 role').inputValue()).toBe('a security engineer');
    expect(await card.count()).toBe(0);

    await panel.setExchanges(1);
    await panel.button('Start debate').click();
    await panel.waitForStatus(['done'], 60_000);
    await expect.poll(() => savedDebates(library).length).toBe(1);
    expect(savedDebates(library)[0]?.speakers).toMatchObject([
      { name: 'Ada', model: 'llama3.2:1b', tone: 'Rational', stance: 'for', role: 'an economist' },
      { name: 'Bob', model: 'qwen2.5:0.5b', tone: 'Philosopher', stance: 'against', role: 'a security engineer' },
    ]);

    // The set-up opened again offers the line-up under Recent line-ups.
    await panel.openSetup();
    const recent = panel.control('Recent line-ups');
    await expect.poll(() => recent.locator('option').allInnerTexts(), { timeout: 15_000 }).toEqual(['Choose a line-up…', LINE_UP_LABEL]);

    // So does a new panel (the line-ups are kept for the window, not the panel): choosing it refills the speakers.
    await runCommand(page, 'View: Close All Editors');
    await expect.poll(() => page.locator('.tabs-container .tab').count()).toBe(0);
    await runCommand(page, 'Talking Models: Start Debate');
    const next = new DebatePanel(await findWebviewFrame(page, 'Topic'));
    const offered = next.control('Recent line-ups');
    await expect.poll(() => offered.locator('option').allInnerTexts(), { timeout: 15_000 }).toEqual(['Choose a line-up…', LINE_UP_LABEL]);
    await next.control('Speaker 1 model').fill(CASTER);
    await offered.selectOption({ label: LINE_UP_LABEL });
    await expect.poll(() => next.control('Speaker 1 model').inputValue()).toBe('llama3.2:1b');
    expect(await next.control('Speaker 2 tone').inputValue()).toBe('Philosopher');
    expect(await next.control('Speaker 2 stance').inputValue()).toBe('against');
  });

  it('imports a persona file (asking about the conflict), offers its personas in the tone picker, and exports them', async () => {
    const { page, server } = running();
    await runCommand(page, 'View: Close All Editors');
    await clearNotifications(page);
    const file = join(server.profile.workspace, 'team-personas.json');
    writeFileSync(file, JSON.stringify({
      talkingModelsPersonas: 1,
      personas: [
        { name: 'Economist', prompt: 'You argue from prices and incentives.', stance: 'for', role: 'an economist' },
        { name: 'Skeptic', prompt: 'You doubt every claim until it is shown.', stance: 'against' },
      ],
    }));
    await runCommand(page, 'Talking Models: Import Personas…');
    // The open dialog and then the question share the quick input: the question takes its place.
    const widget = quickInputWidget(page);
    const input = widget.locator('input').first();
    await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toMatch(/\/$/);
    // The dialog may put its own path back while it lists the folder: type until the path stays.
    await expect.poll(async () => {
      await input.fill(file);
      await page.waitForTimeout(300);
      return input.inputValue();
    }, { timeout: 15_000 }).toBe(file);
    await input.press('Enter');
    // The file's Skeptic differs from the person's: asked, with the three choices.
    await widget.locator('.quick-input-title', { hasText: 'Import Personas: "Skeptic" differs from yours (1 of 1)' }).waitFor({ timeout: 10_000 });
    // Each choice with what it keeps: the person's persona (the Cynic tone), the file's (its stance and prompt), both.
    const labels = (await quickItemLabels(page)).map((label) => label.trim());
    expect(labels.filter((label) => /^(Keep|Use) /.test(label))).toEqual(['Keep mine', 'Use theirs', 'Keep both']);
    expect(labels).toContain('against · You doubt every claim until it is shown.');
    expect(labels.some((label) => label.startsWith('You are a cynic'))).toBe(true);
    await pickQuickItem(page, /Keep both/);
    await notification(page, 'Added 2 personas: "Economist", "Skeptic (2)".').waitFor({ timeout: 15_000 });

    await runCommand(page, 'Talking Models: Start Debate');
    const panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));
    const tone = panel.control('Speaker 1 tone');
    await expect.poll(() => tone.locator('optgroup[label="Personas"] option').allInnerTexts(), { timeout: 15_000 }).toEqual(['Skeptic', 'Economist', 'Skeptic (2)']);
    await tone.selectOption('Economist');
    await expect.poll(() => panel.control('Speaker 1 stance').inputValue()).toBe('for');
    expect(await panel.control('Speaker 1 role').inputValue()).toBe('an economist');

    await clearNotifications(page);
    await runCommand(page, 'Talking Models: Export Personas…');
    const exported = await answerFileDialog(page, { proposed: /personas\.json$/ });
    await notification(page, 'Exported 3 personas to').waitFor({ timeout: 15_000 });
    const parsed = parsePersonaFile(readFileSync(exported, 'utf8'));
    expect(parsed.ok && parsed.personas.map((persona) => persona.name)).toEqual(['Economist', 'Skeptic', 'Skeptic (2)']);
  });
});
