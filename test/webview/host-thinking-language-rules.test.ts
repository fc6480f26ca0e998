// The set-up form's rules for a speaker's own host, the thinking choices a model is offered
// (from Ollama's capabilities) and the debate language: pure, no DOM.
import { describe, expect, it } from 'vitest';
import { takesThinkingLevels, thinkingSettingsFor, thinkingSupport, type InstalledModel } from '../../extension/contract/installed-models';
import { speakerOptionsProblem } from '../../extension/contract/speaker-options';
import { readSavedDraft, setupSummary, validateDraft, type FormDraft } from '../../media/src/formRules';
import {
  draftLanguageProblem, LANGUAGE_CHOICES, languageSelection, languageSummary, OTHER_LANGUAGE, requestLanguage, selectedLanguage,
} from '../../media/src/languagePickerRules';
import { requestExtras } from '../../extension/contract/speaker-options';
import { extrasSummary, savedExtras, speakerSummary, thinkingChoicesFor } from '../../media/src/speakerMoreRules';

function installed(name: string, capabilities?: string[], family: string | null = null): InstalledModel {
  return { name, sizeBytes: 1, parameterSize: null, quantization: null, family, modifiedAt: null, ...(capabilities !== undefined && { capabilities }) };
}

const draft = (patch: Partial<FormDraft> = {}): FormDraft => ({
  topic: 'Tea or coffee?', exchanges: 2, speakers: [{ model: 'a', tone: 'Cynic' }, { model: 'b', tone: 'Polite' }], ...patch,
});

describe('what a model is offered for thinking', () => {
  it('says whether a model reasons: from its capabilities, unknown without them', () => {
    expect(thinkingSupport(installed('qwen3', ['completion', 'thinking']))).toBe('yes');
    expect(thinkingSupport(installed('llama3.2', ['completion']))).toBe('no');
    expect(thinkingSupport(installed('old'))).toBe('unknown');
    expect(thinkingSupport(undefined)).toBe('unknown');
  });

  it('tells gpt-oss (levels) from other reasoning models (off and on), by family or name', () => {
    expect(takesThinkingLevels(installed('gpt-oss:20b', [], 'gptoss'))).toBe(true);
    expect(takesThinkingLevels(installed('my-reasoner:latest', [], 'gpt-oss'))).toBe(true);
    expect(takesThinkingLevels(installed('gpt-oss', [], null))).toBe(true);
    expect(takesThinkingLevels(installed('qwen3:8b', [], 'qwen3'))).toBe(false);
    expect(takesThinkingLevels(installed('gpt-ossify:1b', [], null))).toBe(false);
  });

  it('offers nothing to a model that cannot reason, off and on to one that can, levels to gpt-oss, everything while unknown', () => {
    const values = (model: InstalledModel | undefined) => thinkingChoicesFor(model).map((choice) => choice.value);
    expect(values(installed('llama3.2:1b', ['completion']))).toEqual([]);
    expect(thinkingSettingsFor(installed('llama3.2:1b', ['completion']))).toEqual([]);
    expect(values(installed('qwen3:0.6b', ['completion', 'thinking']))).toEqual(['', 'off', 'on']);
    expect(values(installed('gpt-oss:20b', ['completion', 'thinking'], 'gptoss'))).toEqual(['', 'low', 'medium', 'high']);
    expect(values(installed('old:1b'))).toEqual(['', 'off', 'on', 'low', 'medium', 'high']);
    expect(values(undefined)).toEqual(['', 'off', 'on', 'low', 'medium', 'high']);
  });
});

