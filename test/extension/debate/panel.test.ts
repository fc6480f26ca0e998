// The debate panel against the real engine, a library in a temporary folder and the
// Ollama protocol simulator over HTTP; the webview is a fake transport recording
// messages. What a panel does with the form, the models and a streamed run; the
// operations on a saved debate are in panel-operations.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatRequestBody } from '../../simulator/ollama-simulator';
import { startSimulator, type OllamaSimulator } from '../../simulator/ollama-simulator';
import { MAX_PANEL_EXCHANGES } from '../../../extension/contract/limits';
import { debateOf, lastEnd, removeLibraries, tempLibrary, TestWindow, webviewDebate } from './panel-harness';

const LONG_REPLY = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');

const twoSpeakers = {
  topic: 'Tabs or spaces?',
  speakers: [
    { model: 'llama3.2:1b', tone: 'Rational' },
    { model: 'qwen2.5:0.5b', tone: 'Cynic' },
  ],
  exchanges: 1,
};

describe('DebatePanel with the simulator', () => {
  let simulator: OllamaSimulator;
  const windows: TestWindow[] = [];
  const window = (host: string = simulator.url, settings?: Record<string, unknown>): TestWindow => {
    const opened = new TestWindow(host, tempLibrary(), settings === undefined ? {} : { settings });
    windows.push(opened);
    return opened;
  };

  beforeEach(async () => {
    simulator = await startSimulator({
      pullableModels: [{ name: 'phi3:mini', parameterSize: '3.8B', quantization: 'Q4_0', family: 'phi3' }],
    });
  });

  afterEach(async () => {
    for (const opened of windows.splice(0)) opened.dispose();
    await simulator.close();
    removeLibraries();
  });

  it('answers ready with an init snapshot, then the installed models', async () => {
    const panel = window().open();
    await panel.panel.receive({ type: 'ready' });
    expect(panel.posted.map((m) => m.type)).toEqual(['init', 'models']);
    const init = panel.of('init')[0]!;
    expect(init.snapshot).toMatchObject({ status: 'idle', transcript: null, liveTurns: [], host: simulator.url, access: { kind: 'writable' } });
    // The model list was quick, so the form already names installed models, a different one per speaker.
    expect(init.snapshot.form.speakers.map((s) => s.model)).toEqual(['llama3.2:1b', 'qwen2.5:0.5b']);
    expect(init.snapshot.tones.map((tone) => tone.name)).toContain('Adversary');
    expect(panel.of('models')[0]).toMatchObject({ host: simulator.url, models: [{ name: 'llama3.2:1b', parameterSize: '1.2B' }, { name: 'qwen2.5:0.5b' }] });
    expect(panel.titles).toEqual(['New Debate']);
  });

  it('lists models while the webview loads, so ready needs no second listing', async () => {
    const panel = window().open();
    panel.panel.prefetchModels();
    await vi.waitFor(() => expect(simulator.requests.some((request) => request.path === '/api/tags')).toBe(true));
    await panel.panel.receive({ type: 'ready' });
    expect(panel.of('init')[0]!.snapshot.models?.map((model) => model.name)).toEqual(['llama3.2:1b', 'qwen2.5:0.5b']);
    expect(simulator.requests.filter((request) => request.path === '/api/tags')).toHaveLength(1);
    // A later ready (the panel shown again) lists afresh.
    await panel.panel.receive({ type: 'ready' });
    expect(simulator.requests.filter((request) => request.path === '/api/tags')).toHaveLength(2);
  });

  it('streams a debate: events forwarded in order, tokens batched, and the library keeps it as it ends', async () => {
    const opened = window();
    const panel = opened.open();
    await panel.panel.receive({ type: 'ready' });
    await panel.panel.receive({ type: 'start', request: twoSpeakers });

    const types = panel.events().map((event) => event.type);
    expect(types[0]).toBe('run-start');
    expect(types.at(-1)).toBe('run-end');
    expect(types.filter((type) => type === 'turn-end')).toHaveLength(2);
    // The host posts the status it sets itself; the webview's reducer follows the events to the rest.
    expect(panel.of('status').map((m) => m.status)).toEqual(['connecting']);
    expect(panel.panel.snapshot().status).toBe('done');

    const transcript = lastEnd(panel).transcript;
    expect(transcript.outcome).toBe('complete');
    expect(transcript.turns).toMatchObject([{ kind: 'speaker', model: 'llama3.2:1b' }, { kind: 'speaker', model: 'qwen2.5:0.5b' }]);
    // No timer fired, so each turn's tokens arrived as one batch, flushed at its turn end.
    const tokens = panel.events().filter((event) => event.type === 'token');
    expect(tokens.map((token) => token.type === 'token' && token.text)).toEqual(transcript.turns.map((turn) => turn.text));
    expect(new Set(transcript.turns.map((turn) => turn.id)).size).toBe(2);

    expect(panel.titles.at(-1)).toBe('Tabs or spaces?');
    expect(panel.panel.debateId).toBe(transcript.id);
    // The webview, drawn before the start, followed the same debate with the same reducer.
    expect(debateOf(webviewDebate(panel.posted))).toEqual(debateOf(panel.panel.snapshot()));
    // The record is the library's: read back, it is the debate the run ended with.
    const { sessions, store } = await opened.libraryServices();
    expect(await sessions.transcript(transcript.id)).toEqual(transcript);
    expect(store.library.get(transcript.id)).toMatchObject({ ok: true, outcome: 'complete', lockedBy: null });
    // The Debates view heard of the run's start and of its end.
    expect(opened.library.changes).toBe(2);
    expect(panel.panel.isRunning).toBe(false);
  });

  it('posts tokens in batches as the interval passes, never the whole transcript', async () => {
    simulator.addModel({ name: 'llama3.2:1b', reply: LONG_REPLY });
    simulator.setOptions({ tokenDelayMs: 2 });
    const panel = window().open();
    const run = panel.panel.receive({ type: 'start', request: { ...twoSpeakers, speakers: [twoSpeakers.speakers[0]!] } });
    await vi.waitFor(() => expect(panel.panel.snapshot().liveTurns[0]?.text.length ?? 0).toBeGreaterThan(0), { timeout: 5_000 });
    while (panel.panel.isRunning) {
      panel.scheduler.runAll();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await run;
    const tokenMessages = panel.events().filter((event) => event.type === 'token');
    const text = tokenMessages.map((event) => (event.type === 'token' ? event.text : '')).join('');
    expect(text).toBe(lastEnd(panel).transcript.turns[0]!.text);
    expect(tokenMessages.length).toBeGreaterThan(1);
    expect(tokenMessages.length).toBeLessThan(400);
  });

  it('redraws a panel shown again mid-stream from its snapshot, losing and repeating no token', async () => {
    simulator.addModel({ name: 'llama3.2:1b', reply: LONG_REPLY });
    simulator.setOptions({ tokenDelayMs: 3 });
    const panel = window().open();
    const run = panel.panel.receive({ type: 'start', request: { ...twoSpeakers, speakers: [twoSpeakers.speakers[0]!] } });
    await vi.waitFor(() => expect(panel.panel.snapshot().liveTurns[0]?.text.length ?? 0).toBeGreaterThan(20), { timeout: 5_000 });
    panel.scheduler.runAll(); // a batch reaches the old document just before it goes away

    // The panel was hidden and is shown again: its document reloads and says ready.
    const before = panel.posted.length;
    await panel.panel.receive({ type: 'ready' });
    await run;
    const after = panel.posted.slice(before);
    const initAt = after.findIndex((message) => message.type === 'init');
    const init = after[initAt];
    if (init?.type !== 'init') throw new Error('no init after ready');
    const liveText = init.snapshot.liveTurns[0]?.text ?? '';
    expect(liveText.length).toBeGreaterThan(20);
    const later = after
      .slice(initAt + 1)
      .flatMap((message) => (message.type === 'debate-event' && message.event.type === 'token' ? [message.event.text] : []))
      .join('');
    expect(liveText + later).toBe(lastEnd(panel).transcript.turns[0]!.text);
    // The webview, from that snapshot on, holds the same debate as the host.
    expect(debateOf(webviewDebate(panel.posted))).toEqual(debateOf(panel.panel.snapshot()));
  });

  it('stops at once, keeping the partial turn as stopped', async () => {
    simulator.addModel({ name: 'llama3.2:1b', reply: LONG_REPLY });
    simulator.setOptions({ tokenDelayMs: 10 });
    const panel = window().open();
    const run = panel.panel.receive({ type: 'start', request: twoSpeakers });
    await vi.waitFor(() => expect(panel.panel.snapshot().liveTurns[0]?.text.length ?? 0).toBeGreaterThan(0), { timeout: 5_000 });

    await panel.panel.receive({ type: 'stop' });
    expect(panel.of('status').at(-1)?.status).toBe('stopped');
    await run;

    const transcript = lastEnd(panel).transcript;
    expect(transcript.outcome).toBe('stopped');
    expect(transcript.turns).toHaveLength(1);
    expect(transcript).toMatchObject({ stopReason: 'user' });
    expect(transcript.turns[0]).toMatchObject({ kind: 'speaker', status: 'stopped', model: 'llama3.2:1b' });
    expect(transcript.turns[0]!.text.length).toBeGreaterThan(0);
    expect(LONG_REPLY.startsWith(transcript.turns[0]!.text.trim())).toBe(true);
    expect(panel.of('status').at(-1)?.status).toBe('stopped');
    // The request to Ollama was closed: the model stops generating.
    const chat = simulator.chatRequests('llama3.2:1b').at(-1)!;
    expect((await simulator.waitForRequestEnd(chat.id)).clientClosedAt).not.toBeNull();
    expect(simulator.chatRequests('qwen2.5:0.5b')).toHaveLength(0);
  });

  it('ignores and logs malformed messages', async () => {
    const opened = window();
    const panel = opened.open();
    const malformed: unknown[] = [
      'ready',
      null,
      { type: 'launch' },
      { type: 'start', request: { ...twoSpeakers, topic: '   ' } },
      { type: 'start', request: { ...twoSpeakers, exchanges: MAX_PANEL_EXCHANGES + 1 } },
      { type: 'start', request: { ...twoSpeakers, speakers: [] } },
      { type: 'pull-model', model: '' },
      { type: 'continue', exchanges: 0 },
      { type: 'continue', exchanges: 1.5 },
      { type: 'resume', note: 'x'.repeat(4001) },
      { type: 'resume', nextSpeaker: -1 },
      { type: 'resume', end: 'yes' },
      { type: 'regenerate' },
      { type: 'choose-alternative', turnId: 'turn-1', alternative: -1 },
      { type: 'branch', turnId: '../../etc/passwd' },
      { type: 'open-debate', debateId: '' },
    ];
    for (const message of malformed) await panel.panel.receive(message);
    expect(panel.posted).toEqual([]);
    expect(opened.log.warn).toHaveBeenCalledTimes(malformed.length);
    expect(opened.log.warn.mock.calls[3]?.[0]).toMatch(/malformed message.*topic/);
    expect(simulator.requests).toHaveLength(0);
  });

  it('reports an unreachable host as models-error, and the debate as failed with the error', async () => {
    // A simulator that has closed: nothing listens on its port any more.
    const gone = await startSimulator();
    await gone.close();
    const host = gone.url;
    const panel = window(host).open();
    await panel.panel.receive({ type: 'ready' });
    expect(panel.posted.map((m) => m.type)).toEqual(['init', 'models-error']);
    const listing = panel.of('models-error')[0]!.error;
    expect(listing).toMatchObject({ kind: 'unreachable', host });
    expect(listing.message).toContain(host);

    await panel.panel.receive({ type: 'start', request: twoSpeakers });
    const error = panel.events().find((event) => event.type === 'error');
    expect(error).toMatchObject({ error: { kind: 'unreachable' } });
    expect(panel.panel.snapshot().status).toBe('failed');
    expect(panel.panel.snapshot().error?.kind).toBe('unreachable');
    expect(debateOf(webviewDebate(panel.posted))).toEqual(debateOf(panel.panel.snapshot()));
  });

  it('offers a missing model for pulling: progress, done, then the new model list', async () => {
    const panel = window().open();
    await panel.panel.receive({ type: 'start', request: { ...twoSpeakers, speakers: [{ model: 'phi3:mini', tone: 'Rational' }] } });
    expect(panel.events().find((event) => event.type === 'error')).toMatchObject({ error: { kind: 'model-missing', model: 'phi3:mini' } });

    await panel.panel.receive({ type: 'pull-model', model: 'phi3:mini' });
    const types = panel.posted.map((m) => m.type);
    expect(types.filter((type) => type === 'pull-progress').length).toBeGreaterThan(0);
    expect(types.slice(-2)).toEqual(['pull-done', 'models']);
    expect(panel.of('models')[0]!.models.map((model) => model.name)).toContain('phi3:mini');
  });

  it('lists a model pulled in one panel in every open panel', async () => {
    const opened = window();
    const first = opened.open();
    const second = opened.open();
    await first.panel.receive({ type: 'pull-model', model: 'phi3:mini' });
    for (const panel of [first, second]) expect(panel.of('models').at(-1)?.models.map((model) => model.name)).toContain('phi3:mini');
    expect(second.of('pull-done')).toEqual([]);
  });

  it('reports a failed pull', async () => {
    const opened = window();
    const panel = opened.open();
    await panel.panel.receive({ type: 'pull-model', model: 'no-such-model:7b' });
    const failed = panel.of('pull-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.model).toBe('no-such-model:7b');
    expect(failed[0]!.message.length).toBeGreaterThan(0);
    expect(opened.log.error).toHaveBeenCalled();
  });

  it('keeps two panels independent', async () => {
    const opened = window();
    const first = opened.open();
    const second = opened.open();
    await Promise.all([
      first.panel.receive({ type: 'start', request: { ...twoSpeakers, topic: 'First' } }),
      second.panel.receive({ type: 'start', request: { ...twoSpeakers, topic: 'Second', exchanges: 2 } }),
    ]);
    expect(lastEnd(first).transcript).toMatchObject({ topic: 'First', outcome: 'complete' });
    expect(lastEnd(first).transcript.turns).toHaveLength(2);
    expect(lastEnd(second).transcript).toMatchObject({ topic: 'Second', outcome: 'complete' });
    expect(lastEnd(second).transcript.turns).toHaveLength(4);
    expect(first.panel.debateId).not.toBe(second.panel.debateId);
  });

  it('pushes new tones to the panel when settings change, and exports on request', async () => {
    const opened = window();
    const panel = opened.open();
    opened.setSettings({ customTones: [{ name: 'Pirate', prompt: 'Talk like a pirate.' }] });
    panel.panel.settingsChanged();
    expect(panel.of('tones')[0]!.tones).toContainEqual({ name: 'Pirate', prompt: 'Talk like a pirate.' });

    await panel.panel.receive({ type: 'start', request: { ...twoSpeakers, speakers: [{ model: 'llama3.2:1b', tone: 'Pirate' }] } });
    expect(lastEnd(panel).transcript.outcome).toBe('complete');
    // The debate really used the new tone: not a silent fall-back to the default one.
    expect(lastEnd(panel).transcript.turns).toMatchObject([{ tone: 'Pirate' }]);
    const [chat] = simulator.chatRequests('llama3.2:1b');
    const system = (chat!.body as ChatRequestBody).messages?.[0];
    expect(system?.role).toBe('system');
    expect(system?.content.startsWith('Talk like a pirate.')).toBe(true);
    await panel.panel.receive({ type: 'export' });
    expect(panel.of('exported')).toEqual([{ type: 'exported', path: '/tmp/debate.md' }]);
  });
});
