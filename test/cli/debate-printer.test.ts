import { describe, expect, it } from 'vitest';
import { createStyle } from '../../engine/cli/color';
import { createDebatePrinter } from '../../engine/cli/debate-printer';
import type { DebateEvent, SpeakerTurn, Transcript } from '../../engine/types';

const metrics = { timeToFirstTokenMs: 5, durationMs: 20, tokens: 2, tokensPerSecond: null, loadDurationMs: null, promptTokens: null };

function turn(index: number, text: string, status: SpeakerTurn['status'] = 'complete'): SpeakerTurn {
  return { kind: 'speaker', id: `t${index}`, exchange: 1, speakerIndex: index, speaker: `Speaker ${index + 1}`, model: `m${index}`, tone: 'Rational', text, status, metrics };
}

function transcript(overrides: Partial<Transcript> = {}): Transcript {
  return {
    id: '20260115-093012-a3f9c2', topic: 'Tea?', speakers: [], exchanges: 1, startedAt: '2025-01-01T00:00:00Z', endedAt: null,
    turns: [], outcome: 'running', stopReason: null, ...overrides,
  };
}

function printed(events: DebateEvent[], colored = false): { output: string; printer: ReturnType<typeof createDebatePrinter>; chunks: string[] } {
  const chunks: string[] = [];
  const printer = createDebatePrinter((text) => chunks.push(text), createStyle(colored));
  events.forEach((event) => printer.event(event));
  return { output: chunks.join(''), printer, chunks };
}

const print = (events: DebateEvent[], colored = false): string => printed(events, colored).output;

const start: DebateEvent = { type: 'run-start', transcript: transcript() };
const turnStart = (index: number): DebateEvent => ({
  type: 'turn-start', turnId: `t${index}`, speakerIndex: index, speaker: `Speaker ${index + 1}`, model: `m${index}`, tone: 'Rational', exchange: 1,
});

describe('createDebatePrinter', () => {
  it('streams tokens under a label per turn with a metrics line after each', () => {
    const output = print([
      start,
      { type: 'models-loading', models: ['m0', 'm1'] },
      turnStart(0),
      { type: 'token', turnId: 't0', text: 'Yes' },
      { type: 'token', turnId: 't0', text: ' ☕' },
      { type: 'turn-end', turn: turn(0, 'Yes ☕') },
      turnStart(1),
      { type: 'token', turnId: 't1', text: 'No.\n' },
      { type: 'turn-end', turn: turn(1, 'No.\n') },
    ]);
    expect(output).toBe(
      [
        'Topic: Tea?',
        '',
        'Loading m0, m1…',
        '',
        'Speaker 1 (m0, Rational) · exchange 1 of 1',
        'Yes ☕',
        '2 tokens · first token 5 ms · 20 ms in all',
        '',
        'Speaker 2 (m1, Rational) · exchange 1 of 1',
        'No.',
        '2 tokens · first token 5 ms · 20 ms in all',
        '',
        '',
      ].join('\n'),
    );
  });

  it('heads the output once across the runs of one command (an --interactive debate resumes run after run)', () => {
    const { output } = printed([
      start,
      { type: 'models-loading', models: ['m0'] },
      { type: 'run-end', transcript: transcript({ outcome: 'paused' }) },
      { type: 'run-start', transcript: transcript({ exchanges: 2 }) },
      { type: 'models-loading', models: ['m0'] },
      turnStart(0),
    ]);
    expect(output.match(/Topic: /g)).toHaveLength(1);
    expect(output.match(/Loading /g)).toHaveLength(1);
    expect(output).toContain('exchange 1 of 2');
  });

  it('says how many turns came before when a saved debate goes on', () => {
    const output = print([{ type: 'run-start', transcript: transcript({ turns: [turn(0, 'a'), turn(1, 'b')] }) }]);
    expect(output).toBe('Topic: Tea?\n\n2 earlier turns (`talking-models show 20260115-093012-a3f9c2` prints them)\n\n');
  });

  it("names a branch's parent and repeats the moderator's note it starts with", () => {
    const note = { kind: 'moderator' as const, id: 'm', exchange: 1, text: 'Disagree now.', createdAt: '' };
    const output = print([{ type: 'run-start', transcript: transcript({ parentId: '20260101-000000-aaaaaa', forkedAtTurn: 1, turns: [turn(0, 'a'), note] }) }]);
    expect(output).toBe(
      'Topic: Tea?\n\nA branch of 20260101-000000-aaaaaa from turn 1\n2 earlier turns (`talking-models show 20260115-093012-a3f9c2` prints them)\n\nModerator: Disagree now.\n\n',
    );
  });

  it("sets the moderator's note apart, on a line of its own", () => {
    const { printer, chunks } = printed([start, turnStart(0), { type: 'token', turnId: 't0', text: 'Half' }]);
    printer.moderatorNote('Be brief.');
    expect(chunks.join('')).toMatch(/Half\nModerator: Be brief\.\n\n$/);
  });

  it('ends the line of an interrupted turn before the error is reported', () => {
    const output = print([
      start,
      turnStart(0),
      { type: 'token', turnId: 't0', text: 'Half' },
      { type: 'error', error: { kind: 'stream-dropped', message: 'dropped' } },
      { type: 'run-end', transcript: transcript({ outcome: 'failed', stopReason: 'error' }) },
    ]);
    expect(output.endsWith('Half\n')).toBe(true);
  });

  it('never passes escape sequences from model output or the topic to the terminal', () => {
    const output = print([
      { type: 'run-start', transcript: transcript({ topic: 'T\u001b]0;x\u0007' }) },
      turnStart(0),
      { type: 'token', turnId: 't0', text: 'x\u001b]0;title\u0007\u001b[31my' },
    ], true);
    expect(output).toContain('Topic: T]0;x');
    const afterLabel = output.slice(output.lastIndexOf('\n') + 1);
    expect(afterLabel).toBe('x]0;title[31my');
  });
});

