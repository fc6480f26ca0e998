// The debate library through the real workbench in Chromium, as a person would use it: a
// debate stopped mid-turn survives a window reload, is found in the Debates view by its
// topic, continued by one exchange, interjected by the moderator (the note goes with the
// next request to Ollama), branched from turn 1 (from the panel and from the view) with the
// branches nested under it; then exported as JSON, deleted, imported, and exported again to
// the same bytes. Against the Ollama protocol simulator, with its own code-server.
// Screenshots go to test-output/screenshots.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startSimulator, type ChatRequestBody, type OllamaSimulator, type SimModel } from '../simulator/ollama-simulator';
import { startCodeServer, type CodeServer } from './support/code-server';
import { DebatePanel } from './support/debate-panel';
import { DebatesView, type DebateRow } from './support/debates-view';
import { saveFailureArtifacts } from './support/failures';
import { savedDebates, type SavedDebate } from './support/library';
import { SCREENSHOTS, VSIX } from './support/paths';
import { machineSettings, profileSettings } from './support/profile';
import {
  answerFileDialog,
  clearNotifications,
  findWebviewFrame,
  modalDialog,
  notification,
  openWorkbench,
  pickQuickItem,
  pickQuickItemThen,
  quickInputWidget,
  quickItemLabels,
  reloadWindow,
  runCommand,
  switchTheme,
  waitForStoredState,
  type Workbench,
} from './support/workbench';

const MODELS: SimModel[] = [
  {
    name: 'llama3.2:1b',
    family: 'llama',
    parameterSize: '1.2B',
    quantization: 'Q8_0',
    reply: 'A library already lends what people cannot afford to own alone; a drill is knowledge in a heavier binding.',
  },
  {
    name: 'qwen2.5:0.5b',
    family: 'qwen2',
    parameterSize: '494M',
    quantization: 'Q4_K_M',
    reply: 'Until the drill comes back broken and nobody pays for it: the catalogue was always the easy part.',
  },
];
const TOPIC = 'Should libraries lend tools too?';
const SPEAKERS = [
  { model: 'llama3.2:1b', tone: 'Philosopher' },
  { model: 'qwen2.5:0.5b', tone: 'Cynic' },
];
const NOTE = 'Both of you: say who pays for repairs.';
/** Slow enough to press Stop or Interject while a turn streams. */
const SLOW_TOKENS_MS = 150;
/** Runs that only need to finish. */
const FAST_TOKENS_MS = 5;

const S1 = 'Speaker 1';
const S2 = 'Speaker 2';
/** "Speaker 1, exchange 2": a turn's accessible name. */
const turn = (speaker: string, exchange: number): string => `${speaker}, exchange ${exchange}`;
/** The speaker turns of `exchanges` full exchanges, from exchange `from`. */
function exchangesFrom(from: number, to: number): string[] {
  const labels: string[] = [];
  for (let exchange = from; exchange <= to; exchange++) labels.push(turn(S1, exchange), turn(S2, exchange));
  return labels;
}

