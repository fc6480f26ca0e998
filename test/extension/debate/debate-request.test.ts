import { describe, expect, it } from 'vitest';
import { DEFAULT_REPETITION_RULE } from '../../../engine/repetition';
import type { ModelInfo } from '../../../engine/types';
import { parseWebviewMessage } from '../../../extension/contract/protocol';
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
      ({ customTones: [{ name: 'Pirate', prompt: 'Arr.' }], contextWindow: 16384, firstTokenTimeoutSeconds: 9 })[key],
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
      contextWindow: 16384,
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

describe('the AI moderator, the stop on consensus and closing statements', () => {
  const settings = readSettings(() => undefined);
  const request = { topic: 'Cats?', speakers: [{ model: 'a', tone: 'Cynic' }, { model: 'b', tone: 'Cynic' }], exchanges: 2 };
  const host = 'http://127.0.0.1:1234';
  const start = (fields: Record<string, unknown>) => parseWebviewMessage({ type: 'start', request: { ...request, ...fields } });

  it('gives the engine the moderator on the debate\'s host, the consensus asked of it, and the closing statements', () => {
    const config = toDebateConfig(
      { ...request, order: 'moderator', moderatorModel: 'gemma3:4b', stopOnRepetition: true, stopOnConsensus: true, closingStatements: true },
      settings, host,
    );
    expect(config.moderator).toEqual({ model: 'gemma3:4b' });
    expect(config.order).toEqual({ kind: 'moderator' });
    expect(config.stopOn).toEqual({ repetition: DEFAULT_REPETITION_RULE, consensus: {} });
    expect(config.closingStatements).toBe(true);
    expect(toDebateConfig({ ...request, moderatorModel: 'gemma3:4b', stopOnConsensus: true }, settings, host).stopOn).toEqual({ consensus: {} });
    expect(toDebateConfig({ ...request, order: 'simultaneous' }, settings, host).order).toEqual({ kind: 'simultaneous' });
  });

  it('leaves all three out of a plain debate\'s config, and out when they are off', () => {
    for (const fields of [{}, { stopOnConsensus: false, closingStatements: false }, { stopOnRepetition: false, stopOnConsensus: false }]) {
      const config = toDebateConfig({ ...request, ...fields }, settings, host);
      for (const key of ['moderator', 'stopOn', 'closingStatements']) expect(config, `${JSON.stringify(fields)} ${key}`).not.toHaveProperty(key);
    }
  });

  it('maps a start message the host accepted, trimming the moderator\'s name', () => {
    const parsed = start({ moderatorModel: '  gemma3:4b ', order: 'moderator', stopOnConsensus: true, closingStatements: true });
    if (!parsed.ok || parsed.message.type !== 'start') throw new Error(JSON.stringify(parsed));
    expect(parsed.message.request).toMatchObject({ moderatorModel: 'gemma3:4b', order: 'moderator', stopOnConsensus: true, closingStatements: true });
    expect(toDebateConfig(parsed.message.request, settings, host).moderator).toEqual({ model: 'gemma3:4b' });
  });

  it('refuses malformed fields, saying which', () => {
    const malformed: [Record<string, unknown>, string][] = [
      [{ moderatorModel: '' }, 'request.moderatorModel'],
      [{ moderatorModel: '   ' }, 'request.moderatorModel'],
      [{ moderatorModel: 'm'.repeat(201) }, 'request.moderatorModel'],
      [{ moderatorModel: 42 }, 'request.moderatorModel'],
      [{ moderatorModel: null }, 'request.moderatorModel'],
      [{ moderatorModel: 'm', stopOnConsensus: 'yes' }, 'request.stopOnConsensus'],
      [{ stopOnConsensus: 1 }, 'request.stopOnConsensus'],
      [{ closingStatements: 'true' }, 'request.closingStatements'],
      [{ closingStatements: null }, 'request.closingStatements'],
    ];
    for (const [fields, where] of malformed) {
      const parsed = start(fields);
      expect(parsed.ok, JSON.stringify(fields)).toBe(false);
      if (!parsed.ok) expect(parsed.reason.startsWith(`${where}:`), `${JSON.stringify(fields)}: ${parsed.reason}`).toBe(true);
    }
  });

  it('refuses what needs an AI moderator without one: the moderator-picks order, the stop on consensus', () => {
    const needing: [Record<string, unknown>, string][] = [
      [{ order: 'moderator' }, 'request.order: Moderator picks needs an AI moderator'],
      [{ stopOnConsensus: true }, 'request.stopOnConsensus: Stopping when the speakers agree needs an AI moderator'],
      [{ order: 'moderator', stopOnConsensus: true, closingStatements: true }, 'request.order:'],
    ];
    for (const [fields, reason] of needing) {
      const parsed = start(fields);
      expect(parsed.ok, JSON.stringify(fields)).toBe(false);
      if (!parsed.ok) expect(parsed.reason, JSON.stringify(fields)).toContain(reason);
    }
    // Off, or with a moderator, they are fine; closing statements need none.
    for (const fields of [{ stopOnConsensus: false }, { closingStatements: true }, { order: 'simultaneous' }, { moderatorModel: 'm', order: 'moderator', stopOnConsensus: true }]) {
      expect(start(fields).ok, JSON.stringify(fields)).toBe(true);
    }
  });

  it('starts the form of a saved debate with its moderator, consensus and closing statements', () => {
    const saved = {
      id: 'd1', topic: 'Cats?', speakers: [{ name: 'Speaker 1', model: 'a', tone: 'Cynic' }, { name: 'Speaker 2', model: 'b', tone: 'Cynic' }],
      exchanges: 2, turns: [], startedAt: '2025-01-01T00:00:00Z', endedAt: null, outcome: 'complete' as const, stopReason: 'consensus' as const,
    };
    expect(formOf({ ...saved, order: { kind: 'moderator', picks: [[1, 0]] }, moderator: { model: 'gemma3:4b', host: 'http://h:1' }, stopOn: { consensus: {} }, closingStatements: true }))
      .toEqual({ ...request, order: 'moderator', moderatorModel: 'gemma3:4b', stopOnConsensus: true, closingStatements: true });
    // A consensus asked of another model (the CLI's judge) has no place in the panel's form without a moderator.
    expect(formOf({ ...saved, stopOn: { consensus: { model: 'judge:7b' } } })).toEqual(request);
    expect(formOf({ ...saved, closingStatements: false })).toEqual(request);
    // What formOf gives, the host accepts.
    const form = formOf({ ...saved, order: { kind: 'moderator' }, moderator: { model: 'gemma3:4b' }, stopOn: { consensus: {} } });
    expect(parseWebviewMessage({ type: 'start', request: form }).ok).toBe(true);
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
