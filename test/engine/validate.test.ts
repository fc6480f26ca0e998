import { describe, expect, it } from 'vitest';
import type { DebateConfig } from '../../engine/types';
import { validateConfig } from '../../engine/validate';

function config(overrides: Partial<DebateConfig> = {}): DebateConfig {
  return {
    topic: 'Is tea better than coffee?',
    exchanges: 2,
    speakers: [
      { name: 'Ada', model: 'llama3.2:1b', tone: 'Cynic' },
      { name: 'Bob', model: 'qwen2.5:0.5b', tone: 'polite' },
    ],
    ...overrides,
  };
}

function speaker(patch: Record<string, unknown>) {
  return config({ speakers: [config().speakers[0], { ...config().speakers[1], ...patch }] });
}

describe('validateConfig', () => {
  it('accepts a good configuration', () => {
    expect(validateConfig(config())).toBeNull();
    expect(validateConfig(config({ customTones: [{ name: 'Pirate', prompt: 'Arr.' }], speakers: [{ name: 'P', model: 'm', tone: 'pirate' }] }))).toBeNull();
  });

  it.each<[string, DebateConfig, string, string]>([
    ['empty topic', config({ topic: '  ' }), 'topic', 'topic is empty'],
    ['no speakers', config({ speakers: [] }), 'speakers', '1 to 6'],
    ['seven speakers', config({ speakers: Array.from({ length: 7 }, (_, i) => ({ name: `S${i}`, model: 'm', tone: 'Cynic' })) }), 'speakers', '(got 7)'],
    ['zero exchanges', config({ exchanges: 0 }), 'exchanges', '1 to 20'],
    ['21 exchanges', config({ exchanges: 21 }), 'exchanges', '1 to 20'],
    ['fractional exchanges', config({ exchanges: 1.5 }), 'exchanges', 'whole number'],
    ['empty model', speaker({ model: '' }), 'speakers[1].model', 'speakers[1].model is empty'],
    ['empty name', speaker({ name: ' ' }), 'speakers[1].name', 'is empty'],
    ['duplicate name', speaker({ name: 'ada' }), 'speakers[1].name', 'already used'],
    ['unknown tone', speaker({ tone: 'Grumpy' }), 'speakers[1].tone', '"Grumpy" is not a known tone'],
    ['temperature too high', speaker({ temperature: 2.5 }), 'speakers[1].temperature', 'between 0 and 2'],
    ['negative temperature', speaker({ temperature: -0.1 }), 'speakers[1].temperature', 'between 0 and 2'],
    ['fractional context size', speaker({ contextSize: 10.5 }), 'speakers[1].contextSize', 'positive whole number'],
    ['zero context size', speaker({ contextSize: 0 }), 'speakers[1].contextSize', 'positive whole number'],
    ['ftp speaker host', speaker({ host: 'ftp://box' }), 'speakers[1].host', 'not a valid http(s) URL'],
    ['bad debate host', config({ host: 'http://' }), 'host', 'not a valid http(s) URL'],
    ['zero budget', config({ contextBudgetChars: 0 }), 'contextBudgetChars', 'positive'],
    ['negative timeout', config({ firstTokenTimeoutMs: -1 }), 'firstTokenTimeoutMs', 'positive'],
    ['zero stall timeout', config({ stallTimeoutMs: 0 }), 'stallTimeoutMs', 'positive'],
    ['bad custom tone', config({ customTones: [{ name: 'X', prompt: '' }] }), 'customTones[0].prompt', 'empty'],
    ['zero reply cap', config({ maxReplyChars: 0 }), 'maxReplyChars', 'positive whole number'],
    ['fractional reply cap', config({ maxReplyChars: 10.5 }), 'maxReplyChars', 'positive whole number'],
  ])('rejects %s, naming the field', (_label, bad, field, text) => {
    const error = validateConfig(bad);
    expect(error).toMatchObject({ kind: 'invalid-config', field });
    expect(error?.message).toContain(text);
  });

  it('accepts the boundaries', () => {
    expect(validateConfig(config({ exchanges: 20 }))).toBeNull();
    expect(validateConfig(speaker({ temperature: 0, contextSize: 1, host: 'gpu-box:11434' }))).toBeNull();
    expect(validateConfig(speaker({ temperature: 2 }))).toBeNull();
  });
});
