import { describe, expect, it } from 'vitest';
import { colorEnabled, createStyle } from '../../engine/cli/color';
import { formatBytes } from '../../engine/format';
import { tallyVotes } from '../../engine/closing';
import { voteText } from '../../engine/cli/vote-text';
import {
  debateSettingsLine,
  formatDate,
  jsonForTerminal,
  libraryJson,
  libraryTable,
  metricsLine,
  promptPart,
  turnFooter,
  moderatorBlock,
  moderatorTurnBlock,
  modelsTable,
  oneLine,
  sanitizeForTerminal,
  tonesList,
  transcriptText,
  turnLabel,
} from '../../engine/cli/render';
import type { LibraryEntry } from '../../engine/library/library';
import type { DebateMeta } from '../../engine/library/meta';
import type { SpeakerTurn, Transcript } from '../../engine/types';
import { aiTurn, closingTurn, END_SPEAKERS, endedWell } from '../engine/debate-end-fixtures';

const plain = createStyle(false);

function turn(overrides: Partial<SpeakerTurn> = {}): SpeakerTurn {
  return {
    kind: 'speaker',
    id: 't1',
    exchange: 1,
    speakerIndex: 0,
    speaker: 'Speaker 1',
    model: 'llama3.2:1b',
    tone: 'Cynic',
    text: 'Hello.',
    status: 'complete',
    metrics: { timeToFirstTokenMs: 212, durationMs: 1530, tokens: 42, tokensPerSecond: 35.25, loadDurationMs: 0.2, promptTokens: 30 },
    ...overrides,
  };
}

describe('colorEnabled', () => {
  it('colours a terminal unless --no-color or NO_COLOR says otherwise', () => {
    expect(colorEnabled({ noColorFlag: false, env: {}, isTTY: true })).toBe(true);
    expect(colorEnabled({ noColorFlag: true, env: {}, isTTY: true })).toBe(false);
    expect(colorEnabled({ noColorFlag: false, env: { NO_COLOR: '1' }, isTTY: true })).toBe(false);
    expect(colorEnabled({ noColorFlag: false, env: { NO_COLOR: '' }, isTTY: true })).toBe(true);
    expect(colorEnabled({ noColorFlag: false, env: {}, isTTY: false })).toBe(false);
  });

  it('styles with ANSI codes only when enabled', () => {
    expect(plain.bold('x') + plain.dim('y') + plain.speaker(2, 'z')).toBe('xyz');
    const colored = createStyle(true);
    expect(colored.bold('x')).toBe('\u001b[1mx\u001b[22m');
    expect(colored.speaker(0, 'a')).not.toBe(colored.speaker(1, 'a'));
  });
});

describe('sanitizeForTerminal', () => {
  it('drops escape sequences and other control characters, keeps text, newlines, tabs and emoji', () => {
    expect(sanitizeForTerminal('a\u001b[2J\u001b]0;pwned\u0007b\r\nc\td 🎉 é\u009b')).toBe('a[2J]0;pwnedb\nc\td 🎉 é');
  });

  it.each([
    ['CSI in 7 bits', 'a\u001b[31mb', 'a[31mb'],
    ['OSC retitling the terminal', 'a\u001b]0;pwned\u0007b', 'a]0;pwnedb'],
    ['CSI in 8 bits (C1)', 'a\u009b2Jb\u0085c', 'a2Jbc'],
    ['a lone CR overwriting the line', 'safe\rrm -rf', 'saferm -rf'],
    ['bidi overrides (Trojan Source)', 'a\u202eevil\u202cb\u202ax\u202bz\u202dy', 'aevilbxzy'],
    ['bidi isolates', '\u2066a\u2067b\u2068c\u2069', 'abc'],
    ['DEL, NUL, form feed, vertical tab', 'a\u007fb\u0000c\u000cd\u000be', 'abcde'],
  ])('drops %s', (_label, text, shown) => {
    expect(sanitizeForTerminal(text)).toBe(shown);
    expect(oneLine(text)).toBe(shown.replace(/\s+/g, ' '));
  });

  it('keeps right-to-left text and its plain marks', () => {
    expect(sanitizeForTerminal('שלום \u200fعالم\u200e')).toBe('שלום \u200fعالم\u200e');
  });

  it('oneLine collapses a message to a single line', () => {
    expect(oneLine(' Ollama is not running.\nStart it with `ollama serve`. ')).toBe('Ollama is not running. Start it with `ollama serve`.');
  });
});

