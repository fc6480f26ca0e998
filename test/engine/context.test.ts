import { describe, expect, it } from 'vitest';
import { buildSpeakerContext, continueNote, omittedNote, type ContextRequest } from '../../engine/context';
import { findTone } from '../../engine/tones';
import type { Tone } from '../../engine/types';
import { ADA, BOB, CY, makeNote, makeTurn } from './fixtures';

const CYNIC = findTone('Cynic') as Tone;
const POLITE = findTone('Polite') as Tone;
const speakers = [ADA, BOB];

function request(patch: Partial<ContextRequest>): ContextRequest {
  return { topic: 'Tea or coffee?', speakers, speakerIndex: 0, tone: CYNIC, turns: [], budgetChars: 12_000, ...patch };
}

describe('buildSpeakerContext', () => {
  it('opens with the tone as system message naming the speaker and the others, then the topic', () => {
    const { messages, droppedTurns } = buildSpeakerContext(request({ speakers: [ADA, BOB, CY] }));
    expect(droppedTurns).toBe(0);
    expect(messages).toHaveLength(2);
    expect(messages[0].role).toBe('system');
    expect(messages[0].content.startsWith(CYNIC.prompt)).toBe(true);
    expect(messages[0].content).toContain('You are Ada, taking part in a debate with Bob, Cy.');
    expect(messages[1]).toEqual({ role: 'user', content: 'The topic of the debate: Tea or coffee?' });
  });

  it('gives a single speaker the topic itself and no debate framing', () => {
    const { messages } = buildSpeakerContext(request({ speakers: [ADA] }));
    expect(messages[0].content).not.toContain('debate');
    expect(messages[1]).toEqual({ role: 'user', content: 'Tea or coffee?' });
  });

  it('sends its own turns as assistant and the others as labelled user messages, unmerged', () => {
    const turns = [makeTurn(0, speakers, 'Coffee is a scam.'), makeTurn(1, speakers, 'Both have merits.'), makeTurn(2, speakers, 'Tea too.')];
    const forBob = buildSpeakerContext(request({ speakerIndex: 1, tone: POLITE, turns })).messages;
    expect(forBob.slice(2)).toEqual([
      { role: 'user', content: 'Ada (Cynic): Coffee is a scam.' },
      { role: 'assistant', content: 'Both have merits.' },
      { role: 'user', content: 'Ada (Cynic): Tea too.' },
    ]);
  });

  it('asks for a new turn when the speaker spoke last, instead of ending on an assistant message', () => {
    const turns = [makeTurn(0, [ADA], 'First thought.')];
    const { messages } = buildSpeakerContext(request({ speakers: [ADA], turns }));
    expect(messages.slice(2)).toEqual([
      { role: 'assistant', content: 'First thought.' },
      { role: 'user', content: continueNote('Ada') },
    ]);
  });

  it('leaves out failed, stopped and empty turns: only complete replies were really said', () => {
    // Before sessions, a stopped turn's partial text was sent on; now the speaker speaks again instead.
    const turns = [
      makeTurn(0, speakers, 'Kept.'),
      makeTurn(1, speakers, 'half', { status: 'failed', note: 'dropped' }),
      makeTurn(2, speakers, '  '),
      makeTurn(3, speakers, 'Interrupted mid', { status: 'stopped', note: 'Stopped by the user.' }),
    ];
    const { messages, droppedTurns } = buildSpeakerContext(request({ speakerIndex: 1, tone: POLITE, turns }));
    expect(messages.slice(2)).toEqual([{ role: 'user', content: 'Ada (Cynic): Kept.' }]);
    // Left out is not dropped for the budget: no "earlier turns are left out" note.
    expect(droppedTurns).toBe(0);
  });

  it("does not end on the speaker's own stopped reply, so it answers afresh rather than continuing it", () => {
    const turns = [makeTurn(0, speakers, 'Coffee wins.'), makeTurn(1, speakers, 'I would say tha', { status: 'stopped' })];
    const { messages } = buildSpeakerContext(request({ speakerIndex: 1, tone: POLITE, turns }));
    expect(messages.slice(2)).toEqual([{ role: 'user', content: 'Ada (Cynic): Coffee wins.' }]);
  });

  it("sends the moderator's notes to every speaker as labelled user messages, in their place", () => {
    const turns = [makeTurn(0, speakers, 'Coffee wins.'), makeNote('m1', 1, 'Talk about price.'), makeTurn(1, speakers, 'Tea is cheaper.')];
    for (const [speakerIndex, tone] of [[0, CYNIC], [1, POLITE]] as const) {
      const { messages } = buildSpeakerContext(request({ speakerIndex, tone, turns }));
      expect(messages.map((m) => m.content)).toContain('Moderator: Talk about price.');
      expect(messages[3]).toEqual({ role: 'user', content: 'Moderator: Talk about price.' });
    }
    const forAda = buildSpeakerContext(request({ turns })).messages;
    expect(forAda.slice(2).map((m) => m.role)).toEqual(['assistant', 'user', 'user']);
    expect(forAda[0].content).toContain('a "Moderator:" message comes from the person running the debate');
  });

  it('counts moderator notes against the budget like any turn, dropping the oldest first', () => {
    const turns = [makeNote('m1', 1, 'x'.repeat(50)), makeTurn(0, speakers, 'Short.'), makeNote('m2', 1, 'Be brief.')];
    const { messages, droppedTurns } = buildSpeakerContext(request({ speakerIndex: 1, tone: POLITE, turns, budgetChars: 40 }));
    expect(droppedTurns).toBe(1);
    expect(messages.slice(2).map((m) => m.content)).toEqual([omittedNote(1), 'Ada (Cynic): Short.', 'Moderator: Be brief.']);
  });

  it('drops the oldest turns beyond the budget, keeps system and topic, and says so', () => {
    // Ada's own turns are 7 chars ("turn-0."); Bob's arrive labelled, "Bob (Polite): turn-1." = 21 chars.
    const turns = Array.from({ length: 6 }, (_, i) => makeTurn(i, speakers, `turn-${i}.`));
    const { messages, droppedTurns } = buildSpeakerContext(request({ turns, budgetChars: 40 }));
    expect(droppedTurns).toBe(4);
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'user', 'assistant', 'user']);
    expect(messages[2].content).toBe(omittedNote(4));
    expect(messages.slice(3).map((m) => m.content)).toEqual(['turn-4.', 'Bob (Polite): turn-5.']);
  });

  it('keeps only system and topic when even the newest turn exceeds the budget', () => {
    const turns = [makeTurn(0, speakers, 'x'.repeat(100))];
    const { messages, droppedTurns } = buildSpeakerContext(request({ speakerIndex: 1, tone: POLITE, turns, budgetChars: 50 }));
    expect(droppedTurns).toBe(1);
    expect(messages).toEqual([messages[0], messages[1], { role: 'user', content: omittedNote(1) }]);
  });
});
