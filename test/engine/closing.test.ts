import { describe, expect, it } from 'vitest';
import { closingRequest, closingStatementsOf, MAX_ANSWER_CHARS, MAX_POSITION_CHARS, normalizeAnswer, parseClosing, tallyVotes } from '../../engine/closing';
import type { ClosingStatement, SpeakerConfig, SpeakerTurn, Turn } from '../../engine/types';
import { ADA, BOB, CY, makeNote, makeTurn } from './fixtures';

const speakers = [ADA, BOB, CY];

/** A speaker's closing statement turn in exchange 2 (id `c-<name>-<answer>`). */
function closingTurn(speaker: SpeakerConfig, answer: string | null, patch: Partial<SpeakerTurn> = {}): SpeakerTurn {
  const speakerIndex = speakers.indexOf(speaker);
  const closing: ClosingStatement = { position: `${speaker.name} stands firm.`, answer };
  return makeTurn(speakerIndex, speakers, `Position: ${closing.position}\nAnswer: ${answer ?? ''}`, {
    id: `c-${speaker.name}-${answer ?? 'none'}`,
    exchange: 2,
    closing,
    ...patch,
  });
}

const oneRound: Turn[] = [makeTurn(0, speakers, 'Tea.'), makeTurn(1, speakers, 'Coffee.'), makeTurn(2, speakers, 'Water.')];

describe('closingRequest', () => {
  it('asks for exactly the two labelled lines, naming the speaker and the topic', () => {
    const request = closingRequest('Ada', 'Is tea better than coffee?');
    const lines = request.split('\n');
    expect(lines[0]).toContain('Ada');
    expect(lines[0]).toContain('"Is tea better than coffee?"');
    expect(lines.slice(1)).toEqual(['Position: <one sentence final position>', 'Answer: <a short answer to the topic, at most five words>']);
    // What the request asks for, the parser reads back.
    expect(parseClosing('Position: Tea wins.\nAnswer: Tea')).toEqual({ position: 'Tea wins.', answer: 'Tea' });
  });

  it('keeps a multi-line or hostile topic and name on the first line, without control characters', () => {
    const request = closingRequest('Ada\u001b[31m', 'Tabs\nor\r\nspaces?\u202e');
    expect(request.split('\n')).toHaveLength(3);
    expect(request).toContain('"Tabs or spaces?"');
    expect(request).not.toMatch(/[\u001b\u202e\r]/);
  });
});

