import { describe, expect, it } from 'vitest';
import {
  calibrate,
  calibrated,
  calibrationRatio,
  estimatePromptTokens,
  estimateTokens,
  historyBudget,
  MESSAGE_OVERHEAD_TOKENS,
  PROMPT_OVERHEAD_TOKENS,
  replyReserve,
  safetyMargin,
} from '../../engine/token-budget';

describe('estimateTokens', () => {
  it.each([
    ['', 0],
    ['abcd', 1],
    ['abcde', 2],
    ['Hello world, this is a test.', 7],
    // Accented Latin counts like any alphabetic text.
    ['Café crème brûlée', 5],
  ])('counts about four characters a token in alphabetic text: %j', (text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });

  it.each([
    ['你好世界', 4],
    ['こんにちは', 5],
    ['안녕하세요', 5],
    ['ภาษาไทย', 7],
  ])('counts a character a token in scripts written without spaces: %j', (text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });

  it('adds both in mixed text, and counts emoji as characters, not UTF-16 halves', () => {
    expect(estimateTokens('Tea 茶 time')).toBe(1 + Math.ceil('Tea  time'.length / 4));
    expect(estimateTokens('😀😀😀😀')).toBe(1);
  });

  it('estimates a prompt with each message’s role markers and the reply header', () => {
    const messages = [{ content: 'abcd' }, { content: 'abcdefgh' }];
    expect(estimatePromptTokens(messages)).toBe(PROMPT_OVERHEAD_TOKENS + 2 * MESSAGE_OVERHEAD_TOKENS + 1 + 2);
    expect(estimatePromptTokens([])).toBe(PROMPT_OVERHEAD_TOKENS);
  });
});

describe('calibration', () => {
  it('is 1 until the model was measured, then real tokens per estimated token over every request', () => {
    expect(calibrationRatio(undefined)).toBe(1);
    const first = calibrate(undefined, 100, 130);
    expect(calibrationRatio(first)).toBeCloseTo(1.3);
    const second = calibrate(first, 300, 330);
    expect(second).toEqual({ estimated: 400, actual: 460 });
    expect(calibrationRatio(second)).toBeCloseTo(1.15);
  });

  it.each([
    ['no count', null],
    ['a zero count', 0],
    ['a negative count', -5],
    ['not a number', Number.NaN],
  ])('ignores %s', (_label, actual) => {
    const before = { estimated: 100, actual: 120 };
    expect(calibrate(before, 100, actual)).toBe(before);
    expect(calibrate(undefined, 100, actual)).toBeUndefined();
  });

  it('ignores a prompt Ollama truncated (its count is the window, not the prompt)', () => {
    expect(calibrate(undefined, 3000, 2048, 2048)).toBeUndefined();
    expect(calibrate(undefined, 1000, 2047, 2048)).toEqual({ estimated: 1000, actual: 2047 });
  });

  it('bounds the ratio and moves it in steps of 0.05, so budgets stay put once learnt', () => {
    expect(calibrationRatio({ estimated: 100, actual: 10 })).toBe(0.5);
    expect(calibrationRatio({ estimated: 100, actual: 1000 })).toBe(3);
    expect(calibrationRatio({ estimated: 1000, actual: 1212 })).toBeCloseTo(1.2);
    expect(calibrationRatio({ estimated: 1000, actual: 1226 })).toBeCloseTo(1.25);
  });

  it('turns an estimate into the model’s tokens, rounding up', () => {
    expect(calibrated(100, 1.25)).toBe(125);
    expect(calibrated(3, 0.5)).toBe(2);
  });
});

describe('budget arithmetic', () => {
  it('reserves a quarter of the window for the reply, between 64 and 2,048 tokens', () => {
    expect(replyReserve(8192)).toBe(2048);
    expect(replyReserve(4096)).toBe(1024);
    expect(replyReserve(128)).toBe(64);
    expect(replyReserve(131072)).toBe(2048);
  });

  it('keeps a twentieth of the window as margin, at least 16 tokens', () => {
    expect(safetyMargin(8192)).toBe(410);
    expect(safetyMargin(100)).toBe(16);
  });

  it('gives earlier turns the window less the fixed part, the reply’s reserve and the margin', () => {
    expect(historyBudget(8192, 500)).toBe(8192 - 500 - 2048 - 410);
    expect(historyBudget(4096, 300)).toBe(4096 - 300 - 1024 - 205);
  });

  it('is never negative when the fixed part alone fills the window', () => {
    expect(historyBudget(1024, 2000)).toBe(0);
  });
});