describe('formatting', () => {
  it('prints sizes in decimal units like `ollama list`', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_300_000_000)).toBe('1.3 GB');
    expect(formatBytes(397_821_319)).toBe('398 MB');
    expect(formatBytes(4_000)).toBe('4.0 KB');
  });

  it('labels a turn with speaker, model, tone and exchange', () => {
    expect(turnLabel({ speakerIndex: 1, speaker: 'Speaker 2', model: 'qwen2.5:0.5b', tone: 'Polite', exchange: 2 }, 3, plain)).toBe(
      'Speaker 2 (qwen2.5:0.5b, Polite) · exchange 2 of 3',
    );
  });

  it('summarises a turn from Ollama figures and skips unknown ones', () => {
    expect(metricsLine(turn(), plain)).toBe('42 tokens · 35.3 tokens/s · first token 212 ms · prompt 30 tokens · 1.5 s in all');
    const loaded = turn({ metrics: { timeToFirstTokenMs: null, durationMs: 2500, tokens: 3, tokensPerSecond: null, loadDurationMs: 2000, promptTokens: null } });
    expect(metricsLine(loaded, plain)).toBe('3 tokens · model load 2.0 s · 2.5 s in all');
  });

  it('says when a complete turn was cut at the reply cap', () => {
    const cut = turn({ note: 'Cut at 1,000,000 characters, the longest reply allowed; the model was stopped there.' });
    expect(metricsLine(cut, plain)).toBe('42 tokens · 35.3 tokens/s · first token 212 ms · prompt 30 tokens · 1.5 s in all · Cut at 1,000,000 characters, the longest reply allowed; the model was stopped there.');
  });

  it('counts one token in the singular', () => {
    const one = turn({ metrics: { timeToFirstTokenMs: null, durationMs: 40, tokens: 1, tokensPerSecond: null, loadDurationMs: null, promptTokens: null } });
    expect(metricsLine(one, plain)).toBe('1 token · 40 ms in all');
  });

  it('keeps control characters in names, models and tones off the terminal', () => {
    expect(turnLabel({ speakerIndex: 0, speaker: 'Ada\u001b[2J', model: 'm\u0007', tone: 'Cy\nnic', exchange: 1 }, 1, plain)).toBe(
      'Ada[2J (m, Cy nic) · exchange 1 of 1',
    );
  });

  it('says why a turn did not complete', () => {
    expect(metricsLine(turn({ status: 'stopped' }), plain)).toMatch(/ · stopped$/);
    expect(metricsLine(turn({ status: 'failed', note: 'The connection\ndropped.' }), plain)).toMatch(/ · failed: The connection dropped\.$/);
  });

  it('aligns the models table', () => {
    const table = modelsTable([
      { name: 'llama3.2:1b', sizeBytes: 1_321_098_329, parameterSize: '1.2B', quantization: 'Q8_0', family: 'llama', modifiedAt: null },
      { name: 'qwen2.5:0.5b', sizeBytes: 397_821_319, parameterSize: null, quantization: null, family: null, modifiedAt: null },
    ]);
    expect(table.split('\n')).toEqual([
      'NAME          SIZE    PARAMETERS  QUANTISATION',
      'llama3.2:1b   1.3 GB  1.2B        Q8_0',
      'qwen2.5:0.5b  398 MB  -           -',
    ]);
  });

  it('lists tones with their prompts and marks the default', () => {
    const text = tonesList([{ name: 'Rational', prompt: 'Be logical.' }, { name: 'Pirate', prompt: 'Arr.\nMatey.' }], 'Rational', plain);
    expect(text).toBe('Rational (default)\n  Be logical.\n\nPirate\n  Arr.\n  Matey.');
  });
});

const META: DebateMeta = {
  schema: 1,
  id: '20260115-093012-a3f9c2',
  title: null,
  topic: 'Tea\u001b]0;x\u0007 or coffee?',
  speakers: [{ name: 'Speaker 1', model: 'llama3.2:1b', tone: 'Cynic', tonePrompt: 'Be dry.' }],
  exchanges: 2,
  settings: {},
  createdAt: '2026-01-15T09:30:12.000Z',
  updatedAt: '2026-01-15T09:31:00.000Z',
  endedAt: '2026-01-15T09:31:00.000Z',
  outcome: 'complete',
  stopReason: 'exchanges',
  turnCount: 2,
};

