// The set-up's AI moderator, stop on agreement and closing statements as pure rules (no DOM):
// what the form posts, what it refuses and why, what it restores, what the folded line says,
// and how the status words a debate the moderator or a consensus ended.
import { describe, expect, it } from 'vitest';
import { parseWebviewMessage } from '../../extension/contract/protocol';
import { CONSENSUS_NEEDS_MODERATOR, ORDER_NEEDS_MODERATOR, unmetModeratorNeed } from '../../extension/contract/moderator-choices';
import { readSavedDraft, setupSummary, validateDraft, type FormDraft } from '../../media/src/formRules';
import { earlyEndNote } from '../../media/src/format';

const draft: FormDraft = { topic: 'Tabs?', speakers: [{ model: 'm', tone: 'Cynic' }, { model: 'n', tone: 'Rational' }], exchanges: 2 };
const plain = { topic: 'Tabs?', speakers: draft.speakers, exchanges: 2 };

describe('what needs an AI moderator', () => {
  it('is the moderator-picks order and the stop on agreement, the order named first', () => {
    expect(unmetModeratorNeed({ order: 'moderator' })).toEqual({ choice: 'order', message: ORDER_NEEDS_MODERATOR });
    expect(unmetModeratorNeed({ stopOnConsensus: true, moderatorModel: '  ' })).toEqual({ choice: 'consensus', message: CONSENSUS_NEEDS_MODERATOR });
    expect(unmetModeratorNeed({ order: 'moderator', stopOnConsensus: true })?.choice).toBe('order');
    for (const choices of [{}, { order: 'simultaneous' as const }, { stopOnConsensus: false }, { order: 'moderator' as const, stopOnConsensus: true, moderatorModel: 'g' }]) {
      expect(unmetModeratorNeed(choices), JSON.stringify(choices)).toBeNull();
    }
  });
});

describe('the form\'s request', () => {
  it('carries the moderator (trimmed), the stop on agreement and closing statements, and leaves them out when unset', () => {
    expect(validateDraft({ ...draft, moderatorModel: ' gemma3:4b ', stopOnConsensus: true, closingStatements: true, order: 'moderator' })).toEqual({
      ok: true, request: { ...plain, order: 'moderator', moderatorModel: 'gemma3:4b', stopOnConsensus: true, closingStatements: true },
    });
    expect(validateDraft({ ...draft, order: 'simultaneous', closingStatements: true })).toEqual({ ok: true, request: { ...plain, order: 'simultaneous', closingStatements: true } });
    expect(validateDraft({ ...draft, moderatorModel: '', stopOnConsensus: false, closingStatements: false })).toEqual({ ok: true, request: plain });
  });

  it('refuses a choice that needs a moderator without one, on the field to fix, with the host\'s own words', () => {
    expect(validateDraft({ ...draft, order: 'moderator' })).toEqual({ ok: false, field: 'order', message: ORDER_NEEDS_MODERATOR });
    expect(validateDraft({ ...draft, order: 'moderator', moderatorModel: ' ' })).toEqual({ ok: false, field: 'order', message: ORDER_NEEDS_MODERATOR });
    expect(validateDraft({ ...draft, stopOnConsensus: true })).toEqual({ ok: false, field: 'moderator', message: CONSENSUS_NEEDS_MODERATOR });
    expect(validateDraft({ ...draft, moderatorModel: 'm'.repeat(201) })).toMatchObject({ ok: false, field: 'moderator' });
    // The topic and speakers are said first, as before.
    expect(validateDraft({ ...draft, topic: '', order: 'moderator' })).toMatchObject({ ok: false, field: 'topic' });
  });

  it('builds only requests the host accepts', () => {
    const drafts: FormDraft[] = [
      { ...draft, moderatorModel: 'g', order: 'moderator', stopOnConsensus: true, closingStatements: true, stopOnRepetition: true },
      { ...draft, order: 'simultaneous' },
      { ...draft, moderatorModel: 'g' },
      { ...draft, closingStatements: true },
    ];
    for (const one of drafts) {
      const result = validateDraft(one);
      if (!result.ok) throw new Error(result.message);
      expect(parseWebviewMessage({ type: 'start', request: result.request }).ok, JSON.stringify(one)).toBe(true);
    }
  });
});

describe('a saved draft', () => {
  it('keeps the moderator, the stop on agreement and closing statements', () => {
    const saved = { ...draft, order: 'simultaneous', moderatorModel: 'gemma3:4b', stopOnConsensus: true, closingStatements: true };
    expect(readSavedDraft(saved)).toEqual(saved);
    expect(readSavedDraft({ ...draft, order: 'moderator', moderatorModel: '' })).toEqual({ ...draft, order: 'moderator', moderatorModel: '' });
  });

  it('drops values of the wrong kind (a later or damaged state), keeping the rest', () => {
    for (const bad of [{ moderatorModel: 7 }, { moderatorModel: null }, { stopOnConsensus: 'yes' }, { closingStatements: 1 }, { closingStatements: {} }]) {
      expect(readSavedDraft({ ...draft, ...bad }), JSON.stringify(bad)).toEqual(draft);
    }
  });
});

describe('the folded set-up line', () => {
  it('names the order, the moderator, the stops and closing statements briefly', () => {
    const line = (more: Partial<FormDraft>): string => setupSummary({ ...draft, speakers: [{ model: 'm', tone: 'Cynic' }], ...more });
    expect(line({ order: 'simultaneous' })).toBe('Tabs? · m (Cynic) · 2 exchanges · simultaneous rounds');
    expect(line({ order: 'moderator', moderatorModel: 'gemma3:4b' })).toBe('Tabs? · m (Cynic) · 2 exchanges · moderator-picked order · moderator gemma3:4b');
    expect(line({ moderatorModel: 'g', stopOnConsensus: true })).toBe('Tabs? · m (Cynic) · 2 exchanges · moderator g · stops on agreement');
    expect(line({ moderatorModel: 'g', stopOnRepetition: true, stopOnConsensus: true, closingStatements: true }))
      .toBe('Tabs? · m (Cynic) · 2 exchanges · moderator g · stops on repetition or agreement · closing statements');
    expect(line({ moderatorModel: ' ', stopOnConsensus: false, closingStatements: false })).toBe('Tabs? · m (Cynic) · 2 exchanges');
  });
});

describe('a debate the speakers\' agreement or the AI moderator ended', () => {
  it('says why, in the note the engine recorded, else in words of its own', () => {
    const agreed = 'The speakers agree that tabs win.';
    expect(earlyEndNote({ stopReason: 'consensus', stopNote: agreed })).toBe(agreed);
    expect(earlyEndNote({ stopReason: 'consensus' })).toBe('The speakers agree.');
    const closed = 'The AI moderator (gemma3:4b) closed the debate: nothing new is being said.';
    expect(earlyEndNote({ stopReason: 'moderator', stopNote: closed })).toBe(closed);
    // The person's own "End debate" carries no reason: a plain finish.
    expect(earlyEndNote({ stopReason: 'moderator' })).toBeNull();
  });
});