describe('parseClosing', () => {
  it('reads the two labelled lines', () => {
    expect(parseClosing('Position: Tea is better for most people.\nAnswer: Tea')).toEqual({ position: 'Tea is better for most people.', answer: 'Tea' });
  });

  it.each([
    ['lower case labels', 'position: tea wins\nanswer: yes', 'tea wins', 'yes'],
    ['bold labels', '**Position:** Tea wins.\n**Answer:** Yes.', 'Tea wins.', 'Yes.'],
    ['bold whole lines', '**Position: Tea wins.**\n**Answer: Yes**', 'Tea wins.', 'Yes'],
    ['italic labels', '*Position:* Tea wins.\n_Answer:_ no', 'Tea wins.', 'no'],
    ['underscore bold, keeping snake_case', '__Position:__ use snake_case names\n__Answer__: snake_case', 'use snake_case names', 'snake_case'],
    ['list markers', '- Position: Tea wins.\n- Answer: Tea', 'Tea wins.', 'Tea'],
    ['numbered list, quotes and headings', '1. > Position: Tea wins.\n## Answer: Tea', 'Tea wins.', 'Tea'],
    ['a dash after the label', 'Final position — tea wins\nAnswer - tea', 'tea wins', 'tea'],
    ['the value on the next line', 'Position:\nTea wins.\n\nAnswer:\nTea', 'Tea wins.', 'Tea'],
    ['chatter around the lines', 'Sure! Here is my closing statement.\n\nPosition: Tea wins.\nAnswer: Tea\n\nThank you all.', 'Tea wins.', 'Tea'],
    ['the template echoed before the real lines', 'Position: <one sentence final position>\nAnswer: <at most five words>\nPosition: Tea wins.\nAnswer: Tea', 'Tea wins.', 'Tea'],
    ['extra spaces and tabs', '  Position :\t Tea   wins. \n Answer:   Tea  ', 'Tea wins.', 'Tea'],
    ['CRLF line ends', 'Position: Tea wins.\r\nAnswer: Tea\r\n', 'Tea wins.', 'Tea'],
    ['a full-width colon', 'Position：茶が良い\nAnswer：茶', '茶が良い', '茶'],
  ])('tolerates %s', (_case, text, position, answer) => {
    expect(parseClosing(text)).toEqual({ position, answer });
  });

  it('gives a null answer when the reply has no Answer line, or an empty one', () => {
    expect(parseClosing('Position: Tea wins.')).toEqual({ position: 'Tea wins.', answer: null });
    expect(parseClosing('Position: Tea wins.\nAnswer:')).toEqual({ position: 'Tea wins.', answer: null });
    expect(parseClosing('Position: Tea wins.\nAnswer: <a short answer>')).toEqual({ position: 'Tea wins.', answer: null });
  });

  it('takes the first other non-empty line as the position when there is no Position line', () => {
    expect(parseClosing('\n\n  I still think tea wins.  \nIt is cheaper.\nAnswer: Tea')).toEqual({ position: 'I still think tea wins.', answer: 'Tea' });
    expect(parseClosing('Answer: Tea\nTea, because it is cheaper.')).toEqual({ position: 'Tea, because it is cheaper.', answer: 'Tea' });
  });

  it('does not read words that merely start with a label as one', () => {
    expect(parseClosing('Positional play matters.\nAnswer-wise, I am unsure.')).toEqual({ position: 'Positional play matters.', answer: null });
    expect(parseClosing('position-based arguments fail')).toEqual({ position: 'position-based arguments fail', answer: null });
  });

  it('gives an empty position for an empty or blank reply', () => {
    expect(parseClosing('')).toEqual({ position: '', answer: null });
    expect(parseClosing(' \n\t\n')).toEqual({ position: '', answer: null });
  });

  it('caps a long position and a long answer', () => {
    const closing = parseClosing(`Position: ${'tea '.repeat(200)}\nAnswer: ${'yes '.repeat(100)}`);
    expect([...closing.position]).toHaveLength(MAX_POSITION_CHARS);
    expect(closing.position.endsWith('…')).toBe(true);
    expect([...(closing.answer ?? '')]).toHaveLength(MAX_ANSWER_CHARS);
    const unlabelled = parseClosing('x'.repeat(5000));
    expect(unlabelled.position).toHaveLength(MAX_POSITION_CHARS);
  });

  it('strips control characters, escape sequences and bidi overrides, keeping one line each', () => {
    const closing = parseClosing('Position: Tea\u001b[2J wins\u0007.\u202e\rAnswer: T\u0000ea\u009b');
    expect(closing.position).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(closing.answer).toBe('Tea');
    expect(closing.position).toBe('Tea[2J wins.');
  });
});

describe('normalizeAnswer', () => {
  it('ignores case, punctuation and spacing', () => {
    expect(normalizeAnswer('Yes.')).toBe('yes');
    expect(normalizeAnswer('  YES!! ')).toBe('yes');
    expect(normalizeAnswer('"Tea,  obviously"')).toBe('tea obviously');
    expect(normalizeAnswer('ＴＥＡ')).toBe('tea');
    expect(normalizeAnswer('—?!')).toBe('');
  });
});

