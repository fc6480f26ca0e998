// Judging a debate through its panel, as the webview asks it (`judge`, `cancel-judge`) and as
// the Debates view does (DebatePanels.judgeDebate): the real panel, engine and library in a
// temporary folder, against the Ollama simulator with a scripted judge model. The verdict is
// saved with the debate and the panel shows it; each way of failing is said, nothing is saved
// and no verdict is made up: answers that are no verdict, a judge model not installed, Ollama
// not answering, a cancel, a debate running.
import { afterEach, describe, expect, it } from 'vitest';
import type { Verdict } from '../../engine/judge/verdict';
import type { JudgeView } from '../../extension/contract/protocol';
import { pickSideSaying, scriptedJudge, type JudgeStep } from '../simulator/judge-script';
import { startSimulator, type OllamaSimulator, type SimModel } from '../simulator/ollama-simulator';
import { lastEnd, removeLibraries, tempLibrary, TestWindow, webviewDebate, type TestPanel } from './debate/panel-harness';

const JUDGE = 'judge:4b';

function numbered(name: string, label: string): SimModel {
  let count = 0;
  return { name, family: name.startsWith('alpha') ? 'llama' : 'qwen2', reply: () => `${label} reply ${++count}, said plainly.` };
}

const simulators: OllamaSimulator[] = [];
const windows: TestWindow[] = [];

async function setUp(steps: JudgeStep[] = ['valid'], tokenDelayMs = 0): Promise<{ sim: OllamaSimulator; window: TestWindow }> {
  const sim = await startSimulator({
    models: [numbered('alpha:1b', 'Ada'), numbered('beta:1b', 'Bob'), scriptedJudge({ name: JUDGE, family: 'gemma3', steps, pick: pickSideSaying('Ada') })],
    tokenDelayMs,
  });
  simulators.push(sim);
  const window = new TestWindow(sim.url, tempLibrary());
  windows.push(window);
  return { sim, window };
}

afterEach(async () => {
  for (const window of windows.splice(0)) window.dispose();
  await Promise.all(simulators.splice(0).map((sim) => sim.close()));
  removeLibraries();
});

/** A finished two-speaker debate in a new panel. */
async function finished(window: TestWindow): Promise<{ panel: TestPanel; id: string }> {
  const panel = window.open();
  await panel.panel.receive({ type: 'ready' });
  await panel.panel.receive({ type: 'start', request: { topic: 'Tabs or spaces?', speakers: [{ model: 'alpha:1b', tone: 'Rational' }, { model: 'beta:1b', tone: 'Cynic' }], exchanges: 1 } });
  return { panel, id: lastEnd(panel).transcript.id };
}

function judgeViews(panel: TestPanel): JudgeView[] {
  return panel.of('judge').map((message) => message.judge);
}

async function savedVerdicts(window: TestWindow, id: string): Promise<Verdict[] | undefined> {
  const { store } = await window.libraryServices();
  const entry = store.library.get(id);
  if (entry === null || !entry.ok) throw new Error(`debate ${id} is not readable`);
  return entry.meta.verdicts;
}

