// A debate that ended well, shared by the terminal and markdown tests: an AI moderator framed
// it, summarised its simultaneous round and closed it on consensus, a person added a note, and
// the three speakers made closing statements (two answers alike, one none). Plain data, no I/O.
import type { ClosingStatement, ModeratorPurpose, ModeratorTurn, SpeakerTurn, Transcript } from '../../engine/types';
import { ADA, BOB, CY, makeNote, makeTurn } from './fixtures';

export const END_SPEAKERS = [ADA, BOB, CY];

/** The AI moderator's turn (its model gemma3:4b unless given). */
export function aiTurn(id: string, exchange: number, purpose: ModeratorPurpose, text: string, model = 'gemma3:4b'): ModeratorTurn {
  return { ...makeNote(id, exchange, text), ai: { model, purpose } };
}

/** Speaker `index`'s closing statement, its reply in the two lines asked for (id `c<index>`). */
export function closingTurn(index: number, closing: ClosingStatement): SpeakerTurn {
  return makeTurn(index, END_SPEAKERS, `Position: ${closing.position}\nAnswer: ${closing.answer ?? ''}`, { id: `c${index}`, exchange: 1, closing });
}

export function endedWell(patch: Partial<Transcript> = {}): Transcript {
  return {
    id: '20261201-150000-a1b2c3',
    topic: 'Is tea better than coffee?',
    speakers: END_SPEAKERS,
    exchanges: 1,
    startedAt: '2026-12-01T15:00:00.000Z',
    endedAt: '2026-12-01T15:01:00.000Z',
    outcome: 'complete',
    stopReason: 'consensus',
    stopNote: 'The moderator found that the speakers agree.',
    order: { kind: 'simultaneous' },
    moderator: { model: 'gemma3:4b', host: 'http://user:secret@gpu-box:11434' },
    stopOn: { repetition: { threshold: 0.92, ngram: 3, embedModel: 'nomic-embed-text' }, consensus: {} },
    closingStatements: true,
    turns: [
      aiTurn('f', 1, 'framing', 'What makes a drink better: taste, health or cost?'),
      makeTurn(0, END_SPEAKERS, 'Tea.'),
      makeTurn(1, END_SPEAKERS, 'Tea, on cost.'),
      makeTurn(2, END_SPEAKERS, 'Coffee.'),
      aiTurn('s', 1, 'summary', 'Two for tea, one for coffee.'),
      makeNote('n', 1, 'A note of my own.'),
      aiTurn('x', 1, 'closing', 'The speakers agree enough; closing.'),
      closingTurn(0, { position: 'Tea is kinder.', answer: 'Tea.' }),
      closingTurn(1, { position: 'Tea is cheaper.', answer: 'tea' }),
      closingTurn(2, { position: 'I stay with coffee.', answer: null }),
    ],
    ...patch,
  };
}
