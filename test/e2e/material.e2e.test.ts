// Workspace material in the real workbench (code-server + Chromium), as a person would use it:
// a file opened, lines selected with the keyboard, "Debate Selection" run from the command
// palette; the new panel lists the excerpt and suggests a topic; the debate started, every
// speaker's request carries exactly those lines, labelled `path:line`, and no other line of the
// file. Then the workspace made a Git repository with one file changed: "Debate Uncommitted
// Changes" (working tree against HEAD) sends that diff, its lines labelled by the new file's
// numbers. Last, "Debate a Decision…": a question and three options typed in the input boxes
// give a panel whose topic states them, with a speaker arguing for each option.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { OllamaSimulator, SimModel } from '../simulator/ollama-simulator';
import { DebatePanel } from './support/debate-panel';
import { useSimulatedWorkbench } from './support/simulated-workbench';
import { findWebviewFrame, pickQuickItem, quickInputWidget, runCommand } from './support/workbench';

const MODELS: SimModel[] = [
  { name: 'llama3.2:1b', family: 'llama', parameterSize: '1.2B', quantization: 'Q8_0', reply: 'The rate belongs in a setting.' },
  { name: 'qwen2.5:0.5b', family: 'qwen2', parameterSize: '494M', quantization: 'Q4_K_M', reply: 'A constant is simpler.' },
];

const PATH = 'lib/rates.ts';
const LINES = [
  '// Tax rates by country.',
  'export const RATES = {',
  '  fr: 0.2,',
  '  de: 0.19,',
  '  uk: 0.2,',
  '};',
  'export const DEFAULT_COUNTRY = "fr";',
];

/** Writes the rates file into the workspace with `lines`. */
function writeRates(workspace: string, lines: readonly string[]): void {
  mkdirSync(join(workspace, 'lib'), { recursive: true });
  writeFileSync(join(workspace, PATH), `${lines.join('\n')}\n`);
}

/** The labelled lines of `path` in every chat request's messages, per request: "lib/rates.ts:3 |   fr: 0.2,". */
function labelledLines(simulator: OllamaSimulator, from: number, path: string): string[][] {
  return simulator.chatRequests().slice(from).map((request) => {
    const { messages } = request.body as { messages: { content: string }[] };
    return messages.flatMap((message) => message.content.split('\n')).filter((line) => line.startsWith(`${path}:`) || line.startsWith(`${path} (`));
  });
}

/** Opens the file named `name` with Go to File (Ctrl+P), the cursor at the start of its first line. */
async function openInEditor(page: Page, name: string): Promise<void> {
  // A palette command first, so the keys go to the workbench.
  await runCommand(page, 'View: Close All Editors');
  await page.keyboard.press('Control+P');
  const input = quickInputWidget(page).locator('input').first();
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await input.press('Enter');
  await page.locator('.monaco-editor.focused').waitFor({ timeout: 15_000 });
  await page.keyboard.press('Control+Home');
}

/** Waits for the new panel to list `part` as its material, then runs one exchange to its end. */
async function startAndFinish(page: Page, part: string): Promise<DebatePanel> {
  const panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));
  const material = panel.frame.getByRole('region', { name: 'Material' });
  await expect.poll(() => material.locator('.material-parts li').allInnerTexts(), { timeout: 30_000 }).toEqual([part]);
  await expect.poll(() => panel.frame.locator('.models-summary').innerText(), { timeout: 30_000 }).toContain('2 models installed');
  await panel.setExchanges(1);
  await panel.button('Start debate').click();
  await panel.waitForStatus(['done'], 90_000);
  return panel;
}

