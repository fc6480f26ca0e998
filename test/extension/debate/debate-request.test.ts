import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../../engine/types';
import { defaultForm, fillDefaultModels, panelTitle, toDebateConfig } from '../../../extension/debate/debate-request';
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
