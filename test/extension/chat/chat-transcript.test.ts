// Engine events as the Chat view shows them: headings, live replies, turns spoken at once,
// the moderator, progress, warnings, a verdict and the closing line; untrusted names escaped.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../engine/judge/verdict';
import type { DebateEvent } from '../../../engine/types';
import { ChatTranscript, runSummary, verdictMarkdown, warningPart, type ChatPart } from '../../../extension/chat/chat-transcript';
import type { PanelEvent } from '../../../extension/contract/protocol';
import { transcript, turn } from '../fixtures';
import { JUDGE_MODEL, verdict as verdictFixture } from '../../webview/verdict-fixtures';

function render(events: readonly PanelEvent[]): { parts: ChatPart[]; text: string; chat: ChatTranscript } {
  const chat = new ChatTranscript();
  const parts = events.flatMap((event) => chat.accept({ type: 'debate-event', event }));
  return { parts, text: parts.flatMap((part) => (part.kind === 'markdown' ? [part.markdown] : [])).join(''), chat };
}

function start(position: number, overrides: Partial<Extract<DebateEvent, { type: 'turn-start' }>> = {}): DebateEvent {
  const { id, speakerIndex, speaker, model, tone, exchange } = turn(position, '');
  return { type: 'turn-start', turnId: id, speakerIndex, speaker, model, tone, exchange, ...overrides };
}

function token(position: number, text: string): PanelEvent {
  return { type: 'token', turnId: turn(position, '').id, text, chunks: 1 };
}

const headings = (markdown: string): string[] => {
  const tokens = new MarkdownIt().parse(markdown, {});
  return tokens.flatMap((token, at) => (token.type === 'heading_open' ? [`${token.level}:${(tokens[at + 1]?.children ?? []).map((child) => child.content).join('')}`] : []));
};

