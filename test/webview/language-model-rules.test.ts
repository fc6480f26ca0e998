// The set-up form's rules for VS Code language models (pure, no DOM): how a model reads in the
// picker and the folded set-up, what the picker says of the one chosen, a draft keeping the
// backend (saved, restored, validated into the start request), Suggest speakers staying with
// Ollama, and line-ups with a VS Code speaker.
import { describe, expect, it } from 'vitest';
import type { LanguageModelOption } from '../../extension/contract/language-models';
import { addSpeaker, readSavedDraft, setupSummary, validateDraft, type FormDraft } from '../../media/src/formRules';
import { languageModelChoice, languageModelDetails, languageModelLabel, vsCodeModelSummary } from '../../media/src/languageModelRules';
import { lineUpSpeakerLabel, missingModels, speakersOfLineUp } from '../../media/src/personaRules';
import { suggestBlockedReason } from '../../media/src/suggestSpeakersRules';
import { MODELS } from './fixtures';

const GPT: LanguageModelOption = { id: 'copilot-gpt-4o', name: 'GPT-4o', vendor: 'copilot', family: 'gpt-4o', maxInputTokens: 128_000 };
const BARE: LanguageModelOption = { id: 'bare', name: 'Bare', vendor: '', family: '', maxInputTokens: 0 };

describe('a VS Code model in the picker', () => {
  it('reads as its name, vendor · family and window, the parts it lacks left out', () => {
    expect(languageModelDetails(GPT)).toBe('copilot · gpt-4o, 128,000-token window');
    expect(languageModelLabel(GPT)).toBe('GPT-4o (copilot · gpt-4o, 128,000-token window)');
    expect(languageModelDetails({ ...GPT, maxInputTokens: 0 })).toBe('copilot · gpt-4o');
    expect(languageModelDetails({ ...GPT, vendor: '' })).toBe('gpt-4o, 128,000-token window');
    expect(languageModelLabel(BARE)).toBe('Bare');
  });

  it('says whether the model chosen is offered, no longer offered, or none (an Ollama model)', () => {
    expect(languageModelChoice('', [GPT])).toEqual({ kind: 'ollama' });
    expect(languageModelChoice(' copilot-gpt-4o ', [GPT])).toEqual({ kind: 'offered', model: GPT });
    expect(languageModelChoice('copilot-gone', [GPT])).toEqual({ kind: 'missing', id: 'copilot-gone' });
    expect(languageModelChoice('copilot-gpt-4o', [])).toEqual({ kind: 'missing', id: 'copilot-gpt-4o' });
  });

  it('is named "(VS Code)" in summaries, by its id once no longer offered', () => {
    expect(vsCodeModelSummary('copilot-gpt-4o', [GPT])).toBe('GPT-4o (VS Code)');
    expect(vsCodeModelSummary('copilot-gone', [GPT])).toBe('copilot-gone (VS Code)');
  });
});

const draft: FormDraft = {
  topic: 'Tabs?',
  speakers: [{ model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm', name: 'Cop' }, { model: 'llama3.2:1b', tone: 'Rational' }],
  exchanges: 2,
};

describe('a draft with a VS Code speaker', () => {
  it('is folded into one line naming the model "(VS Code)"; an Ollama model of that name is not', () => {
    expect(setupSummary(draft, [GPT])).toBe('Tabs? · Cop: GPT-4o (VS Code) (Cynic), llama3.2:1b (Rational) · 2 exchanges');
    const ollamaNamedSo = { ...draft, speakers: [{ model: 'copilot-gpt-4o', tone: 'Cynic' }] };
    expect(setupSummary(ollamaNamedSo, [GPT])).toBe('Tabs? · copilot-gpt-4o (Cynic) · 2 exchanges');
  });

  it('is restored with its backend; an unknown backend in a saved draft is dropped', () => {
    expect(readSavedDraft(JSON.parse(JSON.stringify(draft)))?.speakers[0]).toEqual({ model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm', name: 'Cop' });
    const odd = { ...draft, speakers: [{ model: 'm', tone: 'Cynic', backend: 'elsewhere' }, draft.speakers[1]] };
    expect(readSavedDraft(odd)?.speakers[0]).toEqual({ model: 'm', tone: 'Cynic' });
  });

  it('is copied by Add speaker as a VS Code speaker, not as an Ollama model named by its id', () => {
    const vsCodeLast = { ...draft, speakers: [draft.speakers[1]!, draft.speakers[0]!] };
    expect(addSpeaker(vsCodeLast, ['Cynic', 'Rational', 'Polite']).speakers[2]).toEqual({ model: 'copilot-gpt-4o', tone: 'Polite', backend: 'vscode-lm' });
    expect(addSpeaker(draft, ['Cynic', 'Rational', 'Polite']).speakers[2]).toEqual({ model: 'llama3.2:1b', tone: 'Polite' });
  });

  it('validates into a start request with the backend; an Ollama-only setting on it is said on its field', () => {
    const valid = validateDraft(draft);
    expect(valid.ok && valid.request.speakers[0]).toEqual({ model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm', name: 'Cop' });
    for (const [field, value] of [['contextSize', 8192], ['host', 'http://gpu:11434'], ['thinking', 'high']] as const) {
      const withSetting = { ...draft, speakers: [{ ...draft.speakers[0]!, [field]: value }, draft.speakers[1]!] };
      expect(validateDraft(withSetting)).toMatchObject({ ok: false, field: `speakers.0.${field}` });
    }
  });
});

describe('Suggest speakers and line-ups with a VS Code speaker', () => {
  it('Suggest speakers asks an Ollama model: Speaker 1 on a VS Code model says so', () => {
    expect(suggestBlockedReason('Tabs?', 'copilot-gpt-4o', true)).toBe(
      'Speaker 1 uses a VS Code language model: the line-up is suggested by an Ollama model, so choose one for Speaker 1.');
    expect(suggestBlockedReason('Tabs?', 'llama3.2:1b', false)).toBeNull();
    // The topic is said first, as for any speaker.
    expect(suggestBlockedReason(' ', 'copilot-gpt-4o', true)).toBe('Write a topic first: the line-up is chosen to fit it.');
  });

  it('a line-up keeps the backend in the form, and its VS Code model is not named "not installed" on Ollama', () => {
    const lineUp = [
      { name: 'Speaker 1', model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm' as const },
      { name: 'Speaker 2', model: 'mistral:7b', tone: 'Rational' },
    ];
    expect(speakersOfLineUp(lineUp)).toEqual([{ model: 'copilot-gpt-4o', tone: 'Cynic', backend: 'vscode-lm' }, { model: 'mistral:7b', tone: 'Rational' }]);
    expect(missingModels(lineUp, MODELS)).toEqual(['mistral:7b']);
    expect(lineUpSpeakerLabel(lineUp[0]!)).toBe('Speaker 1 (Cynic; copilot-gpt-4o (VS Code))');
    expect(lineUpSpeakerLabel(lineUp[1]!)).toBe('Speaker 2 (Rational; mistral:7b)');
  });
});