describe("a speaker's own host in the form", () => {
  it('is sent trimmed, and not at all when blank', () => {
    expect(requestExtras({ host: '  gpu-box:11434 ' })).toEqual({ host: 'gpu-box:11434' });
    expect(requestExtras({ host: '   ' })).toEqual({});
  });

  it('is restored from a saved draft on one line, and ignored when it is not text', () => {
    expect(savedExtras({ host: 'gpu-box\n:11434' })).toEqual({ host: 'gpu-box :11434' });
    expect(savedExtras({ host: 42 })).toEqual({});
    const restored = readSavedDraft({ ...draft(), speakers: [{ model: 'a', tone: 'Cynic', host: 'http://gpu:11434' }, { model: 'b', tone: 'Cynic' }] });
    expect(restored?.speakers[0]?.host).toBe('http://gpu:11434');
  });

  it('is said in the folded set-up and the closed More section', () => {
    expect(speakerSummary({ model: 'qwen3:8b', tone: 'Cynic', host: 'http://gpu:11434' })).toBe('qwen3:8b on http://gpu:11434 (Cynic)');
    expect(extrasSummary({ name: 'Ada', host: 'gpu:11434' })).toBe('Ada · host gpu:11434');
    expect(setupSummary(draft({ speakers: [{ model: 'a', tone: 'Cynic', host: 'gpu:1' }, { model: 'b', tone: 'Polite' }] }))).toContain('a on gpu:1 (Cynic), b (Polite)');
  });

  it('must be an Ollama address: Start says which speaker and opens its field, for several malformed hosts', () => {
    for (const host of ['ftp://gpu', 'http://gpu/?a=1', 'http://', 'gpu box']) {
      const problem = speakerOptionsProblem([{}, { host }]);
      expect(problem, host).toMatchObject({ index: 1, field: 'host' });
      const result = validateDraft(draft({ speakers: [{ model: 'a', tone: 'Cynic' }, { model: 'b', tone: 'Polite', host }] }));
      expect(result).toMatchObject({ ok: false, field: 'speakers.1.host' });
    }
    const ok = validateDraft(draft({ speakers: [{ model: 'a', tone: 'Cynic', host: 'gpu-box' }, { model: 'b', tone: 'Polite' }] }));
    expect(ok.ok && ok.request.speakers[0]?.host).toBe('gpu-box');
  });
});

describe('the debate language in the form', () => {
  it('offers English first, then common languages, each a name the speakers are told', () => {
    expect(LANGUAGE_CHOICES[0]?.value).toBe('English');
    for (const name of ['French', 'Simplified Chinese', 'Spanish', 'German', 'Japanese', 'Portuguese']) {
      expect(LANGUAGE_CHOICES.map((choice) => choice.value)).toContain(name);
    }
    expect(LANGUAGE_CHOICES.find((choice) => choice.value === 'French')?.label).toBe('Français (French)');
  });

  it('shows a saved language as its choice, or as "Other…" with the name typed', () => {
    expect(languageSelection(undefined)).toEqual({ choice: 'English', other: '' });
    expect(languageSelection('french')).toEqual({ choice: 'French', other: '' });
    expect(languageSelection('Swahili')).toEqual({ choice: OTHER_LANGUAGE, other: 'Swahili' });
    expect(selectedLanguage({ choice: OTHER_LANGUAGE, other: 'Swahili' })).toBe('Swahili');
    expect(selectedLanguage({ choice: 'German', other: 'ignored' })).toBe('German');
  });

  it('sends no language for English (the default) or a blank one, and the name otherwise, cleaned', () => {
    expect(requestLanguage('English')).toBeUndefined();
    expect(requestLanguage(' english ')).toBeUndefined();
    expect(requestLanguage('')).toBeUndefined();
    expect(requestLanguage(' Swahili. ')).toBe('Swahili');
    const request = validateDraft(draft({ language: 'French' }));
    expect(request.ok && request.request.language).toBe('French');
    const english = validateDraft(draft({ language: 'English' }));
    expect(english.ok && 'language' in english.request).toBe(false);
  });

  it('refuses a typed name that is too long or only control characters, on the language field', () => {
    expect(draftLanguageProblem('x'.repeat(41))).toContain('The debate language is longer than 40 characters');
    expect(draftLanguageProblem('\u0007\u0008')).toContain('The debate language is empty');
    expect(draftLanguageProblem('  ')).toBeNull();
    expect(validateDraft(draft({ language: 'y'.repeat(50) }))).toMatchObject({ ok: false, field: 'language' });
  });

  it('is said in the folded set-up when it is not English, and restored from a saved draft', () => {
    expect(languageSummary('French')).toBe('in French');
    expect(languageSummary('English')).toBeNull();
    expect(setupSummary(draft({ language: 'Simplified Chinese' }))).toMatch(/ · in Simplified Chinese$/);
    expect(setupSummary(draft({ language: 'English' }))).not.toContain(' in ');
    expect(readSavedDraft({ ...draft(), language: 'Swahili' })?.language).toBe('Swahili');
    expect(readSavedDraft({ ...draft(), language: 7 })?.language).toBeUndefined();
  });
});
