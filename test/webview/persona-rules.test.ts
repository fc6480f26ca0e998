// The set-up's persona and line-up rules, pure (no browser): a persona chosen, For / Against in
// one click, a line-up taken into the form, its label (flagging models no longer installed), and
// when "Suggest speakers" can ask.
import { describe, expect, it } from 'vitest';
import { validateDraft, type FormDraft } from '../../media/src/formRules';
import {
  draftWithLineUp, forAgainst, lineUpSpeakerLabel, missingModels, personaNamed, recentLineUpLabel, speakersOfLineUp, withPersona,
} from '../../media/src/personaRules';
import { suggestBlockedReason } from '../../media/src/suggestSpeakersRules';
import { MODELS } from './fixtures';

const draft: FormDraft = {
  topic: 'Tabs or spaces?',
  speakers: [{ model: 'llama3.2:1b', tone: 'Rational', temperature: 0.4 }, { model: 'qwen2.5:7b', tone: 'Cynic', name: 'Bob' }],
  exchanges: 3,
  order: 'reply',
};

describe('withPersona', () => {
  const economist = { name: 'Economist', stance: 'for' as const, role: 'an economist' };

  it('makes the persona the tone and fills in its stance and role, keeping the rest', () => {
    expect(withPersona({ model: 'm', tone: 'Rational', stance: 'against', temperature: 0.2 }, economist))
      .toEqual({ model: 'm', tone: 'Economist', stance: 'for', role: 'an economist', temperature: 0.2 });
  });

  it('keeps the speaker\'s own stance and role where the persona has none', () => {
    expect(withPersona({ model: 'm', tone: 'Rational', stance: 'against', role: 'a nurse' }, { name: 'Plain' }))
      .toEqual({ model: 'm', tone: 'Plain', stance: 'against', role: 'a nurse' });
  });

  it('finds a persona by its exact tone name only', () => {
    expect(personaNamed([economist], 'Economist')).toBe(economist);
    expect(personaNamed([economist], 'Rational')).toBeUndefined();
  });
});

describe('forAgainst', () => {
  it('sets speaker 1 For and speaker 2 Against, keeping models, tones and every other setting', () => {
    const result = forAgainst({ ...draft, speakers: [...draft.speakers, { model: 'gemma3:4b', tone: 'Polite', stance: 'neutral' }] }, ['Rational']);
    expect(result.speakers).toEqual([
      { model: 'llama3.2:1b', tone: 'Rational', temperature: 0.4, stance: 'for' },
      { model: 'qwen2.5:7b', tone: 'Cynic', name: 'Bob', stance: 'against' },
      { model: 'gemma3:4b', tone: 'Polite', stance: 'neutral' },
    ]);
    expect({ ...result, speakers: [] }).toEqual({ ...draft, speakers: [] });
    // What it makes starts as is.
    expect(validateDraft(result)).toMatchObject({ ok: true });
  });

  it('adds a second speaker to argue against a lone one (its model, the next tone)', () => {
    const result = forAgainst({ ...draft, speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }] }, ['Rational', 'Cynic']);
    expect(result.speakers).toEqual([
      { model: 'llama3.2:1b', tone: 'Rational', stance: 'for' },
      { model: 'llama3.2:1b', tone: 'Cynic', stance: 'against' },
    ]);
  });
});

describe('a line-up in the form', () => {
  const lineUp = [
    { name: 'Speaker 1', model: 'llama3.2:1b', tone: 'Rational', stance: 'for' as const },
    { name: 'Ada', model: 'mistral:7b', tone: 'Economist', stance: 'against' as const, role: ' an economist ' },
  ];

  it('replaces the speakers with the line-up\'s: a slot\'s default name left out, the rest of the form as it was', () => {
    expect(speakersOfLineUp(lineUp)).toEqual([
      { model: 'llama3.2:1b', tone: 'Rational', stance: 'for' },
      { model: 'mistral:7b', tone: 'Economist', name: 'Ada', stance: 'against', role: 'an economist' },
    ]);
    const result = draftWithLineUp(draft, lineUp);
    expect(result).toEqual({ ...draft, speakers: speakersOfLineUp(lineUp) });
    expect(validateDraft(result)).toMatchObject({ ok: true });
  });

  it('keeps a default name that is not its own slot\'s (it names that speaker on purpose)', () => {
    expect(speakersOfLineUp([{ name: 'Speaker 2', model: 'a', tone: 'Rational' }])).toEqual([{ model: 'a', tone: 'Rational', name: 'Speaker 2' }]);
  });

  it('leaves the form alone for an empty line-up', () => {
    expect(draftWithLineUp(draft, [])).toBe(draft);
  });

  it('names the models no longer installed, once each (none while the models are unknown)', () => {
    const twice = [...lineUp, { name: 'Cy', model: 'mistral:7b', tone: 'Cynic' }];
    expect(missingModels(twice, MODELS)).toEqual(['mistral:7b']);
    expect(missingModels(twice, null)).toEqual([]);
    expect(missingModels(lineUp.slice(0, 1), MODELS)).toEqual([]);
  });

  it('labels a line-up on one line, flagging what is not installed', () => {
    expect(lineUpSpeakerLabel({ name: 'Bob', model: 'qwen2.5:7b', tone: 'Cynic' })).toBe('Bob (Cynic; qwen2.5:7b)');
    expect(recentLineUpLabel(lineUp, MODELS)).toBe('Speaker 1 (For; llama3.2:1b) vs Ada (Against, an economist; mistral:7b) — not installed: mistral:7b');
    expect(recentLineUpLabel(lineUp.slice(0, 1), MODELS)).toBe('Speaker 1 (For; llama3.2:1b)');
    expect(recentLineUpLabel([{ name: 'A\nB', model: 'm', tone: 'T' }], null)).toBe('A B (T; m)');
  });
});

describe('suggestBlockedReason', () => {
  it('needs a topic, one short enough, and Speaker 1\'s model', () => {
    expect(suggestBlockedReason('  ', 'llama3.2:1b')).toBe('Write a topic first: the line-up is chosen to fit it.');
    expect(suggestBlockedReason('x'.repeat(5000), 'llama3.2:1b')).toBe('The topic is too long to suggest speakers for.');
    expect(suggestBlockedReason('Tabs?', ' ')).toBe('Choose a model for Speaker 1 first: it suggests the line-up.');
    expect(suggestBlockedReason('Tabs?', 'llama3.2:1b')).toBeNull();
  });
});
