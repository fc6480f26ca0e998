// The context meter's words, without a browser: the figures it reads from a turn's metrics,
// when it warns, and the note on earlier turns left out or shortened.
import { describe, expect, it } from 'vitest';
import { contextTrimText, contextUseOf, contextUseText, fullWindowText } from '../../media/src/contextMeterRules';

describe('contextUseOf', () => {
  it('reads the prompt, the cached part and the window; nothing without a prompt count or a window (older turns)', () => {
    expect(contextUseOf({ promptTokens: 1840, cachedPromptTokens: 1620, contextWindow: 8192 })).toEqual({ prompt: 1840, window: 8192, cached: 1620, full: false });
    expect(contextUseOf({ promptTokens: 1840, contextWindow: 8192 })).toEqual({ prompt: 1840, window: 8192, cached: null, full: false });
    expect(contextUseOf({ promptTokens: null, contextWindow: 8192 })).toBeNull();
    expect(contextUseOf({ promptTokens: 80 })).toBeNull();
    expect(contextUseOf({ promptTokens: 80, contextWindow: 0 })).toBeNull();
  });

  it('counts the window full from 95% of it', () => {
    const full = (promptTokens: number) => contextUseOf({ promptTokens, contextWindow: 8192 })?.full;
    expect(full(7782)).toBe(false);
    expect(full(7783)).toBe(true);
    expect(full(8192)).toBe(true);
    expect(full(0)).toBe(false);
  });
});

describe('the meter\'s words', () => {
  it('say the prompt against the window, with the cached part when Ollama said it', () => {
    expect(contextUseText({ prompt: 1840, window: 8192, cached: 1620, full: false })).toBe('prompt 1,840 / 8,192 tokens (1,620 cached)');
    expect(contextUseText({ prompt: 12, window: 1_048_576, cached: null, full: false })).toBe('prompt 12 / 1,048,576 tokens');
    expect(contextUseText({ prompt: 900, window: 2048, cached: 0, full: false })).toBe('prompt 900 / 2,048 tokens (0 cached)');
    expect(fullWindowText({ prompt: 8100, window: 8192, cached: null, full: true })).toBe('The prompt filled 99% of the window: Ollama may have cut its start.');
  });

  it('note earlier turns left out, shortened, both, or nothing', () => {
    expect(contextTrimText(undefined)).toBeNull();
    expect(contextTrimText({ leftOutTurns: 0, shortenedTurns: 0 })).toBeNull();
    expect(contextTrimText({ leftOutTurns: 1, shortenedTurns: 0 })).toBe('1 earlier turn left out to fit');
    expect(contextTrimText({ leftOutTurns: 6, shortenedTurns: 0 })).toBe('6 earlier turns left out to fit');
    expect(contextTrimText({ leftOutTurns: 0, shortenedTurns: 2 })).toBe('2 earlier turns shortened to fit');
    expect(contextTrimText({ leftOutTurns: 4, shortenedTurns: 1 })).toBe('4 earlier turns left out and 1 shortened to fit');
  });
});
