// What goes wrong with a VS Code language model speaker, in words a person can act on: access
// refused (consent), a quota or rate limit reached, a model VS Code no longer offers, a model that
// says nothing in time, and anything else in the model's own words. VS Code-free: a
// LanguageModelError is recognised by its `code`, so these rules are tested without VS Code.
import { readableServerText } from '../../engine/errors';
import type { TurnFailureWords } from '../../engine/turn-stream';
import type { DebateError } from '../../engine/types';
import * as l10n from '../contract/l10n';

/** The speaker and its model, as the messages name them. */
export interface LanguageModelSubject {
  speaker: string;
  /** The model's id, as the speaker's config names it. */
  modelId: string;
  /** The model's name as VS Code shows it (its id when the model is gone). */
  modelName: string;
}

/** The codes of LanguageModelError that VS Code documents; any other is the model's own failure. */
export type LanguageModelErrorCode = 'NoPermissions' | 'Blocked' | 'NotFound';

const KNOWN_CODES: ReadonlySet<string> = new Set<LanguageModelErrorCode>(['NoPermissions', 'Blocked', 'NotFound']);

/** The documented code of a LanguageModelError (or of an error shaped like one), else null. */
export function languageModelErrorCode(error: unknown): LanguageModelErrorCode | null {
  if (!(error instanceof Error)) return null;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' && KNOWN_CODES.has(code) ? (code as LanguageModelErrorCode) : null;
}

function located(subject: LanguageModelSubject, kind: DebateError['kind'], message: string): DebateError {
  return { kind, message, speaker: subject.speaker, model: subject.modelId };
}

/** The person refused (or has not allowed) Talking Models the model. */
export function accessRefusedError(subject: LanguageModelSubject): DebateError {
  return located(
    subject,
    'unknown',
    l10n.t('Talking Models may not use {0}: start the debate again and choose Allow, or change it under Accounts > Manage Language Model Access.', subject.modelName),
  );
}

/** The model is not among VS Code's any more (its extension removed or signed out, or the model retired). */
export function modelGoneError(subject: LanguageModelSubject): DebateError {
  return located(subject, 'unknown', l10n.t('{0} is no longer offered by VS Code: choose another model for {1}.', subject.modelName, subject.speaker));
}

/** The provider blocks further requests for now: a quota or a rate limit. */
export function quotaError(subject: LanguageModelSubject, detail: string): DebateError {
  const message =
    detail === ''
      ? l10n.t('{0} takes no more requests for now: a quota or rate limit was reached. Wait a few minutes and retry the turn, or choose another model for {1}.', subject.modelName, subject.speaker)
      : l10n.t('{0} takes no more requests for now: a quota or rate limit was reached ({1}). Wait a few minutes and retry the turn, or choose another model for {2}.', subject.modelName, detail, subject.speaker);
  return located(subject, 'unknown', message);
}

/** The words of an error: its message, else its cause's (VS Code puts the provider's failure there). */
function wordsOf(error: unknown): string {
  if (!(error instanceof Error)) return readableServerText(String(error));
  if (error.message.trim() !== '') return readableServerText(error.message);
  const cause: unknown = error.cause;
  return cause instanceof Error ? readableServerText(cause.message) : '';
}

/** Anything a language model request threw, as a DebateError. */
export function describeLanguageModelError(error: unknown, subject: LanguageModelSubject): DebateError {
  switch (languageModelErrorCode(error)) {
    case 'NoPermissions':
      return accessRefusedError(subject);
    case 'Blocked':
      return quotaError(subject, wordsOf(error));
    case 'NotFound':
      return modelGoneError(subject);
    case null: {
      const words = wordsOf(error);
      return located(
        subject,
        'unknown',
        words === ''
          ? l10n.t('{0} ({1}) failed without saying why: retry the turn or choose another model.', subject.speaker, subject.modelName)
          : l10n.t('{0} ({1}) failed: {2}', subject.speaker, subject.modelName, words),
      );
    }
  }
}

/** A language model speaker's words for its turn's failures (turn-stream.ts asks for them). */
export function languageModelFailureWords(subject: LanguageModelSubject): TurnFailureWords {
  return {
    firstTokenTimeout: (timeoutMs) =>
      located(
        subject,
        'first-token-timeout',
        l10n.t(
          '{0} ({1}) produced no text within {2} s: the model may be busy or waiting for you to sign in. Retry the turn, choose another model or raise the first-token timeout.',
          subject.speaker,
          subject.modelName,
          Math.round(timeoutMs / 1000),
        ),
      ),
    stalled: (timeoutMs) =>
      located(
        subject,
        'stream-dropped',
        l10n.t(
          '{0} ({1}) stopped sending mid-reply: nothing for {2} s, so the turn was ended and the partial reply is kept. Retry the turn or choose another model.',
          subject.speaker,
          subject.modelName,
          Math.round(timeoutMs / 1000),
        ),
      ),
    failure: (error) => describeLanguageModelError(error, subject),
  };
}
