// The packaged extension driven through the real workbench in Chromium, as a person
// would: command palette, the panel's form, streaming, Stop, export, pull, Retry and a
// window reload, against the Ollama protocol simulator. Screenshots go to
// test-output/screenshots. (The Debates view and the library: debates-ui.e2e.test.ts.)
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startSimulator, type OllamaSimulator, type SimModel } from '../simulator/ollama-simulator';
import { startCodeServer, type CodeServer } from './support/code-server';
import { DebatePanel } from './support/debate-panel';
import { saveFailureArtifacts } from './support/failures';
import { savedDebates } from './support/library';
import { SCREENSHOTS, VSIX } from './support/paths';
import { delay } from './support/process-group';
import { machineSettings, profileSettings } from './support/profile';
import { declineWorkspaceTrust, findWebviewFrame, openWorkbench, reloadWindow, runCommand, switchTheme, waitForStoredState, type Workbench } from './support/workbench';

const PIRATE = { name: 'Pirate', prompt: 'You are a pirate captain. Answer in 2-3 sentences, arr, and stay in character.' };
const MODELS: SimModel[] = [
  {
    name: 'llama3.2:1b',
    family: 'llama',
    parameterSize: '1.2B',
    quantization: 'Q8_0',
    reply: 'Cities should **welcome** bicycles: they move more people per lane than cars and cost far less to maintain.',
  },
  {
    name: 'qwen2.5:0.5b',
    family: 'qwen2',
    parameterSize: '494M',
    quantization: 'Q4_K_M',
    reply: 'Arr, but who repairs the roads when every sailor rides a bicycle through the rain and the snow?',
  },
];
const PULLABLE: SimModel = { name: 'mistral:7b', family: 'llama', parameterSize: '7.2B', quantization: 'Q4_0' };
const TOPIC = 'Should cities ban cars from their centres?';
const SPEAKERS = [
  { model: 'llama3.2:1b', tone: 'Philosopher' },
  { model: 'qwen2.5:0.5b', tone: PIRATE.name },
];
/** Slow enough that the transcript visibly grows token by token, fast enough for CI. */
const STREAM_DELAY_MS = 40;