describe('ChatTranscript', () => {
  it('writes a heading per turn, then its tokens quoted as they come, and closes the quote at its end', () => {
    const { parts, text } = render([
      start(0), token(0, 'Hello'), token(0, ' there.'), { type: 'turn-end', turn: turn(0, 'Hello there.') },
      start(1), token(1, 'No.'), { type: 'turn-end', turn: turn(1, 'No.') },
    ]);
    expect(parts.filter((part) => part.kind === 'markdown').map((part) => part.kind === 'markdown' && part.markdown)).toEqual([
      '\n\n### Speaker 1 · llama3.2:1b · Rational\n\n', '> Hello', ' there.', '\n\n',
      '\n\n### Speaker 2 · llama3.2:1b · Rational\n\n', '> No.', '\n\n',
    ]);
    expect(parts.filter((part) => part.kind === 'progress')).toEqual([
      { kind: 'progress', text: 'Speaker 1 is speaking…' },
      { kind: 'progress', text: 'Speaker 2 is speaking…' },
    ]);
    expect(headings(text)).toEqual(['0:Speaker 1 · llama3.2:1b · Rational', '0:Speaker 2 · llama3.2:1b · Rational']);
  });

  it.each([
    ['a speaker name', { speaker: '# Ada\n\n### Speaker 9 <img src=x onerror=alert(1)>' }],
    ['a model', { model: '```\nllama:1b' }],
    ['a tone', { tone: '[Rational](command:workbench.action.reloadWindow) $(zap) *x*' }],
  ])('keeps %s on its heading line, markup escaped', (_case, overrides) => {
    const { text } = render([start(0, overrides), token(0, 'Hi.'), { type: 'turn-end', turn: turn(0, 'Hi.', overrides) }]);
    const found = headings(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^0:Speaker|^0:# Ada/);
    const inline = new MarkdownIt({ html: true }).parseInline(text.split('\n').find((line) => line.startsWith('### '))!, {})[0]!.children ?? [];
    expect(inline.map((child) => child.type).filter((type) => type !== 'text')).toEqual([]);
  });

  it('turns spoken at once: the first streams live, the others are written whole when they end', () => {
    const { text } = render([
      start(0), start(1),
      token(0, 'Ada one '), token(1, 'Bob one '), token(0, 'Ada two'), token(1, 'Bob two'),
      { type: 'turn-end', turn: turn(1, 'Bob one Bob two') },
      { type: 'turn-end', turn: turn(0, 'Ada one Ada two') },
    ]);
    expect(text).toBe([
      '\n\n### Speaker 1 · llama3.2:1b · Rational\n\n> Ada one Ada two',
      '\n\n### Speaker 2 · llama3.2:1b · Rational\n\n> Bob one Bob two\n\n',
      '\n\n',
    ].join(''));
  });

  it('quotes the moderator\'s words under its label, and says what the moderator and reasoning models are doing', () => {
    const moderated = render([
      { type: 'moderator-start', activity: 'review', model: 'gemma3:4b', round: 2 },
      { type: 'turn-end', turn: { kind: 'moderator', id: 'm1', exchange: 2, text: '# Summary\nBoth agree.', createdAt: '', ai: { model: 'gemma3:4b', purpose: 'summary' } } },
      { type: 'turn-end', turn: { kind: 'moderator', id: 'm2', exchange: 2, text: 'Be brief.', createdAt: '' } },
      start(0), { type: 'thinking', turnId: 'turn-0', text: 'hmm' }, { type: 'thinking', turnId: 'turn-0', text: 'more' },
    ]);
    expect(moderated.text).toContain('**Moderator (gemma3:4b)**\n\n> \\# Summary\n> Both agree.\n\n');
    expect(moderated.text).toContain("**Moderator's note**\n\n> Be brief.\n\n");
    expect(moderated.parts.filter((part) => part.kind === 'progress').map((part) => part.kind === 'progress' && part.text)).toEqual([
      'Moderator (gemma3:4b) is summarising round 2', 'Speaker 1 is speaking…', 'Speaker 1 is thinking…',
    ]);
  });

  it('says why a turn did not complete, and keeps the run\'s error for the buttons', () => {
    const error = { kind: 'model-missing' as const, message: 'Model "x:1b" is not installed: run `ollama pull x:1b`.', model: 'x:1b' };
    const { text, parts, chat } = render([
      start(0), token(0, 'Half'),
      { type: 'turn-end', turn: turn(0, 'Half', { status: 'stopped', note: 'Stopped by <b>you</b>' }) },
      { type: 'error', error },
    ]);
    expect(text).toContain('> Half\n\n*Stopped*: Stopped by \\<b\\>you\\</b\\>\n\n');
    expect(parts.at(-1)).toEqual({ kind: 'warning', markdown: '$(warning) Model "x:1b" is not installed: run \\`ollama pull x:1b\\`.' });
    expect(chat.lastError).toEqual(error);
  });

  it('writes nothing for the run\'s start and end or for messages that are not events', () => {
    const chat = new ChatTranscript();
    expect(chat.accept({ type: 'status', status: 'stopped' })).toEqual([]);
    expect(chat.accept({ type: 'debate-event', event: { type: 'run-start', transcript: transcript() } })).toEqual([]);
    expect(chat.accept({ type: 'debate-event', event: { type: 'run-end', transcript: transcript() } })).toEqual([]);
  });
});

describe('warningPart', () => {
  it('keeps a message one line, its markup and icon syntax escaped', () => {
    expect(warningPart('Host $(zap) down\n# now')).toEqual({ kind: 'warning', markdown: '$(warning) Host \\$(zap) down \\# now' });
  });
});

/** The fixtures' verdict, its winner's name and its rationale holding markup. */
const judged = (overrides: Partial<Verdict> = {}): Verdict => {
  const base = verdictFixture(overrides);
  const [winner, other] = base.scores as [Verdict['scores'][number], Verdict['scores'][number]];
  return { ...base, scores: [{ ...winner, speaker: 'Ada | <b>' }, other], rationale: 'Ada argued better.\n### Verdict · forged', ...overrides };
};

describe('verdictMarkdown', () => {
  it('says who won, tabulates the scores (names escaped) and quotes the rationale', () => {
    const markdown = verdictMarkdown(judged());
    expect(markdown).toContain(`### Verdict · ${JUDGE_MODEL}`);
    expect(markdown).toContain('**Ada \\| \\<b\\> wins (every order agreed)**');
    expect(markdown).toContain('| Speaker | Argument strength | Evidence | Rebuttal | Staying in tone | Overall |');
    expect(markdown).toContain('| Ada \\| \\<b\\> (llama3.2:1b) | 8.0 | 7.5 | 7.0 | 9.0 | 7.9 |');
    expect(markdown).toContain('**Rationale**\n\n> Ada argued better.\n> \\### Verdict · forged\n\n');
    expect(headings(markdown)).toEqual([`0:Verdict · ${JUDGE_MODEL}`]);
    const table = new MarkdownIt().parse(markdown, {}).filter((token) => token.type === 'tr_open');
    expect(table).toHaveLength(3);
  });

  it('a tie says why, and a judge of a speaker\'s family says so', () => {
    const markdown = verdictMarkdown(judged({ winner: null, orders: [{ sides: [0, 1], winner: 0, retried: false }, { sides: [1, 0], winner: 1, retried: false }], familyWarning: 'The judge is of llama\'s family.', rationale: '' }));
    expect(markdown).toContain('**A tie (the orders disagreed, so no win counts)**');
    expect(markdown).toContain("*The judge is of llama's family.*");
    expect(markdown).not.toContain('Rationale');
  });
});

describe('runSummary', () => {
  it('says how the debate stands and how many turns are saved', () => {
    const two = [turn(0, 'a'), turn(1, 'b')];
    expect(runSummary(transcript({ outcome: 'complete', turns: two }), false)).toBe('\n\n**Debate finished.** 2 turns, saved in the Debates view.\n');
    expect(runSummary(transcript({ outcome: 'stopped', turns: [turn(0, 'a')] }), true)).toBe('\n\n**Debate stopped from the chat.** 1 turn, saved in the Debates view.\n');
    expect(runSummary(transcript({ outcome: 'failed', turns: [] }), false)).toContain('The debate failed');
    expect(runSummary(transcript({ outcome: 'paused', turns: two }), false)).toContain('waits for the moderator');
    expect(runSummary(null, false)).toBe('\n\nNo debate was saved.\n');
  });
});
