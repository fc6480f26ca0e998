// The session controller's token batching when a simultaneous round streams three turns at
// once, driven by a scripted engine run: each turn's tokens are joined apart from the others',
// a turn's reasoning follows its own earlier tokens without flushing the other turns, and the
// webview's copy (the reducer over what was posted) ends equal to the host's.
import { describe, expect, it } from 'vitest';
import type { DebateRun, DebateSessions } from '../../../engine/session';
import type { DebateEvent, SpeakerTurn, Transcript } from '../../../engine/types';
import type { DebateView, HostMessage, PanelEvent } from '../../../extension/contract/protocol';
import { applyDebateEvent, emptyDebateView } from '../../../extension/contract/snapshot';
import { SessionController } from '../../../extension/debate/session-controller';
import type { DebateEngine, LibraryServices } from '../../../extension/engine-access';
import { readSettings } from '../../../extension/settings';
import { ManualScheduler } from '../manual-scheduler';
import { fakeLog } from './panel-harness';

const SPEAKERS = ['Ada', 'Bo', 'Cy'].map((name) => ({ name, model: 'llama3.2:1b', tone: 'Rational' }));
const ROUND: Transcript = {
  id: 'round-1', topic: 'Tabs or spaces?', speakers: SPEAKERS, exchanges: 1, startedAt: '2026-12-01T18:00:00.000Z', endedAt: null,
  turns: [], outcome: 'running', stopReason: null, order: { kind: 'simultaneous' },
};

const start = (index: number): DebateEvent => ({ type: 'turn-start', turnId: `t${index}`, speakerIndex: index, speaker: SPEAKERS[index]!.name, model: 'llama3.2:1b', tone: 'Rational', exchange: 1 });
const token = (index: number, text: string): DebateEvent => ({ type: 'token', turnId: `t${index}`, text });
const thinking = (index: number, text: string): DebateEvent => ({ type: 'thinking', turnId: `t${index}`, text });

function finished(index: number, text: string): SpeakerTurn {
  return {
    kind: 'speaker', id: `t${index}`, exchange: 1, speakerIndex: index, speaker: SPEAKERS[index]!.name, model: 'llama3.2:1b', tone: 'Rational', text,
    status: 'complete', metrics: { timeToFirstTokenMs: 5, durationMs: 50, tokens: 2, tokensPerSecond: 40, loadDurationMs: null, promptTokens: null },
  };
}

const SCRIPT: DebateEvent[] = [
  { type: 'run-start', transcript: ROUND },
  start(0), start(1), start(2),
  token(0, 'Ada '), token(1, 'Bo '), token(0, 'says'), token(2, 'Cy '),
  thinking(1, 'Bo weighs it.'),
  token(1, 'says'), token(2, 'says'), token(0, ' tabs.'),
  { type: 'turn-end', turn: finished(0, 'Ada says tabs.') },
  token(2, ' both.'), token(1, ' spaces.'),
  { type: 'turn-end', turn: finished(2, 'Cy says both.') },
  { type: 'turn-end', turn: finished(1, 'Bo says spaces.') },
  { type: 'run-end', transcript: { ...ROUND, outcome: 'complete', stopReason: 'exchanges', endedAt: '2026-12-01T18:01:00.000Z', turns: [finished(0, 'Ada says tabs.'), finished(2, 'Cy says both.'), finished(1, 'Bo says spaces.')] } },
];

/** A controller whose engine run is SCRIPT, and what it posted. */
function scriptedSession() {
  const posted: HostMessage[] = [];
  const sessions = { start: (): DebateRun => ({ id: ROUND.id, requestPause: () => undefined, events: (async function* () { yield* SCRIPT; })() }) } as unknown as DebateSessions;
  const engine = { describeOllamaError: () => ({ kind: 'unknown', message: 'engine bug' }) } as unknown as DebateEngine;
  const controller = new SessionController({
    engines: async () => ({ ok: true, host: 'http://127.0.0.1:11434', engine }),
    library: { open: async () => ({ ok: true, library: { sessions } as unknown as LibraryServices, engine }), changed: () => undefined },
    settings: () => readSettings(() => undefined),
    post: (message) => posted.push(structuredClone(message)),
    log: fakeLog(),
    scheduler: new ManualScheduler(),
  });
  return { controller, posted };
}

const events = (posted: readonly HostMessage[]): PanelEvent[] => posted.flatMap((message) => (message.type === 'debate-event' ? [message.event] : []));

describe('token batching in a simultaneous round', () => {
  it('posts each turn\'s tokens apart, in order, and the webview ends with the host\'s debate', async () => {
    const { controller, posted } = scriptedSession();
    await controller.start({ topic: ROUND.topic, speakers: SPEAKERS.map(({ model, tone }) => ({ model, tone })), exchanges: 1 });
    const sent = events(posted);
    const tokens = sent.filter((event) => event.type === 'token');
    // Every token batch names one turn and holds only that turn's text, in the order it came.
    for (const index of [0, 1, 2]) {
      const text = tokens.filter((event) => event.turnId === `t${index}`).map((event) => event.text).join('');
      expect(text).toBe(finished(index, ['Ada says tabs.', 'Bo says spaces.', 'Cy says both.'][index]!).text);
    }
    // Bo's reasoning flushed Bo's waiting tokens only: Ada's and Cy's went on filling, Ada's until her turn's end flushed it whole.
    const reasoningAt = sent.findIndex((event) => event.type === 'thinking');
    const roundBegun = sent.findIndex((event) => event.type === 'turn-start' && event.turnId === 't2') + 1;
    expect(sent.slice(roundBegun, reasoningAt)).toEqual([{ type: 'token', turnId: 't1', text: 'Bo ', chunks: 1 }]);
    expect(sent[reasoningAt + 1]).toEqual({ type: 'token', turnId: 't0', text: 'Ada says tabs.', chunks: 3 });
    // Fewer messages than tokens: interleaving did not split every token into its own message.
    expect(tokens.length).toBeLessThan(SCRIPT.filter((event) => event.type === 'token').length);
    const copy = posted.reduce<DebateView>((view, message) => {
      if (message.type === 'debate-event') return applyDebateEvent(view, message.event);
      return message.type === 'status' ? { ...view, status: message.status } : view;
    }, emptyDebateView());
    expect(copy).toEqual(controller.view);
    expect(controller.view).toMatchObject({ status: 'done', liveTurns: [], moderatorAtWork: null });
  });
});
