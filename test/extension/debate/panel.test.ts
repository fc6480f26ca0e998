// The debate panel against the real engine and the Ollama protocol simulator over
// HTTP; the webview is a fake transport recording messages.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DebateEvent, Transcript } from '../../../engine/types';
import type { HostMessage, PanelSnapshot } from '../../../extension/contract/protocol';
import { applyDebateEvent } from '../../../extension/contract/snapshot';
import { DebatePanel, type PanelEnvironment, type PanelServices } from '../../../extension/debate/panel';
import { reviveSnapshot, type SavedLiveTurn } from '../../../extension/debate/revival';
import { engineAccessor } from '../../../extension/engine-access';
import { ModelCatalog } from '../../../extension/models/model-catalog';
import { ModelPulls } from '../../../extension/models/pulls';
import { readSettings, type ExtensionSettings } from '../../../extension/settings';
import { startSimulator, type ChatRequestBody, type OllamaSimulator } from '../../simulator/ollama-simulator';
import { ManualScheduler } from '../manual-scheduler';

const LONG_REPLY = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');

/** What every panel of one window shares, as extension.ts wires it. */
function windowServices(settings: () => ExtensionSettings, log: PanelEnvironment['log']): PanelServices {
  const engines = engineAccessor(settings, () => import('../../../engine'));
  const catalog = new ModelCatalog(engines);
  return { engines, catalog, pulls: new ModelPulls(engines, catalog, log) };
}

/** A fake webview and VS Code around one panel. */
function openPanel(host: string, options: { restored?: PanelSnapshot; settings?: Record<string, unknown>; services?: PanelServices } = {}) {
  const posted: HostMessage[] = [];
  const saved: PanelSnapshot[] = [];
  const savedLiveTurns: SavedLiveTurn[] = [];
  const titles: string[] = [];
  const log = { info: vi.fn<(message: string) => void>(), warn: vi.fn<(message: string) => void>(), error: vi.fn<(message: string) => void>() };
  const exported: Array<Transcript | null> = [];
  const scheduler = new ManualScheduler();
  let settings: ExtensionSettings = readSettings((key) => ({ ollamaHost: host, ...options.settings })[key]);
  const openSettings = vi.fn<() => void>();
  const environment: PanelEnvironment = {
    post: (message) => posted.push(structuredClone(message)),
    log,
    settings: () => settings,
    openSettings,
    exportTranscript: async (transcript) => {
      exported.push(transcript);
      return '/tmp/debate.md';
    },
    save: (snapshot) => saved.push(structuredClone(snapshot)),
    saveLiveTurn: (liveTurn) => savedLiveTurns.push(structuredClone(liveTurn)),
    setTitle: (title) => titles.push(title),
    scheduler,
  };
  const services = options.services ?? windowServices(() => settings, log);
  const controller = new DebatePanel('panel-1', environment, services, options.restored ?? null);
  return {
    services,
    controller,
    posted,
    saved,
    savedLiveTurns,
    titles,
    log,
    exported,
    scheduler,
    openSettings,
    setSettings: (values: Record<string, unknown>) => {
      settings = readSettings((key) => ({ ollamaHost: host, ...values })[key]);
    },
    of: <T extends HostMessage['type']>(type: T) => posted.filter((m): m is Extract<HostMessage, { type: T }> => m.type === type),
    events: () => posted.flatMap((m) => (m.type === 'debate-event' ? [m.event] : [])),
  };
}

type Panel = ReturnType<typeof openPanel>;

const twoSpeakers = {
  topic: 'Tabs or spaces?',
  speakers: [
    { model: 'llama3.2:1b', tone: 'Rational' },
    { model: 'qwen2.5:0.5b', tone: 'Cynic' },
  ],
  exchanges: 1,
};

function lastEnd(panel: Panel): Extract<DebateEvent, { type: 'run-end' }> {
  const end = panel.events().filter((event) => event.type === 'run-end').at(-1);
  if (end?.type !== 'run-end') throw new Error('no run-end was posted');
  return end;
}

