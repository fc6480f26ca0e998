// The repetition stop condition, pure: has a speaker just said again what it already said?
//
// Measured as word n-gram overlap: the share of the new reply's distinct n-grams (3 words by
// default) that one of the speaker's own earlier replies already had. A reworded argument
// shares few 3-word runs; a model caught in a loop shares most of them. Short replies are
// never judged (a handful of n-grams make the share jumpy), and only complete replies count.
// Compared by meaning instead (an embedding model through Ollama): engine/embedding-repetition.ts,
// which judges the same replies against the same earlier ones.
import type { RepetitionRule, SpeakerTurn, Turn } from './types';

export const DEFAULT_REPETITION_RULE: RepetitionRule = { threshold: 0.6, ngram: 3 };
/** Below this many distinct n-grams a reply is too short to call a repetition. */
export const MIN_NGRAMS_JUDGED = 12;

export interface Repetition {
  /** The reply that repeated itself. */
  turnId: string;
  /** The speaker's earlier reply it repeated most. */
  earlierTurnId: string;
  /** Share of the reply's n-grams found in the earlier reply (0-1). */
  overlap: number;
}

/** The distinct runs of `n` words of a text: case, accents' composition and punctuation ignored. */
export function wordNgrams(text: string, n: number): Set<string> {
  const words = text.normalize('NFKC').toLocaleLowerCase('en-US').match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
  const grams = new Set<string>();
  for (let i = 0; i + n <= words.length; i++) grams.add(words.slice(i, i + n).join(' '));
  return grams;
}

/** The share of `reply`'s n-grams that `earlier` has too (0 when `reply` has none). */
export function ngramOverlap(reply: ReadonlySet<string>, earlier: ReadonlySet<string>): number {
  if (reply.size === 0) return 0;
  let shared = 0;
  for (const gram of reply) if (earlier.has(gram)) shared++;
  return shared / reply.size;
}

function isCompleteReply(turn: Turn): turn is SpeakerTurn {
  return turn.kind === 'speaker' && turn.status === 'complete' && turn.text.trim() !== '';
}

/** Whether the repetition check judges `turn`: a complete reply, long enough (MIN_NGRAMS_JUDGED distinct n-grams) to measure. */
export function isJudgedReply(turn: Turn, ngram: number): turn is SpeakerTurn {
  return isCompleteReply(turn) && wordNgrams(turn.text, ngram).size >= MIN_NGRAMS_JUDGED;
}

/** The replies `turn` is compared with: its own speaker's complete replies in `earlier`, never itself. */
export function ownEarlierReplies(turn: SpeakerTurn, earlier: readonly Turn[]): SpeakerTurn[] {
  return earlier.filter(
    (candidate): candidate is SpeakerTurn =>
      isCompleteReply(candidate) && candidate.id !== turn.id && candidate.speakerIndex === turn.speakerIndex,
  );
}

/**
 * Whether `turn` repeats one of its speaker's earlier complete replies in `earlier` past the
 * rule's threshold: the most similar one, or null.
 */
export function findRepetition(turn: Turn, earlier: readonly Turn[], rule: RepetitionRule): Repetition | null {
  if (!isJudgedReply(turn, rule.ngram)) return null;
  const grams = wordNgrams(turn.text, rule.ngram);
  let best: Repetition | null = null;
  for (const candidate of ownEarlierReplies(turn, earlier)) {
    const overlap = ngramOverlap(grams, wordNgrams(candidate.text, rule.ngram));
    if (overlap >= rule.threshold && (best === null || overlap > best.overlap)) best = { turnId: turn.id, earlierTurnId: candidate.id, overlap };
  }
  return best;
}

/** A share (0-1) as a whole percentage, as the notes say it. */
export function percent(share: number): number {
  return Math.round(share * 100);
}

/** The note a debate stopped for repetition records: who repeated, how much, and which exchange. */
export function repetitionNote(turn: Pick<SpeakerTurn, 'speaker' | 'exchange'>, earlier: Pick<SpeakerTurn, 'exchange'>, overlap: number): string {
  return `${turn.speaker} repeated ${percent(overlap)}% of their reply from exchange ${earlier.exchange} in exchange ${turn.exchange}.`;
}
