// A citation link clicked in a panel, against the real engine and library: the panel asks the
// workspace to open it only when the material of the debate it shows holds those lines; anything
// else (lines outside the material, hostile paths, another debate's material, a malformed
// message) is refused and logged, and the debate is left as it was.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DebateRecord } from '../../../engine/store';
import type { DebateMaterial, Turn } from '../../../engine/types';
import { startSimulator, type OllamaSimulator } from '../../simulator/ollama-simulator';
import { turn } from '../fixtures';
import { removeLibraries, tempLibrary, TestWindow, type TestPanel } from './panel-harness';

const MATERIAL: DebateMaterial = {
  excerpts: [{ path: 'src/app.ts', startLine: 2, endLine: 5, text: 'a\nb\nc\nd' }],
  diff: { kind: 'working-tree', text: ['--- a/lib/util.ts', '+++ b/lib/util.ts', '@@ -10,1 +10,2 @@', ' keep();', '+added();'].join('\n') },
};

const TURNS: Turn[] = [turn(0, 'See src/app.ts:3 and lib/util.ts:11.'), turn(1, 'No.')];

function record(id: string, material: DebateMaterial | null): DebateRecord {
  return {
    id, title: null, topic: 'Is this function right?',
    speakers: [
      { name: 'Speaker 1', model: 'llama3.2:1b', tone: 'Rational', tonePrompt: 'Be logical.' },
      { name: 'Speaker 2', model: 'qwen2.5:0.5b', tone: 'Cynic', tonePrompt: 'Be cynical.' },
    ],
    exchanges: 1, settings: {}, createdAt: '2026-12-01T11:05:12.000Z', updatedAt: '2026-12-01T11:06:00.000Z', endedAt: '2026-12-01T11:06:00.000Z',
    outcome: 'complete', stopReason: 'exchanges', turnCount: TURNS.length,
    ...(material !== null && { material }),
  };
}

const WITH_MATERIAL = '20261201-110512-aaaaaa';
const WITHOUT_MATERIAL = '20261201-110512-bbbbbb';

describe('opening a citation from a panel', () => {
  let simulator: OllamaSimulator;
  let window: TestWindow;

  const panelOn = async (id: string): Promise<TestPanel> => {
    const opened = window.open(id);
    await opened.panel.ready;
    return opened;
  };

  beforeEach(async () => {
    simulator = await startSimulator();
    window = new TestWindow(simulator.url, tempLibrary());
    const { sessions } = await window.libraryServices();
    await sessions.adopt(record(WITH_MATERIAL, MATERIAL), TURNS);
    await sessions.adopt(record(WITHOUT_MATERIAL, null), TURNS);
  });

  afterEach(async () => {
    window.dispose();
    await simulator.close();
    removeLibraries();
  });

  it('shows the debate\'s material to the webview, with the transcript', async () => {
    const opened = await panelOn(WITH_MATERIAL);
    await opened.panel.receive({ type: 'ready' });
    expect(opened.of('init').at(-1)?.snapshot.transcript?.material).toEqual(MATERIAL);
  });

  it('opens lines of an excerpt and of the diff\'s new side', async () => {
    const opened = await panelOn(WITH_MATERIAL);
    await opened.panel.receive({ type: 'open-citation', path: 'src/app.ts', startLine: 3, endLine: 5 });
    await opened.panel.receive({ type: 'open-citation', path: 'lib/util.ts', startLine: 11, endLine: 11 });
    expect(opened.citations).toEqual([
      { path: 'src/app.ts', startLine: 3, endLine: 5 },
      { path: 'lib/util.ts', startLine: 11, endLine: 11 },
    ]);
    expect(window.log.warn).not.toHaveBeenCalled();
  });

  it.each([
    ['lines past the excerpt', { path: 'src/app.ts', startLine: 5, endLine: 6 }, 'src/app.ts:5-6 is not in this debate\'s material'],
    ['a file the material lacks', { path: 'src/secret.ts', startLine: 3, endLine: 3 }, 'src/secret.ts:3-3 is not in this debate\'s material'],
    ['a parent folder', { path: '../src/app.ts', startLine: 3, endLine: 3 }, 'it steps out of the workspace (..)'],
    ['an absolute path', { path: '/etc/passwd', startLine: 1, endLine: 1 }, 'it is an absolute path'],
    ['a Windows drive', { path: 'C:\\src\\app.ts', startLine: 3, endLine: 3 }, 'it starts with a drive letter'],
    ['a URL', { path: 'http://a', startLine: 1, endLine: 1 }, 'it holds a colon (a URL or a drive)'],
    ['a reversed range', { path: 'src/app.ts', startLine: 4, endLine: 3 }, 'lines 4-3 are not a range of lines'],
  ])('refuses %s and says why in the log', async (_case, target, why) => {
    const opened = await panelOn(WITH_MATERIAL);
    const before = opened.panel.snapshot();
    await opened.panel.receive({ type: 'open-citation', ...target });
    expect(opened.citations).toEqual([]);
    expect(window.log.warn).toHaveBeenCalledWith(expect.stringContaining(why));
    expect(opened.panel.snapshot()).toEqual(before);
  });

  it('refuses lines another debate\'s material holds, in a panel showing a debate without material', async () => {
    await panelOn(WITH_MATERIAL);
    const opened = await panelOn(WITHOUT_MATERIAL);
    await opened.panel.receive({ type: 'open-citation', path: 'src/app.ts', startLine: 3, endLine: 3 });
    expect(window.panels.flatMap((panel) => panel.citations)).toEqual([]);
    expect(window.log.warn).toHaveBeenCalledWith(expect.stringContaining('src/app.ts:3-3 is not in this debate\'s material'));
  });

  it.each([
    ['line 0', { path: 'src/app.ts', startLine: 0, endLine: 3 }],
    ['a fractional line', { path: 'src/app.ts', startLine: 3.5, endLine: 4 }],
    ['no last line', { path: 'src/app.ts', startLine: 3 }],
    ['an empty path', { path: '', startLine: 3, endLine: 3 }],
    ['a path that is not text', { path: ['src/app.ts'], startLine: 3, endLine: 3 }],
  ])('ignores a malformed open-citation (%s)', async (_case, fields) => {
    const opened = await panelOn(WITH_MATERIAL);
    await opened.panel.receive({ type: 'open-citation', ...fields });
    expect(opened.citations).toEqual([]);
    expect(window.log.warn).toHaveBeenCalledWith(expect.stringContaining('Ignored a malformed message from the debate panel'));
  });
});
