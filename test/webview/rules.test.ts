// The webview's pure rules (no DOM): where streamed markdown may be cut, form
// validation and limits, model matching and the words the panel shows.
import { describe, expect, it } from 'vitest';
import { parseWebviewMessage } from '../../extension/contract/protocol';
import { BlockSplitter } from '../../media/src/blockSplitter';
import { findInstalledModel, withDefaultModels } from '../../extension/contract/installed-models';
import {
  addSpeaker, clampExchanges, ORDER_CHOICES, readSavedDraft, removeSpeaker, REPETITION_RULE_TEXT, setupSummary, validateDraft,
} from '../../media/src/formRules';
import { continueLimit } from '../../extension/contract/limits';
import { continueLimitText } from '../../media/src/continueRules';
import { debateProgress, estimateTimeLeftMs, formatProgress, formatTimeLeft, mayEndEarly, turnNumber } from '../../media/src/progressRules';
import { roundOrder } from '../../engine/turn-order';
import { MAX_PANEL_EXCHANGES, MAX_SPEAKERS, MAX_TOPIC_CHARS, MIN_PANEL_EXCHANGES } from '../../extension/contract/limits';
import { MAX_EXCHANGES, MIN_EXCHANGES } from '../../engine/limits';
import { formatBytes, formatDuration } from '../../engine/format';
import { earlyEndNote, formatMetrics, formatModelDetails, formatPullProgress, statusText } from '../../media/src/format';
import { DEFAULT_REPETITION_RULE } from '../../engine/repetition';
import { MODELS, moderatorTurn, TONES, transcript, turn } from './fixtures';

/** Feeds `text` in pieces of `step` characters and returns the settled length after each piece. */
function settleSteps(text: string, step: number): number[] {
  const splitter = new BlockSplitter();
  const seen: number[] = [];
  for (let end = step; end < text.length + step; end += step) seen.push(splitter.advance(text.slice(0, end)));
  return seen;
}

function settledAll(text: string): number {
  return new BlockSplitter().advance(text);
}

describe('BlockSplitter', () => {
  it('settles a paragraph once the next block starts after a blank line', () => {
    expect(settledAll('First paragraph.\n')).toBe(0);
    expect(settledAll('First paragraph.\n\n')).toBe(0);
    expect(settledAll('First paragraph.\n\nSecond')).toBe(0); // the line is not complete yet
    expect(settledAll('First paragraph.\n\nSecond\n')).toBe('First paragraph.\n\n'.length);
  });

  it('never cuts inside a fenced code block, even at blank lines', () => {
    const text = 'Look:\n\n```js\nconst a = 1;\n\n\nconst b = 2;\n```\n\nAfter\n';
    expect(settledAll(text.slice(0, text.indexOf('const b')) + 'const b = 2;\n')).toBe('Look:\n\n'.length);
    expect(settledAll(text)).toBe(text.indexOf('After'));
    expect(settledAll('~~~~\n\ncode\n```\n\nstill code\n')).toBe(0); // a shorter or different fence does not close it
  });

  it('does not cut before an indented line (a list item continues, or indented code)', () => {
    expect(settledAll('- item\n\n  more of the item\n')).toBe(0);
    expect(settledAll('Text\n\n    indented code\n')).toBe(0);
    expect(settledAll('- a\n\n  b\n\nNext\n')).toBe('- a\n\n  b\n\n'.length);
  });

  it('gives the same cuts however the text is split into tokens', () => {
    const text = 'One *two*\n\n- a\n- b\n\n```\nx\n\ny\n```\n\nEnd of it.\n\nTail';
    const whole = settledAll(text);
    for (const step of [1, 2, 3, 7]) expect(settleSteps(text, step).at(-1)).toBe(whole);
    expect(whole).toBe(text.indexOf('End of it.')); // "Tail" is an unfinished line: not yet a safe cut
  });
});

