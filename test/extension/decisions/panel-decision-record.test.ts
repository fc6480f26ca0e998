// The panel's "Export Decision Record" (`export-decision-record` from the webview): the real
// panel, engine and library with a finished debate, the extension's exporter faked. The
// webview is told how it goes (working, then written with where, or why not, or back to idle
// on a cancel), one export at a time, nothing for a debate the panel does not offer it for,
// a reloaded webview drawing it again, and the link opening only a record the panel wrote.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DecisionRecordState } from '../../../extension/contract/decision-record';
import type { PanelServices } from '../../../extension/debate/panel';
import type { DecisionRecordExporter, PanelRecordOutcome } from '../../../extension/decisions/panel-decision-record';
import { startSimulator, type OllamaSimulator } from '../../simulator/ollama-simulator';
import { lastEnd, removeLibraries, tempLibrary, TestWindow, type TestPanel } from '../debate/panel-harness';

const simulators: OllamaSimulator[] = [];
const windows: TestWindow[] = [];

afterEach(async () => {
  for (const window of windows.splice(0)) window.dispose();
  await Promise.all(simulators.splice(0).map((sim) => sim.close()));
  removeLibraries();
});

/** An exporter whose exports end when the test says. */
function heldExporter() {
  const asked: string[] = [];
  const agains: (() => void)[] = [];
  const endings: ((outcome: PanelRecordOutcome) => void)[] = [];
  const exporter: DecisionRecordExporter = {
    export: (debateId, again) => {
      asked.push(debateId);
      agains.push(again);
      return new Promise((resolve) => endings.push(resolve));
    },
  };
  return { exporter, asked, agains, end: (outcome: PanelRecordOutcome) => endings.shift()?.(outcome) };
}

async function setUp(exporter: DecisionRecordExporter | undefined): Promise<{ window: TestWindow; panel: TestPanel; id: string }> {
  const sim = await startSimulator({ models: [{ name: 'alpha:1b', reply: 'Postgres, plainly.' }, { name: 'beta:1b', reply: 'SQLite, plainly.' }] });
  simulators.push(sim);
  const window = new TestWindow(sim.url, tempLibrary());
  windows.push(window);
  if (exporter !== undefined) (window.services as PanelServices).decisionRecords = exporter;
  const panel = window.open();
  await panel.panel.receive({ type: 'ready' });
  await panel.panel.receive({ type: 'start', request: { topic: 'Postgres or SQLite?', speakers: [{ model: 'alpha:1b', tone: 'Rational' }, { model: 'beta:1b', tone: 'Cynic' }], exchanges: 1 } });
  return { window, panel, id: lastEnd(panel).transcript.id };
}

function states(panel: TestPanel): DecisionRecordState[] {
  return panel.of('decision-record').map((message) => message.decisionRecord);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the panel\'s Export Decision Record', () => {
  it('working, then written with where; one export at a time; a reloaded webview draws it; the link opens that record only', async () => {
    const held = heldExporter();
    const { panel, id } = await setUp(held.exporter);
    const exporting = panel.panel.receive({ type: 'export-decision-record' });
    await settle();
    // Pressed again while it runs (another click, a second message): ignored.
    await panel.panel.receive({ type: 'export-decision-record' });
    expect(held.asked).toEqual([id]);
    expect(states(panel)).toEqual([{ kind: 'working', debateId: id }]);

    const open = vi.fn(async () => undefined);
    held.end({ kind: 'written', location: '/work/app/docs/decisions/0001-use-postgres.md', open });
    await exporting;
    expect(states(panel).at(-1)).toEqual({ kind: 'written', debateId: id, location: '/work/app/docs/decisions/0001-use-postgres.md' });

    await panel.panel.receive({ type: 'ready' });
    expect(panel.of('init').at(-1)?.snapshot.decisionRecord).toEqual({ kind: 'written', debateId: id, location: '/work/app/docs/decisions/0001-use-postgres.md' });

    await panel.panel.receive({ type: 'open-export', path: '/work/app/docs/decisions/0001-use-postgres.md' });
    expect(open).toHaveBeenCalledOnce();
    await panel.panel.receive({ type: 'open-export', path: '/etc/passwd' });
    expect(open).toHaveBeenCalledOnce();
    expect(panel.reopened).toEqual([]);
  });

  it('a failure is told with its reason; a cancel goes back to idle; Retry from the message exports again', async () => {
    const held = heldExporter();
    const { panel, id } = await setUp(held.exporter);
    const failing = panel.panel.receive({ type: 'export-decision-record' });
    await settle();
    held.end({ kind: 'failed', reason: 'Ollama is not answering at http://127.0.0.1:1.' });
    await failing;
    expect(states(panel).at(-1)).toEqual({ kind: 'failed', debateId: id, reason: 'Ollama is not answering at http://127.0.0.1:1.' });

    held.agains[0]?.();
    await settle();
    expect(held.asked).toEqual([id, id]);
    expect(states(panel).at(-1)).toEqual({ kind: 'working', debateId: id });
    held.end({ kind: 'cancelled' });
    await settle();
    expect(states(panel).at(-1)).toEqual({ kind: 'idle' });
  });

  it('not offered, nothing asked: an empty panel, a panel whose debate is running', async () => {
    const held = heldExporter();
    const { window } = await setUp(held.exporter);
    const empty = window.open();
    await empty.panel.receive({ type: 'ready' });
    await empty.panel.receive({ type: 'export-decision-record' });
    expect(held.asked).toEqual([]);
    expect(states(empty)).toEqual([]);
    expect(window.log.warn).toHaveBeenCalledWith(expect.stringContaining('Ignored Export Decision Record'));

    // A debate still being spoken: the record would be of half a debate.
    const slow = await startSimulator({ models: [{ name: 'alpha:1b', reply: 'Postgres, said slowly and at length.' }], tokenDelayMs: 40 });
    simulators.push(slow);
    const slowWindow = new TestWindow(slow.url, tempLibrary());
    windows.push(slowWindow);
    (slowWindow.services as PanelServices).decisionRecords = held.exporter;
    const running = slowWindow.open();
    await running.panel.receive({ type: 'ready' });
    const run = running.panel.receive({ type: 'start', request: { topic: 'Postgres?', speakers: [{ model: 'alpha:1b', tone: 'Rational' }], exchanges: 2 } });
    await vi.waitFor(() => expect(running.panel.isRunning && running.events().some((event) => event.type === 'token')).toBe(true), { timeout: 20_000 });
    await running.panel.receive({ type: 'export-decision-record' });
    expect(held.asked).toEqual([]);
    expect(states(running)).toEqual([]);
    running.panel.stop();
    await run;
  });

  it('a host without decision records says so instead of doing nothing', async () => {
    const { panel, id } = await setUp(undefined);
    await panel.panel.receive({ type: 'export-decision-record' });
    expect(states(panel)).toEqual([{ kind: 'failed', debateId: id, reason: 'decision records are not available here' }]);
  });
});
