import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REPETITION_RULE,
  findRepetition,
  MIN_NGRAMS_JUDGED,
  ngramOverlap,
  repetitionNote,
  wordNgrams,
} from '../../engine/repetition';
import { ADA, BOB, makeNote, makeTurn } from './fixtures';
import { ARGUMENT, OTHER_TOPIC, REWORDED } from './repetition-replies';

const SPEAKERS = [ADA, BOB];

describe('wordNgrams', () => {
  it('ignores case, punctuation and the composition of accented letters', () => {
    expect(wordNgrams('Café au lait, CAFE au LAIT!', 2)).toEqual(new Set(['café au', 'au lait', 'lait cafe', 'cafe au']));
    expect(wordNgrams('Cafe\u0301 noir', 2)).toEqual(wordNgrams('Café noir', 2));
  });

  it('keeps words of any script and contractions whole', () => {
    expect(wordNgrams("It's a débat — 辩论 sur l'IA", 1)).toEqual(new Set(["it's", 'a', 'débat', '辩论', 'sur', "l'ia"]));
  });

  it('has no n-gram for a text shorter than n words', () => {
    expect(wordNgrams('two words', 3).size).toBe(0);
    expect(wordNgrams('', 3).size).toBe(0);
  });
});

describe('ngramOverlap', () => {
  it('is the share of the reply’s n-grams the earlier text has', () => {
    expect(ngramOverlap(new Set(['a b', 'b c', 'c d', 'd e']), new Set(['a b', 'c d', 'x y']))).toBe(0.5);
    expect(ngramOverlap(new Set(), new Set(['a b']))).toBe(0);
  });
});

describe('findRepetition', () => {
  const first = makeTurn(0, SPEAKERS, ARGUMENT);
  const answer = makeTurn(1, SPEAKERS, OTHER_TOPIC);

  it('finds a speaker saying its earlier reply again, verbatim or with small changes', () => {
    const verbatim = makeTurn(2, SPEAKERS, ARGUMENT);
    expect(findRepetition(verbatim, [first, answer], DEFAULT_REPETITION_RULE)).toEqual({ turnId: 't2', earlierTurnId: 't0', overlap: 1 });
    const padded = makeTurn(2, SPEAKERS, `As I said before: ${ARGUMENT.toUpperCase()} Nothing has changed.`);
    expect(findRepetition(padded, [first, answer], DEFAULT_REPETITION_RULE)?.overlap).toBeGreaterThan(0.75);
  });

  it('does not call a reworded argument or a new point a repetition', () => {
    expect(findRepetition(makeTurn(2, SPEAKERS, REWORDED), [first, answer], DEFAULT_REPETITION_RULE)).toBeNull();
    expect(findRepetition(makeTurn(2, SPEAKERS, OTHER_TOPIC), [first], DEFAULT_REPETITION_RULE)).toBeNull();
  });

  it('compares a speaker only with itself: agreeing with another speaker word for word is not a loop', () => {
    const echo = makeTurn(3, SPEAKERS, ARGUMENT);
    expect(findRepetition(echo, [first, answer], DEFAULT_REPETITION_RULE)).toBeNull();
  });

  it('judges only complete replies, on both sides', () => {
    const stoppedEarlier = makeTurn(0, SPEAKERS, ARGUMENT, { status: 'stopped' });
    expect(findRepetition(makeTurn(2, SPEAKERS, ARGUMENT), [stoppedEarlier, answer], DEFAULT_REPETITION_RULE)).toBeNull();
    const failedNow = makeTurn(2, SPEAKERS, ARGUMENT, { status: 'failed' });
    expect(findRepetition(failedNow, [first, answer], DEFAULT_REPETITION_RULE)).toBeNull();
    expect(findRepetition(makeNote('m1', 2, ARGUMENT), [first], DEFAULT_REPETITION_RULE)).toBeNull();
  });

  it('never judges a reply too short to measure', () => {
    const short = 'I agree with that completely and fully.';
    expect(wordNgrams(short, 3).size).toBeLessThan(MIN_NGRAMS_JUDGED);
    expect(findRepetition(makeTurn(2, SPEAKERS, short), [makeTurn(0, SPEAKERS, short)], DEFAULT_REPETITION_RULE)).toBeNull();
  });

  it('does not compare a regenerated turn with itself', () => {
    expect(findRepetition(first, [first, answer], DEFAULT_REPETITION_RULE)).toBeNull();
  });

  it('reports the closest earlier reply, and follows the threshold it is given', () => {
    const half = makeTurn(2, SPEAKERS, `${ARGUMENT} ${OTHER_TOPIC}`);
    const closest = findRepetition(makeTurn(4, SPEAKERS, ARGUMENT), [first, answer, half], DEFAULT_REPETITION_RULE);
    expect(closest?.earlierTurnId).toBe('t0');
    const overlapWithFirst = findRepetition(half, [first], { threshold: 0, ngram: 3 })?.overlap ?? 0;
    expect(overlapWithFirst).toBeGreaterThan(0.3);
    expect(overlapWithFirst).toBeLessThan(0.6);
    expect(findRepetition(half, [first], DEFAULT_REPETITION_RULE)).toBeNull();
    expect(findRepetition(half, [first], { threshold: 0.3, ngram: 3 })).not.toBeNull();
  });
});

describe('repetitionNote', () => {
  it('names the speaker, the share and both exchanges', () => {
    expect(repetitionNote({ speaker: 'Ada', exchange: 3 }, { exchange: 1 }, 0.826)).toBe('Ada repeated 83% of their reply from exchange 1 in exchange 3.');
  });
});