/** The debate the webview holds after an init and what followed it: the contract's reducer over the posted messages. */
function webviewDebate(posted: readonly HostMessage[]): PanelSnapshot {
  const initAt = posted.map((message) => message.type).lastIndexOf('init');
  const init = posted[initAt];
  if (init?.type !== 'init') throw new Error('no init was posted');
  return posted.slice(initAt + 1).reduce<PanelSnapshot>((view, message) => {
    if (message.type === 'debate-event') return applyDebateEvent(view, message.event);
    if (message.type === 'status') return { ...view, status: message.status };
    return view;
  }, init.snapshot);
}

/** The debate part of a snapshot, which the webview and the host must agree on. */
function debateOf({ status, transcript, liveTurn, error, warning }: PanelSnapshot) {
  return { status, transcript, liveTurn, error, warning };
}

describe('DebatePanel with the simulator', () => {
  let simulator: OllamaSimulator;
  const panels: Panel[] = [];
  const open = (...args: Parameters<typeof openPanel>) => {
    const panel = openPanel(...args);
    panels.push(panel);
    return panel;
  };

  beforeEach(async () => {
    simulator = await startSimulator({
      pullableModels: [{ name: 'phi3:mini', parameterSize: '3.8B', quantization: 'Q4_0', family: 'phi3' }],
    });
  });

  afterEach(async () => {
    for (const panel of panels.splice(0)) panel.controller.dispose();
    await simulator.close();
  });

  it('answers ready with an init snapshot, then the installed models', async () => {
    const panel = open(simulator.url);
    await panel.controller.receive({ type: 'ready' });
    expect(panel.posted.map((m) => m.type)).toEqual(['init', 'models']);
    const init = panel.of('init')[0]!;
    expect(init.panelId).toBe('panel-1');
    expect(init.snapshot).toMatchObject({ status: 'idle', transcript: null, liveTurn: null, host: simulator.url });
    // The model list was quick, so the form already names installed models, a different one per speaker.
    expect(init.snapshot.form.speakers.map((s) => s.model)).toEqual(['llama3.2:1b', 'qwen2.5:0.5b']);
    expect(init.snapshot.tones.map((tone) => tone.name)).toContain('Adversary');
    expect(panel.of('models')[0]).toMatchObject({ host: simulator.url, models: [{ name: 'llama3.2:1b', parameterSize: '1.2B' }, { name: 'qwen2.5:0.5b' }] });
    expect(panel.titles).toEqual(['New Debate']);
  });

  it('lists models while the webview loads, so ready needs no second listing', async () => {
    const panel = open(simulator.url);
    panel.controller.prefetchModels();
    await vi.waitFor(() => expect(simulator.requests.some((request) => request.path === '/api/tags')).toBe(true));
    await panel.controller.receive({ type: 'ready' });
    expect(panel.of('init')[0]!.snapshot.models?.map((model) => model.name)).toEqual(['llama3.2:1b', 'qwen2.5:0.5b']);
    expect(simulator.requests.filter((request) => request.path === '/api/tags')).toHaveLength(1);
    // A later ready (the panel shown again) lists afresh.
    await panel.controller.receive({ type: 'ready' });
    expect(simulator.requests.filter((request) => request.path === '/api/tags')).toHaveLength(2);
  });

  it('streams a debate: events forwarded in order, tokens batched, statuses, saved at each turn end', async () => {
    const panel = open(simulator.url);
    await panel.controller.receive({ type: 'ready' });
    await panel.controller.receive({ type: 'start', request: twoSpeakers });

    const types = panel.events().map((event) => event.type);
    expect(types[0]).toBe('run-start');
    expect(types.at(-1)).toBe('run-end');
    expect(types.filter((type) => type === 'turn-end')).toHaveLength(2);
    // The host posts the status it sets itself; the webview's reducer follows the events to the rest.
    expect(panel.of('status').map((m) => m.status)).toEqual(['connecting']);
    expect(panel.controller.snapshot().status).toBe('done');

    const transcript = lastEnd(panel).transcript;
    expect(transcript.outcome).toBe('complete');
    expect(transcript.turns).toMatchObject([{ kind: 'speaker', model: 'llama3.2:1b' }, { kind: 'speaker', model: 'qwen2.5:0.5b' }]);
    // No timer fired, so each turn's tokens arrived as one batch, flushed at its turn end.
    const tokens = panel.events().filter((event) => event.type === 'token');
    expect(tokens.map((token) => token.type === 'token' && token.text)).toEqual(transcript.turns.map((turn) => turn.text));
    expect(new Set(transcript.turns.map((turn) => turn.id)).size).toBe(2);
    expect(transcript.turns.every((turn) => turn.text.length > 0)).toBe(true);

    expect(panel.titles.at(-1)).toBe('Tabs or spaces?');
    // The webview, drawn before the start, followed the same debate with the same reducer.
    expect(debateOf(webviewDebate(panel.posted))).toEqual(debateOf(panel.controller.snapshot()));
    expect(panel.saved.length).toBeGreaterThanOrEqual(3);
    expect(panel.saved.at(-1)).toMatchObject({ status: 'done', liveTurn: null, transcript: { outcome: 'complete' } });
    expect(panel.controller.isRunning).toBe(false);
  });

  it('posts tokens in batches as the interval passes, never the whole transcript', async () => {
    simulator.addModel({ name: 'llama3.2:1b', reply: LONG_REPLY });
    simulator.setOptions({ tokenDelayMs: 2 });
    const panel = open(simulator.url);
    const run = panel.controller.receive({ type: 'start', request: { ...twoSpeakers, speakers: [twoSpeakers.speakers[0]!] } });
    await vi.waitFor(() => expect(panel.controller.snapshot().liveTurn?.text.length ?? 0).toBeGreaterThan(0), { timeout: 5_000 });
    while (panel.controller.isRunning) {
      panel.scheduler.runAll();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await run;
    const tokenMessages = panel.events().filter((event) => event.type === 'token');
    const text = tokenMessages.map((event) => (event.type === 'token' ? event.text : '')).join('');
    expect(text).toBe(lastEnd(panel).transcript.turns[0]!.text);
    expect(tokenMessages.length).toBeGreaterThan(1);
    expect(tokenMessages.length).toBeLessThan(400);
    // Throttled saves happened while streaming, each with the live text so far.
    expect(panel.saved.some((snapshot) => snapshot.liveTurn !== null && snapshot.liveTurn.text.length > 0)).toBe(true);
  });

  it('redraws a panel shown again mid-stream from its snapshot, losing and repeating no token', async () => {
    simulator.addModel({ name: 'llama3.2:1b', reply: LONG_REPLY });
    simulator.setOptions({ tokenDelayMs: 3 });
    const panel = open(simulator.url);
    const run = panel.controller.receive({ type: 'start', request: { ...twoSpeakers, speakers: [twoSpeakers.speakers[0]!] } });
    await vi.waitFor(() => expect(panel.controller.snapshot().liveTurn?.text.length ?? 0).toBeGreaterThan(20), { timeout: 5_000 });
    panel.scheduler.runAll(); // a batch reaches the old document just before it goes away

    // The panel was hidden and is shown again: its document reloads and says ready.
    const before = panel.posted.length;
    await panel.controller.receive({ type: 'ready' });
    await run;
    const after = panel.posted.slice(before);
    const initAt = after.findIndex((message) => message.type === 'init');
    const init = after[initAt];
    if (init?.type !== 'init') throw new Error('no init after ready');
    const liveText = init.snapshot.liveTurn?.text ?? '';
    expect(liveText.length).toBeGreaterThan(20);
    const later = after
      .slice(initAt + 1)
      .flatMap((message) => (message.type === 'debate-event' && message.event.type === 'token' ? [message.event.text] : []))
      .join('');
    expect(liveText + later).toBe(lastEnd(panel).transcript.turns[0]!.text);
    // The webview, from that snapshot on, holds the same debate as the host.
    expect(debateOf(webviewDebate(panel.posted))).toEqual(debateOf(panel.controller.snapshot()));
  });

  it('stops at once, keeping the partial turn as stopped', async () => {
    simulator.addModel({ name: 'llama3.2:1b', reply: LONG_REPLY });
    simulator.setOptions({ tokenDelayMs: 10 });
    const panel = open(simulator.url);
    const run = panel.controller.receive({ type: 'start', request: twoSpeakers });
    await vi.waitFor(() => expect(panel.controller.snapshot().liveTurn?.text.length ?? 0).toBeGreaterThan(0), { timeout: 5_000 });

    await panel.controller.receive({ type: 'stop' });
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
    const panel = open(simulator.url);
    const malformed: unknown[] = [
      'ready',
      null,
      { type: 'launch' },
      { type: 'start', request: { ...twoSpeakers, topic: '   ' } },
      { type: 'start', request: { ...twoSpeakers, exchanges: 11 } },
      { type: 'start', request: { ...twoSpeakers, speakers: [] } },
      { type: 'pull-model', model: '' },
    ];
    for (const message of malformed) await panel.controller.receive(message);
    expect(panel.posted).toEqual([]);
    expect(panel.log.warn).toHaveBeenCalledTimes(malformed.length);
    expect(panel.log.warn.mock.calls[3]?.[0]).toMatch(/malformed message.*topic/);
    expect(simulator.requests).toHaveLength(0);
  });

  it('reports an unreachable host as models-error, and the debate as failed with the error', async () => {
    // A simulator that has closed: nothing listens on its port any more.
    const gone = await startSimulator();
    await gone.close();
    const host = gone.url;
    const panel = open(host);
    await panel.controller.receive({ type: 'ready' });
    expect(panel.posted.map((m) => m.type)).toEqual(['init', 'models-error']);
    const listing = panel.of('models-error')[0]!.error;
    expect(listing).toMatchObject({ kind: 'unreachable', host });
    expect(listing.message).toContain(host);

    await panel.controller.receive({ type: 'start', request: twoSpeakers });
    const error = panel.events().find((event) => event.type === 'error');
    expect(error).toMatchObject({ error: { kind: 'unreachable' } });
    expect(panel.controller.snapshot().status).toBe('failed');
    expect(panel.controller.snapshot().error?.kind).toBe('unreachable');
    expect(debateOf(webviewDebate(panel.posted))).toEqual(debateOf(panel.controller.snapshot()));

    await panel.controller.receive({ type: 'open-settings' });
    expect(panel.openSettings).toHaveBeenCalledOnce();
  });

  it('offers a missing model for pulling: progress, done, then the new model list', async () => {
    const panel = open(simulator.url);
    await panel.controller.receive({ type: 'start', request: { ...twoSpeakers, speakers: [{ model: 'phi3:mini', tone: 'Rational' }] } });
    expect(panel.events().find((event) => event.type === 'error')).toMatchObject({ error: { kind: 'model-missing', model: 'phi3:mini' } });

    await panel.controller.receive({ type: 'pull-model', model: 'phi3:mini' });
    const types = panel.posted.map((m) => m.type);
    expect(types.filter((type) => type === 'pull-progress').length).toBeGreaterThan(0);
    expect(types.slice(-2)).toEqual(['pull-done', 'models']);
    expect(panel.of('models')[0]!.models.map((model) => model.name)).toContain('phi3:mini');
  });

  it('lists a model pulled in one panel in every open panel', async () => {
    const first = open(simulator.url);
    const second = open(simulator.url, { services: first.services });
    await first.controller.receive({ type: 'pull-model', model: 'phi3:mini' });
    for (const panel of [first, second]) expect(panel.of('models').at(-1)?.models.map((model) => model.name)).toContain('phi3:mini');
    expect(second.of('pull-done')).toEqual([]);
  });

  it('reports a failed pull', async () => {
    const panel = open(simulator.url);
    await panel.controller.receive({ type: 'pull-model', model: 'no-such-model:7b' });
    const failed = panel.of('pull-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.model).toBe('no-such-model:7b');
    expect(failed[0]!.message.length).toBeGreaterThan(0);
    expect(panel.log.error).toHaveBeenCalled();
  });

  it('saves the turn in progress with every token batch it posts, so a reload loses nothing shown', async () => {
    simulator.addModel({ name: 'llama3.2:1b', reply: LONG_REPLY });
    simulator.setOptions({ tokenDelayMs: 10 });
    const panel = open(simulator.url);
    void panel.controller.receive({ type: 'start', request: twoSpeakers });
    await vi.waitFor(() => expect(panel.controller.snapshot().liveTurn?.text.length ?? 0).toBeGreaterThan(10), { timeout: 5_000 });
    panel.scheduler.runAll(); // the token batch is posted
    const liveId = panel.controller.snapshot().liveTurn?.turnId;
    const shown = panel
      .of('debate-event')
      .flatMap(({ event }) => (event.type === 'token' && event.turnId === liveId ? [event.text] : []))
      .join('');
    expect(shown.length).toBeGreaterThan(10);
    expect(panel.savedLiveTurns.at(-1)).toMatchObject({
      debateId: panel.controller.transcript?.id,
      turn: { turnId: liveId, speaker: 'Speaker 1', text: shown },
    });
    panel.controller.stop();
  });

  it('comes back after a reload with the last saved text, the live turn stopped', async () => {
    simulator.addModel({ name: 'llama3.2:1b', reply: LONG_REPLY });
    simulator.setOptions({ tokenDelayMs: 10 });
    const before = open(simulator.url);
    void before.controller.receive({ type: 'start', request: twoSpeakers });
    await vi.waitFor(() => expect(before.controller.snapshot().liveTurn?.text.length ?? 0).toBeGreaterThan(10), { timeout: 5_000 });
    before.scheduler.runAll(); // the throttled save fires
    const persisted = before.saved.at(-1)!;
    expect(persisted.status).toBe('speaking');
    expect(persisted.liveTurn?.text.length ?? 0).toBeGreaterThan(10);

    // The window reloads: the serializer revives the panel from what was saved.
    const after = open(simulator.url, { restored: reviveSnapshot(persisted, new Date()) });
    await after.controller.receive({ type: 'ready' });
    const snapshot = after.of('init')[0]!.snapshot;
    expect(snapshot.status).toBe('stopped');
    expect(snapshot.liveTurn).toBeNull();
    expect(snapshot.transcript?.outcome).toBe('stopped');
    expect(snapshot.transcript?.turns).toEqual([
      expect.objectContaining({ status: 'stopped', speaker: 'Speaker 1', text: persisted.liveTurn!.text }),
    ]);
    expect(after.titles).toEqual(['Tabs or spaces?']);
  });

  it('keeps two panels independent', async () => {
    const first = open(simulator.url);
    const second = open(simulator.url);
    await Promise.all([
      first.controller.receive({ type: 'start', request: { ...twoSpeakers, topic: 'First' } }),
      second.controller.receive({ type: 'start', request: { ...twoSpeakers, topic: 'Second', exchanges: 2 } }),
    ]);
    expect(lastEnd(first).transcript).toMatchObject({ topic: 'First', outcome: 'complete' });
    expect(lastEnd(first).transcript.turns).toHaveLength(2);
    expect(lastEnd(second).transcript).toMatchObject({ topic: 'Second', outcome: 'complete' });
    expect(lastEnd(second).transcript.turns).toHaveLength(4);
  });

  it('pushes new tones to the panel when settings change, and exports on request', async () => {
    const panel = open(simulator.url);
    panel.setSettings({ customTones: [{ name: 'Pirate', prompt: 'Talk like a pirate.' }] });
    panel.controller.settingsChanged();
    expect(panel.of('tones')[0]!.tones).toContainEqual({ name: 'Pirate', prompt: 'Talk like a pirate.' });

    await panel.controller.receive({ type: 'start', request: { ...twoSpeakers, speakers: [{ model: 'llama3.2:1b', tone: 'Pirate' }] } });
    expect(lastEnd(panel).transcript.outcome).toBe('complete');
    // The debate really used the new tone: not a silent fall-back to the default one.
    expect(lastEnd(panel).transcript.turns).toMatchObject([{ tone: 'Pirate' }]);
    const [chat] = simulator.chatRequests('llama3.2:1b');
    const system = (chat!.body as ChatRequestBody).messages?.[0];
    expect(system?.role).toBe('system');
    expect(system?.content.startsWith('Talk like a pirate.')).toBe(true);
    await panel.controller.receive({ type: 'export' });
    expect(panel.exported).toEqual([panel.controller.transcript]);
    expect(panel.of('exported')).toEqual([{ type: 'exported', path: '/tmp/debate.md' }]);
  });
});
