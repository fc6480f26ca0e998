// The webview's pure rules (no DOM): where streamed markdown may be cut, form
// validation and limits, model matching and the words the panel shows.
import { describe, expect, it } from 'vitest';
import { parseWebviewMessage } from '../../extension/contract/protocol';
import { BlockSplitter } from '../../media/src/blockSplitter';
import { findInstalledModel, withDefaultModels } from '../../extension/contract/installed-models';
import {
  addSpeaker, clampExchanges, readSavedDraft, removeSpeaker, validateDraft,
} from '../../media/src/formRules';
import { MAX_SPEAKERS, MAX_TOPIC_CHARS } from '../../extension/contract/limits';
import { formatBytes, formatDuration } from '../../engine/format';
import { formatMetrics, formatModelDetails, formatPullProgress, statusText } from '../../media/src/format';
import { MODELS, TONES } from './fixtures';

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

  it('keeps exchanges within 1-10', () => {
    expect([clampExchanges(0), clampExchanges(4.4), clampExchanges(99), clampExchanges(Number.NaN)]).toEqual([1, 4, 10, 3]);
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
      .toEqual({ topic: 't', speakers: [{ model: 'm', tone: 'Cynic' }], exchanges: 10 });
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
