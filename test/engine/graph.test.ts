import { describe, expect, it } from 'vitest';
import { END } from '@langchain/langgraph';
import { buildDebateGraph, exchangeAfterSpeaker, recursionLimitFor, routeAfterSpeaker, speakerNodeName, type TakeTurn } from '../../engine/graph';
import type { SpeakerConfig } from '../../engine/types';
import { ADA, BOB, CY, makeTurn } from './fixtures';

function routing(speakerCount: number, exchange: number, exchanges: number) {
  return { halt: null, exchange, exchanges, speakers: Array.from({ length: speakerCount }) };
}

describe('routing', () => {
  it('goes to the next speaker within an exchange', () => {
    expect(routeAfterSpeaker(routing(3, 1, 2), 0)).toBe(speakerNodeName(1));
    expect(routeAfterSpeaker(routing(3, 1, 2), 1)).toBe(speakerNodeName(2));
  });

  it('loops back to the first speaker while exchanges remain, else ends', () => {
    // The exchange counter has already advanced when the last speaker routes.
    expect(routeAfterSpeaker(routing(3, 2, 2), 2)).toBe(speakerNodeName(0));
    expect(routeAfterSpeaker(routing(3, 3, 2), 2)).toBe(END);
    expect(routeAfterSpeaker(routing(1, 2, 1), 0)).toBe(END);
  });

  it('ends at once when a turn halted the debate', () => {
    expect(routeAfterSpeaker({ ...routing(3, 1, 5), halt: { outcome: 'stopped' } }, 0)).toBe(END);
  });

  it('advances the exchange only after the last speaker of a round', () => {
    expect(exchangeAfterSpeaker({ exchange: 1, speakers: [1, 2] }, 0)).toBe(1);
    expect(exchangeAfterSpeaker({ exchange: 1, speakers: [1, 2] }, 1)).toBe(2);
  });

  it('sets the recursion limit above the number of turns (the default 25 is too low for 6 x 20)', () => {
    expect(recursionLimitFor(6, 20)).toBeGreaterThan(120);
  });
});

describe('debate graph without a model', () => {
  async function run(speakers: SpeakerConfig[], exchanges: number, haltAt?: number) {
    const calls: Array<{ speakerIndex: number; exchange: number; seen: number }> = [];
    const takeTurn: TakeTurn = async (state, speakerIndex) => {
      calls.push({ speakerIndex, exchange: state.exchange, seen: state.transcript.length });
      const turn = makeTurn(state.transcript.length, speakers, `t${state.transcript.length}`);
      return { turn, halt: state.transcript.length === haltAt ? { outcome: 'stopped' } : null };
    };
    const final = await buildDebateGraph(speakers.length, takeTurn).invoke(
      { topic: 't', speakers, exchanges },
      { recursionLimit: recursionLimitFor(speakers.length, exchanges) },
    );
    return { calls, final };
  }

  it.each([
    [[ADA], 3, [0, 0, 0]],
    [[ADA, BOB], 2, [0, 1, 0, 1]],
    [[ADA, BOB, CY], 2, [0, 1, 2, 0, 1, 2]],
  ])('runs %#: speakers in order for every exchange, the transcript accumulating in state', async (speakers, exchanges, order) => {
    const { calls, final } = await run(speakers, exchanges);
    expect(calls.map((c) => c.speakerIndex)).toEqual(order);
    expect(calls.map((c) => c.seen)).toEqual(order.map((_, i) => i));
    expect(calls.map((c) => c.exchange)).toEqual(order.map((_, i) => Math.floor(i / speakers.length) + 1));
    expect(final.transcript.map((t) => t.text)).toEqual(order.map((_, i) => `t${i}`));
    expect(final.halt).toBeNull();
  });

  it('runs a 6 x 20 debate without hitting the recursion limit', async () => {
    const speakers = Array.from({ length: 6 }, (_, i) => ({ ...ADA, name: `S${i}` }));
    const { final } = await run(speakers, 20);
    expect(final.transcript).toHaveLength(120);
  });

  it('stops routing after a halted turn, keeping that turn', async () => {
    const { calls, final } = await run([ADA, BOB], 3, 2);
    expect(calls).toHaveLength(3);
    expect(final.transcript).toHaveLength(3);
    expect(final.halt).toEqual({ outcome: 'stopped' });
  });
});
