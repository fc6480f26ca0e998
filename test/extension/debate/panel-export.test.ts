// Exporting from a panel against the real engine, library and the Ollama simulator: what is
// exported while a debate runs (the turn in progress included and marked), when there is
// nothing, the previous export proposed again per debate, and the "Saved to" link, which
// opens only a file the panel wrote.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IN_PROGRESS_MARK, transcriptToMarkdown } from '../../../engine/markdown';
import type { SpeakerTurn } from '../../../engine/types';
import { startSimulator, type OllamaSimulator } from '../../simulator/ollama-simulator';
import { lastEnd, removeLibraries, tempLibrary, TestWindow, type TestPanel } from './panel-harness';

const LONG_REPLY = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');

const request = (exchanges = 1) => ({
  topic: 'Tabs or spaces?',
  speakers: [
    { model: 'llama3.2:1b', tone: 'Rational' },
    { model: 'qwen2.5:0.5b', tone: 'Cynic' },
  ],
  exchanges,
});

describe('exporting from a panel', () => {
  let simulator: OllamaSimulator;
  const windows: TestWindow[] = [];
  const openPanel = (host: string = simulator.url): TestPanel => {
    const opened = new TestWindow(host, tempLibrary());
    windows.push(opened);
    return opened.open();
  };

  /**
   * Starts a debate whose `model` replies at length, and exports once the turn of `speaker` streams
   * with some text; resolves to the panel, what was exported and the run (stopped by `stop`).
   */
  const exportWhileSpeaking = async (model: string, speaker: string) => {
    simulator.addModel({ name: model, reply: LONG_REPLY });
    simulator.setOptions({ tokenDelayMs: 5 });
    const panel = openPanel();
    const run = panel.panel.receive({ type: 'start', request: request() });
    await vi.waitFor(() => {
      const live = panel.panel.snapshot().liveTurns[0];
      expect(live?.speaker).toBe(speaker);
      expect(live?.text.length ?? 0).toBeGreaterThan(10);
    }, { timeout: 10_000 });
    await panel.panel.receive({ type: 'export' });
    const subject = panel.exported[0]!;
    const stop = async (): Promise<void> => {
      await panel.panel.receive({ type: 'stop' });
      await run;
    };
    return { panel, subject, stop };
  };

  beforeEach(async () => {
    simulator = await startSimulator();
  });

  afterEach(async () => {
    for (const opened of windows.splice(0)) opened.dispose();
    await simulator.close();
    removeLibraries();
  });

  it('while the first turn streams: exports that turn as far as it got, marked in progress', async () => {
    const { panel, subject, stop } = await exportWhileSpeaking('llama3.2:1b', 'Speaker 1');
    const live = subject.transcript?.turns.at(-1) as SpeakerTurn | undefined;
    expect(subject.transcript?.turns).toHaveLength(1);
    expect(subject.inProgressTurnIds).toEqual([live?.id]);
    expect(live).toMatchObject({ kind: 'speaker', speaker: 'Speaker 1', model: 'llama3.2:1b' });
    expect(live!.text.length).toBeGreaterThan(10);
    expect(LONG_REPLY.startsWith(live!.text)).toBe(true);
    const markdown = transcriptToMarkdown(subject.transcript!, { inProgressTurnIds: subject.inProgressTurnIds ?? [] });
    expect(markdown).toContain(`## 1. Speaker 1 — llama3.2:1b · Rational\n\n${IN_PROGRESS_MARK}\n`);
    expect(markdown).not.toContain('(stopped)');
    expect(panel.of('exported')).toEqual([{ type: 'exported', path: '/tmp/debate.md' }]);
    await stop();
  });

  it('later: the finished turns, then the live one marked; the debate itself is left as it runs', async () => {
    const { panel, subject, stop } = await exportWhileSpeaking('qwen2.5:0.5b', 'Speaker 2');
    const turns = subject.transcript!.turns as SpeakerTurn[];
    expect(turns.map((turn) => [turn.speaker, turn.status])).toEqual([['Speaker 1', 'complete'], ['Speaker 2', 'stopped']]);
    expect(subject.inProgressTurnIds).toEqual([turns[1]!.id]);
    expect(subject.transcript!.outcome).toBe('running');
    // Exporting did not add the live turn to what the panel shows.
    expect(panel.panel.snapshot().transcript?.turns).toHaveLength(1);
    await stop();
  });

  it('a debate that failed before anyone spoke has nothing to export: no path, no notice', async () => {
    const gone = await startSimulator();
    await gone.close();
    const panel = openPanel(gone.url);
    await panel.panel.receive({ type: 'start', request: request() });
    // The debate is in the library, failed, with no turn.
    expect(panel.panel.snapshot()).toMatchObject({ status: 'failed', transcript: { outcome: 'failed', turns: [] } });
    await panel.panel.receive({ type: 'export' });
    expect(panel.exported).toEqual([{ transcript: null }]);
    expect(panel.of('exported')).toEqual([]);
  });

  it('proposes the previous export again for the same debate, not for another one', async () => {
    const panel = openPanel();
    await panel.panel.receive({ type: 'start', request: request() });
    const first = lastEnd(panel).transcript.id;
    await panel.panel.receive({ type: 'export' });
    await panel.panel.receive({ type: 'export' });
    expect(panel.exported.map((subject) => subject.previous)).toEqual([undefined, '/tmp/debate.md']);
    expect(panel.of('exported').map((message) => message.path)).toEqual(['/tmp/debate.md', '/tmp/debate-2.md']);

    // Another debate in the same panel starts afresh...
    await panel.panel.receive({ type: 'start', request: { ...request(), topic: 'Vim or Emacs?' } });
    expect(lastEnd(panel).transcript.id).not.toBe(first);
    await panel.panel.receive({ type: 'export' });
    expect(panel.exported.at(-1)?.previous).toBeUndefined();
    // ...and each remembers its own last file.
    await panel.panel.receive({ type: 'export' });
    expect(panel.exported.at(-1)?.previous).toBe('/tmp/debate-3.md');
  });

  it('opens again only a file this panel exported; any other path is refused and logged', async () => {
    const panel = openPanel();
    await panel.panel.receive({ type: 'start', request: request() });
    await panel.panel.receive({ type: 'open-export', path: '/tmp/debate.md' });
    expect(panel.reopened).toEqual([]);

    await panel.panel.receive({ type: 'export' });
    await panel.panel.receive({ type: 'open-export', path: '/tmp/debate.md' });
    expect(panel.reopened).toEqual(['/tmp/debate.md']);

    const log = windows[0]!.log;
    log.warn.mockClear();
    for (const path of ['/etc/passwd', '/tmp/debate.md/../../etc/passwd', '/tmp/DEBATE.md']) {
      await panel.panel.receive({ type: 'open-export', path });
    }
    for (const malformed of [{ type: 'open-export' }, { type: 'open-export', path: '' }, { type: 'open-export', path: 'x'.repeat(5000) }, { type: 'open-export', path: 7 }]) {
      await panel.panel.receive(malformed);
    }
    expect(panel.reopened).toEqual(['/tmp/debate.md']);
    expect(log.warn).toHaveBeenCalledTimes(7);
    expect(log.warn.mock.calls.slice(0, 3).every(([message]) => /did not export/.test(message))).toBe(true);
    expect(log.warn.mock.calls.slice(3).every(([message]) => /malformed message/.test(message))).toBe(true);
  });
});
