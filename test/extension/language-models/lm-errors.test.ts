import { afterEach, describe, expect, it } from 'vitest';
import { useBundle } from '../../../extension/contract/l10n';
import {
  describeLanguageModelError,
  languageModelErrorCode,
  languageModelFailureWords,
  type LanguageModelSubject,
} from '../../../extension/language-models/lm-errors';

const SUBJECT: LanguageModelSubject = { speaker: 'Lu', modelId: 'copilot-gpt-4o', modelName: 'GPT-4o' };

/** A LanguageModelError as VS Code makes one: an Error with a code. */
function lmError(code: string, message = ''): Error {
  return Object.assign(new Error(message), { code });
}

afterEach(() => useBundle({}));

describe('languageModelErrorCode', () => {
  it('reads the documented codes off any Error that carries one', () => {
    expect(['NoPermissions', 'Blocked', 'NotFound'].map((code) => languageModelErrorCode(lmError(code)))).toEqual(['NoPermissions', 'Blocked', 'NotFound']);
  });

  it.each([[lmError('Unknown')], [lmError('ECONNRESET')], [{ code: 'Blocked' }], ['Blocked'], [null]])('knows no code in %o', (error) => {
    expect(languageModelErrorCode(error)).toBeNull();
  });
});

describe('describeLanguageModelError', () => {
  it('says how to allow a refused model', () => {
    expect(describeLanguageModelError(lmError('NoPermissions'), SUBJECT)).toEqual({
      kind: 'unknown', speaker: 'Lu', model: 'copilot-gpt-4o',
      message: 'Talking Models may not use GPT-4o: start the debate again and choose Allow, or change it under Accounts > Manage Language Model Access.',
    });
  });

  it('words a quota or rate limit with what to do, quoting the provider when it said something', () => {
    expect(describeLanguageModelError(lmError('Blocked'), SUBJECT).message).toBe(
      'GPT-4o takes no more requests for now: a quota or rate limit was reached. Wait a few minutes and retry the turn, or choose another model for Lu.',
    );
    expect(describeLanguageModelError(lmError('Blocked', 'Rate limit\u0007 exceeded,\n try later'), SUBJECT).message).toContain('(Rate limit exceeded, try later)');
  });

  it('says a model VS Code no longer offers must be replaced', () => {
    expect(describeLanguageModelError(lmError('NotFound', 'x'), SUBJECT).message).toBe('GPT-4o is no longer offered by VS Code: choose another model for Lu.');
  });

  it('gives anything else in its own words, from its cause when it has none', () => {
    expect(describeLanguageModelError(new Error('Bad gateway'), SUBJECT).message).toBe('Lu (GPT-4o) failed: Bad gateway');
    expect(describeLanguageModelError(lmError('Unknown', ''), SUBJECT).message).toBe('Lu (GPT-4o) failed without saying why: retry the turn or choose another model.');
    expect(describeLanguageModelError(Object.assign(lmError('Unknown', ''), { cause: new Error('socket hang up') }), SUBJECT).message).toBe('Lu (GPT-4o) failed: socket hang up');
    expect(describeLanguageModelError('plain words', SUBJECT).message).toBe('Lu (GPT-4o) failed: plain words');
  });

  it('speaks the display language', () => {
    useBundle({ '{0} is no longer offered by VS Code: choose another model for {1}.': '{0} n’est plus proposé par VS Code : choisissez un autre modèle pour {1}.' });
    expect(describeLanguageModelError(lmError('NotFound'), SUBJECT).message).toBe('GPT-4o n’est plus proposé par VS Code : choisissez un autre modèle pour Lu.');
  });
});

describe('languageModelFailureWords', () => {
  const words = languageModelFailureWords(SUBJECT);

  it('words the timeouts as the turn kinds Ollama turns use, in seconds', () => {
    expect(words.firstTokenTimeout(120_000)).toMatchObject({ kind: 'first-token-timeout', speaker: 'Lu', model: 'copilot-gpt-4o', message: expect.stringContaining('Lu (GPT-4o) produced no text within 120 s') });
    expect(words.stalled(30_000)).toMatchObject({ kind: 'stream-dropped', message: expect.stringContaining('nothing for 30 s, so the turn was ended and the partial reply is kept') });
  });

  it('describes a failure whatever the phase', () => {
    expect(words.failure(lmError('NotFound'), 'request').message).toBe(words.failure(lmError('NotFound'), 'stream').message);
  });
});
