// How the terminal shows a reasoning model's turn: the reasoning hidden behind one dim
// "(thought for …)" line, or with --show-thinking printed dimmed and sanitised.
import { describe, expect, it } from 'vitest';
import { createStyle } from '../../engine/cli/color';
import { createDebatePrinter } from '../../engine/cli/debate-printer';
import { transcriptText } from '../../engine/cli/render';
import type { DebateEvent, SpeakerTurn, Transcript } from '../../engine/types';

const metrics = { timeToFirstTokenMs: 5, durationMs: 20, tokens: 2, tokensPerSecond: null, loadDurationMs: null, promptTokens: null };
const thoughtTurn: SpeakerTurn = {
  kind: 'speaker', id: 't0', exchange: 1, speakerIndex: 0, speaker: 'Ada', model: 'deep:1b', tone: 'Rational',
  text: 'Tea.', status: 'complete', metrics, thinking: 'Hmm, tea.', thinkingMs: 12_400,
};
const transcript: Transcript = {
  id: '20260115-093012-a3f9c2', topic: 'Tea?', speakers: [], exchanges: 1, startedAt: '2025-01-01T00:00:00Z', endedAt: null,
  turns: [], outcome: 'running', stopReason: null,
};
const heading: DebateEvent = { type: 'turn-start', turnId: 't0', speakerIndex: 0, speaker: 'Ada', model: 'deep:1b', tone: 'Rational', exchange: 1 };
const HOSTILE_REASONING = 'Hmm\u001b]0;pwned\u0007, \u001b[31mtea\u202e.';

/** What the printer writes for a thinking turn; the clock moves 12.4 s while it thinks. */
function print(events: DebateEvent[], options: { showThinking?: boolean; colored?: boolean } = {}): string {
  const chunks: string[] = [];
  let clock = 0;
  const printer = createDebatePrinter((text) => chunks.push(text), createStyle(options.colored ?? false), undefined, {
    showThinking: options.showThinking,
    now: () => clock,
  });
  for (const event of events) {
    if (event.type === 'token') clock = 12_400;
    printer.event(event);
  }
  return chunks.join('');
}

const thinkingTurn: DebateEvent[] = [
  { type: 'run-start', transcript },
  heading,
  { type: 'thinking', turnId: 't0', text: 'Hmm, ' },
  { type: 'thinking', turnId: 't0', text: 'tea.' },
  { type: 'token', turnId: 't0', text: 'Tea.' },
  { type: 'turn-end', turn: thoughtTurn },
];

describe('a reasoning model in the terminal', () => {
  it('hides the reasoning by default, leaving one line saying how long it took, before the reply', () => {
    const output = print(thinkingTurn);
    expect(output).not.toContain('Hmm');
    expect(output).toContain('Ada (deep:1b, Rational) · exchange 1 of 1\n(thought for 12.4 s)\nTea.\n2 tokens');
  });

  it('prints it with --show-thinking, dimmed, then the same line', () => {
    const plain = print(thinkingTurn, { showThinking: true });
    expect(plain).toContain('exchange 1 of 1\nHmm, tea.\n(thought for 12.4 s)\nTea.\n');
    const colored = print(thinkingTurn, { showThinking: true, colored: true });
    expect(colored).toContain('\u001b[2mHmm, \u001b[22m\u001b[2mtea.\u001b[22m');
  });

  it('says how long it thought when the turn ended before any reply, from the recorded turn', () => {
    const output = print([{ type: 'run-start', transcript }, heading, { type: 'thinking', turnId: 't0', text: 'Hmm' }, { type: 'turn-end', turn: { ...thoughtTurn, text: '', thinkingMs: 3000 } }]);
    expect(output).toContain('exchange 1 of 1\n(thought for 3.0 s)\n2 tokens');
  });

  it('never passes escape sequences or bidi overrides in reasoning to the terminal', () => {
    const output = print([{ type: 'run-start', transcript }, heading, { type: 'thinking', turnId: 't0', text: HOSTILE_REASONING }], { showThinking: true, colored: true });
    const reasoning = output.slice(output.lastIndexOf('\n') + 1);
    // Only the printer's own dim codes remain.
    expect(reasoning).toBe('\u001b[2mHmm]0;pwned, [31mtea.\u001b[22m');
  });

  it('shows the line in `show` too, and nothing of the reasoning', () => {
    const text = transcriptText({ ...transcript, turns: [thoughtTurn] }, createStyle(false));
    expect(text).toContain('Ada (deep:1b, Rational) · exchange 1 of 1\n(thought for 12.4 s)\nTea.\n');
    expect(text).not.toContain('Hmm');
  });
});