describe('form rules', () => {
  const draft = { topic: '  Tabs or spaces?  ', speakers: [{ model: ' llama3.2:1b ', tone: 'Rational' }, { model: 'qwen2.5:7b', tone: 'Cynic' }], exchanges: 3 };

  it('turns a valid draft into a request the host accepts', () => {
    const result = validateDraft(draft);
    expect(result).toEqual({ ok: true, request: { topic: 'Tabs or spaces?', speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:7b', tone: 'Cynic' }], exchanges: 3 } });
    if (result.ok) expect(parseWebviewMessage({ type: 'start', request: result.request }).ok).toBe(true);
  });

  it('names the field to fix', () => {
    expect(validateDraft({ ...draft, topic: ' ' })).toMatchObject({ ok: false, field: 'topic' });
    expect(validateDraft({ ...draft, topic: 'x'.repeat(MAX_TOPIC_CHARS + 1) })).toMatchObject({ ok: false, field: 'topic' });
    expect(validateDraft({ ...draft, speakers: [draft.speakers[0]!, { model: '', tone: 'Cynic' }] }))
      .toEqual({ ok: false, field: 'speakers.1.model', message: 'Choose a model for Speaker 2.' });
    expect(validateDraft({ ...draft, speakers: [{ model: 'm', tone: '' }] })).toMatchObject({ ok: false, field: 'speakers.0.tone' });
  });

  it('keeps exchanges within 1-20, the engine\'s (and the CLI\'s) bounds of one run', () => {
    expect([clampExchanges(0), clampExchanges(4.4), clampExchanges(20), clampExchanges(21), clampExchanges(99), clampExchanges(Number.NaN)]).toEqual([1, 4, 20, 20, 20, 3]);
    expect([MIN_PANEL_EXCHANGES, MAX_PANEL_EXCHANGES]).toEqual([MIN_EXCHANGES, MAX_EXCHANGES]);
    expect(parseWebviewMessage({ type: 'start', request: { ...draft, exchanges: 20 } }).ok).toBe(true);
    expect(parseWebviewMessage({ type: 'start', request: { ...draft, exchanges: 21 } }).ok).toBe(false);
  });

  it('adds speakers (same model, next unused tone) up to six and removes down to one', () => {
    let current = { ...draft, speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }] };
    current = addSpeaker(current, TONES.map((tone) => tone.name));
    expect(current.speakers[1]).toEqual({ model: 'llama3.2:1b', tone: 'Philosopher' });
    for (let i = 0; i < 10; i += 1) current = addSpeaker(current, TONES.map((tone) => tone.name));
    expect(current.speakers).toHaveLength(MAX_SPEAKERS);
    for (let i = 0; i < 10; i += 1) current = removeSpeaker(current, 0);
    expect(current.speakers).toHaveLength(1);
  });

  it('reads back a saved draft only when its shape is usable', () => {
    expect(readSavedDraft({ topic: 't', speakers: [{ model: 'm', tone: 'Cynic' }, { bad: 1 }], exchanges: 42 }))
      .toEqual({ topic: 't', speakers: [{ model: 'm', tone: 'Cynic' }], exchanges: 20 });
    expect(readSavedDraft(undefined)).toBeNull();
    expect(readSavedDraft({ topic: 't', speakers: [], exchanges: 2 })).toBeNull();
    expect(readSavedDraft({ topic: 1, speakers: [], exchanges: 2 })).toBeNull();
  });
});

describe('models and words', () => {
  it('matches an untagged name to its ":latest" tag', () => {
    const models = [...MODELS, { ...MODELS[0]!, name: 'mistral:latest' }];
    expect(findInstalledModel(models, 'mistral')?.name).toBe('mistral:latest');
    expect(findInstalledModel(models, ' qwen2.5:7b ')?.name).toBe('qwen2.5:7b');
    expect(findInstalledModel(models, 'qwen2.5')).toBeUndefined();
    expect(findInstalledModel(models, '')).toBeUndefined();
  });

  it('defaults empty speakers to distinct installed models, keeping chosen ones', () => {
    const empty = (tone: string) => ({ model: '', tone });
    expect(withDefaultModels([empty('a'), empty('b'), empty('c'), empty('d')], MODELS).map((speaker) => speaker.model))
      .toEqual(['llama3.2:1b', 'qwen2.5:7b', 'gemma3:4b', 'llama3.2:1b']);
    expect(withDefaultModels([empty('a'), { model: 'llama3.2:1b', tone: 'b' }, empty('c')], MODELS))
      .toEqual([{ model: 'qwen2.5:7b', tone: 'a' }, { model: 'llama3.2:1b', tone: 'b' }, { model: 'gemma3:4b', tone: 'c' }]);
    expect(withDefaultModels([empty('a'), empty('b')], MODELS.slice(0, 1)).map((speaker) => speaker.model)).toEqual(['llama3.2:1b', 'llama3.2:1b']);
    const chosen = [{ model: 'mistral', tone: 'a' }];
    expect(withDefaultModels(chosen, MODELS)).toBe(chosen);
    const waiting = [empty('a')];
    expect(withDefaultModels(waiting, [])).toBe(waiting);
  });

  it('formats durations one way everywhere: ms under a second, tenths under a minute, then minutes', () => {
    expect([0, 420, 999.4, 999.6, 1234, 9_960, 59_949, 59_950, 65_000, 3_600_000].map(formatDuration))
      .toEqual(['0 ms', '420 ms', '999 ms', '1.0 s', '1.2 s', '10.0 s', '59.9 s', '1 min 0 s', '1 min 5 s', '60 min 0 s']);
  });

  it('formats sizes, details, pulls and metrics', () => {
    expect([formatBytes(512), formatBytes(1_321_098_329), formatBytes(123_456_789)]).toEqual(['512 B', '1.3 GB', '123 MB']);
    expect(formatModelDetails(MODELS[1]!)).toBe('7.6B · Q4_K_M · 4.7 GB');
    expect(formatModelDetails({ ...MODELS[1]!, parameterSize: null, quantization: null })).toBe('4.7 GB');
    expect(formatPullProgress({ status: 'pulling manifest', fraction: null, completedBytes: null, totalBytes: null })).toBe('pulling manifest');
    expect(formatPullProgress({ status: 'downloading', fraction: 0.5, completedBytes: 2e9, totalBytes: 4e9 })).toBe('downloading 50% of 4.0 GB');
    expect(formatMetrics({ timeToFirstTokenMs: 1234, durationMs: 5234, tokens: 100, tokensPerSecond: null, loadDurationMs: null, promptTokens: null }))
      .toBe('first token 1.2 s · 25.0 tokens/s · 100 tokens');
    expect(formatMetrics({ timeToFirstTokenMs: null, durationMs: 0, tokens: 1, tokensPerSecond: 12.34, loadDurationMs: null, promptTokens: null }))
      .toBe('12.3 tokens/s · 1 token');
  });

  it('words every status', () => {
    const context = { host: 'http://gpu-box:11434', speaking: 'Speaker 2 (qwen2.5:7b)' };
    expect(statusText('connecting', context)).toBe('Connecting to Ollama at http://gpu-box:11434…');
    expect(statusText('speaking', context)).toBe('Speaker 2 (qwen2.5:7b) is speaking…');
    expect(statusText('paused', context)).toContain('waits for the moderator');
    expect(statusText('interrupted', context)).toContain('resume');
    for (const status of ['idle', 'loading', 'done', 'stopped', 'failed'] as const) expect(statusText(status, context).length).toBeGreaterThan(0);
  });
});

describe('continue limits', () => {
  it('adds at most one run\'s exchanges, and never past 100 in all', () => {
    expect([0, 3, 80, 81, 97, 99, 100, 120].map(continueLimit)).toEqual([20, 20, 20, 19, 3, 1, 0, 0]);
  });

  it('says the limit beside the input, and why when the total caps it', () => {
    expect(continueLimitText(3)).toBe('(up to 20 at a time, 100 in all)');
    expect(continueLimitText(97)).toBe('(up to 3: a debate has at most 100 exchanges)');
    expect(continueLimitText(100)).toBe('This debate has 100 exchanges, the most a debate may have.');
  });
});

describe('the set-up in one line', () => {
  it('names the topic, each speaker\'s model and tone, and the exchanges', () => {
    const draft = { topic: '  Tabs\nor   spaces? ', speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:7b', tone: 'Cynic' }], exchanges: 3 };
    expect(setupSummary(draft)).toBe('Tabs or spaces? · llama3.2:1b (Rational), qwen2.5:7b (Cynic) · 3 exchanges');
    expect(setupSummary({ topic: '', speakers: [{ model: ' ', tone: '' }], exchanges: 1 })).toBe('No topic yet · no model · 1 exchange');
    expect(setupSummary({ ...draft, exchanges: 99 })).toContain('· 20 exchanges');
  });

  it('mentions a non-default order and the stop on repetition, never the defaults', () => {
    const draft = { topic: 'Tabs?', speakers: [{ model: 'm', tone: 'Cynic' }], exchanges: 2 };
    expect(setupSummary({ ...draft, order: 'round-robin', stopOnRepetition: false })).toBe('Tabs? · m (Cynic) · 2 exchanges');
    expect(setupSummary({ ...draft, order: 'random' })).toBe('Tabs? · m (Cynic) · 2 exchanges · random order');
    expect(setupSummary({ ...draft, order: 'reply', stopOnRepetition: true })).toBe('Tabs? · m (Cynic) · 2 exchanges · reply order · stops on repetition');
    expect(setupSummary({ ...draft, stopOnRepetition: true })).toBe('Tabs? · m (Cynic) · 2 exchanges · stops on repetition');
  });
});

describe('turn order and stopping early in the form', () => {
  const draft = { topic: 'Tabs?', speakers: [{ model: 'm', tone: 'Cynic' }, { model: 'n', tone: 'Rational' }], exchanges: 2 };

  it('offers every order the engine knows, in its order, round-robin first', () => {
    expect(ORDER_CHOICES.map((choice) => choice.kind)).toEqual(['round-robin', 'random', 'reply', 'simultaneous', 'moderator']);
    expect(ORDER_CHOICES.map((choice) => choice.label)).toEqual([
      'Round-robin — listed order', 'Random — reshuffled each round', 'Reply — each answers the one before',
      'Simultaneous — everyone answers the previous round at once; a blind first round', 'Moderator picks — the AI moderator chooses who speaks next',
    ]);
  });

  it('puts a chosen order and the stop in the request, and leaves the defaults out (a plain request stays as before)', () => {
    const plain = { topic: 'Tabs?', speakers: draft.speakers, exchanges: 2 };
    expect(validateDraft(draft)).toEqual({ ok: true, request: plain });
    expect(validateDraft({ ...draft, order: 'round-robin', stopOnRepetition: false })).toEqual({ ok: true, request: plain });
    expect(validateDraft({ ...draft, order: 'random', stopOnRepetition: true })).toEqual({ ok: true, request: { ...plain, order: 'random', stopOnRepetition: true } });
    expect(validateDraft({ ...draft, order: 'reply' })).toEqual({ ok: true, request: { ...plain, order: 'reply' } });
  });

  it('builds requests the host accepts, and the host refuses an order it does not know', () => {
    for (const order of ['round-robin', 'random', 'reply'] as const) {
      const result = validateDraft({ ...draft, order, stopOnRepetition: true });
      if (!result.ok) throw new Error(result.message);
      expect(parseWebviewMessage({ type: 'start', request: result.request }).ok, order).toBe(true);
    }
    const request = { topic: 'Tabs?', speakers: draft.speakers, exchanges: 2 };
    for (const bad of [{ order: 'alternating' }, { order: 'RANDOM' }, { order: 3 }, { stopOnRepetition: 'yes' }]) {
      expect(parseWebviewMessage({ type: 'start', request: { ...request, ...bad } }).ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('reads drafts saved before the order and the stop existed, and drops values it does not know', () => {
    expect(readSavedDraft(draft)).toEqual(draft);
    expect(readSavedDraft({ ...draft, order: 'reply', stopOnRepetition: true })).toEqual({ ...draft, order: 'reply', stopOnRepetition: true });
    expect(readSavedDraft({ ...draft, order: 'alternating', stopOnRepetition: 'yes' })).toEqual(draft);
    expect(readSavedDraft({ ...draft, order: null, stopOnRepetition: 1 })).toEqual(draft);
  });

  it('says the repetition rule the engine applies', () => {
    const { threshold, ngram } = DEFAULT_REPETITION_RULE;
    expect(REPETITION_RULE_TEXT).toBe(`${Math.round(threshold * 100)}% of a reply's ${ngram}-word runs already said by that speaker`);
  });
});

describe('a debate that ended early', () => {
  const context = { host: 'http://127.0.0.1:11434', speaking: null };

  it('says what ended it: the stop note of a repetition, a plain finish otherwise', () => {
    const note = 'Speaker 1 repeated 100% of their reply from exchange 1 in exchange 2.';
    expect(earlyEndNote({ stopReason: 'repetition', stopNote: note })).toBe(note);
    expect(earlyEndNote({ stopReason: 'repetition' })).toBe('A speaker repeated an earlier reply.');
    for (const stopReason of ['exchanges', 'user', 'error', null] as const) {
      expect(earlyEndNote({ stopReason, stopNote: note }), String(stopReason)).toBeNull();
    }
    // The person's "End debate" gives no reason; the AI moderator's closing does (setup-moderator-rules.test.ts).
    expect(earlyEndNote({ stopReason: 'moderator' })).toBeNull();
    expect(earlyEndNote(null)).toBeNull();
    expect(statusText('done', { ...context, earlyEnd: note })).toBe(`Debate ended early: ${note}`);
    expect(statusText('done', { ...context, earlyEnd: null })).toBe('Debate finished.');
    expect(statusText('done', context)).toBe('Debate finished.');
  });
});

describe('progress', () => {
  // Three speakers, three exchanges: nine turns.
  const speakers = [...transcript().speakers, { name: 'Speaker 3', model: 'gemma3:4b', tone: 'Philosopher' }];
  const plan = (turns: ReturnType<typeof transcript>['turns'], exchanges = 3) => transcript({ speakers, exchanges, turns });
  const spoken = (exchange: number, speakerIndex: number, status: 'complete' | 'failed' = 'complete') =>
    ({ ...turn(0, 'x', status), id: `t-${exchange}-${speakerIndex}`, exchange, speakerIndex });

  it('numbers a turn by its place in the plan: round by round, each speaker in order', () => {
    expect([turnNumber(1, 0, 3), turnNumber(1, 2, 3), turnNumber(2, 0, 3), turnNumber(2, 1, 3), turnNumber(10, 5, 6)]).toEqual([1, 3, 4, 5, 60]);
  });

  it('counts the live turn while one streams', () => {
    expect(debateProgress(plan([spoken(1, 0), spoken(1, 1), spoken(1, 2)]), { exchange: 2, speakerIndex: 1 }, true))
      .toEqual({ round: 2, rounds: 3, turn: 5, turns: 9, atMost: false });
    expect(formatProgress({ round: 2, rounds: 10, turn: 8, turns: 60, atMost: false })).toBe('Round 2 of 10 · turn 8 of 60');
  });

  it('counts the turn about to speak while a run waits for it, moderator notes not counted', () => {
    expect(debateProgress(plan([]), null, true)).toEqual({ round: 1, rounds: 3, turn: 1, turns: 9, atMost: false });
    expect(debateProgress(plan([spoken(1, 0), moderatorTurn('n', 'Shorter.'), spoken(1, 1)]), null, true)).toEqual({ round: 1, rounds: 3, turn: 3, turns: 9, atMost: false });
    // A failed turn is spoken again: the same number, not the next.
    expect(debateProgress(plan([spoken(1, 0), spoken(1, 1, 'failed')]), null, true)).toEqual({ round: 1, rounds: 3, turn: 2, turns: 9, atMost: false });
  });

  it('counts the last turn spoken once the debate stands still; nothing before any', () => {
    const all = [1, 2, 3].flatMap((exchange) => [0, 1, 2].map((index) => spoken(exchange, index)));
    expect(debateProgress(plan(all), null, false)).toEqual({ round: 3, rounds: 3, turn: 9, turns: 9, atMost: false });
    // A run whose planned turns are all spoken (its end not yet here) says the same.
    expect(debateProgress(plan(all), null, true)).toEqual({ round: 3, rounds: 3, turn: 9, turns: 9, atMost: false });
    expect(debateProgress(plan([spoken(1, 0)]), null, false)).toEqual({ round: 1, rounds: 3, turn: 1, turns: 9, atMost: false });
    expect(debateProgress(plan([]), null, false)).toBeNull();
  });

  it('numbers by the place in the round of the debate\'s turn order, not by the speaker\'s index', () => {
    // Seed 1 shuffles round 1 to [1, 2, 0] and round 2 to [1, 0, 2]: index and place differ.
    const random = { ...plan([spoken(1, 2)]), order: { kind: 'random' as const, seed: 1 } };
    const rounds = [1, 2].map((round) => roundOrder(random.order, round, 3));
    expect(rounds).toEqual([[1, 2, 0], [1, 0, 2]]);
    // The first speaker of round 2, whoever it is, speaks turn 4; the last of round 1 spoke turn 3.
    expect(debateProgress(random, { exchange: 2, speakerIndex: rounds[1]![0]! }, true)).toMatchObject({ round: 2, turn: 4 });
    expect(debateProgress({ ...random, turns: [spoken(1, rounds[0]![2]!)] }, null, false)).toMatchObject({ round: 1, turn: 3 });
  });

  it('says "of at most" while a stop condition may end the debate sooner', () => {
    const stopOn = { repetition: { threshold: 0.6, ngram: 4 } };
    const conditioned = { ...plan([spoken(1, 0)]), stopOn };
    const progress = debateProgress(conditioned, { exchange: 1, speakerIndex: 1 }, true);
    expect(progress).toEqual({ round: 1, rounds: 3, turn: 2, turns: 9, atMost: true });
    expect(formatProgress(progress!)).toBe('Round 1 of 3 · turn 2 of at most 9');
    expect(mayEndEarly({ stopOn, outcome: 'stopped' })).toBe(true);
    // Ended, or nothing but the exchange count to end it: plain "of".
    expect(mayEndEarly({ stopOn, outcome: 'complete' })).toBe(false);
    expect(mayEndEarly({ stopOn: {}, outcome: 'running' })).toBe(false);
    expect(mayEndEarly({ outcome: 'running' })).toBe(false);
  });

  it('never counts past the plan: a plan cut below the turn counted grows to it', () => {
    expect(debateProgress(plan([], 1), { exchange: 2, speakerIndex: 0 }, true)).toEqual({ round: 2, rounds: 2, turn: 4, turns: 6, atMost: false });
  });
});

describe('time left', () => {
  it('has no estimate before a turn of this run finished', () => {
    expect(estimateTimeLeftMs({ finishedTurnsMs: [], turnsAfter: 5, currentElapsedMs: 1_000 })).toBeNull();
    expect(estimateTimeLeftMs({ finishedTurnsMs: [0, Number.NaN], turnsAfter: 5, currentElapsedMs: null })).toBeNull();
  });

  it('takes the average finished turn for each turn left, less what the turn under way has used', () => {
    // Average 30 s; four turns after this one; this one 10 s in: 4 × 30 + 20.
    expect(estimateTimeLeftMs({ finishedTurnsMs: [20_000, 40_000], turnsAfter: 4, currentElapsedMs: 10_000 })).toBe(140_000);
    // About to speak: the whole of the next turn counts.
    expect(estimateTimeLeftMs({ finishedTurnsMs: [30_000], turnsAfter: 4, currentElapsedMs: null })).toBe(150_000);
    // A turn running past the average counts as ending now.
    expect(estimateTimeLeftMs({ finishedTurnsMs: [30_000], turnsAfter: 2, currentElapsedMs: 90_000 })).toBe(60_000);
    expect(estimateTimeLeftMs({ finishedTurnsMs: [30_000], turnsAfter: 0, currentElapsedMs: 90_000 })).toBe(0);
  });

  it('words it as a person would', () => {
    expect([0, 29_000, 31_000, 179_000, 3_540_000, 3_600_000, 4_800_000].map(formatTimeLeft)).toEqual([
      'less than a minute left', 'less than a minute left', 'about 1 min left', 'about 3 min left', 'about 59 min left', 'about 1 h left', 'about 1 h 20 min left',
    ]);
  });
});