describe('simultaneous turns, the AI moderator, closing statements and the vote', () => {
  const speakers = [
    { name: 'Speaker 1', model: 'm0', tone: 'Rational' },
    { name: 'Speaker 2', model: 'm1', tone: 'Rational' },
    { name: 'Speaker 3', model: 'm2', tone: 'Rational' },
  ];
  const token = (index: number, text: string): DebateEvent => ({ type: 'token', turnId: `t${index}`, text });
  const end = (index: number, text: string, patch: Partial<SpeakerTurn> = {}): DebateEvent => ({ type: 'turn-end', turn: { ...turn(index, text), ...patch } });
  const metricsText = '2 tokens · first token 5 ms · 20 ms in all';

  it('streams the first of simultaneous turns live and prints the others whole once it ends, never mixing replies', () => {
    const output = print([
      start,
      turnStart(0),
      turnStart(1),
      turnStart(2),
      token(1, 'Bee '),
      token(0, 'Aye '),
      token(2, 'Sea '),
      token(1, 'two'),
      token(0, 'one'),
      token(2, 'three'),
      end(2, 'Sea three'),
      // A token after its turn's end is not its: dropped.
      token(2, 'late?'),
      token(0, '!'),
      end(1, 'Bee two'),
      end(0, 'Aye one!'),
    ]);
    expect(output).toBe(
      [
        'Topic: Tea?',
        '',
        'Speaker 1 (m0, Rational) · exchange 1 of 1',
        'Aye one!',
        metricsText,
        '',
        // Held back: printed in the order they ended, each whole.
        'Speaker 3 (m2, Rational) · exchange 1 of 1',
        'Sea three',
        metricsText,
        '',
        'Speaker 2 (m1, Rational) · exchange 1 of 1',
        'Bee two',
        metricsText,
        '',
        '',
      ].join('\n'),
    );
  });

  it('goes on live with a held-back turn still speaking once the live one ends', () => {
    const { output } = printed([start, turnStart(0), turnStart(1), token(1, 'Half'), token(0, 'Done.'), end(0, 'Done.')]);
    expect(output).toBe(['Topic: Tea?', '', 'Speaker 1 (m0, Rational) · exchange 1 of 1', 'Done.', metricsText, '', 'Speaker 2 (m1, Rational) · exchange 1 of 1', 'Half'].join('\n'));
    const { output: streamed } = printed([start, turnStart(0), turnStart(1), token(1, 'Ha'), end(0, ''), token(1, 'lf'), end(1, 'Half')]);
    expect(streamed).toMatch(/exchange 1 of 1\nHalf\n2 tokens/);
  });

  it('keeps the reasoning line and the metrics of a held-back turn with it', () => {
    let clock = 0;
    const chunks: string[] = [];
    const printer = createDebatePrinter((text) => chunks.push(text), createStyle(false), undefined, { now: () => clock });
    for (const event of [start, turnStart(0), turnStart(1), { type: 'thinking', turnId: 't1', text: 'hmm' } as DebateEvent]) printer.event(event);
    clock = 1500;
    for (const event of [token(1, 'Later.'), token(0, 'Now.'), end(1, 'Later.'), end(0, 'Now.')]) printer.event(event);
    expect(chunks.join('')).toContain('Speaker 2 (m1, Rational) · exchange 1 of 1\n(thought for 1.5 s)\nLater.\n2 tokens');
    expect(chunks.join('')).toMatch(/Now\.\n2 tokens[^\n]*\n\nSpeaker 2/);
  });

  it('prints turns held back when the run ends without their end, and never escape sequences from them', () => {
    const output = print([start, turnStart(0), turnStart(1), token(1, 'x\u001b[2Jy\u009b'), token(0, 'live'), { type: 'run-end', transcript: transcript({ outcome: 'stopped' }) }], true);
    expect(output).toContain('live\n');
    expect(output).toContain('x[2Jy');
    expect(output).not.toMatch(/\u009b|\u001b\[2J/);
  });

  it("says what the AI moderator is doing and labels its turns with its model and the turn's purpose", () => {
    const summary = { kind: 'moderator' as const, id: 'm1', exchange: 2, text: 'Both agree.\n## Not a heading', createdAt: '', ai: { model: 'gemma3:4b', purpose: 'summary' as const } };
    const output = print([
      start,
      { type: 'moderator-start', activity: 'framing', model: 'gemma3:4b', round: 1 },
      { type: 'turn-end', turn: { ...summary, id: 'm0', exchange: 1, text: 'What matters?', ai: { model: 'gemma3:4b', purpose: 'framing' } } },
      { type: 'moderator-start', activity: 'picking', model: 'gemma3:4b', round: 1 },
      turnStart(0),
      token(0, 'Tea'),
      end(0, 'Tea'),
      { type: 'moderator-start', activity: 'review', model: 'gemma3:4b\u001b[31m', round: 2 },
      { type: 'turn-end', turn: summary },
      { type: 'turn-end', turn: { ...summary, id: 'm2', text: 'They agree: stop.', ai: { model: 'gemma3:4b', purpose: 'closing' } } },
    ]);
    expect(output).toContain('Moderator (gemma3:4b) frames the debate…\nModerator (gemma3:4b) · framing the question: What matters?\n\n');
    expect(output).toContain('Moderator (gemma3:4b) picks the next speaker…\nSpeaker 1 (m0, Rational)');
    expect(output).toContain('Moderator (gemma3:4b[31m) reviews round 2…\n');
    expect(output).toContain('Moderator (gemma3:4b) · summary of round 2: Both agree.\n  ## Not a heading\n\n');
    expect(output).toContain('Moderator (gemma3:4b) · closing the debate: They agree: stop.');
    expect(output).not.toContain('\u001b');
  });

  it('labels closing statements and prints the vote when the run ends', () => {
    const rounds = [turn(0, 'Tea.'), turn(1, 'Coffee.'), turn(2, 'Water.')];
    const closings = [
      { ...turn(0, 'Position: Tea.\nAnswer: Tea'), id: 'c0', closing: { position: 'Tea.', answer: 'Tea' } },
      { ...turn(1, 'Position: Tea too.\nAnswer: tea!'), id: 'c1', closing: { position: 'Tea too.', answer: 'tea!' } },
      { ...turn(2, 'I abstain.'), id: 'c2', closing: { position: 'I abstain.', answer: null } },
    ];
    const begin = transcript({ speakers, closingStatements: true, turns: rounds });
    const closingStart = (index: number): DebateEvent => ({ ...(turnStart(index) as TurnStart), turnId: `c${index}` });
    const output = print([
      { type: 'run-start', transcript: begin },
      closingStart(0),
      { type: 'token', turnId: 'c0', text: 'Position: Tea.\nAnswer: Tea' },
      { type: 'turn-end', turn: closings[0] as SpeakerTurn },
      closingStart(1),
      { type: 'turn-end', turn: closings[1] as SpeakerTurn },
      closingStart(2),
      { type: 'turn-end', turn: closings[2] as SpeakerTurn },
      { type: 'run-end', transcript: { ...begin, turns: [...rounds, ...closings], outcome: 'complete', stopReason: 'exchanges' } },
    ]);
    expect(output).toContain('Closing statements: yes, tallied as a vote');
    expect(output).toContain('Speaker 1 (m0, Rational) · Closing statement\nPosition: Tea.\nAnswer: Tea\n');
    expect(output).toContain('Speaker 2 (m1, Rational) · Closing statement\n');
    expect(output).toContain('Speaker 3 (m2, Rational) · Closing statement\n');
    expect(output).not.toContain('exchange 1 of 1');
    expect(output.endsWith(
      [
        'Vote of the closing statements (3 statements)',
        '  Tea  2  Speaker 1, Speaker 2',
        'Result: majority for "Tea" (2 of 3)',
        'No answer from Speaker 3',
        '',
        '',
      ].join('\n'),
    )).toBe(true);
  });

  it('says "no majority" on a split vote, and prints no vote for a debate without closing statements', () => {
    const closings = [
      { ...turn(0, 'a'), id: 'c0', closing: { position: 'a', answer: 'Yes' } },
      { ...turn(1, 'b'), id: 'c1', closing: { position: 'b', answer: 'No' } },
    ];
    const split = print([
      { type: 'run-start', transcript: transcript({ speakers: speakers.slice(0, 2), closingStatements: true }) },
      { type: 'turn-end', turn: closings[0] as SpeakerTurn },
      { type: 'turn-end', turn: closings[1] as SpeakerTurn },
      { type: 'run-end', transcript: transcript({ speakers: speakers.slice(0, 2), closingStatements: true, turns: closings }) },
    ]);
    expect(split).toContain('Result: no majority');
    expect(split).toMatch(/ {2}Yes {2}1 {2}Speaker 1\n {2}No {3}1 {2}Speaker 2\n/);
    const plain = print([start, turnStart(0), end(0, 'x'), { type: 'run-end', transcript: transcript({ speakers, turns: [turn(0, 'x')] }) }]);
    expect(plain).not.toContain('Vote');
  });

  it('labels a closing statement from its start only when closing statements are asked for, and a regenerated turn as it was', () => {
    const rounds = [turn(0, 'Tea.')];
    const noClosing = print([{ type: 'run-start', transcript: transcript({ turns: rounds }) }, { ...(turnStart(0) as TurnStart), turnId: 'again' }]);
    expect(noClosing).toContain('· exchange 1 of 1');
    const regenerated = print([{ type: 'run-start', transcript: transcript({ turns: rounds, closingStatements: true }) }, turnStart(0)]);
    expect(regenerated).toContain('· exchange 1 of 1');
    expect(regenerated).not.toContain('· Closing statement');
  });
});

type TurnStart = Extract<DebateEvent, { type: 'turn-start' }>;

describe('the prompt and the context a turn was sent', () => {
  it('prints the prompt tokens in the metrics line and a dim note when earlier turns were left out', () => {
    const trimmed: SpeakerTurn = {
      ...turn(0, 'Yes'),
      metrics: { ...metrics, tokensPerSecond: 41, timeToFirstTokenMs: 230, promptTokens: 1840, cachedPromptTokens: 1620, contextWindow: 8192 },
      contextTrim: { leftOutTurns: 4, shortenedTurns: 1 },
    };
    const output = print([start, turnStart(0), { type: 'token', turnId: 't0', text: 'Yes' }, { type: 'turn-end', turn: trimmed }]);
    expect(output).toContain(
      'Yes\n2 tokens · 41.0 tokens/s · first token 230 ms · prompt 1,840 tokens (1,620 cached) of 8,192 · 20 ms in all\n(4 earlier turns left out, 1 earlier turn shortened to fit the context window)\n\n',
    );
    const plain = print([start, turnStart(0), { type: 'token', turnId: 't0', text: 'Yes' }, { type: 'turn-end', turn: turn(0, 'Yes') }]);
    expect(plain).not.toContain('to fit the context window');
  });

  it('heads the debate with its language', () => {
    expect(print([{ type: 'run-start', transcript: transcript({ language: 'French' }) }])).toBe('Topic: Tea?\nLanguage: French\n\n');
  });
});
