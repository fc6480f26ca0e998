import { describe, expect, it } from 'vitest';
import { DEFAULT_REPETITION_RULE } from '../../../engine/repetition';
import type { ModelInfo } from '../../../engine/types';
import { defaultForm, fillDefaultModels, formOf, panelTitle, toDebateConfig } from '../../../extension/debate/debate-request';
import { readSettings } from '../../../extension/settings';

const model = (name: string): ModelInfo => ({ name, sizeBytes: 1, parameterSize: '1B', quantization: 'Q4_0', family: 'llama', modifiedAt: null });

describe('the setup form', () => {
  const settings = readSettings((key) =>
    ({
      defaultSpeakers: [
        { model: '', tone: '' },
        { model: 'qwen2.5:0.5b', tone: 'cynic' },
        { model: 'a', tone: 'Pirate' },
        { model: 'b', tone: 'Sarcastic' },
      ],
      customTones: [{ name: 'Pirate', prompt: 'Arr.' }],
      defaultExchanges: 4,
    })[key],
  );

  it('starts from the default speakers and exchanges, an empty or unknown tone being the default tone', () => {
    expect(defaultForm(settings, null)).toEqual({
      topic: '',
      speakers: [
        { model: '', tone: 'Rational' },
        { model: 'qwen2.5:0.5b', tone: 'Cynic' },
        { model: 'a', tone: 'Pirate' },
        { model: 'b', tone: 'Rational' },
      ],
      exchanges: 4,
    });
  });

  it('gives a speaker without a model the first installed one', () => {
    const form = defaultForm(settings, [model('llama3.2:1b'), model('qwen2.5:0.5b')]);
    expect(form.speakers.map((speaker) => speaker.model)).toEqual(['llama3.2:1b', 'qwen2.5:0.5b', 'a', 'b']);
    const unchanged = defaultForm(settings, null);
    expect(fillDefaultModels(unchanged, [])).toBe(unchanged);
  });
});

describe('toDebateConfig', () => {
  it('names the speakers and carries the settings the engine needs', () => {
    const settings = readSettings((key) =>
      ({ customTones: [{ name: 'Pirate', prompt: 'Arr.' }], contextBudget: 5000, firstTokenTimeoutSeconds: 9 })[key],
    );
    const config = toDebateConfig(
      { topic: 'Cats?', speakers: [{ model: 'a', tone: 'Pirate' }, { model: 'b', tone: 'Cynic' }], exchanges: 2 },
      settings,
      'http://127.0.0.1:1234',
    );
    expect(config).toEqual({
      topic: 'Cats?',
      speakers: [
        { name: 'Speaker 1', model: 'a', tone: 'Pirate' },
        { name: 'Speaker 2', model: 'b', tone: 'Cynic' },
      ],
      exchanges: 2,
      host: 'http://127.0.0.1:1234',
      customTones: [{ name: 'Pirate', prompt: 'Arr.' }],
      contextBudgetChars: 5000,
      firstTokenTimeoutMs: 9000,
    });
  });
});

describe('turn order and stop conditions', () => {
  const settings = readSettings(() => undefined);
  const request = { topic: 'Cats?', speakers: [{ model: 'a', tone: 'Cynic' }, { model: 'b', tone: 'Cynic' }], exchanges: 2 };
  const host = 'http://127.0.0.1:1234';

  it('gives the engine the chosen order (a random one without a seed, which the engine draws and records)', () => {
    expect(toDebateConfig({ ...request, order: 'random' }, settings, host).order).toEqual({ kind: 'random' });
    expect(toDebateConfig({ ...request, order: 'reply' }, settings, host).order).toEqual({ kind: 'reply' });
    for (const order of ['round-robin', undefined] as const) {
      expect(toDebateConfig({ ...request, order }, settings, host), String(order)).not.toHaveProperty('order');
    }
  });

  it('stops on repetition with the default rule only when asked', () => {
    expect(toDebateConfig({ ...request, stopOnRepetition: true }, settings, host).stopOn).toEqual({ repetition: DEFAULT_REPETITION_RULE });
    for (const stopOnRepetition of [false, undefined]) {
      expect(toDebateConfig({ ...request, stopOnRepetition }, settings, host), String(stopOnRepetition)).not.toHaveProperty('stopOn');
    }
  });

  it('starts the form of a saved debate with its order and stop, not its seed', () => {
    const saved = {
      id: 'd1', topic: 'Cats?', speakers: [{ name: 'Speaker 1', model: 'a', tone: 'Cynic' }, { name: 'Speaker 2', model: 'b', tone: 'Cynic' }],
      exchanges: 2, turns: [], startedAt: '2025-01-01T00:00:00Z', endedAt: null, outcome: 'complete' as const, stopReason: 'repetition' as const,
    };
    expect(formOf({ ...saved, order: { kind: 'random', seed: 42 }, stopOn: { repetition: { threshold: 0.8, ngram: 4 } } }))
      .toEqual({ ...request, order: 'random', stopOnRepetition: true });
    expect(formOf({ ...saved, order: { kind: 'round-robin' } })).toEqual(request);
    expect(formOf(saved)).toEqual(request);
  });
});

describe('panelTitle', () => {
  it('is the first line of the topic, shortened', () => {
    expect(panelTitle(null)).toBe('New Debate');
    expect(panelTitle('  \n')).toBe('New Debate');
    expect(panelTitle('Tabs or spaces?\nDiscuss.')).toBe('Tabs or spaces?');
    const long = panelTitle('Should every programming language have exactly one way to do anything at all?');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long.endsWith('…')).toBe(true);
  });
});
