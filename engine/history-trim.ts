// Which earlier turns a speaker's prompt keeps, in a way that suits Ollama's prompt cache. Ollama
// re-evaluates a prompt from the first token that differs from the one before, so:
// - history is left out in large steps: once the turns pass the budget, the oldest go until they
//   fill at most LOW_WATER_SHARE of it; the next several turns then only append (the prompt's start,
//   the "left out" note included, stays the same), instead of shifting by one turn every turn;
// - the step points follow from the turns alone (the growth is replayed turn by turn), so every
//   request of a debate finds the same ones without any state kept between turns;
// - one turn larger than MAX_TURN_SHARE of the budget is shortened (its start and end kept, the cut
//   marked), the same way every time, rather than pushing out every turn before it.
// Quality trade-off: right after a step a speaker sees only the newest part of the debate (at
// least the last turn); in between it sees more than a one-turn-at-a-time trim would keep.

/** After a step, the turns kept fill at most this share of the budget (at least the newest turn is kept). */
export const LOW_WATER_SHARE = 0.25;
/** No single turn takes more than this share of the budget: a longer one is shortened. */
export const MAX_TURN_SHARE = 0.5;

export const SHORTENED_MARK = '[… shortened here to fit the context window …]';

/**
 * The index of the first turn kept, given each turn's tokens (oldest first): the growth replayed
 * one turn at a time, stepping down to the low-water mark whenever the budget is passed.
 */
export function firstKeptTurn(sizes: readonly number[], budget: number, lowWaterShare = LOW_WATER_SHARE): number {
  const lowWater = budget * lowWaterShare;
  let start = 0;
  let used = 0;
  for (let end = 0; end < sizes.length; end++) {
    used += sizes[end] ?? 0;
    if (used <= budget) continue;
    // Past the budget: drop the oldest down to the low-water mark, always keeping the newest turn.
    while (start < end && used > lowWater) {
      used -= sizes[start] ?? 0;
      start++;
    }
  }
  return start;
}

/** A text cut to its first two thirds and last third of `keepChars` characters (code points), the cut marked. */
export function shortenedText(text: string, keepChars: number): string {
  return shortenedChars([...text], keepChars);
}

function shortenedChars(chars: readonly string[], keepChars: number): string {
  if (keepChars >= chars.length) return chars.join('');
  const headChars = Math.ceil((keepChars * 2) / 3);
  const head = chars.slice(0, headChars).join('').trimEnd();
  const tail = chars.slice(chars.length - (keepChars - headChars)).join('').trimStart();
  return tail === '' ? `${head}\n${SHORTENED_MARK}` : `${head}\n${SHORTENED_MARK}\n${tail}`;
}

/**
 * The text as it fits `maxTokens` by `tokensOf` (the calibrated estimate): unchanged when it fits,
 * else the longest shortened form that does (found by bisection: the estimate grows with the characters kept).
 * `maxCharsPerToken` bounds the search (a million-character reply is searched within what could fit):
 * 8 = four characters a token at the lowest calibration ratio, 0.5.
 */
export function fitText(text: string, maxTokens: number, tokensOf: (text: string) => number, maxCharsPerToken = 8): { text: string; shortened: boolean } {
  if (tokensOf(text) <= maxTokens) return { text, shortened: false };
  const chars = [...text];
  let low = 0;
  let high = Math.min(chars.length - 1, Math.max(0, maxTokens) * maxCharsPerToken);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (tokensOf(shortenedChars(chars, middle)) <= maxTokens) low = middle;
    else high = middle - 1;
  }
  return { text: shortenedChars(chars, low), shortened: true };
}
