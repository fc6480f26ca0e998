import { describe, expect, it } from 'vitest';
import { createStyle } from '../../engine/cli/color';
import { createDebatePrinter } from '../../engine/cli/debate-printer';
import type { DebateEvent, Turn } from '../../engine/types';

const metrics = { timeToFirstTokenMs: 5, durationMs: 20, tokens: 2, tokensPerSecond: null, loadDurationMs: null, promptTokens: null };

function turn(index: number, text: string, status: Turn['status'] = 'complete'): Turn {
  return { index, exchange: 1, speakerIndex: index, speaker: `Speaker ${index + 1}`, model: `m${index}`, tone: 'Rational', text, status, metrics };
}

function print(events: DebateEvent[], colored = false): string {
  const chunks: string[] = [];
  const printer = createDebatePrinter((text) => chunks.push(text), createStyle(colored));
  events.forEach(printer);
  return chunks.join('');
}

const start: DebateEvent = { type: 'debate-start', topic: 'Tea?', speakers: [], exchanges: 1, startedAt: '2025-01-01T00:00:00Z' };
const turnStart = (index: number): DebateEvent => ({
  type: 'turn-start', turnIndex: index, speakerIndex: index, speaker: `Speaker ${index + 1}`, model: `m${index}`, tone: 'Rational', exchange: 1,
});

describe('createDebatePrinter', () => {
  it('streams tokens under a label per turn with a metrics line after each', () => {
    const output = print([
      start,
      { type: 'models-loading', models: ['m0', 'm1'] },
      turnStart(0),
      { type: 'token', turnIndex: 0, text: 'Yes' },
      { type: 'token', turnIndex: 0, text: ' ☕' },
      { type: 'turn-end', turn: turn(0, 'Yes ☕') },
      turnStart(1),
      { type: 'token', turnIndex: 1, text: 'No.\n' },
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

  it('ends the line of an interrupted turn before the error is reported', () => {
    const output = print([
      start,
      turnStart(0),
      { type: 'token', turnIndex: 0, text: 'Half' },
      { type: 'error', error: { kind: 'stream-dropped', message: 'dropped' } },
      { type: 'debate-end', transcript: { topic: 'Tea?', speakers: [], exchanges: 1, startedAt: '', endedAt: '', turns: [], outcome: 'failed' } },
    ]);
    expect(output.endsWith('Half\n')).toBe(true);
  });

  it('never passes escape sequences from model output to the terminal', () => {
    const output = print([start, turnStart(0), { type: 'token', turnIndex: 0, text: 'x\u001b]0;title\u0007\u001b[31my' }], true);
    const afterLabel = output.slice(output.lastIndexOf('\n') + 1);
    expect(afterLabel).toBe('x]0;title[31my');
  });
});
