// The reducer keeps a live turn's reasoning apart from its reply, and a cut-off turn keeps it.
import { describe, expect, it } from 'vitest';
import { applyDebateEvent, emptyDebateView, RUN_ENDED_NOTE } from '../../../extension/contract/snapshot';
import type { DebateView, PanelEvent } from '../../../extension/contract/protocol';
import type { Transcript } from '../../../engine/types';

const transcript: Transcript = {
  id: '20261201-110512-a3f9c2', topic: 'Tea?', speakers: [{ name: 'Ada', model: 'deep:1b', tone: 'Rational' }], exchanges: 1,
  startedAt: '2026-12-01T11:05:12.000Z', endedAt: null, turns: [], outcome: 'running', stopReason: null,
};
const turnStart: PanelEvent = { type: 'turn-start', turnId: 't1', speakerIndex: 0, speaker: 'Ada', model: 'deep:1b', tone: 'Rational', exchange: 1 };

function reduce(events: PanelEvent[]): DebateView {
  return events.reduce(applyDebateEvent, emptyDebateView());
}

describe('reasoning in the panel\'s reducer', () => {
  it('adds reasoning to the live turn apart from its text and token count; another turn\'s is ignored', () => {
    const view = reduce([
      { type: 'run-start', transcript }, turnStart,
      { type: 'thinking', turnId: 't1', text: 'Hmm, ' },
      { type: 'thinking', turnId: 'other', text: 'not mine' },
      { type: 'thinking', turnId: 't1', text: 'tea.' },
      { type: 'token', turnId: 't1', text: 'Tea.', chunks: 1 },
    ]);
    expect(view.liveTurns).toMatchObject([{ text: 'Tea.', thinking: 'Hmm, tea.', tokens: 1 }]);
  });

  it('keeps the reasoning of a turn the run ended before it did', () => {
    const view = reduce([{ type: 'run-start', transcript }, turnStart, { type: 'thinking', turnId: 't1', text: 'Half a thought' }, { type: 'run-end', transcript: { ...transcript, outcome: 'stopped', stopReason: 'user' } }]);
    expect(view.transcript?.turns).toEqual([expect.objectContaining({ id: 't1', text: '', thinking: 'Half a thought', status: 'stopped', note: RUN_ENDED_NOTE })]);
  });
});
