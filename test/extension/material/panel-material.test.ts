// Material through a real panel (host side, the engine and the library, the Ollama simulator):
// a command attaches it and suggests a topic, the first picture carries both; a debate started
// with it sends every speaker exactly those lines and is saved with them, so the panel shown
// that debate again offers the same material; material too large for a speaker's window is
// refused by the engine with its size, and nothing is asked of a model.
import { describe, expect, it } from 'vitest';
import { startSimulator, type OllamaSimulator } from '../../simulator/ollama-simulator';
import type { ChatRequestBody } from '../../simulator/protocol';
import { removeLibraries, tempLibrary, TestWindow, type TestPanel } from '../debate/panel-harness';

const EXCERPT = { path: 'src/add.ts', startLine: 3, endLine: 4, text: 'export function add(a, b) {\n  return a + b;' };

/** Runs `test` on a fresh panel of a window on the simulator and a library of its own; everything closed after. */
async function withPanel(test: (opened: TestPanel, window: TestWindow, simulator: OllamaSimulator) => Promise<void>): Promise<void> {
  const simulator = await startSimulator();
  const window = new TestWindow(simulator.url, tempLibrary());
  try {
    await test(window.open(), window, simulator);
  } finally {
    window.dispose();
    await simulator.close();
    removeLibraries();
  }
}

describe('material in a panel', () => {
  it('draws the attached material and the suggested topic first, then runs the debate on exactly those lines and keeps them with it', () => withPanel(async (opened, window, simulator) => {
    opened.panel.attachMaterial({ excerpts: [EXCERPT] }, 'Review of src/add.ts lines 3–4: what should change?');
    await opened.panel.receive({ type: 'ready' });
    const [init] = opened.of('init');
    expect(init?.snapshot.form.topic).toBe('Review of src/add.ts lines 3–4: what should change?');
    expect(init?.snapshot.topicSuggested).toBe(true);
    expect(init?.snapshot.material).toMatchObject({ material: { excerpts: [EXCERPT] }, defaultWindow: 8192 });
    expect(init!.snapshot.material!.tokens).toBeGreaterThan(0);

    await opened.panel.receive({
      type: 'start',
      request: { topic: 'Is add right?', speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:0.5b', tone: 'Cynic' }], exchanges: 1, material: { excerpts: [EXCERPT] } },
    });
    const requests = simulator.chatRequests().map((request) => request.body as ChatRequestBody);
    expect(requests).toHaveLength(2);
    for (const body of requests) {
      const labelled = (body.messages ?? []).flatMap((message) => message.content.split('\n')).filter((line) => line.startsWith('src/add.ts:'));
      expect(labelled).toEqual(['src/add.ts:3 | export function add(a, b) {', 'src/add.ts:4 |   return a + b;']);
    }
    const id = opened.panel.debateId!;

    // The debate shown again in another panel: its set-up offers the same material.
    const again = window.open();
    await again.panel.show(id);
    await again.panel.receive({ type: 'ready' });
    expect(again.of('init')[0]?.snapshot.material?.material).toEqual({ excerpts: [EXCERPT] });
  }));

  it('is refused with its size when it does not fit a speaker\'s window, before any model is asked', () => withPanel(async (opened, _window, simulator) => {
    const text = Array.from({ length: 400 }, (_, i) => `const value${i} = compute(${i}); // with a comment long enough`).join('\n');
    await opened.panel.receive({
      type: 'start',
      request: {
        topic: 'Review', exchanges: 1, speakers: [{ model: 'llama3.2:1b', tone: 'Rational', contextSize: 2048 }],
        material: { excerpts: [{ path: 'big.ts', startLine: 1, endLine: 400, text }] },
      },
    });
    const error = opened.events().find((event) => event.type === 'error');
    expect(error).toMatchObject({ error: { kind: 'invalid-config', field: 'material', message: expect.stringMatching(/^The material is about [\d,]+ tokens, more than the [\d,]+ it may take of Speaker 1's context window of 2,048 tokens; it is not cut\./) } });
    expect(simulator.chatRequests()).toHaveLength(0);
  }));
});
