import { describe, expect, it } from 'vitest';
import { colorEnabled, createStyle } from '../../engine/cli/color';
import { formatBytes } from '../../engine/format';
import { metricsLine, modelsTable, oneLine, sanitizeForTerminal, tonesList, turnLabel } from '../../engine/cli/render';
import type { Turn } from '../../engine/types';

const plain = createStyle(false);

function turn(overrides: Partial<Turn> = {}): Turn {
  return {
    index: 0,
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
    expect(metricsLine(turn(), plain)).toBe('42 tokens · 35.3 tokens/s · first token 212 ms · 1.5 s in all');
    const loaded = turn({ metrics: { timeToFirstTokenMs: null, durationMs: 2500, tokens: 3, tokensPerSecond: null, loadDurationMs: 2000, promptTokens: null } });
    expect(metricsLine(loaded, plain)).toBe('3 tokens · model load 2.0 s · 2.5 s in all');
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
