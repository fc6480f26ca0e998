// VS Code's chat models as speakers, the pure rules: how a listing becomes the panel's options,
// the start request's backend (accepted, refused with Ollama-only settings, mapped to the engine's
// speaker and back from a saved debate), the defaultSpeakers setting's backend, and recent line-ups
// keeping it.
import { describe, expect, it } from 'vitest';
import { lineUpOf, sameLineUp, usableRecentLineUps } from '../../../engine/personas/recent-lineups';
import type { SpeakerConfig, Transcript } from '../../../engine/types';
import { findLanguageModel, isVsCodeSpeaker, languageModelOptions, sameLanguageModels, type ChatModelLike } from '../../../extension/contract/language-models';
import { parseWebviewMessage } from '../../../extension/contract/protocol';
import { requestExtras, speakerOptionsProblem } from '../../../extension/contract/speaker-options';
import { defaultForm, formOf, toDebateConfig } from '../../../extension/debate/debate-request';
import { lineUpOfRequest } from '../../../extension/personas/recent-lineups-store';
import { readSettings } from '../../../extension/settings';

const chat = (id: string, name: string, vendor = 'copilot', maxInputTokens = 128_000): ChatModelLike => ({ id, name, vendor, family: name.toLowerCase(), maxInputTokens });

describe('languageModelOptions', () => {
  it('keeps id, name, vendor, family and window of each model, by vendor then name', () => {
    expect(languageModelOptions([chat('c-gpt', 'GPT-4o'), chat('a-local', 'Local', 'acme', 8192), chat('c-claude', 'Claude')])).toEqual([
      { id: 'a-local', name: 'Local', vendor: 'acme', family: 'local', maxInputTokens: 8192 },
      { id: 'c-claude', name: 'Claude', vendor: 'copilot', family: 'claude', maxInputTokens: 128_000 },
      { id: 'c-gpt', name: 'GPT-4o', vendor: 'copilot', family: 'gpt-4o', maxInputTokens: 128_000 },
    ]);
  });

  it('leaves out ids a start request could not carry and a second model of one id', () => {
    const options = languageModelOptions([chat('', 'Blank'), chat('   ', 'Spaces'), chat('x'.repeat(201), 'Long'), chat('one', 'First'), chat('one', 'Second')]);
    expect(options.map((option) => [option.id, option.name])).toEqual([['one', 'First']]);
    expect(languageModelOptions([chat('x'.repeat(200), 'Longest allowed')])).toHaveLength(1);
  });

  it('shows another extension\'s text on one line without control characters, a missing name as the id, an unknown window as 0', () => {
    const [option] = languageModelOptions([{ id: ' m1 ', name: 'GPT\n\u0007 4o', vendor: 'co\u202Epilot', family: 'gpt', maxInputTokens: Number.NaN }]);
    expect(option).toEqual({ id: 'm1', name: 'GPT 4o', vendor: 'copilot', family: 'gpt', maxInputTokens: 0 });
    expect(languageModelOptions([{ ...chat('m2', ''), maxInputTokens: -5 }])[0]).toMatchObject({ name: 'm2', maxInputTokens: 0 });
    expect(languageModelOptions([{ ...chat('m3', 'x'), maxInputTokens: 4096.7 }])[0]?.maxInputTokens).toBe(4096);
  });

  it('compares listings and finds a model by id', () => {
    const listed = languageModelOptions([chat('a', 'A'), chat('b', 'B')]);
    expect(sameLanguageModels(listed, languageModelOptions([chat('b', 'B'), chat('a', 'A')]))).toBe(true);
    expect(sameLanguageModels(listed, languageModelOptions([chat('a', 'A'), chat('b', 'B', 'copilot', 4096)]))).toBe(false);
    expect(sameLanguageModels(listed, listed.slice(0, 1))).toBe(false);
    expect(findLanguageModel(listed, ' b ')?.name).toBe('B');
    expect(findLanguageModel(listed, 'c')).toBeUndefined();
    expect(isVsCodeSpeaker({ backend: 'vscode-lm' })).toBe(true);
    expect(isVsCodeSpeaker({})).toBe(false);
  });
});

const start = (speakers: unknown[]) => parseWebviewMessage({ type: 'start', request: { topic: 'Tabs?', exchanges: 1, speakers } });