describe('workspace material in the workbench (Chromium)', () => {
  const running = useSimulatedWorkbench('material', { models: MODELS, tokenDelayMs: 5 }, {
    'talkingModels.defaultSpeakers': [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:0.5b', tone: 'Cynic' }],
  });

  it('debates the lines selected in the editor: every speaker is sent exactly those, labelled path:line', async () => {
    const { page, server, simulator } = running();
    writeRates(server.workspace, LINES);
    await openInEditor(page, 'rates.ts');
    // Lines 3 to 5, whole: from the start of line 3 down to the start of line 6.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    for (let line = 3; line <= 5; line += 1) await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => page.locator('[id="status.editor.selection"]').innerText()).toMatch(/\(\d+ selected\)/);

    const before = simulator.chatRequests().length;
    await runCommand(page, 'Talking Models: Debate Selection');
    const panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));
    await expect.poll(() => panel.control('Topic').inputValue(), { timeout: 30_000 }).toBe(`Review of ${PATH} lines 3–5: what should change?`);
    await startAndFinish(page, `${PATH}:3-5 · 3 lines`);

    const sent = labelledLines(simulator, before, PATH);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const lines of sent) expect(lines).toEqual([`${PATH}:3 | ${LINES[2]}`, `${PATH}:4 | ${LINES[3]}`, `${PATH}:5 | ${LINES[4]}`]);
  });

  it('debates the uncommitted changes of a Git repository: the working tree against HEAD', async () => {
    const { page, server, simulator } = running();
    await runCommand(page, 'View: Close All Editors');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: server.workspace });
    git('init', '--quiet');
    git('add', PATH);
    git('commit', '--quiet', '-m', 'Rates');
    writeRates(server.workspace, LINES.map((line) => line.replace('de: 0.19', 'de: 0.21')));

    const before = simulator.chatRequests().length;
    await runCommand(page, 'Talking Models: Debate Uncommitted Changes');
    await pickQuickItem(page, 'Staged and unstaged (working tree against HEAD)');
    // git's header (5 lines) and one hunk: the changed line with three lines of context either side.
    await startAndFinish(page, `Uncommitted changes (working tree against HEAD) · 1 file: ${PATH} · 13 lines`);

    const sent = labelledLines(simulator, before, PATH);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const lines of sent) {
      expect(lines).toEqual([
        `${PATH}:1 |  ${LINES[0]}`, `${PATH}:2 |  ${LINES[1]}`, `${PATH}:3 |  ${LINES[2]}`,
        `${PATH} (removed, was line 4) | -${LINES[3]}`, `${PATH}:4 | +  de: 0.21,`,
        `${PATH}:5 |  ${LINES[4]}`, `${PATH}:6 |  ${LINES[5]}`, `${PATH}:7 |  ${LINES[6]}`,
      ]);
    }
  });

  it('opens a decision with its question and options typed in turn, one speaker arguing for each option', async () => {
    const { page } = running();
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Talking Models: Debate a Decision…');
    const widget = quickInputWidget(page);
    const answers: [string, string][] = [
      ['Debate a Decision', 'Which queue should carry the events?'],
      ['Debate a Decision: option 1', 'Redis streams'],
      ['Debate a Decision: option 2', 'Kafka'],
      ['Debate a Decision: option 3', 'A Postgres table'],
      // Enter on an empty box: the options are complete.
      ['Debate a Decision: option 4', ''],
    ];
    for (const [title, answer] of answers) {
      await widget.locator('.quick-input-title', { hasText: new RegExp(`^${title}$`) }).waitFor({ timeout: 15_000 });
      const input = widget.locator('input').first();
      await input.fill(answer);
      await input.press('Enter');
    }
    const panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));
    await expect.poll(() => panel.control('Topic').inputValue(), { timeout: 30_000 }).toBe(
      'Decision: Which queue should carry the events?\nOptions:\n1. Redis streams\n2. Kafka\n3. A Postgres table\nWhich option should be chosen, and why?',
    );
    for (const [index, option] of ['Redis streams', 'Kafka', 'A Postgres table'].entries()) {
      expect(await panel.control(`Speaker ${index + 1} name`).inputValue()).toBe(`Option ${index + 1}`);
      expect(await panel.control(`Speaker ${index + 1} stance`).inputValue()).toBe('for');
      expect(await panel.control(`Speaker ${index + 1} role`).inputValue()).toBe(`an advocate of “${option}”`);
    }
    expect(await panel.frame.getByRole('region', { name: 'Material' }).count()).toBe(0);
  });
});
