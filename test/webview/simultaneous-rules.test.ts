// The pure rules behind a simultaneous round and the AI moderator in the panel: how the
// status line words who is at work, and how the progress line counts and times a round
// whose turns speak at once.
import { describe, expect, it } from 'vitest';
import type { SpeakerTurn } from '../../engine/types';
import { moderatorAtWorkText, statusText } from '../../media/src/format';
import { estimateTimeLeftMs, formatProgress, liveProgress, stepsAfter } from '../../media/src/progressRules';
import { transcript, turn } from './fixtures';

const HOST = 'http://127.0.0.1:11434';

describe('who is at work, in the status line', () => {
  it('names one speaker, or every speaker of a round speaking at once', () => {
    expect(statusText('speaking', { host: HOST, speaking: ['Ada (llama3.2:1b)'] })).toBe('Ada (llama3.2:1b) is speaking…');
    expect(statusText('speaking', { host: HOST, speaking: ['Ada (a)', 'Bo (b)'] })).toBe('Ada (a) and Bo (b) are speaking…');
    expect(statusText('speaking', { host: HOST, speaking: ['Ada (a)', 'Bo (b)', 'Cy (c)'] })).toBe('Ada (a), Bo (b) and Cy (c) are speaking…');
    expect(statusText('speaking', { host: HOST, speaking: [] })).toBe('Speaking…');
    expect(statusText('pausing', { host: HOST, speaking: ['Ada (a)', 'Bo (b)'] })).toBe('Ada (a) and Bo (b) are speaking; the debate pauses after this turn.');
    expect(statusText('pausing', { host: HOST, speaking: [] })).toBe('Pausing after this turn…');
  });

  it('says what the AI moderator does, with its model, in place of the speakers', () => {
    const at = (activity: 'framing' | 'review' | 'picking', round = 2) => ({ activity, model: 'gemma3:4b', round });
    expect(moderatorAtWorkText(at('framing', 1))).toBe('Moderator (gemma3:4b) is framing the question');
    expect(moderatorAtWorkText(at('review'))).toBe('Moderator (gemma3:4b) is summarising round 2');
    expect(moderatorAtWorkText(at('review', 7))).toBe('Moderator (gemma3:4b) is summarising round 7');
    expect(moderatorAtWorkText(at('picking'))).toBe('Moderator (gemma3:4b) is choosing who speaks next');
    expect(statusText('speaking', { host: HOST, speaking: ['Ada (a)'], moderator: at('picking') })).toBe('Moderator (gemma3:4b) is choosing who speaks next…');
    expect(statusText('speaking', { host: HOST, speaking: null, moderator: at('framing', 1) })).toBe('Moderator (gemma3:4b) is framing the question…');
    // Only a run at work says so: a finished debate says how it ended.
    expect(statusText('done', { host: HOST, speaking: null, moderator: at('review') })).toBe('Debate finished.');
  });
});

describe('progress of a round whose turns speak at once', () => {
  const speakers = [...transcript().speakers, { name: 'Speaker 3', model: 'gemma3:4b', tone: 'Philosopher' }];
  const round = (turns: SpeakerTurn[] = []) => transcript({ speakers, exchanges: 3, turns, order: { kind: 'simultaneous' } });
  const live = (exchange: number, speakerIndex: number) => ({ exchange, speakerIndex });
  const spoken = (exchange: number, speakerIndex: number): SpeakerTurn => ({ ...turn(0, 'x'), id: `t-${exchange}-${speakerIndex}`, exchange, speakerIndex });

  it('counts from the first to the last turn speaking, whatever order they began in', () => {
    const progress = liveProgress(round([0, 1, 2].map((index) => spoken(1, index))), [live(2, 2), live(2, 0), live(2, 1)], true);
    expect(progress).toEqual({ round: 2, rounds: 3, turn: 4, throughTurn: 6, turns: 9, atMost: false });
    expect(formatProgress(progress!)).toBe('Round 2 of 3 · turns 4–6 of 9');
  });

  it('counts the turns still speaking once some ended, and one turn as one', () => {
    expect(formatProgress(liveProgress(round(), [live(1, 0), live(1, 2)], true)!)).toBe('Round 1 of 3 · turns 1–3 of 9');
    expect(formatProgress(liveProgress(round(), [live(1, 1), live(1, 2)], true)!)).toBe('Round 1 of 3 · turns 2–3 of 9');
    expect(liveProgress(round(), [live(1, 2)], true)).toEqual({ round: 1, rounds: 3, turn: 3, turns: 9, atMost: false });
    // Nothing speaking: as the debate stands (about to speak, or the last spoken).
    expect(liveProgress(round(), [], true)).toEqual({ round: 1, rounds: 3, turn: 1, turns: 9, atMost: false });
    expect(liveProgress(round(), [], false)).toBeNull();
  });

  it('never counts past the plan', () => {
    const short = { ...round(), exchanges: 1 };
    expect(liveProgress(short, [live(2, 0), live(2, 2)], true)).toMatchObject({ round: 2, rounds: 2, turn: 4, throughTurn: 6, turns: 6 });
  });

  it('times a simultaneous debate by rounds (a round takes about one turn\'s time), the others by turns', () => {
    const progress = liveProgress(round(), [live(1, 0), live(1, 1), live(1, 2)], true)!;
    expect(stepsAfter(progress, true)).toBe(2);
    expect(stepsAfter(progress, false)).toBe(6);
    expect(stepsAfter({ round: 2, rounds: 3, turn: 5, turns: 9, atMost: false }, false)).toBe(4);
    // Turns of 30 s each, the round just begun: two rounds after it and this one, not eight turns.
    expect(estimateTimeLeftMs({ finishedTurnsMs: [30_000, 30_000, 30_000], turnsAfter: stepsAfter(progress, true), currentElapsedMs: 0 })).toBe(90_000);
  });
});
