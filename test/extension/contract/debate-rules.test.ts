import { describe, expect, it } from 'vitest';
import { hasTurnsLeft, lastSpeakerTurn, nextSpeakerAt, turnsUpTo } from '../../../extension/contract/debate-rules';
import { roundOrder } from '../../../engine/turn-order';
import type { ModeratorTurn } from '../../../engine/types';
import { transcript, turn } from '../fixtures';

const note: ModeratorTurn = { kind: 'moderator', id: 'note-1', exchange: 1, text: 'Be brief.', createdAt: '2026-01-02T03:04:30.000Z' };

describe('where a debate stands', () => {
  it('finds the last speaker turn past moderator notes', () => {
    expect(lastSpeakerTurn([])).toBeNull();
    expect(lastSpeakerTurn([turn(0, 'A'), note])?.id).toBe('turn-0');
  });

  it('goes on after the last complete reply, or gives a stopped or failed turn back to its speaker', () => {
    expect(nextSpeakerAt(transcript())).toEqual({ round: 1, position: 0, speakerIndex: 0 });
    expect(nextSpeakerAt(transcript({ turns: [turn(0, 'A')] }))).toEqual({ round: 1, position: 1, speakerIndex: 1 });
    expect(nextSpeakerAt(transcript({ turns: [turn(0, 'A'), turn(1, 'B')] }))).toEqual({ round: 2, position: 0, speakerIndex: 0 });
    expect(nextSpeakerAt(transcript({ turns: [turn(0, 'A'), turn(1, 'B', { status: 'failed' })] }))).toEqual({ round: 1, position: 1, speakerIndex: 1 });
  });

  it('follows a random order: the place in the shuffled round and the speaker standing there', () => {
    const order = { kind: 'random' as const, seed: 5 };
    const [first, second] = roundOrder(order, 1, 2) as [number, number];
    const spokeFirst = { ...turn(0, first === 0 ? 'A' : 'B'), speakerIndex: first };
    expect(nextSpeakerAt(transcript({ order }))).toEqual({ round: 1, position: 0, speakerIndex: first });
    expect(nextSpeakerAt(transcript({ order, turns: [spokeFirst] }))).toEqual({ round: 1, position: 1, speakerIndex: second });
    expect(nextSpeakerAt(transcript({ order, turns: [{ ...spokeFirst, status: 'stopped' }] }))).toEqual({ round: 1, position: 0, speakerIndex: first });
  });

  it('says whether planned turns are left to finish', () => {
    expect(hasTurnsLeft(transcript({ turns: [turn(0, 'A')] }))).toBe(true);
    expect(hasTurnsLeft(transcript({ turns: [turn(0, 'A'), turn(1, 'B')] }))).toBe(false);
    expect(hasTurnsLeft(transcript({ turns: [turn(0, 'A'), turn(1, 'B', { status: 'stopped' })] }))).toBe(true);
    expect(hasTurnsLeft(transcript({ exchanges: 2, turns: [turn(0, 'A'), turn(1, 'B')] }))).toBe(true);
  });

  it('counts the turns a branch from a turn keeps, that turn included', () => {
    const shown = transcript({ turns: [turn(0, 'A'), note, turn(1, 'B')] });
    expect(turnsUpTo(shown, 'turn-0')).toBe(1);
    expect(turnsUpTo(shown, 'note-1')).toBe(2);
    expect(turnsUpTo(shown, 'turn-1')).toBe(3);
    expect(turnsUpTo(shown, 'elsewhere')).toBeNull();
  });
});
