// The wiring every debate webview shares (an editor panel and the side-bar Debate view):
// the webview's messages reach its DebatePanel, the panel's posts and title reach the
// webview, a restored webview reads its debate by id, the panel directory focuses it, and
// closing it stops both. Against the real engine, a temporary library and the simulator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DebateRequest, HostMessage } from '../../../extension/contract/protocol';
import { hostDebate, type DebateSurface, type HostServices } from '../../../extension/debate/webview-host';
import { readSettings } from '../../../extension/settings';
import { DEFAULT_MODELS, startSimulator, type OllamaSimulator } from '../../simulator/ollama-simulator';
import { debateOf, removeLibraries, tempLibrary, TestWindow, webviewDebate } from './panel-harness';

/** Each of the simulator's models speaks once, in its own tone. */
const TONES = ['Rational', 'Cynic'];
const REQUEST: DebateRequest = {
  topic: 'Should the side bar hold a debate?',
  speakers: DEFAULT_MODELS.map(({ name }, index) => ({ model: name, tone: TONES[index] ?? 'Rational' })),
  exchanges: 1,
};

/** The first panel loads the engine: slow on a busy machine. */
const COLD_START_MS = 30_000;

/** A webview as the host sees it, recording what it is sent; `send` is the webview posting. */
function fakeSurface() {
  const posted: HostMessage[] = [];
  const titles: string[] = [];
  const listeners = new Set<(message: unknown) => void>();
  let reveals = 0;
  const surface: DebateSurface = {
    post: (message) => posted.push(structuredClone(message)),
    onMessage: (listener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    setTitle: (title) => titles.push(title),
    reveal: () => {
      reveals += 1;
    },
  };
  return {
    surface,
    posted,
    titles,
    reveals: () => reveals,
    listeners: () => listeners.size,
    send: (message: unknown) => listeners.forEach((listener) => listener(message)),
    of: <T extends HostMessage['type']>(type: T) => posted.filter((message): message is Extract<HostMessage, { type: T }> => message.type === type),
  };
}

describe('a debate hosted in a webview', { timeout: 3 * COLD_START_MS }, () => {
  let simulator: OllamaSimulator;
  let window: TestWindow;
  let services: HostServices;

  beforeEach(async () => {
    simulator = await startSimulator();
    const folder = tempLibrary();
    window = new TestWindow(simulator.url, folder);
    const settings = readSettings((key) => ({ ollamaHost: simulator.url, libraryFolder: folder })[key]);
    services = {
      ...window.services,
      log: window.log,
      settings: () => settings,
      openSettings: () => undefined,
      exportTranscript: async () => undefined,
      openExport: async () => undefined,
      openDebate: (id) => window.directory.openDebate(id),
      branchDebate: (id, atTurn) => window.directory.branchDebate(id, atTurn),
      openCitation: async () => undefined,
    };
  });

  afterEach(async () => {
    window.dispose();
    await simulator.close();
    removeLibraries();
  });

  it('draws the webview when it says ready, and runs the debate it starts, streaming into it and naming it', async () => {
    const webview = fakeSurface();
    const hosted = hostDebate(webview.surface, services, null);
    expect(webview.titles).toEqual(['New Debate']);
    webview.send({ type: 'ready' });
    await expect.poll(() => webview.of('init'), { timeout: COLD_START_MS }).toHaveLength(1);
    // Then the models (at once if listed within READY_MODELS_WAIT_MS, else right after).
    await expect.poll(() => webview.of('models').at(-1)?.models.map((model) => model.name), { timeout: COLD_START_MS }).toEqual(DEFAULT_MODELS.map(({ name }) => name));

    webview.send({ type: 'start', request: REQUEST });
    await expect.poll(() => hosted.panel.transcript?.outcome, { timeout: COLD_START_MS }).toBe('complete');
    const events = webview.of('debate-event').map(({ event }) => event.type);
    expect(events.filter((type) => type === 'token').length).toBeGreaterThanOrEqual(2);
    // What the webview drew from what it was sent is the debate the host holds.
    expect(debateOf(webviewDebate(webview.posted))).toEqual(debateOf(hosted.panel.snapshot()));
    expect(hosted.panel.transcript?.turns).toHaveLength(2);
    expect(webview.titles.at(-1)).toBe(REQUEST.topic);
    hosted.dispose();
  });

  it('logs a malformed message and goes on', async () => {
    const webview = fakeSurface();
    const hosted = hostDebate(webview.surface, services, null);
    for (const junk of [null, 'ready', { type: 'no-such-message' }, { type: 'start', request: { topic: 7 } }]) webview.send(junk);
    await expect.poll(() => window.log.warn.mock.calls.length).toBe(4);
    webview.send({ type: 'ready' });
    await expect.poll(() => webview.of('init'), { timeout: COLD_START_MS }).toHaveLength(1);
    hosted.dispose();
  });

  it('comes back on its debate after a reload, and "Open" on that debate focuses it instead of opening another', async () => {
    const first = fakeSurface();
    const running = hostDebate(first.surface, services, null);
    await running.panel.start(REQUEST);
    const id = running.panel.debateId;
    expect(id).not.toBeNull();
    running.dispose();

    // As VS Code restores the view (or a panel) with the state its webview kept.
    const restored = fakeSurface();
    const hosted = hostDebate(restored.surface, services, id);
    window.directory.add(hosted);
    await hosted.panel.ready;
    expect(hosted.panel.transcript?.turns).toHaveLength(2);
    expect(restored.titles.at(-1)).toBe(REQUEST.topic);

    await window.directory.openDebate(id!);
    expect(restored.reveals()).toBe(1);
    expect(window.panels).toHaveLength(0);
    hosted.dispose();
  });

  it('stops routing messages and posting once its webview is gone', async () => {
    const webview = fakeSurface();
    const hosted = hostDebate(webview.surface, services, null);
    expect(webview.listeners()).toBe(1);
    hosted.dispose();
    expect(webview.listeners()).toBe(0);
    const postedBefore = webview.posted.length;
    // Even a message already on its way to the panel posts nothing back.
    await hosted.panel.receive({ type: 'ready' });
    expect(webview.posted).toHaveLength(postedBefore);
  });
});