describe('closingStatementsOf', () => {
  it('takes the closing statements after the last ordinary turn, skipping failed ones and moderator turns', () => {
    const turns: Turn[] = [
      ...oneRound,
      makeNote('m1', 1, 'Summary of round 1.'),
      closingTurn(ADA, 'Tea'),
      closingTurn(BOB, 'Coffee', { status: 'failed', note: 'Ollama went away.' }),
      closingTurn(CY, 'Tea'),
    ];
    expect(closingStatementsOf(turns).map((turn) => turn.id)).toEqual(['c-Ada-Tea', 'c-Cy-Tea']);
  });

  it('uses only the last set when the debate went on after its statements', () => {
    const turns: Turn[] = [
      ...oneRound,
      closingTurn(ADA, 'Tea'),
      closingTurn(BOB, 'Tea'),
      makeTurn(3, speakers, 'We go on.', { id: 'later' }),
      closingTurn(BOB, 'Coffee'),
    ];
    expect(closingStatementsOf(turns).map((turn) => turn.closing.answer)).toEqual(['Coffee']);
  });

  it('does not let a failed ordinary turn split a set, and keeps one statement per speaker (the later)', () => {
    const turns: Turn[] = [
      ...oneRound,
      closingTurn(ADA, 'Tea'),
      makeTurn(4, speakers, '', { id: 'broken', status: 'failed' }),
      closingTurn(ADA, 'Coffee'),
      closingTurn(BOB, 'Tea'),
    ];
    expect(closingStatementsOf(turns).map((turn) => `${turn.speaker}:${turn.closing.answer}`)).toEqual(['Ada:Coffee', 'Bob:Tea']);
  });

  it('is empty without closing statements', () => {
    expect(closingStatementsOf(oneRound)).toEqual([]);
    expect(closingStatementsOf([])).toEqual([]);
  });
});

describe('tallyVotes', () => {
  it('groups answers by their normalised form and finds the majority', () => {
    const tally = tallyVotes([...oneRound, closingTurn(ADA, 'Yes.'), closingTurn(BOB, 'no'), closingTurn(CY, 'YES')], speakers);
    expect(tally).toEqual({
      groups: [
        { answer: 'Yes.', votes: 2, speakers: ['Ada', 'Cy'] },
        { answer: 'no', votes: 1, speakers: ['Bob'] },
      ],
      statements: 3,
      majority: 'Yes.',
      withoutAnswer: [],
    });
  });

  it('has no majority on a tie or a plurality of half', () => {
    const tie = tallyVotes([...oneRound, closingTurn(ADA, 'Tea'), closingTurn(BOB, 'Coffee')], speakers.slice(0, 2));
    expect(tie.majority).toBeNull();
    expect(tie.groups.map((group) => group.answer)).toEqual(['Tea', 'Coffee']);
    const four = [...speakers, { ...ADA, name: 'Dee' }];
    const half = tallyVotes(
      [
        closingTurn(ADA, 'Tea'),
        closingTurn(BOB, 'tea'),
        closingTurn(CY, 'Coffee'),
        makeTurn(3, four, 'x', { id: 'dee', closing: { position: 'p', answer: 'Water' } }),
      ],
      four,
    );
    expect(half.statements).toBe(4);
    expect(half.groups[0]).toEqual({ answer: 'Tea', votes: 2, speakers: ['Ada', 'Bob'] });
    expect(half.majority).toBeNull();
  });

  it('counts statements without an answer against the majority and lists their speakers', () => {
    const tally = tallyVotes([...oneRound, closingTurn(ADA, 'Tea'), closingTurn(BOB, null), closingTurn(CY, '?!')], speakers);
    expect(tally.statements).toBe(3);
    expect(tally.groups).toEqual([{ answer: 'Tea', votes: 1, speakers: ['Ada'] }]);
    expect(tally.majority).toBeNull();
    expect(tally.withoutAnswer).toEqual(['Bob', 'Cy']);
  });

  it('lists speakers who gave no closing statement (theirs failed) as without an answer', () => {
    const tally = tallyVotes(
      [...oneRound, closingTurn(ADA, 'Tea'), closingTurn(BOB, 'Tea'), closingTurn(CY, 'Tea', { status: 'failed' })],
      speakers,
    );
    expect(tally.statements).toBe(2);
    expect(tally.majority).toBe('Tea');
    expect(tally.withoutAnswer).toEqual(['Cy']);
  });

  it('is empty, with no majority, for a debate without closing statements', () => {
    expect(tallyVotes(oneRound, speakers)).toEqual({ groups: [], statements: 0, majority: null, withoutAnswer: ['Ada', 'Bob', 'Cy'] });
  });
});
