import { describe, expect, it } from 'vitest';
import { legacyBudgetNote } from '../../engine/context-window';
import { DEFAULT_CONTEXT_BUDGET_CHARS, DEFAULT_CONTEXT_WINDOW, DEFAULT_FIRST_TOKEN_TIMEOUT_MS } from '../../engine/limits';
import { MAX_PANEL_EXCHANGES } from '../../extension/contract/limits';
import { customTonesFrom, effectiveHost, readSettings, unknownDefaultTones, unknownDefaultTonesMessage } from '../../extension/settings';

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
      contextWindow: DEFAULT_CONTEXT_WINDOW,
      contextWindowNote: null,
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
        contextWindow: 16_384,
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
      contextWindow: 16_384,
      contextWindowNote: null,
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
    expect(settings.defaultExchanges).toBe(MAX_PANEL_EXCHANGES);
    expect(settings.contextBudgetChars).toBe(1_000);
    expect(readSettings(reader({ contextWindow: 10 })).contextWindow).toBe(512);
    expect(readSettings(reader({ contextWindow: 'big' })).contextWindow).toBe(DEFAULT_CONTEXT_WINDOW);
    expect(settings.firstTokenTimeoutMs).toBe(DEFAULT_FIRST_TOKEN_TIMEOUT_MS);
    expect(settings.exportFolder).toBe('');
    expect(readSettings(reader({ defaultExchanges: 0 })).defaultExchanges).toBe(1);
  });

  it('converts a character budget someone set while the window is at its default, with a note', () => {
    const settings = readSettings(reader({ contextBudget: 20_000, contextWindow: DEFAULT_CONTEXT_WINDOW }));
    expect(settings.contextWindow).toBe(7168);
    expect(settings.contextWindowNote).toBe(`talkingModels.contextBudget is replaced by talkingModels.contextWindow. ${legacyBudgetNote(20_000, 7168)}`);
    // The old default was never chosen: nothing converts.
    expect(readSettings(reader({ contextBudget: DEFAULT_CONTEXT_BUDGET_CHARS })).contextWindowNote).toBeNull();
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

describe('unknownDefaultTones', () => {
  const PIRATE = { name: 'Pirate', prompt: 'Arr.' };
  const unknownIn = (defaultSpeakers: unknown, customTones: unknown = []) =>
    unknownDefaultTones(readSettings(reader({ defaultSpeakers, customTones })));

  it('finds nothing to report for built-in tones in any case, custom tones and empty tones', () => {
    expect(unknownIn(undefined)).toEqual([]);
    expect(unknownIn([{ tone: 'cynic' }, { tone: 'POLITE' }, { tone: ' Philosopher ' }])).toEqual([]);
    expect(unknownIn([{ tone: 'pirate' }, { tone: '' }, {}], [PIRATE])).toEqual([]);
  });

  it('names each unknown tone once, as first written, in the order of the speakers', () => {
    expect(unknownIn([{ tone: 'Cynical' }, { tone: 'Rational' }, { tone: 'Sarcastic' }, { tone: 'cynical' }])).toEqual(['Cynical', 'Sarcastic']);
  });

  it('names a custom tone that is not (or no longer) usable', () => {
    expect(unknownIn([{ tone: 'Pirate' }])).toEqual(['Pirate']);
    // A custom tone the engine refuses (no prompt) is left out, so naming it is naming an unknown tone.
    expect(unknownIn([{ tone: 'Mute' }], [{ name: 'Mute' }])).toEqual(['Mute']);
  });

  it('says which names were not found, what replaces them and which tones exist', () => {
    const one = unknownDefaultTonesMessage(['Cynical'], [PIRATE]);
    expect(one).toBe(
      'talkingModels.defaultSpeakers names a tone that does not exist: "Cynical". New panels use Rational instead. ' +
        'Known tones: Rational, Philosopher, Cynic, Adversary, Snarky, Polite, Pirate.',
    );
    expect(unknownDefaultTonesMessage(['Cynical', 'Sarcastic'], [])).toMatch(/names tones that do not exist: "Cynical", "Sarcastic"\./);
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