describe('a start request with a VS Code speaker', () => {
  const vsCode = { model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm' };
  const ollama = { model: 'llama3.2:1b', tone: 'Rational' };

  it('is accepted with backend vscode-lm and mapped to the engine speaker with it', () => {
    const parsed = start([ollama, { ...vsCode, temperature: 0.4, name: 'Copilot' }]);
    if (!parsed.ok || parsed.message.type !== 'start') throw new Error(JSON.stringify(parsed));
    expect(parsed.message.request.speakers[1]).toEqual({ ...vsCode, temperature: 0.4, name: 'Copilot' });
    expect(toDebateConfig(parsed.message.request, readSettings(() => undefined), 'http://127.0.0.1:11434').speakers).toEqual([
      { name: 'Speaker 1', model: 'llama3.2:1b', tone: 'Rational' },
      { name: 'Copilot', model: 'copilot-gpt-4o', tone: 'Cynic', temperature: 0.4, backend: 'vscode-lm' },
    ]);
  });

  it('refuses another backend', () => {
    for (const backend of ['ollama', 'openai', '', 1]) expect(start([ollama, { ...vsCode, backend }]).ok).toBe(false);
  });

  it('refuses a setting only Ollama takes on a VS Code speaker, naming the field', () => {
    for (const [field, value] of [['contextSize', 4096], ['host', 'http://gpu-box:11434'], ['thinking', true], ['thinking', false]] as const) {
      const parsed = start([ollama, { ...vsCode, [field]: value }]);
      expect(parsed.ok, field).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toBe(`request.speakers.1.${field}: Speaker 2 uses a VS Code language model: its context window, Ollama host and thinking are for Ollama models only (leave them empty).`);
      // The same settings are an Ollama speaker's to have.
      expect(speakerOptionsProblem([{ [field]: value }])).toBeNull();
    }
  });

  it('keeps the backend in the request\'s extras', () => {
    expect(requestExtras({ backend: 'vscode-lm', name: ' ', host: ' ' })).toEqual({ backend: 'vscode-lm' });
    expect(requestExtras({})).toEqual({});
  });
});

describe('a saved debate\'s VS Code speaker offered again', () => {
  const saved = (speakers: SpeakerConfig[]): Transcript => ({
    id: 'd1', topic: 'Tabs?', speakers, exchanges: 2, startedAt: '2026-01-01T00:00:00Z', endedAt: null, turns: [], outcome: 'complete', stopReason: 'exchanges',
  });

  it('keeps its backend and model id, and leaves out Ollama-only settings the CLI or an old record may hold', () => {
    const form = formOf(saved([
      { name: 'Speaker 1', model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm', contextSize: 8192, thinking: true, temperature: 0.3 },
      { name: 'Bo', model: 'llama3.2:1b', tone: 'Rational', contextSize: 8192 },
    ]));
    expect(form.speakers).toEqual([
      { model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm', temperature: 0.3 },
      { model: 'llama3.2:1b', tone: 'Rational', name: 'Bo', contextSize: 8192 },
    ]);
  });
});

describe('talkingModels.defaultSpeakers with "backend": "vscode-lm"', () => {
  const settings = readSettings((key) => (key === 'defaultSpeakers' ? [
    { model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm' },
    { model: ' copilot-claude ', tone: 'Rational', backend: 'vscode-lm', host: 'http://gpu-box:11434' },
    { model: '', tone: 'Rational', backend: 'vscode-lm' },
    { model: 'llama3.2:1b', tone: 'Rational', backend: 'something-else' },
  ] : undefined));

  it('reads the entry with its backend (no host), and one without a model or with an unknown backend as an Ollama speaker', () => {
    expect(settings.defaultSpeakers).toEqual([
      { model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm' },
      { model: 'copilot-claude', tone: 'Rational', backend: 'vscode-lm' },
      { model: '', tone: 'Rational' },
      { model: 'llama3.2:1b', tone: 'Rational' },
    ]);
  });

  it('starts a new panel\'s form with those speakers, only the Ollama one without a model given an installed model', () => {
    const installed = [{ name: 'qwen2.5:7b', sizeBytes: 1, parameterSize: null, quantization: null, family: null, modifiedAt: null }];
    expect(defaultForm(settings, installed).speakers).toEqual([
      { model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm' },
      { model: 'copilot-claude', tone: 'Rational', backend: 'vscode-lm' },
      { model: 'qwen2.5:7b', tone: 'Rational' },
      { model: 'llama3.2:1b', tone: 'Rational' },
    ]);
  });
});

describe('recent line-ups with a VS Code speaker', () => {
  const request = { speakers: [{ model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm' as const }, { model: 'llama3.2:1b', tone: 'Rational' }] };

  it('keep the backend, and tell a VS Code model from an Ollama model of the same name', () => {
    const lineUp = lineUpOfRequest(request);
    expect(lineUp).toEqual([
      { name: 'Speaker 1', model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm' },
      { name: 'Speaker 2', model: 'llama3.2:1b', tone: 'Rational' },
    ]);
    const asOllama = lineUpOf([{ name: 'Speaker 1', model: 'copilot-gpt-4o', tone: 'Cynic' }, { name: 'Speaker 2', model: 'llama3.2:1b', tone: 'Rational' }]);
    expect(sameLineUp(lineUp, asOllama)).toBe(false);
    expect(sameLineUp(lineUp, lineUpOfRequest(request))).toBe(true);
  });

  it('are read back from storage with it; one naming an unknown backend is left out', () => {
    const stored = [
      [{ name: 'A', model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm' }],
      [{ name: 'B', model: 'x', tone: 'Cynic', backend: 'later-backend' }],
    ];
    expect(usableRecentLineUps(stored)).toEqual([[{ name: 'A', model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm' }]]);
  });
});