describe('the Debates view and the library in the workbench (Chromium)', () => {
  let simulator: OllamaSimulator;
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let page: Page;
  let view: DebatesView;
  /** The panel on the debate this file follows (the parent of the branches). */
  let panel: DebatePanel;
  let library: string;
  /** The debate started first: its id and the words of its stopped turn. */
  let parentId: string;
  let stoppedWords: string[];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    simulator = await startSimulator({ models: MODELS, tokenDelayMs: FAST_TOKENS_MS });
    server = await startCodeServer({ vsixFiles: [VSIX], settings: profileSettings(simulator.url), machineSettings });
    library = server.profile.libraryFolder;
    workbench = await openWorkbench(server.workbenchUrl);
    page = workbench.page;
    view = new DebatesView(page);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await saveFailureArtifacts(`debates ${task.name}`, workbench?.page, server);
  });

  // Each stop runs even if the one before it throws.
  afterAll(async () => {
    try {
      await workbench?.close();
    } finally {
      try {
        await server?.stop();
      } finally {
        await simulator?.close();
      }
    }
  });

  /** The request bodies sent to Ollama's /api/chat since `from` requests had been made. */
  function chatBodies(from: number): ChatRequestBody[] {
    return simulator.chatRequests().slice(from).map((request) => request.body as ChatRequestBody);
  }

  /** What the panel shown in the editor area shows: its status, its speaker turns (label, stopped) and its moderator notes. */
  async function shownPanel(): Promise<{ status: string; turns: [string, boolean][]; notes: number }> {
    const shown = new DebatePanel(await findWebviewFrame(page, 'Topic'));
    const turns = (await shown.turns()).map((entry): [string, boolean] => [entry.label, entry.stopped]);
    return { status: await shown.status(), turns, notes: (await shown.moderatorNotes()).length };
  }

  /** The debates of the library branched from the parent, once `count` of them are complete. */
  async function completeBranches(count: number): Promise<SavedDebate[]> {
    const branches = () => savedDebates(library).filter((debate) => debate.parentId === parentId);
    await expect.poll(() => branches().filter((debate) => debate.outcome === 'complete').length, { timeout: 30_000 }).toBe(count);
    return branches();
  }

  /** The same moment in the dark and the light theme (the panel in front follows the theme too). */
  async function screenshots(name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-dark.png`) });
    await switchTheme(page, 'light', await findWebviewFrame(page, 'Topic'));
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-light.png`) });
    await switchTheme(page, 'dark', await findWebviewFrame(page, 'Topic'));
  }

  it('starts a two-speaker, two-exchange debate and stops it mid-turn', async () => {
    simulator.setOptions({ tokenDelayMs: SLOW_TOKENS_MS });
    onTestFinished(() => simulator.setOptions({ tokenDelayMs: FAST_TOKENS_MS }));
    await runCommand(page, 'Talking Models: Start Debate');
    panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));
    await expect.poll(() => panel.frame.locator('.models-summary').innerText()).toContain('2 models installed');
    await panel.setUp(TOPIC, SPEAKERS, 2);
    await panel.button('Start debate').click();
    await expect.poll(async () => (await panel.liveTurnText()).length, { timeout: 20_000 }).toBeGreaterThan(20);

    await panel.button('Stop').click();
    await panel.waitForStatus(['stopped'], 5_000);
    await expect.poll(async () => (await panel.turns()).map((shown) => [shown.label, shown.stopped])).toEqual([[turn(S1, 1), true]]);
    stoppedWords = words((await panel.turns())[0]?.text ?? '');
    expect(stoppedWords.length).toBeGreaterThan(2);
    // Saved as it ran, in the profile's library folder.
    await expect.poll(() => savedDebates(library)).toEqual([expect.objectContaining({ topic: TOPIC, outcome: 'stopped', exchanges: 2, turnCount: 1 })]);
    parentId = savedDebates(library)[0]!.id;
  });

  it('comes back after a window reload, and the Debates view lists it by its topic', async () => {
    // Reloaded once the workbench has stored the panel (and the debate id it shows), as it does within 5 s.
    await waitForStoredState(page, parentId);
    await reloadWindow(page);
    // The panel reads its debate from the library by id.
    panel = new DebatePanel(await findWebviewFrame(page, 'Topic', 60_000));
    await panel.waitForStatus(['stopped'], 30_000);
    await expect.poll(async () => (await panel.turns()).map((shown) => [shown.label, shown.stopped])).toEqual([[turn(S1, 1), true]]);
    expect(words((await panel.turns())[0]?.text ?? '')).toEqual(stoppedWords);

    await view.open();
    await expect.poll(() => view.rows(), { timeout: 15_000 }).toEqual([group(), debateRow(2, 'stopped', null)]);
  });

  it('opens it from the view in the panel showing it, and continues it by one exchange', async () => {
    const row = view.row(TOPIC, 2);
    await view.itemAction(row, 'Open Debate');
    // A debate is shown in one panel at most: the restored one.
    await expect.poll(() => page.locator('.tabs-container .tab').count()).toBe(1);
    panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));

    const before = simulator.chatRequests().length;
    await view.itemAction(row, 'Continue Debate…', quickInputWidget(page));
    expect(await quickItemLabels(page)).toEqual(['Finish the planned exchanges', '1 more exchange', '2 more exchanges', '3 more exchanges', '5 more exchanges']);
    await pickQuickItem(page, '1 more exchange');
    await panel.waitForStatus(['done'], 30_000);

    // One exchange past the two planned: speaker 1 speaks its stopped turn again, then on to exchange 3.
    // The stopped turn stays on screen, marked, with its words.
    const turns = await panel.turns();
    expect(turns.map((shown) => shown.label)).toEqual([turn(S1, 1), ...exchangesFrom(1, 3)]);
    expect(turns.map((shown) => shown.stopped)).toEqual([true, false, false, false, false, false, false]);
    expect(words(turns[0]?.text ?? '')).toEqual(stoppedWords);
    // What the stopped turn said is sent to no one: the first request holds the system prompt and the topic only.
    const bodies = chatBodies(before);
    expect(bodies.map((body) => body.model)).toEqual(['llama3.2:1b', 'qwen2.5:0.5b', 'llama3.2:1b', 'qwen2.5:0.5b', 'llama3.2:1b', 'qwen2.5:0.5b']);
    expect(bodies[0]?.messages?.map((message) => message.role)).toEqual(['system', 'user']);
    await expect.poll(() => savedDebates(library)).toEqual([expect.objectContaining({ id: parentId, outcome: 'complete', exchanges: 3, turnCount: 7 })]);
    await expect.poll(() => view.rows(), { timeout: 15_000 }).toEqual([group(), debateRow(2, 'complete', null)]);
  });

  it('Interject: the debate waits after the turn in progress, and the next request carries the note', async () => {
    simulator.setOptions({ tokenDelayMs: SLOW_TOKENS_MS });
    onTestFinished(() => simulator.setOptions({ tokenDelayMs: FAST_TOKENS_MS }));
    await panel.control('more exchanges').fill('1');
    await panel.button('Continue').click();
    await expect.poll(async () => (await panel.liveTurnText()).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await panel.button('Interject').click();
    await panel.waitForStatus(['pausing', 'paused'], 5_000);
    simulator.setOptions({ tokenDelayMs: FAST_TOKENS_MS });

    // Once speaker 1 has finished, the moderator's box opens with the cursor in the note.
    const note = panel.control('Note to the speakers');
    await note.waitFor({ timeout: 20_000 });
    await panel.waitForStatus(['paused']);
    await expect.poll(() => note.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    const asked = simulator.chatRequests().length;
    await page.keyboard.type(NOTE);
    await page.screenshot({ path: join(SCREENSHOTS, 'moderator-dark.png') });
    // Nothing is asked of Ollama while the debate waits.
    expect(simulator.chatRequests()).toHaveLength(asked);

    await panel.button('Resume').click();
    await expect.poll(() => simulator.chatRequests().length, { timeout: 10_000 }).toBeGreaterThan(asked);
    const next = chatBodies(asked)[0];
    expect(next?.model).toBe('qwen2.5:0.5b');
    expect(next?.messages?.at(-1)).toEqual({ role: 'user', content: `Moderator: ${NOTE}` });

    await panel.waitForStatus(['done'], 30_000);
    expect((await panel.moderatorNotes()).map((shown) => [shown.label, shown.text.trim()])).toEqual([['Moderator, exchange 4', NOTE]]);
    expect((await panel.turns()).map((shown) => shown.label)).toEqual([turn(S1, 1), ...exchangesFrom(1, 4)]);
  });

  it('branches from turn 1 in the panel, and in the Debates view with another tone for speaker 2', async () => {
    const tabs = page.locator('.tabs-container .tab');
    const before = simulator.chatRequests().length;
    await panel.turnAction(0, 'Branch from here').click();
    await expect.poll(() => tabs.count()).toBe(2);
    // The branch opens in a new panel and runs to the parent's planned exchanges (4): it keeps turn 1
    // (stopped), so speaker 1 speaks again first; the parent's later turns and note are not in it.
    const branchLabels = [turn(S1, 1), ...exchangesFrom(1, 4)];
    const branchTurns = branchLabels.map((label, index): [string, boolean] => [label, index === 0]);
    await expect
      .poll(shownPanel, { timeout: 30_000 })
      .toEqual({ status: 'done', turns: branchTurns, notes: 0 });
    await completeBranches(1);

    // The same from the view: "Branch from…" lists every turn, the last first; turn 1 is the stopped one.
    await view.itemAction(view.row(TOPIC, 2), 'Branch from…', quickInputWidget(page));
    const choices = await quickItemLabels(page);
    expect(choices).toHaveLength(10);
    expect(choices[1]).toBe(`9. Moderator: ${NOTE}`);
    expect(choices.at(-1)).toMatch(/^1\. Speaker 1 \(llama3\.2:1b\): /);
    await pickQuickItemThen(page, '1. ', 'Keep the speakers');
    expect(await quickItemLabels(page)).toEqual(['Keep the speakers', `Give ${S1} another tone`, `Give ${S2} another tone`]);
    await pickQuickItemThen(page, `Give ${S2} another tone`, 'Rational');
    expect(await quickItemLabels(page)).not.toContain('Cynic');
    await pickQuickItem(page, 'Rational');
    await expect.poll(() => tabs.count()).toBe(3);
    await expect.poll(shownPanel, { timeout: 30_000 }).toEqual({ status: 'done', turns: branchTurns, notes: 0 });
    const branches = await completeBranches(2);

    for (const branch of branches) {
      expect(branch).toEqual(expect.objectContaining({ topic: TOPIC, forkedAtTurn: 1, exchanges: 4, turnCount: branchLabels.length }));
    }
    expect(branches.map((branch) => branch.speakers.map((speaker) => speaker.tone)).sort()).toEqual([
      ['Philosopher', 'Cynic'],
      ['Philosopher', 'Rational'],
    ]);
    // Speaker 2 of the view's branch was told to be Rational.
    const systemPrompts = chatBodies(before).map((body) => body.messages?.[0]?.content ?? '');
    expect(systemPrompts.some((prompt) => prompt.startsWith('You reason with structured logic') && prompt.includes(`You are ${S2}`))).toBe(true);
    // No branch was told what the parent heard after turn 1.
    for (const body of chatBodies(before)) expect((body.messages ?? []).some((message) => message.content.includes(NOTE))).toBe(false);
  });

  it('shows both branches nested under their parent', async () => {
    await view.open();
    const parent = view.row(TOPIC, 2);
    await expect.poll(() => parent.count(), { timeout: 15_000 }).toBe(1);
    // Nobody expands it: a debate that has just got its first branches opens expanded.
    await expect
      .poll(() => view.rows(), { timeout: 15_000 })
      .toEqual([group(), debateRow(2, 'complete', true), debateRow(3, 'complete', null), debateRow(3, 'complete', null)]);
    await screenshots('debates-view');
  });

  it('exports the parent as JSON, deletes it, imports the file, and exports it again to the same bytes', async () => {
    const workspace = server!.workspace;
    await clearNotifications(page);
    await view.itemAction(view.row(TOPIC, 2), 'Export JSON…', quickInputWidget(page));
    const first = await answerFileDialog(page, { proposed: new RegExp(`^${workspace}/debate-should-libraries-lend-tools-too-\\d{4}-\\d{2}-\\d{2}\\.json$`) });
    await notification(page, basename(first)).waitFor();
    const exported = readFileSync(first);
    const json = JSON.parse(exported.toString('utf8')) as { format: string; version: number; id: string; topic: string; outcome: string; turns: unknown[] };
    expect(json).toEqual(expect.objectContaining({ format: 'talking-models/debate', version: 1, id: parentId, topic: TOPIC, outcome: 'complete' }));
    expect(json.turns).toHaveLength(10);

    // Delete asks first, naming the branches that stay.
    await view.itemAction(view.row(TOPIC, 2), 'Delete…', modalDialog(page));
    const question = await modalDialog(page).innerText();
    expect(question).toContain(`Delete the debate “${TOPIC}”?`);
    expect(question).toContain('Its 2 branches stay, without a parent');
    await modalDialog(page).getByRole('button', { name: 'Delete', exact: true }).click();
    await modalDialog(page).waitFor({ state: 'hidden' });
    await expect.poll(() => savedDebates(library).map((debate) => debate.id)).not.toContain(parentId);
    expect(savedDebates(library)).toHaveLength(2);
    const orphan = { ...debateRow(2, 'complete', null), description: expect.stringContaining('· complete · parent deleted ·') };
    await expect.poll(() => view.rows(), { timeout: 15_000 }).toEqual([group(), orphan, orphan]);

    // Import keeps the id (it is free again): the branches find their parent.
    await clearNotifications(page);
    await view.titleAction('Import Debate from JSON…');
    await answerFileDialog(page, { path: first });
    await notification(page, `Imported as ${parentId}.`).waitFor();
    expect(savedDebates(library).map((debate) => debate.id)).toContain(parentId);
    await expect
      .poll(() => view.rows(), { timeout: 15_000 })
      .toEqual([group(), debateRow(2, 'complete', true), debateRow(3, 'complete', null), debateRow(3, 'complete', null)]);
    await page.screenshot({ path: join(SCREENSHOTS, 'debates-imported-dark.png') });

    // Exported again (the dialog proposes a free name): byte for byte the first export.
    await clearNotifications(page);
    await view.itemAction(view.row(TOPIC, 2), 'Export JSON…', quickInputWidget(page));
    const second = await answerFileDialog(page, { proposed: /-2\.json$/ });
    await notification(page, basename(second)).waitFor();
    expect(existsSync(second)).toBe(true);
    const again = readFileSync(second);
    expect(again.toString('utf8')).toBe(exported.toString('utf8'));
    expect(Buffer.compare(again, exported)).toBe(0);
  });
});

/** The recency group the debates of this run are in (a run across midnight sees Yesterday). */
function group(): DebateRow {
  return { label: expect.stringMatching(/^(Today|Yesterday)$/) as unknown as string, description: '', level: 1, expanded: true };
}

/** A row of this file's debate (parent or branch), as the tree shows it. */
function debateRow(level: number, outcome: string, expanded: boolean | null): DebateRow {
  return {
    label: TOPIC,
    description: expect.stringMatching(new RegExp(`^llama3\\.2:1b, qwen2\\.5:0\\.5b · ${outcome} · `)) as unknown as string,
    level,
    expanded,
  };
}

/** Text as words: rendered markdown and a turn's final rendering differ only in white space. */
function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}