describe('Talking Models in the workbench (Chromium)', () => {
  let simulator: OllamaSimulator;
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let page: Page;
  let panel: DebatePanel;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    simulator = await startSimulator({ models: MODELS, pullableModels: [PULLABLE], tokenDelayMs: STREAM_DELAY_MS });
    const settings = {
      ...profileSettings(simulator.url),
      'talkingModels.customTones': [PIRATE],
      // The whole UI run happens in an untrusted folder (Restricted Mode): the extension
      // declares limited support, with the host (and library folder) taken from user and machine settings only.
      'security.workspace.trust.enabled': true,
    };
    server = await startCodeServer({ vsixFiles: [VSIX], settings, machineSettings });
    workbench = await openWorkbench(server.workbenchUrl);
    page = workbench.page;
    await declineWorkspaceTrust(page);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await saveFailureArtifacts(task.name, workbench?.page, server);
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

  /** The same moment in the dark and the light theme. */
  async function screenshots(name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-dark.png`) });
    await switchTheme(page, 'light', panel.frame);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-light.png`) });
    await switchTheme(page, 'dark', panel.frame);
  }

  it('opens the debate panel from the command palette, with the custom tone from settings', async () => {
    await runCommand(page, 'Talking Models: Start Debate');
    panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));
    await expect.poll(() => panel.frame.locator('.models-summary').innerText()).toContain('2 models installed');
    expect(await panel.toneOptions(2)).toEqual(expect.arrayContaining(['Rational', 'Philosopher', PIRATE.name]));
    await panel.setUp(TOPIC, SPEAKERS, 2);
    await screenshots('setup');
  });

  it('streams a two-exchange debate token by token into four turns in order', async () => {
    await panel.button('Start debate').click();
    const lengths: number[] = [];
    const deadline = Date.now() + 60_000;
    while (!(await panel.frame.locator('.status-line.status-done').isVisible())) {
      if (Date.now() > deadline) throw new Error(`the debate did not finish; transcript lengths seen: ${lengths.join(', ')}`);
      const length = await panel.transcriptLength();
      if (length !== lengths.at(-1)) lengths.push(length);
      await delay(50);
    }
    // Streaming, not one final paint: the text reached a new length several times. (Markdown
    // rendering may shorten it briefly, e.g. when a closing ** turns "**word" into bold.)
    const newHighs = lengths.filter((length, index) => length > Math.max(0, ...lengths.slice(0, index)));
    expect(newHighs.length).toBeGreaterThanOrEqual(3);

    const turns = await panel.turns();
    expect(turns.map((turn) => turn.label)).toEqual([
      'Speaker 1, exchange 1',
      'Speaker 2, exchange 1',
      'Speaker 1, exchange 2',
      'Speaker 2, exchange 2',
    ]);
    expect(turns.map((turn) => turn.text.includes('bicycles'))).toEqual([true, false, true, false]);
    expect(turns.map((turn) => turn.text.includes('Arr, but who repairs'))).toEqual([false, true, false, true]);
    // The custom tone from settings is what the second model was told to be.
    const pirateRequest = simulator.chatRequests('qwen2.5:0.5b')[0]?.body as { messages: { role: string; content: string }[] };
    expect(pirateRequest.messages[0]?.role).toBe('system');
    expect(pirateRequest.messages[0]?.content).toContain(PIRATE.prompt);
    // Kept in the profile's library folder (a machine setting, which Restricted Mode honours).
    expect(savedDebates(server!.profile.libraryFolder)).toEqual([
      expect.objectContaining({ topic: TOPIC, outcome: 'complete', turnCount: 4 }),
    ]);
    await screenshots('finished');
  });

  it('exports the transcript to the proposed file beside the panel, says where, and never overwrites it silently', async () => {
    await panel.button('Export to Markdown').click();
    const dialog = page.locator('.quick-input-widget');
    await dialog.waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    const file = await waitForMarkdownFile(server!.workspace);
    expect(basename(file)).toMatch(/^debate-should-cities-ban-cars-from-their-centres-\d{4}-\d{2}-\d{2}\.md$/);
    // The extension opens the exported file beside the panel: wait for it, or it takes the focus from what comes next.
    await page.locator('.tabs-container .tab.active', { hasText: basename(file) }).waitFor();
    await expect.poll(() => page.locator('.editor-group-container').count()).toBe(2);
    const markdown = readFileSync(file, 'utf8');
    for (const label of ['Speaker 1', 'Speaker 2']) expect(markdown).toContain(label);
    expect(markdown.match(/bicycles/g)).toHaveLength(2);
    expect(markdown.match(/Arr, but who repairs/g)).toHaveLength(2);
    // The panel, still in view, says where it saved, with a link to the file.
    // The host says so once the editor beside has opened: on a loaded machine that takes more than the default second.
    await expect.poll(() => panel.frame.locator('.notice').textContent(), { timeout: 10_000 }).toBe(`Saved to ${file}`);
    await panel.button(file).waitFor();

    // Again: the dialog proposes the previous export of this debate, to replace it...
    const before = statSync(file).mtimeMs;
    await runCommand(page, 'Talking Models: Export Transcript to Markdown');
    await dialog.waitFor({ state: 'visible' });
    const path = dialog.locator('input').first();
    await expect.poll(() => path.inputValue()).toMatch(new RegExp(`${basename(file).replace(/\./g, '\\.')}$`));
    // ...and the dialog asks before replacing it: Cancel keeps it.
    await page.keyboard.press('Enter');
    await dialog.getByText('already exists').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(statSync(file).mtimeMs).toBe(before);
    expect(readFileSync(file, 'utf8')).toBe(markdown);
    expect(readdirSync(server!.workspace).filter((name) => name.endsWith('.md'))).toEqual([basename(file)]);
  });

  it('stops a slow debate within a second and marks the partial turn stopped', async () => {
    await revealPanel(page);
    panel = new DebatePanel(await findWebviewFrame(page, 'Topic'));
    simulator.setOptions({ tokenDelayMs: 400 });
    onTestFinished(() => simulator.setOptions({ tokenDelayMs: STREAM_DELAY_MS }));
    await panel.button('Start debate').click();
    await expect.poll(async () => (await panel.liveTurnText()).length, { timeout: 20_000 }).toBeGreaterThan(40);
    await screenshots('streaming');

    const pressed = Date.now();
    await panel.button('Stop').click();
    await panel.transcript().locator('.turn-mark-stopped').waitFor();
    expect(Date.now() - pressed).toBeLessThan(1_000);
    // VS Code may reload a webview's document at any time (it then redraws from the host's
    // snapshot), so read the stopped turn once it is on screen, not the region at one instant.
    const stoppedTurn = async (): Promise<string[]> => {
      await expect.poll(async () => (await panel.turns()).at(-1)?.stopped ?? false, { timeout: 10_000 }).toBe(true);
      return words((await panel.turns()).at(-1)?.text ?? '');
    };
    const stoppedText = await stoppedTurn();
    expect(stoppedText.length).toBeGreaterThan(3);
    const chatRequests = simulator.chatRequests().length;
    await delay(1_000);
    // Nothing more arrived: the same stopped text, no turn streaming, no further request.
    expect(await stoppedTurn()).toEqual(stoppedText);
    expect(await panel.isStreaming()).toBe(false);
    expect(simulator.chatRequests()).toHaveLength(chatRequests);
    // The model stopped too: the request to Ollama was closed.
    const last = simulator.chatRequests().at(-1);
    expect((await simulator.waitForRequestEnd(last!.id, 2_000)).clientClosedAt).not.toBeNull();
  });

  it('offers to pull a model that is not installed, and pulls it', async () => {
    await panel.openSetup();
    const model = panel.control('Speaker 1 model');
    await model.fill(PULLABLE.name);
    await model.press('Tab');
    const pull = panel.frame.getByRole('button', { name: `Pull ${PULLABLE.name}` });
    await pull.click();
    await expect.poll(() => panel.frame.locator('.models-summary').innerText(), { timeout: 30_000 }).toContain('3 models installed');
    await expect(pull.count()).resolves.toBe(0);
  });

  it('shows Retry when Ollama is down, and recovers once it is back', async () => {
    const port = simulator.port;
    await simulator.close();
    await panel.button('Start debate').click();
    const retry = panel.frame.getByRole('button', { name: 'Retry' }).first();
    await retry.waitFor({ timeout: 30_000 });
    await expect(panel.frame.getByRole('alert').innerText()).resolves.toContain(`127.0.0.1:${port}`);

    // Back, with what it had installed (the pulled model included): Retry runs the debate.
    simulator = await startSimulator({ models: [...MODELS, PULLABLE], port });
    await retry.click();
    await panel.frame.getByRole('alert').waitFor({ state: 'hidden' });
    await panel.frame.locator('.status-line.status-done').waitFor({ timeout: 30_000 });
    expect(await panel.turns()).toHaveLength(4);
  });

  it('comes back after a window reload interrupted or stopped, with every token it showed, the cut-off turn marked stopped', async () => {
    // Slow: the first turn is still streaming when the window reloads (VS Code stores its state within 5 s).
    simulator.setOptions({ tokenDelayMs: 400 });
    onTestFinished(() => simulator.setOptions({ tokenDelayMs: STREAM_DELAY_MS }));
    await panel.button('Start debate').click();
    await expect.poll(async () => (await panel.liveTurnText()).length, { timeout: 20_000 }).toBeGreaterThan(0);
    // Reloaded once the workbench has stored that the panel shows this debate.
    const running = savedDebates(server!.profile.libraryFolder).find((debate) => debate.outcome === 'running');
    expect(running?.topic).toBe(TOPIC);
    await waitForStoredState(page, running!.id);
    await expect.poll(async () => (await panel.liveTurnText()).length, { timeout: 20_000 }).toBeGreaterThan(30);
    expect(await panel.turns()).toHaveLength(1);
    const shown = words(await panel.liveTurnText());

    await reloadWindow(page);
    // The panel reads its debate from the library by id. The run the reload cut off comes back
    // stopped (the old extension host stopped it as its panel closed) or interrupted (it died first).
    panel = new DebatePanel(await findWebviewFrame(page, 'Topic', 60_000));
    const status = await panel.waitForStatus(['interrupted', 'stopped'], 30_000);
    const statusText = await panel.frame.locator('.status-line').innerText();
    expect(statusText).toMatch(status === 'interrupted' ? /interrupted/i : /stopped/i);
    // VS Code may reload the webview's document again while the host settles: read the turns once stable.
    await expect.poll(async () => (await panel.turns()).at(-1)?.stopped ?? false, { timeout: 10_000 }).toBe(true);
    const turns = await panel.turns();
    // The new debate's one turn, cut off, kept and marked.
    expect(turns.map((turn) => [turn.label, turn.stopped])).toEqual([['Speaker 1, exchange 1', true]]);
    // Everything the panel had shown is still there (tokens that came after may be too).
    expect(words(turns.at(-1)?.text ?? '').slice(0, shown.length)).toEqual(shown);
    // The library says the same: the newest debate stands interrupted or stopped, its cut-off turn counted.
    const newest = savedDebates(server!.profile.libraryFolder).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
    expect(newest).toEqual(expect.objectContaining({ topic: TOPIC, outcome: status === 'interrupted' ? 'interrupted' : 'stopped', turnCount: 1 }));
  });
});

/** Text as words: rendered markdown and a turn's final rendering differ only in white space. */
function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

async function waitForMarkdownFile(folder: string): Promise<string> {
  await expect.poll(() => readdirSync(folder).filter((name) => name.endsWith('.md')), { timeout: 20_000 }).toHaveLength(1);
  const name = readdirSync(folder).find((entry) => entry.endsWith('.md'));
  const file = join(folder, name ?? '');
  expect(existsSync(file)).toBe(true);
  return file;
}

/** Brings the debate panel's tab back to the front (export opened the markdown file over it). */
async function revealPanel(page: Page): Promise<void> {
  await page.locator('.tabs-container .tab').filter({ hasNotText: /\.md$/ }).first().click();
}
