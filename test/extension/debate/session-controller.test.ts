// The session controller with a scripted engine: what it posts, how that keeps the
// webview's copy of the debate equal to its own, what it saves, and how a run ends.
import { describe, expect, it, vi } from 'vitest';
import type { DebateView, HostMessage } from '../../../extension/contract/protocol';
import { applyDebateEvent, emptyDebateView } from '../../../extension/contract/snapshot';
import { SessionController } from '../../../extension/debate/session-controller';
import type { SavedLiveTurn } from '../../../extension/debate/revival';
import { engineAccessor } from '../../../extension/engine-access';
import { readSettings } from '../../../extension/settings';
import { debateEvents, play, scriptedEngine, type RunScript } from '../fake-engine';
import { ManualScheduler } from '../manual-scheduler';

const request = { topic: 'Tabs or spaces?', speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:0.5b', tone: 'Cynic' }], exchanges: 1 };

function session(script: RunScript, options: { host?: string } = {}) {
  const posted: HostMessage[] = [];
  const saves: DebateView[] = [];
  const liveSaves: SavedLiveTurn[] = [];
  const log = { info: vi.fn<(message: string) => void>(), warn: vi.fn<(message: string) => void>(), error: vi.fn<(message: string) => void>() };
  const scheduler = new ManualScheduler();
  const settings = () => readSettings((key) => (key === 'ollamaHost' ? (options.host ?? 'http://127.0.0.1:11434') : undefined));
  const controller: SessionController = new SessionController({
    engines: engineAccessor(settings, async () => scriptedEngine(script)),
    settings,
    post: (message) => posted.push(structuredClone(message)),
    log,
    save: () => saves.push(structuredClone(controller.view)),
    saveLiveTurn: (saved) => liveSaves.push(structuredClone(saved)),
    scheduler,
  });
  return { controller, posted, saves, liveSaves, log, scheduler };
}

/** What the webview holds after the posted messages: the same reducer, over what it was sent. */
function webviewCopy(posted: readonly HostMessage[], from: DebateView = emptyDebateView()): DebateView {
  return posted.reduce<DebateView>((view, message) => {
    if (message.type === 'debate-event') return applyDebateEvent(view, message.event);
    if (message.type === 'status') return { ...view, status: message.status };
    return view;
  }, from);
}

describe('SessionController', () => {
  it('forwards a debate in order, tokens in batches, and the webview ends with the same debate', async () => {
    const events = debateEvents(['Tabs win, clearly.', 'Spaces, obviously.']);
    const { controller, posted, saves } = session((_config, { signal }) => play(events, signal));
    await controller.start(request);

    expect(controller.view).toMatchObject({ status: 'done', liveTurn: null, transcript: { outcome: 'complete' } });
    expect(webviewCopy(posted)).toEqual(controller.view);
    // Only what the host decides itself is posted as a status; events carry the rest.
    expect(posted.filter((message) => message.type === 'status').map((message) => message.type === 'status' && message.status)).toEqual(['connecting']);
    const sent = posted.flatMap((message) => (message.type === 'debate-event' ? [message.event] : []));
    expect(sent.map((event) => event.type)).toEqual(events.filter((event) => event.type !== 'token').flatMap((event) =>
      event.type === 'turn-end' ? ['token', 'turn-end'] : [event.type]));
    // No timer fired: each turn's tokens went as one batch, flushed at its turn end, counting the engine's chunks.
    expect(sent.filter((event) => event.type === 'token')).toEqual([
      { type: 'token', turnId: 'turn-0', text: 'Tabs win, clearly.', chunks: 3 },
      { type: 'token', turnId: 'turn-1', text: 'Spaces, obviously.', chunks: 3 },
    ]);
    expect(saves.length).toBeGreaterThanOrEqual(3);
    expect(saves.at(-1)).toEqual(controller.view);
    expect(controller.isRunning).toBe(false);
  });

  it('posts batches as the interval passes, saving the turn in progress with each, and the webview keeps up', async () => {
    const events = debateEvents(['A long reply, sent in many small pieces.'], 8);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { controller, posted, liveSaves, scheduler } = session(async function* (_config, { signal }) {
      const opening = events.slice(0, 7);
      yield* play(opening, signal);
      await gate;
      yield* play(events.slice(7), signal);
    });
    const run = controller.start(request);
    await vi.waitFor(() => expect(controller.view.liveTurn?.text.length ?? 0).toBeGreaterThan(0));
    scheduler.runAll();
    expect(liveSaves.at(-1)).toEqual({ debateId: 'debate-1', turn: controller.view.liveTurn });
    expect(webviewCopy(posted)).toEqual(controller.view);
    release();
    await run;
    expect(webviewCopy(posted)).toEqual(controller.view);
    expect(posted.filter((message) => message.type === 'debate-event' && message.event.type === 'token').length).toBeGreaterThan(1);
  });

  it('stops at once: the status says so before the engine winds down, the partial turn kept', async () => {
    const events = debateEvents(['One two three four five six.'], 6);
    const { controller, posted } = session(async function* (_config, { signal }) {
      yield* play(events.slice(0, 5), signal);
      // The model is slow: nothing more comes until the stop.
      await new Promise((resolve) => signal?.addEventListener('abort', resolve));
      yield* play(events.slice(5), signal);
    });
    const run = controller.start(request);
    await vi.waitFor(() => expect(controller.view.liveTurn?.text.length ?? 0).toBeGreaterThan(0));
    controller.stop();
    expect(controller.view.status).toBe('stopped');
    await run;
    expect(controller.view.status).toBe('stopped');
    expect(controller.view.transcript?.turns).toEqual([expect.objectContaining({ status: 'stopped' })]);
    expect(webviewCopy(posted)).toEqual(controller.view);
  });

  it('fails with an error a person can act on when the host setting is malformed', async () => {
    const { controller, posted, log } = session(() => play([]), { host: 'http://[::1' });
    await controller.start(request);
    expect(controller.view.status).toBe('failed');
    expect(controller.view.error?.kind).toBe('invalid-config');
    expect(log.error).toHaveBeenCalledOnce();
    expect(webviewCopy(posted)).toEqual(controller.view);
  });

  it('turns an engine that throws into a failed debate', async () => {
    const { controller, posted } = session(async function* () {
      yield* debateEvents([]).slice(0, 1);
      throw new Error('engine bug');
    });
    await controller.start(request);
    expect(controller.view).toMatchObject({ status: 'failed', error: { kind: 'unknown' } });
    expect(webviewCopy(posted)).toEqual(controller.view);
  });

  it('refuses a second start while a debate runs', async () => {
    const events = debateEvents(['Slow.'], 1);
    const { controller, log } = session((_config, { signal }) => play(events, signal));
    const first = controller.start(request);
    await controller.start(request);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('already running'));
    await first;
  });
});
