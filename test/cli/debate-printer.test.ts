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
