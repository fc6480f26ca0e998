import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTEXT_BUDGET_CHARS, DEFAULT_FIRST_TOKEN_TIMEOUT_MS } from '../../engine/limits';
import { customTonesFrom, effectiveHost, readSettings } from '../../extension/settings';

const reader = (values: Record<string, unknown>) => (key: string) => values[key];

describe('readSettings', () => {
  it('gives the documented defaults when nothing is set', () => {
    expect(readSettings(reader({}))).toEqual({
      ollamaHost: '',
      defaultSpeakers: [
        { model: '', tone: 'Rational' },
        { model: '', tone: 'Adversary' },
      ],
      defaultExchanges: 3,
      customTones: [],
      contextBudgetChars: DEFAULT_CONTEXT_BUDGET_CHARS,
      exportFolder: '',
      firstTokenTimeoutMs: DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
      libraryFolder: '',
    });
  });

  it('maps valid values, converting seconds to milliseconds', () => {
    const settings = readSettings(
      reader({
        ollamaHost: ' http://gpu-box:11434 ',
        defaultSpeakers: [{ model: 'llama3.2:1b', tone: 'Cynic' }, { model: 'qwen2.5:0.5b' }, {}],
        defaultExchanges: 5,
        customTones: [{ name: 'Pirate', prompt: 'Talk like a pirate.' }],
        contextBudget: 20_000,
        exportFolder: 'debates',
        firstTokenTimeoutSeconds: 30,
        libraryFolder: ' /data/debates ',
      }),
    );
    expect(settings).toEqual({
      ollamaHost: 'http://gpu-box:11434',
      defaultSpeakers: [
        { model: 'llama3.2:1b', tone: 'Cynic' },
        { model: 'qwen2.5:0.5b', tone: '' },
        { model: '', tone: '' },
      ],
      defaultExchanges: 5,
      customTones: [{ name: 'Pirate', prompt: 'Talk like a pirate.' }],
      contextBudgetChars: 20_000,
      exportFolder: 'debates',
      firstTokenTimeoutMs: 30_000,
      libraryFolder: '/data/debates',
    });
  });

  it('clamps numbers into range and replaces values of the wrong type', () => {
    const settings = readSettings(
      reader({
        ollamaHost: 42,
        defaultSpeakers: 'two',
        defaultExchanges: 99,
        contextBudget: 10,
        firstTokenTimeoutSeconds: 'soon',
        exportFolder: null,
      }),
    );
    expect(settings.ollamaHost).toBe('');
    expect(settings.defaultSpeakers).toHaveLength(2);
    expect(settings.defaultExchanges).toBe(10);
    expect(settings.contextBudgetChars).toBe(1_000);
    expect(settings.firstTokenTimeoutMs).toBe(DEFAULT_FIRST_TOKEN_TIMEOUT_MS);
    expect(settings.exportFolder).toBe('');
    expect(readSettings(reader({ defaultExchanges: 0 })).defaultExchanges).toBe(1);
  });

  it('keeps at most six default speakers', () => {
    const eight = Array.from({ length: 8 }, () => ({ model: 'm', tone: 'Rational' }));
    expect(readSettings(reader({ defaultSpeakers: eight })).defaultSpeakers).toHaveLength(6);
  });

  it('keeps the custom tones the engine accepts and says why the others are left out', () => {
    const { tones, problems } = customTonesFrom([
      { name: 'Pirate', prompt: 'Arr.' },
      { name: '', prompt: 'nameless' },
      { name: 'Mute' },
      'Bard',
      { name: 'pirate', prompt: 'Second pirate.' },
      { name: 'cynic', prompt: 'Clashes with a built-in.' },
      { name: ' Bard ', prompt: ' Sing. ' },
    ]);
    expect(tones).toEqual([
      { name: 'Pirate', prompt: 'Arr.' },
      { name: 'Bard', prompt: 'Sing.' },
    ]);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^talkingModels\.customTones\[1\]\.name is empty/);
    expect(problems[1]).toMatch(/^talkingModels\.customTones\[2\]\.prompt is empty/);
    expect(problems[3]).toMatch(/customTones\[4\].*defined twice/);
    expect(problems[4]).toMatch(/customTones\[5\].*built-in/);
    expect(readSettings(reader({ customTones: [{ name: 'Cynic', prompt: 'x' }] })).customTones).toEqual([]);
  });
});

describe('effectiveHost', () => {
  const settings = (ollamaHost: string) => readSettings(reader({ ollamaHost }));

  it('prefers the setting, then OLLAMA_HOST, then the local default', () => {
    expect(effectiveHost(settings('gpu-box'), { OLLAMA_HOST: 'other:1' })).toEqual({ ok: true, host: 'http://gpu-box:11434' });
    expect(effectiveHost(settings(''), { OLLAMA_HOST: '0.0.0.0:11500' })).toEqual({ ok: true, host: 'http://127.0.0.1:11500' });
    expect(effectiveHost(settings(''), {})).toEqual({ ok: true, host: 'http://127.0.0.1:11434' });
  });

  it('reports a malformed host as an error a person can act on', () => {
    const resolved = effectiveHost(settings('ftp://nowhere'), {});
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) {
      expect(resolved.error.kind).toBe('invalid-config');
      expect(resolved.error.message).toContain('ftp://nowhere');
    }
  });
});
