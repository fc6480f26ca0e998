import { describe, expect, it } from 'vitest';
import { firstKeptTurn, fitText, SHORTENED_MARK, shortenedText } from '../../engine/history-trim';

describe('firstKeptTurn', () => {
  it('keeps everything within the budget', () => {
    expect(firstKeptTurn([10, 10, 10], 30)).toBe(0);
    expect(firstKeptTurn([], 30)).toBe(0);
  });

  it('steps down to the low-water mark once the budget is passed, not one turn at a time', () => {
    // 10 turns of 10 in a budget of 100 with a low-water mark of 25: the 11th turn leaves 9 out.
    const sizes = Array.from({ length: 11 }, () => 10);
    expect(firstKeptTurn(sizes, 100, 0.25)).toBe(9);
  });

  it('keeps the same first turn while the kept turns grow back to the budget', () => {
    const starts = Array.from({ length: 30 }, (_, n) => firstKeptTurn(Array.from({ length: n + 1 }, () => 10), 100, 0.25));
    // Steps at turns 11, 20 and 29 (1-based): in between, every request starts at the same turn.
    expect(new Set(starts.slice(0, 10))).toEqual(new Set([0]));
    expect(new Set(starts.slice(10, 19))).toEqual(new Set([9]));
    expect(new Set(starts.slice(19, 28))).toEqual(new Set([18]));
    expect(new Set(starts.slice(28))).toEqual(new Set([27]));
  });

  it('always keeps the newest turn, even when it alone passes the low-water mark', () => {
    expect(firstKeptTurn([10, 10, 90], 100, 0.25)).toBe(2);
    expect(firstKeptTurn([200], 100, 0.25)).toBe(0);
  });

  it('replays the growth: the same turns give the same first turn whoever asks', () => {
    const sizes = [40, 5, 5, 40, 30, 20, 20];
    expect(firstKeptTurn(sizes, 100, 0.5)).toBe(firstKeptTurn([...sizes], 100, 0.5));
    expect(firstKeptTurn(sizes, 100, 0.5)).toBe(4);
  });
});

describe('shortening a turn', () => {
  const text = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
  const words = (t: string) => Math.ceil(t.length / 4);

  it('keeps the start and the end, the cut marked', () => {
    const short = shortenedText('abcdefghijklmnopqrstuvwxyz', 9);
    expect(short).toBe(`abcdef\n${SHORTENED_MARK}\nxyz`);
  });

  it('leaves a text that fits alone', () => {
    expect(fitText('short', 100, words)).toEqual({ text: 'short', shortened: false });
  });

  it.each([50, 120, 300])('fits a long text to %i tokens, as long as it can be', (maxTokens) => {
    const fit = fitText(text, maxTokens, words);
    expect(fit.shortened).toBe(true);
    expect(words(fit.text)).toBeLessThanOrEqual(maxTokens);
    // One more character kept would not fit: the bisection found the longest form.
    const kept = fit.text.length - SHORTENED_MARK.length - 2;
    expect(words(shortenedText(text, kept + 2))).toBeGreaterThan(maxTokens - 1);
    expect(fit.text.startsWith('w0 w1 w2')).toBe(true);
    expect(fit.text.endsWith('w399')).toBe(true);
  });

  it('shortens the same text the same way every time (the prompt stays cacheable)', () => {
    expect(fitText(text, 80, words)).toEqual(fitText(text, 80, words));
  });

  it('never splits a surrogate pair', () => {
    const emoji = '😀'.repeat(100);
    const fit = fitText(emoji, 10, (t) => [...t].length);
    expect(fit.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
