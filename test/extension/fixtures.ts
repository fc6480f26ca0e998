// Small builders shared by the extension's unit tests.
import type { Turn } from '../../engine/types';
import type { PanelSnapshot } from '../../extension/protocol';

export function turn(index: number, text: string, overrides: Partial<Turn> = {}): Turn {
  return {
    index,
    exchange: 1,
    speakerIndex: index % 2,
    speaker: `Speaker ${(index % 2) + 1}`,
    model: 'llama3.2:1b',
    tone: 'Rational',
    text,
    status: 'complete',
    metrics: { timeToFirstTokenMs: 5, durationMs: 50, tokens: 3, tokensPerSecond: 60, loadDurationMs: 1, promptTokens: 10 },
    ...overrides,
  };
}

export function idleSnapshot(): PanelSnapshot {
  return {
    status: 'idle',
    transcript: null,
    liveTurn: null,
    error: null,
    form: { topic: '', speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }], exchanges: 1 },
    tones: [{ name: 'Rational', prompt: 'Be rational.' }],
    models: null,
    host: 'http://127.0.0.1:11434',
  };
}
