// Decision records in the real workbench (code-server + Chromium), as a person would: a debate
// run against the Ollama simulator, then "Export Decision Record" in its panel: the judge model
// (talkingModels.judgeModel) drafts the record through structured output (the simulator's
// scripted judge answers it), and docs/decisions/0001-….md appears in the workspace with MADR's
// front matter, opens in an editor, and the panel and a notification say where. Then the
// Debates view's context menu writes the next record, 0002-….md, beside it, and the palette
// command, asking which debate, the one after.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { asksForRecord, recordingJudge } from '../adr/record-fixtures';
import type { ChatRequestBody, OllamaSimulator, SimModel } from '../simulator/ollama-simulator';
import { DebatePanel } from './support/debate-panel';
import { DebatesView } from './support/debates-view';
import { useSimulatedWorkbench } from './support/simulated-workbench';
import { clearNotifications, findWebviewFrame, notification, pickQuickItem, quickInputWidget, runCommand } from './support/workbench';

const JUDGE = 'gemma3:4b';
const MODELS: SimModel[] = [
  { name: 'llama3.2:1b', family: 'llama', reply: 'Postgres: concurrent writers and a team that knows SQL.' },
  { name: 'qwen2.5:0.5b', family: 'qwen2', reply: 'SQLite: no server to run, and one writer is enough for now.' },
  recordingJudge(JUDGE, ['valid']),
];
const TOPIC = 'Postgres or SQLite for the event store?';
const SLUG = 'use-postgresql-for-the-event-store';

describe('decision records in the workbench (Chromium)', () => {
  const workbench = useSimulatedWorkbench('decision-record', { models: MODELS, tokenDelayMs: 5 }, { 'talkingModels.judgeModel': JUDGE });
  let simulator: OllamaSimulator;
  let page: Page;
  let decisions: string;

  beforeAll(() => {
    const running = workbench();
    ({ simulator, page } = running);
    decisions = join(running.server.workspace, 'docs', 'decisions');
  });

  function recordRequests(): ChatRequestBody[] {
    return simulator.chatRequests(JUDGE).map((request) => request.body as ChatRequestBody).filter(asksForRecord);
  }

  it('Export Decision Record in the panel writes docs/decisions/0001-….md (MADR), opens it and says where', async () => {
    await runCommand(page, 'Talking Models: Start Debate');
    const panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));
    await expect.poll(() => panel.frame.locator('.models-summary').innerText(), { timeout: 30_000 }).toContain('3 models installed');
    await panel.setUp(TOPIC, [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:0.5b', tone: 'Cynic' }], 1);
    await panel.button('Start debate').click();
    await panel.waitForStatus(['done'], 60_000);
    expect(existsSync(decisions)).toBe(false);

    // Slow enough for the button's progress to be seen.
    simulator.setOptions({ tokenDelayMs: 40 });
    onTestFinished(() => simulator.setOptions({ tokenDelayMs: 5 }));
    await panel.button('Export Decision Record').click();
    const busy = panel.button('Drafting Decision Record…');
    await busy.waitFor({ timeout: 30_000 });
    expect(await busy.isDisabled()).toBe(true);
    const file = join(decisions, `0001-${SLUG}.md`);
    await expect.poll(() => existsSync(file), { timeout: 60_000 }).toBe(true);
    const record = readFileSync(file, 'utf8');
    expect(record).toMatch(/^---\nstatus: proposed\ndate: \d{4}-\d{2}-\d{2}\ndecision-makers: \["llama3\.2:1b", "qwen2\.5:0\.5b"\]\n---\n\n# Use PostgreSQL for the event store\n/);
    for (const section of ['## Context and Problem Statement', '## Considered Options', '## Decision Outcome', '## Transcript']) expect(record).toContain(section);
    expect(record).toContain('Postgres: concurrent writers and a team that knows SQL.');
    expect(recordRequests()).toHaveLength(1);

    await notification(page, 'Decision record written to').waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.frame.locator('.notice').innerText(), { timeout: 30_000 }).toContain(`0001-${SLUG}.md`);
    // Opened in an editor.
    await page.getByRole('tab', { name: new RegExp(`0001-${SLUG}\\.md`) }).first().waitFor({ timeout: 30_000 });
    expect(await panel.button('Export Decision Record').isEnabled()).toBe(true);
  });

  it('the Debates view\'s context menu writes the next record beside it, 0002-….md', async () => {
    await clearNotifications(page);
    const view = new DebatesView(page);
    await view.open();
    const row = view.row(TOPIC);
    await row.first().waitFor({ timeout: 30_000 });
    await view.itemAction(row.first(), 'Export Decision Record…', notification(page, 'Decision record written to'));
    await expect.poll(() => readdirSync(decisions).sort(), { timeout: 60_000 }).toEqual([`0001-${SLUG}.md`, `0002-${SLUG}.md`]);
    expect(recordRequests()).toHaveLength(2);
  });

  it('the palette command asks which debate, then writes 0003-….md', async () => {
    await clearNotifications(page);
    // Not runCommand: that waits for the palette to close, and this command's own pick list takes its place.
    await page.keyboard.press('F1');
    const widget = quickInputWidget(page);
    const input = widget.locator('input').first();
    await input.fill('>Talking Models: Export Decision Record');
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Export Decision Record' }).first().waitFor({ timeout: 10_000 });
    await input.press('Enter');
    await widget.locator('.quick-input-title', { hasText: 'Export Decision Record' }).waitFor({ timeout: 20_000 });
    await pickQuickItem(page, TOPIC);
    await expect.poll(() => readdirSync(decisions).sort(), { timeout: 60_000 }).toEqual([`0001-${SLUG}.md`, `0002-${SLUG}.md`, `0003-${SLUG}.md`]);
    await notification(page, 'Decision record written to').waitFor({ timeout: 30_000 });
  });
});
