// The Debate view in the side bar and the Ollama status bar item, through the real
// workbench in Chromium: "Start Debate in Side Bar" opens the debate UI as a view, a debate
// started there streams into it, "Open" on it in the Debates view focuses the view (no
// editor panel opens), a window reload brings the view back on its debate, and the status
// bar item, shown only while a debate is open, counts Ollama's models, then says "not
// reachable" once the simulator is gone; clicking it then opens the walkthrough.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type OllamaSimulator, type SimModel } from '../simulator/ollama-simulator';
import { startCodeServer, type CodeServer } from './support/code-server';
import { DebatePanel } from './support/debate-panel';
import { DebatesView } from './support/debates-view';
import { saveFailureArtifacts } from './support/failures';
import { savedDebates } from './support/library';
import { SCREENSHOTS, VSIX } from './support/paths';
import { delay } from './support/process-group';
import { machineSettings, profileSettings } from './support/profile';
import { stopEach } from './support/teardown';
import { findWebviewFrame, openWorkbench, reloadWindow, runCommand, waitForStoredState, type Workbench } from './support/workbench';

const MODELS: SimModel[] = [
  { name: 'llama3.2:1b', family: 'llama', parameterSize: '1.2B', quantization: 'Q8_0', reply: 'A debate beside the code keeps the code honest: you read both at once.' },
  { name: 'qwen2.5:0.5b', family: 'qwen2', parameterSize: '494M', quantization: 'Q4_K_M', reply: 'Or it keeps you from reading either, one eye on each and neither finished.' },
  { name: 'phi3:mini', family: 'phi3', parameterSize: '3.8B', quantization: 'Q4_0' },
];
const TOPIC = 'Should a debate sit beside the editor?';
const SPEAKERS = [
  { model: 'llama3.2:1b', tone: 'Philosopher' },
  { model: 'qwen2.5:0.5b', tone: 'Cynic' },
];
/** Slow enough that the turns visibly grow, fast enough for CI. */
const STREAM_DELAY_MS = 40;

