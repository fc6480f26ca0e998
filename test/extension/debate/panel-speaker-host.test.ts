// A speaker's own Ollama host through a real panel (the host side, the engine, two simulators):
// the webview asks for that host's models and gets them with their capabilities (or why not),
// and a debate started with that host has that speaker's turns asked of its own server, in the
// debate language, while the other speaker stays on the debate's host.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type OllamaSimulator } from '../../simulator/ollama-simulator';
import type { ChatRequestBody } from '../../simulator/protocol';
import { removeLibraries, tempLibrary, TestWindow } from './panel-harness';

describe("a panel's speaker on its own Ollama host", () => {
  let debateHost: OllamaSimulator;
  let ownHost: OllamaSimulator;
  const windows: TestWindow[] = [];

  beforeEach(async () => {
    debateHost = await startSimulator();
    ownHost = await startSimulator({ models: [{ name: 'qwen3:0.6b', family: 'qwen3', thinking: 'Hmm.', reply: 'From the GPU box.' }] });
  });

  afterEach(async () => {
    for (const opened of windows.splice(0)) opened.dispose();
    await Promise.all([debateHost.close(), ownHost.close()]);
    removeLibraries();
  });

  function openPanel() {
    const window = new TestWindow(debateHost.url, tempLibrary());
    windows.push(window);
    return window.open();
  }

  it("answers list-host-models with that host's models and capabilities, or with why they can't be listed", async () => {
    const panel = openPanel();
    const typed = ownHost.url.replace('http://', '');
    await panel.panel.receive({ type: 'list-host-models', host: typed });
    const [listed] = panel.of('host-models');
    expect(listed).toMatchObject({ host: typed, listing: { ok: true, host: ownHost.url, models: [{ name: 'qwen3:0.6b', capabilities: ['completion', 'thinking'] }] } });

    await panel.panel.receive({ type: 'list-host-models', host: 'ftp://gpu-box' });
    expect(panel.of('host-models')[1]).toMatchObject({ host: 'ftp://gpu-box', listing: { ok: false, error: { kind: 'invalid-config' } } });
    expect(debateHost.requests.filter((request) => request.path === '/api/tags')).toHaveLength(0);
  });

  it("runs that speaker's turns on its own host, the other's on the debate's, both told the language", async () => {
    const panel = openPanel();
    await panel.panel.receive({
      type: 'start',
      request: {
        topic: 'Tabs or spaces?', exchanges: 1, language: 'German',
        speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen3:0.6b', tone: 'Cynic', host: ownHost.url, thinking: true }],
      },
    });
    const own = ownHost.chatRequests('qwen3:0.6b').map((request) => request.body as ChatRequestBody);
    expect(own).toHaveLength(1);
    expect(own[0]?.think).toBe(true);
    expect(own[0]?.messages?.[0]?.content).toMatch(/Reply in German\.$/);
    expect(debateHost.chatRequests('qwen3:0.6b')).toHaveLength(0);
    expect(debateHost.chatRequests('llama3.2:1b')).toHaveLength(1);
    const transcript = panel.panel.transcript;
    expect(transcript?.language).toBe('German');
    expect(transcript?.speakers[1]?.host).toBe(ownHost.url);
    expect(transcript?.turns.map((turn) => (turn.kind === 'speaker' ? turn.status : turn.kind))).toEqual(['complete', 'complete']);
  });
});