const ENTRIES: LibraryEntry[] = [
  {
    id: '20260116-100000-bbbbbb',
    ok: true,
    meta: { ...META, id: '20260116-100000-bbbbbb', topic: 'Tea or coffee?', parentId: META.id, forkedAtTurn: 1, turnCount: 3, outcome: 'running' },
    outcome: 'interrupted',
    lockedBy: null,
    parentMissing: false,
  },
  { id: '20260115-120000-cccccc', ok: false, problem: 'invalid-json', reason: 'meta.json is not valid JSON' },
  { id: META.id, ok: true, meta: META, outcome: 'complete', lockedBy: null, parentMissing: false },
];

describe('the library list', () => {
  it('is a table of id, date, outcome, turns and topic, with branches and damaged debates marked', () => {
    const lines = libraryTable(ENTRIES).split('\n');
    expect(lines[0]).toMatch(/^ID\s+DATE\s+OUTCOME\s+TURNS\s+TOPIC$/);
    expect(lines[1]).toMatch(/^20260116-100000-bbbbbb\s+2026-01-1\d \d\d:\d\d\s+interrupted\s+3\s+↳ branch of 20260115-093012-a3f9c2 at turn 1: Tea or coffee\?$/);
    expect(lines[2]).toMatch(/^20260115-120000-cccccc\s+-\s+damaged\s+-\s+meta\.json is not valid JSON$/);
    expect(lines[3]).toMatch(/^20260115-093012-a3f9c2\s+\S+ \S+\s+complete\s+2\s+Tea\]0;x or coffee\?$/);
    expect(libraryTable(ENTRIES)).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('as JSON: id, topic, outcome, turns, createdAt, parentId for a branch, and the reason of a damaged debate', () => {
    const [branch, damaged, root] = libraryJson(ENTRIES) as Record<string, unknown>[];
    expect(branch).toMatchObject({ id: '20260116-100000-bbbbbb', topic: 'Tea or coffee?', outcome: 'interrupted', turns: 3, createdAt: META.createdAt, parentId: META.id, forkedAtTurn: 1 });
    expect(damaged).toEqual({ id: '20260115-120000-cccccc', damaged: true, reason: 'meta.json is not valid JSON' });
    expect(root).toMatchObject({ id: META.id, outcome: 'complete', turns: 2, speakers: [{ name: 'Speaker 1', model: 'llama3.2:1b', tone: 'Cynic' }] });
    expect(root).not.toHaveProperty('parentId');
    expect(root).not.toHaveProperty('title');
  });

  it('escapes control characters inside JSON strings, which still parse to the same text', () => {
    const json = JSON.stringify({ topic: 'a\u001b[2J\u009bb\u007f\u202e\u2066x' });
    const safe = jsonForTerminal(json);
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(safe).toContain('\\u202e\\u2066x');
    expect(JSON.parse(safe)).toEqual(JSON.parse(json));
  });

  it('dates in local time, an unreadable date as it is', () => {
    expect(formatDate('2026-01-15T09:30:12.000Z')).toMatch(/^2026-01-1\d \d\d:\d\d$/);
    expect(formatDate('soon\u001b')).toBe('soon');
  });
});

describe('a saved transcript', () => {
  const transcript: Transcript = {
    id: META.id,
    topic: 'Tea?',
    speakers: [{ name: 'Speaker 1', model: 'llama3.2:1b', tone: 'Cynic' }, { name: 'Speaker 2', model: 'qwen2.5:0.5b', tone: 'Polite' }],
    exchanges: 1,
    startedAt: META.createdAt,
    endedAt: null,
    turns: [
      turn({ text: 'Tea.\u001b[31m' }),
      { kind: 'moderator', id: 'm1', exchange: 1, text: 'Be brief.', createdAt: META.createdAt },
      turn({ id: 't2', speaker: 'Speaker 2', speakerIndex: 1, model: 'qwen2.5:0.5b', tone: 'Polite', text: 'Coff', status: 'stopped', note: 'Cut off: the process ended.' }),
    ],
    outcome: 'interrupted',
    stopReason: null,
    parentId: '20260101-000000-aaaaaa',
    forkedAtTurn: 2,
  };

  it('numbers every turn as branch --at counts them, sets the moderator apart and marks a cut-off turn', () => {
    const text = transcriptText(transcript, plain);
    expect(text).toContain('Topic: Tea?');
    expect(text).toContain(`Debate ${META.id} · `);
    expect(text).toContain('1 exchange · interrupted');
    expect(text).toContain('Branch of 20260101-000000-aaaaaa from turn 2');
    expect(text).toContain('Speakers: Speaker 1 (llama3.2:1b, Cynic); Speaker 2 (qwen2.5:0.5b, Polite)');
    expect(text).toContain('1. Speaker 1 (llama3.2:1b, Cynic) · exchange 1 of 1\nTea.[31m\n42 tokens');
    expect(text).toContain('2. Moderator: Be brief.');
    expect(text).toMatch(/3\. Speaker 2 \(qwen2\.5:0\.5b, Polite\) · exchange 1 of 1\nCoff\n.* · stopped: Cut off: the process ended\.$/);
    expect(text).not.toContain('\u001b');
  });

  it('prints a moderator note like the speakers receive it, later lines indented', () => {
    expect(moderatorBlock(' Stay on topic.\nAnd be brief. ', plain)).toBe('Moderator: Stay on topic.\n  And be brief.');
  });
});

describe('the AI moderator, closing statements, the vote and the debate settings', () => {
  const transcript = endedWell();
  const closing = (index: number, answer: string): SpeakerTurn => closingTurn(index, { position: 'p', answer });

  it("labels AI moderator turns with the model and purpose, the person's notes as before, and closing statements", () => {
    const text = transcriptText(transcript, plain);
    for (const line of [
      '1. Moderator (gemma3:4b) · framing the question: What makes a drink better: taste, health or cost?',
      '5. Moderator (gemma3:4b) · summary of round 1: Two for tea, one for coffee.',
      '6. Moderator: A note of my own.',
      '7. Moderator (gemma3:4b) · closing the debate: The speakers agree enough; closing.',
      '8. Ada (llama3.2:1b, Cynic) · Closing statement\nPosition: Tea is kinder.\nAnswer: Tea.',
      '10. Cy (llama3.2:1b, Rational) · Closing statement',
      'complete (ended when the speakers agreed: The moderator found that the speakers agree.)',
    ]) {
      expect(text).toContain(line);
    }
  });

  it("keeps control characters in the AI moderator's model and words off the terminal", () => {
    const hostile = aiTurn('s', 2, 'summary', 'Tea was argued.\n\u001b[2JAll agree.', 'gemma3:4b\u202e\u001b]0;x\u0007');
    expect(moderatorTurnBlock(hostile, plain)).toBe('Moderator (gemma3:4b]0;x) · summary of round 2: Tea was argued.\n  [2JAll agree.');
  });

  it('says how the debate runs under its speakers: order, moderator (no host), stop conditions with thresholds, closing statements', () => {
    const text = transcriptText(transcript, plain);
    expect(text).toContain(
      'Order: simultaneous (every speaker answers the previous round at once) · Moderator: gemma3:4b · Stop conditions: repetition (embedding similarity ≥ 0.92, by nomic-embed-text); consensus (as the moderator finds it) · Closing statements: yes, tallied as a vote',
    );
    expect(text).not.toContain('secret');
    expect(debateSettingsLine({ order: { kind: 'random', seed: 7 }, stopOn: { repetition: { threshold: 0.6, ngram: 3 }, consensus: { model: 'qwen3:8b' } } })).toBe(
      'Order: random (seed 7) · Stop conditions: repetition (3-word runs shared ≥ 0.6); consensus (as qwen3:8b finds it)',
    );
    expect(debateSettingsLine({ order: { kind: 'moderator' }, moderator: { model: 'g\u001b[31m\nx' } })).toBe('Order: moderator (the AI moderator picks who speaks next) · Moderator: g[31m x');
    expect(debateSettingsLine({ order: { kind: 'round-robin' } })).toBe('');
    expect(transcriptText({ ...transcript, order: undefined, moderator: undefined, stopOn: undefined, closingStatements: undefined }, plain)).not.toContain('Order:');
  });

  it('tallies the vote of the closing statements, answers sanitised', () => {
    const tally = tallyVotes(transcript.turns, transcript.speakers);
    expect(voteText(tally, plain)).toBe(
      ['Vote of the closing statements (3 statements)', '  Tea.  2  Ada, Bob', 'Result: majority for "Tea." (2 of 3)', 'No answer from Cy'].join('\n'),
    );
    const hostile = tallyVotes([closing(0, 'Ja\u001b[2J\nwohl'), closing(1, 'Nein')], END_SPEAKERS.slice(0, 2));
    expect(voteText(hostile, plain)).toBe(['Vote of the closing statements (2 statements)', '  Ja[2J wohl  1  Ada', '  Nein        1  Bob', 'Result: no majority'].join('\n'));
  });

  it('lists an early end in the outcome column, and the moderator and closing statements in the JSON list', () => {
    const entry: LibraryEntry = {
      id: META.id,
      ok: true,
      meta: { ...META, stopReason: 'consensus', order: { kind: 'moderator', picks: [[1, 0]] }, moderator: { model: 'gemma3:4b', host: 'http://u:pw@h:1' }, closingStatements: true },
      outcome: 'complete',
      lockedBy: null,
      parentMissing: false,
    };
    expect(libraryTable([entry]).split('\n')[1]).toMatch(/\scomplete \(consensus\)\s+2\s/);
    expect(libraryTable([{ ...entry, meta: { ...entry.meta, stopReason: 'repetition' } }])).toContain('complete (repetition)');
    expect(libraryTable(ENTRIES)).not.toContain('(');
    const [listed] = libraryJson([entry]) as Record<string, unknown>[];
    expect(listed).toMatchObject({ order: 'moderator', moderator: 'gemma3:4b', closingStatements: true, stopReason: 'consensus' });
    expect(JSON.stringify(listed)).not.toContain('pw@');
  });
});

describe('the prompt a turn was sent, and context left out', () => {
  const metrics = { timeToFirstTokenMs: 230, durationMs: 2000, tokens: 80, tokensPerSecond: 41, loadDurationMs: null, promptTokens: 1840 };

  it('says the prompt tokens, the cached part and the window, each only when Ollama said it', () => {
    expect(promptPart({ ...metrics, cachedPromptTokens: 1620, contextWindow: 8192 })).toBe('prompt 1,840 tokens (1,620 cached) of 8,192');
    expect(promptPart({ ...metrics, cachedPromptTokens: 0, contextWindow: 4096 })).toBe('prompt 1,840 tokens (0 cached) of 4,096');
    expect(promptPart({ ...metrics, contextWindow: 8192 })).toBe('prompt 1,840 tokens of 8,192');
    expect(promptPart({ ...metrics, promptTokens: 1 })).toBe('prompt 1 token');
    expect(promptPart({ ...metrics, promptTokens: null, contextWindow: 8192 })).toBeNull();
    expect(metricsLine(turn({ metrics: { ...metrics, cachedPromptTokens: 1620, contextWindow: 8192 } }), plain)).toBe(
      '80 tokens · 41.0 tokens/s · first token 230 ms · prompt 1,840 tokens (1,620 cached) of 8,192 · 2.0 s in all',
    );
  });

  it('adds a dim note under a turn whose request left earlier turns out or shortened them, and none otherwise', () => {
    const line = metricsLine(turn(), plain);
    expect(turnFooter(turn(), plain)).toBe(line);
    expect(turnFooter(turn({ contextTrim: { leftOutTurns: 0, shortenedTurns: 0 } }), plain)).toBe(line);
    expect(turnFooter(turn({ contextTrim: { leftOutTurns: 3, shortenedTurns: 0 } }), plain)).toBe(`${line}\n(3 earlier turns left out to fit the context window)`);
    expect(turnFooter(turn({ contextTrim: { leftOutTurns: 0, shortenedTurns: 1 } }), plain)).toBe(`${line}\n(1 earlier turn shortened to fit the context window)`);
    expect(turnFooter(turn({ contextTrim: { leftOutTurns: 1, shortenedTurns: 2 } }), plain)).toBe(
      `${line}\n(1 earlier turn left out, 2 earlier turns shortened to fit the context window)`,
    );
    const dim = createStyle(true);
    expect(turnFooter(turn({ contextTrim: { leftOutTurns: 2, shortenedTurns: 0 } }), dim)).toContain(dim.dim('(2 earlier turns left out to fit the context window)'));
  });

  it('shows the debate language among the settings, made safe for the terminal', () => {
    expect(debateSettingsLine({ language: 'French' })).toBe('Language: French');
    expect(debateSettingsLine({ language: 'Fr\u001b[2Jench' })).toBe('Language: Fr[2Jench');
    expect(debateSettingsLine({})).toBe('');
  });
});