describe('judging from the panel', () => {
  it('judges blind in two orders, tells the progress, saves the verdict and shows it; a reloaded webview draws it again', async () => {
    const { sim, window } = await setUp();
    const { panel, id } = await finished(window);
    const changesBefore = window.library.changes;

    await panel.panel.receive({ type: 'judge', model: JUDGE });

    expect(judgeViews(panel).map(({ state }) => (state.kind === 'judging' ? `order ${state.order} of ${state.orders}` : state.kind))).toEqual([
      'order 0 of 0', 'order 1 of 2', 'order 2 of 2', 'idle',
    ]);
    expect(judgeViews(panel).at(-1)?.model).toBe(JUDGE);
    const saved = await savedVerdicts(window, id);
    expect(saved).toHaveLength(1);
    const verdict = saved![0]!;
    expect(verdict).toMatchObject({ judgeModel: JUDGE, winner: 0, turnsJudged: 2 });
    expect(verdict.orders).toHaveLength(2);
    expect(verdict.scores.map((side) => side.model)).toEqual(['alpha:1b', 'beta:1b']);
    // The panel read the debate again: the webview's debate carries the verdict.
    expect(webviewDebate(panel.posted).transcript?.verdicts).toEqual(saved);
    expect(window.library.changes).toBeGreaterThan(changesBefore);
    // Blind: no speaker's name or model reached the judge, and it was asked once per order.
    const asked = sim.chatRequests(JUDGE).map((request) => JSON.stringify(request.body));
    expect(asked).toHaveLength(2);
    for (const body of asked) for (const word of ['alpha:1b', 'beta:1b', 'Speaker 1', 'Speaker 2']) expect(body).not.toContain(word);

    // A webview reloaded after it: the snapshot has the verdict and the remembered judge.
    await panel.panel.receive({ type: 'ready' });
    const init = panel.of('init').at(-1)!;
    expect(init.snapshot.transcript?.verdicts).toEqual(saved);
    expect(init.snapshot.judge).toEqual({ model: JUDGE, state: { kind: 'idle' } });
    expect(window.log.info.mock.calls.flat().join('\n')).toContain(`Verdict of ${JUDGE} on debate ${id} saved`);
  });

  it('a judge whose answers are no verdict, after its retry: "unavailable" with the reason, nothing saved', async () => {
    const { window } = await setUp(['invalid-json']);
    const { panel, id } = await finished(window);
    await panel.panel.receive({ type: 'judge', model: JUDGE });
    const last = judgeViews(panel).at(-1)!.state;
    expect(last.kind).toBe('unavailable');
    if (last.kind !== 'unavailable') return;
    expect(last).toMatchObject({ debateId: id, model: JUDGE });
    expect(last.reason).toMatch(/^in order 1 of 2, .*asked again with the schema restated/);
    expect(await savedVerdicts(window, id)).toBeUndefined();
    expect(webviewDebate(panel.posted).transcript?.verdicts).toBeUndefined();
  });

  it('a refusal is no verdict either', async () => {
    const { window } = await setUp(['refusal']);
    const { panel, id } = await finished(window);
    await panel.panel.receive({ type: 'judge', model: JUDGE });
    expect(judgeViews(panel).at(-1)!.state.kind).toBe('unavailable');
    expect(await savedVerdicts(window, id)).toBeUndefined();
  });

  it('a judge model not installed: said so with the model (the webview offers the pull), and the judge is never asked', async () => {
    const { sim, window } = await setUp();
    const { panel, id } = await finished(window);
    await panel.panel.receive({ type: 'judge', model: 'phi4:14b' });
    const last = judgeViews(panel).at(-1)!.state;
    expect(last).toMatchObject({ kind: 'failed', debateId: id, model: 'phi4:14b', error: { kind: 'model-missing', model: 'phi4:14b' } });
    expect(sim.chatRequests('phi4:14b')).toHaveLength(0);
    expect(await savedVerdicts(window, id)).toBeUndefined();
    expect(window.log.error.mock.calls.flat().join('\n')).toContain('phi4:14b is not installed');
  });

  it('Ollama not answering: said so as Ollama\'s error, nothing saved', async () => {
    const { sim, window } = await setUp();
    const { panel, id } = await finished(window);
    await sim.close();
    await panel.panel.receive({ type: 'judge', model: JUDGE });
    const last = judgeViews(panel).at(-1)!.state;
    expect(last).toMatchObject({ kind: 'failed', error: { kind: 'unreachable' } });
    expect(await savedVerdicts(window, id)).toBeUndefined();
  });

  it('Cancel, and Stop, end a judging at once: nothing saved, the panel back to Judge…', async () => {
    for (const message of [{ type: 'cancel-judge' }, { type: 'stop' }] as const) {
      const { sim, window } = await setUp(['valid'], 40);
      const { panel, id } = await finished(window);
      const judging = panel.panel.receive({ type: 'judge', model: JUDGE });
      await expect.poll(() => sim.chatRequests(JUDGE).length).toBe(1);
      await panel.panel.receive(message);
      await judging;
      expect(judgeViews(panel).at(-1)!.state).toEqual({ kind: 'idle' });
      expect(await savedVerdicts(window, id)).toBeUndefined();
      // The request to the judge was closed, not left to finish.
      await sim.waitForRequestEnd(sim.chatRequests(JUDGE)[0]!.id);
      expect(sim.chatRequests(JUDGE)[0]!.clientClosedAt).not.toBeNull();
      expect(sim.chatRequests(JUDGE)).toHaveLength(1);
    }
  });

  it('refuses while the debate runs, and a second judging while one goes on', async () => {
    const { sim, window } = await setUp(['valid'], 40);
    const { panel } = await finished(window);
    const running = panel.panel.receive({ type: 'continue', exchanges: 1 });
    await expect.poll(() => sim.chatRequests('alpha:1b').length + sim.chatRequests('beta:1b').length).toBeGreaterThan(2);
    const refused = await panel.panel.judge(JUDGE);
    expect(refused).toMatchObject({ kind: 'failed', error: { message: expect.stringContaining('running') } });
    panel.panel.stop();
    await running;

    const first = panel.panel.judge(JUDGE);
    await expect.poll(() => sim.chatRequests(JUDGE).length).toBe(1);
    expect(await panel.panel.judge(JUDGE)).toMatchObject({ kind: 'failed', error: { message: expect.stringContaining('already going on') } });
    expect((await first).kind).toBe('judged');
  });
});

describe('judging from the Debates view (DebatePanels.judgeDebate)', () => {
  it('opens the debate in a panel, reports the progress, and the panel shows the verdict', async () => {
    const { window } = await setUp();
    const { panel: first, id } = await finished(window);
    first.close();
    const steps: string[] = [];
    const outcome = await window.directory.judgeDebate(id, JUDGE, { onProgress: ({ order, orders }) => steps.push(`${order}/${orders}`) });
    expect(outcome.kind).toBe('judged');
    expect(steps).toEqual(['1/2', '2/2']);
    const shown = window.panelOf(id);
    await shown.panel.receive({ type: 'ready' });
    expect(shown.of('init').at(-1)!.snapshot.transcript?.verdicts).toHaveLength(1);
    expect(await savedVerdicts(window, id)).toHaveLength(1);
  });

  it('its notification\'s Cancel stops the judging', async () => {
    const { sim, window } = await setUp(['valid'], 40);
    const { id } = await finished(window);
    const abort = new AbortController();
    const judging = window.directory.judgeDebate(id, JUDGE, { signal: abort.signal });
    await expect.poll(() => sim.chatRequests(JUDGE).length).toBe(1);
    abort.abort();
    expect(await judging).toEqual({ kind: 'cancelled' });
    expect(await savedVerdicts(window, id)).toBeUndefined();
  });
});
