import { describe, expect, it } from 'vitest';
import { readTimings, turnMetrics } from '../../engine/metrics';

describe('turn metrics', () => {
  it("reads Ollama's final-chunk fields and converts nanoseconds", () => {
    const timings = readTimings({ done: true, eval_count: 50, eval_duration: 2e9, load_duration: 3.5e6, prompt_eval_count: 120, model_provider: 'ollama' });
    expect(turnMetrics({ startedAt: 1000, firstTokenAt: 1250, endedAt: 3400, chunks: 48 }, timings)).toEqual({
      timeToFirstTokenMs: 250,
      durationMs: 2400,
      tokens: 50,
      tokensPerSecond: 25,
      loadDurationMs: 3.5,
      promptTokens: 120,
    });
  });

  it('falls back to counted chunks and nulls when there was no final chunk', () => {
    expect(readTimings({ done: false, eval_count: 5 })).toBeNull();
    expect(readTimings(undefined)).toBeNull();
    expect(turnMetrics({ startedAt: 0, firstTokenAt: null, endedAt: 10, chunks: 7 }, null)).toEqual({
      timeToFirstTokenMs: null,
      durationMs: 10,
      tokens: 7,
      tokensPerSecond: null,
      loadDurationMs: null,
      promptTokens: null,
    });
  });

  it('ignores malformed fields and a zero eval duration', () => {
    const timings = readTimings({ done: true, eval_count: 'many', eval_duration: 0, load_duration: -1 });
    expect(turnMetrics({ startedAt: 0, firstTokenAt: 1, endedAt: 2, chunks: 3 }, timings)).toMatchObject({ tokens: 3, tokensPerSecond: null, loadDurationMs: null });
  });
});