describe('the Debate view in the side bar and the Ollama status item (Chromium)', () => {
  let simulator: OllamaSimulator;
  let simulatorRunning = false;
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let page: Page;
  let view: DebatePanel;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    simulator = await startSimulator({ models: MODELS, tokenDelayMs: STREAM_DELAY_MS });
    simulatorRunning = true;
    server = await startCodeServer({ vsixFiles: [VSIX], settings: profileSettings(simulator.url), machineSettings });
    workbench = await openWorkbench(server.workbenchUrl);
    page = workbench.page;
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await saveFailureArtifacts(task.name, page, server);
  });

  afterAll(() => stopEach(() => workbench?.close(), () => server?.stop(), () => (simulatorRunning ? simulator.close() : undefined)));

  /** The Ollama item of the status bar. */
  const ollamaItem = (): Locator => page.locator('.part.statusbar .statusbar-item', { hasText: /Ollama/ });
  /** Its text as shown (the codicon is an icon, not text). */
  const ollamaText = async (): Promise<string> => (await ollamaItem().innerText()).trim();

  it('opens the Debate view in the side bar from the command palette, and the status bar counts the models', async () => {
    // Not before a debate is open (the extension may not even run yet).
    expect(await ollamaItem().count()).toBe(0);
    await runCommand(page, 'Talking Models: Start Debate in Side Bar');
    const frame = await findWebviewFrame(page, 'Topic');
    view = new DebatePanel(frame);
    await expectInSideBar(page, frame);
    // An editor panel did not open: the view is the debate.
    expect(await page.locator('.part.editor .tabs-container .tab').count()).toBe(0);
    await expect.poll(() => view.frame.locator('.models-summary').innerText(), { timeout: 30_000 }).toContain('3 models installed');

    await expect.poll(ollamaText, { timeout: 30_000 }).toBe('Ollama: 3 models');
    // The item names the host for screen readers (and in its tooltip).
    expect(await ollamaItem().locator('[aria-label]').first().getAttribute('aria-label')).toBe(`Ollama at ${simulator.url}: 3 models installed`);
  });

  it('streams a debate started in the view into the view, named beside the view title', async () => {
    await view.setUp(TOPIC, SPEAKERS, 1);
    await view.button('Start debate').click();
    // Streamed: the turn being spoken was seen at several lengths before the debate ended.
    const partialLengths = new Set<number>();
    await expect
      .poll(async () => {
        partialLengths.add((await view.liveTurnText()).length);
        return view.status();
      }, { timeout: 60_000, interval: 50 })
      .toBe('done');
    partialLengths.delete(0);
    expect(partialLengths.size).toBeGreaterThanOrEqual(3);
    const turns = await view.turns();
    expect(turns.map((turn) => turn.label)).toEqual(['Speaker 1, exchange 1', 'Speaker 2, exchange 1']);
    expect(turns[0]?.text).toContain('keeps the code honest');
    expect(turns[1]?.text).toContain('neither finished');
    await expect.poll(() => sideBarPaneHeader(page).textContent()).toContain(TOPIC);
    expect(savedDebates(server!.profile.libraryFolder)).toEqual([expect.objectContaining({ topic: TOPIC, outcome: 'complete', turnCount: 2 })]);
    await page.screenshot({ path: join(SCREENSHOTS, 'sidebar-debate-dark.png') });
  });

  it('"Open" on the debate in the Debates view focuses the view; no editor panel opens', async () => {
    const debates = new DebatesView(page);
    await debates.open();
    const row = debates.row(TOPIC, 2);
    await row.waitFor();
    // Focus in the tree, not in the webview (a click on the row would run its own Open command).
    await runCommand(page, 'Focus on Debates View');
    await expect.poll(() => focusedTag(page)).not.toBe('IFRAME');
    await debates.itemAction(row, 'Open Debate');
    // The keyboard focus moved from the tree into the view's webview.
    await expect.poll(() => focusedTag(page)).toBe('IFRAME');
    await delay(1_000);
    expect(await page.locator('.part.editor .tabs-container .tab').count()).toBe(0);
    expect(await view.turns()).toHaveLength(2);
  });

  it('comes back on its debate after a window reload', async () => {
    const [debate] = savedDebates(server!.profile.libraryFolder);
    await waitForStoredState(page, debate!.id);
    await reloadWindow(page);
    const frame = await findWebviewFrame(page, 'Topic', 60_000);
    view = new DebatePanel(frame);
    await expectInSideBar(page, frame);
    await expect.poll(async () => (await view.turns()).map((turn) => turn.label), { timeout: 30_000 }).toEqual(['Speaker 1, exchange 1', 'Speaker 2, exchange 1']);
    expect(await view.status()).toBe('done');
    await expect.poll(ollamaText, { timeout: 30_000 }).toBe('Ollama: 3 models');
  });

  it('hides the status item with the view, and says "not reachable" once Ollama is gone; a click then opens the walkthrough', async () => {
    await simulator.close();
    simulatorRunning = false;
    // The side bar hidden: no debate shows, so no item.
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await expect.poll(() => ollamaItem().count()).toBe(0);
    // Shown again: the item comes back and asks Ollama at once.
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await expect.poll(ollamaText, { timeout: 30_000 }).toBe('Ollama not reachable');
    expect(await ollamaItem().locator('[aria-label]').first().getAttribute('aria-label')).toBe(`Ollama at ${simulator.url} is not reachable`);
    await page.screenshot({ path: join(SCREENSHOTS, 'status-not-reachable-dark.png') });

    const walkthrough = page.locator('.gettingStartedContainer');
    expect(await walkthrough.count()).toBe(0);
    await ollamaItem().click();
    await walkthrough.waitFor({ timeout: 30_000 });
    // Ours, not VS Code's own (the page keeps its other walkthroughs' titles, hidden).
    await walkthrough.locator('.category-title', { hasText: 'Get started with Talking Models' }).waitFor({ state: 'visible' });
  });
});

/** The view's frame lies within the primary side bar (webviews float above the part that shows them). */
async function expectInSideBar(page: Page, frame: Frame): Promise<void> {
  let outer: Frame = frame;
  while (outer.parentFrame() !== null && outer.parentFrame() !== page.mainFrame()) outer = outer.parentFrame()!;
  const box = await (await outer.frameElement()).boundingBox();
  const sideBar = await page.locator('.part.sidebar').boundingBox();
  expect(box).not.toBeNull();
  expect(sideBar).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(sideBar!.x - 1);
  expect(box!.x + box!.width).toBeLessThanOrEqual(sideBar!.x + sideBar!.width + 1);
  expect(box!.width).toBeGreaterThan(100);
}

/** The tag of the workbench element holding the keyboard focus (IFRAME: a webview). */
function focusedTag(page: Page): Promise<unknown> {
  return page.evaluate('document.activeElement?.tagName');
}

/** The header of the side-bar Debate view: its name and, beside it, the debate shown. */
function sideBarPaneHeader(page: Page): Locator {
  return page.locator('.part.sidebar .pane-header', { hasText: /^Debate(?!s)/ });
}
