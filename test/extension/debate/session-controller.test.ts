// The session controller on the real engine and a library in a temporary folder: what it
// posts, how that keeps the webview's copy of the debate equal to its own, and how a run
// ends when something outside the engine's own events goes wrong.
import { afterEach, describe, expect, it } from 'vitest';
import type { DebateRun, DebateSessions } from '../../../engine/session';
import type { DebateEvent } from '../../../engine/types';
import type { DebateView, HostMessage } from '../../../extension/contract/protocol';
import { applyDebateEvent, emptyDebateView } from '../../../extension/contract/snapshot';
import { SessionController, type DebateLibraryAccess } from '../../../extension/debate/session-controller';
import { engineAccessor, type DebateEngine, type LibraryServices } from '../../../extension/engine-access';
import { readSettings } from '../../../extension/settings';
import { startSimulator, type OllamaSimulator } from '../../simulator/ollama-simulator';
import { ManualScheduler } from '../manual-scheduler';
import { fakeLog, removeLibraries, tempLibrary } from './panel-harness';

const request = { topic: 'Tabs or spaces?', speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:0.5b', tone: 'Cynic' }], exchanges: 1 };
const loadEngine = (): Promise<DebateEngine> => import('../../../engine');

const simulators: OllamaSimulator[] = [];

afterEach(async () => {
  await Promise.all(simulators.splice(0).map((sim) => sim.close()));
  removeLibraries();
});

/** The library of a temporary folder, or what `open` gives instead. */
function libraryAccess(open?: () => Promise<LibraryServices>): DebateLibraryAccess & { changes: number } {
  const folder = tempLibrary();
  let opened: LibraryServices | null = null;
  const access = {
    changes: 0,
    open: async () => {
      const engine = await loadEngine();
      try {
        opened ??= open === undefined ? engine.openLibrary(folder, { app: 'VS Code' }) : await open();
        return { ok: true as const, library: opened, engine };
      } catch (error) {
        return { ok: false as const, message: `The debate library could not be opened: ${(error as Error).message}` };
      }
    },
    changed: () => {
      access.changes += 1;
    },
  };
  return access;
}

function session(host: string, library = libraryAccess()) {
  const posted: HostMessage[] = [];
  const log = fakeLog();
  const settings = () => readSettings((key) => (key === 'ollamaHost' ? host : undefined));
  const controller = new SessionController({
    engines: engineAccessor(settings, loadEngine),
    library,
    settings,
    post: (message) => posted.push(structuredClone(message)),
    log,
    scheduler: new ManualScheduler(),
  });
  return { controller, posted, log, library };
}

/** What the webview holds after the posted messages: the same reducer, over what it was sent. */
function webviewCopy(posted: readonly HostMessage[], from: DebateView = emptyDebateView()): DebateView {
  return posted.reduce<DebateView>((view, message) => {
    if (message.type === 'debate-event') return applyDebateEvent(view, message.event);
    if (message.type === 'status') return { ...view, status: message.status };
    if (message.type === 'debate') return message.debate;
    return view;
  }, from);
}

async function simulator(options: { tokenDelayMs?: number } = {}): Promise<OllamaSimulator> {
  const sim = await startSimulator(options);
  simulators.push(sim);
  return sim;
}

describe('SessionController', () => {
  it('runs a debate through the library, and the webview ends with the same debate', async () => {
    const sim = await simulator();
    const { controller, posted, library } = session(sim.url);
    await controller.start(request);
    expect(controller.view).toMatchObject({ status: 'done', liveTurns: [], transcript: { outcome: 'complete' }, access: { kind: 'writable' } });
    expect(webviewCopy(posted)).toEqual(controller.view);
    expect(controller.debateId).toBe(controller.view.transcript?.id);
    expect(library.changes).toBe(2);
    expect(controller.isRunning).toBe(false);
  });

  it('asks the engine run for a pause even when Pause comes before the run exists', async () => {
    const sim = await simulator();
    const { controller, posted } = session(sim.url);
    const run = controller.start({ ...request, exchanges: 2 });
    controller.pause();
    expect(controller.view.status).toBe('pausing');
    await run;
    expect(controller.view).toMatchObject({ status: 'paused', transcript: { outcome: 'paused' } });
    expect(controller.view.transcript?.turns).toHaveLength(1);
    expect(webviewCopy(posted)).toEqual(controller.view);
  });

  it('fails with an error a person can act on when the host setting is malformed', async () => {
    const { controller, posted, log } = session('http://[::1');
    await controller.start(request);
    expect(controller.view.status).toBe('failed');
    expect(controller.view.error?.kind).toBe('invalid-config');
    expect(log.error).toHaveBeenCalledOnce();
    expect(webviewCopy(posted)).toEqual(controller.view);
  });

  it('fails saying so when the library can not be opened', async () => {
    const sim = await simulator();
    const { controller, posted } = session(sim.url, libraryAccess(async () => {
      throw new Error('EACCES: permission denied');
    }));
    await controller.start(request);
    expect(controller.view).toMatchObject({ status: 'failed', error: { kind: 'unknown', message: expect.stringContaining('EACCES') } });
    expect(webviewCopy(posted)).toEqual(controller.view);
    expect(sim.chatRequests()).toHaveLength(0);
  });

  it('turns an engine run that throws into a failed debate', async () => {
    const sim = await simulator();
    const engine = await loadEngine();
    const real = engine.openLibrary(tempLibrary(), { app: 'VS Code' });
    const throwing = {
      start: (): DebateRun => ({
        id: 'broken',
        requestPause: () => undefined,
        events: (async function* (): AsyncGenerator<DebateEvent> {
          yield { type: 'run-start', transcript: { id: 'broken', topic: 'x', speakers: [], exchanges: 1, startedAt: '', endedAt: null, turns: [], outcome: 'running', stopReason: null } };
          throw new Error('engine bug');
        })(),
      }),
    } as unknown as DebateSessions;
    const { controller, posted } = session(sim.url, libraryAccess(async () => ({ store: real.store, sessions: throwing })));
    await controller.start(request);
    expect(controller.view).toMatchObject({ status: 'failed', error: { kind: 'unknown' } });
    expect(webviewCopy(posted)).toEqual(controller.view);
  });

  it('refuses a second start while a debate runs', async () => {
    const sim = await simulator({ tokenDelayMs: 5 });
    const { controller, log } = session(sim.url);
    const first = controller.start(request);
    await controller.start(request);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('already running'));
    await first;
  });

  it('does nothing to a debate it does not show, and tells the log why', async () => {
    const { controller, posted, log } = session('http://127.0.0.1:9');
    await controller.continue(1);
    await controller.resume({ note: 'Hello' });
    await controller.regenerate('turn-1');
    await controller.chooseAlternative('turn-1', 0);
    expect(posted).toEqual([]);
    expect(log.warn).toHaveBeenCalledTimes(4);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('no debate is shown'));
  });
});
