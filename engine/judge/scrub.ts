// Keeping names from the judge: a speaker's name, its model's name (and the fragments people
// and models use for it, like "llama3.2" or "llama"), its model family and, when they tell the
// speakers apart, the tone names are replaced in everything the judge reads. A judge that can
// tell which text its own family wrote tends to prefer it (Panickssery et al. 2024,
// arXiv:2404.13076); speakers also address each other by name, so the text itself must be scrubbed.

/** Fragments shorter than this are left alone: they would hit ordinary words. */
const MIN_FRAGMENT_CHARS = 3;
/** A speaker's name as short as this is still scrubbed. */
const MIN_NAME_CHARS = 2;

/** Pure: the ways a model's name may appear in text: "library/llama3.2:1b", "llama3.2:1b", "llama3.2", "llama". */
export function modelNameFragments(model: string): string[] {
  const fragments = new Set<string>([model]);
  const untagged = model.replace(/:[^/:]*$/, '');
  fragments.add(untagged);
  const lastSegment = untagged.slice(untagged.lastIndexOf('/') + 1);
  fragments.add(lastSegment);
  fragments.add(model.slice(model.lastIndexOf('/') + 1));
  const leadingWord = /^\p{L}+/u.exec(lastSegment)?.[0];
  if (leadingWord !== undefined) fragments.add(leadingWord);
  return [...fragments].filter((fragment) => fragment.trim().length >= MIN_FRAGMENT_CHARS);
}

/** What is scrubbed, and what it becomes. */
export interface ScrubRule {
  word: string;
  replacement: string;
}

export interface IdentifyingWords {
  /** Each speaker's names (a branch may have renamed a slot), by speaker index. */
  speakerNames: ReadonlyMap<number, readonly string[]>;
  /** Model names and families of every speaker and turn. */
  models: readonly string[];
  /** Tone names, scrubbed only when the speakers' tones differ (a tone all share identifies nobody). */
  tones: readonly string[];
}

/** Pure: the tones worth scrubbing: none when every speaker has the same one. */
export function identifyingTones(tones: readonly string[]): string[] {
  const distinct = [...new Set(tones.map((tone) => tone.trim()).filter((tone) => tone.length >= MIN_FRAGMENT_CHARS))];
  return distinct.length > 1 ? distinct : [];
}

/**
 * Pure: the rules for one order: a speaker's names become its side ("Side B"), models
 * "[model]", tones "[tone]". Where one word is both (a speaker named after its model), the
 * speaker's side wins, as the more useful to the judge.
 */
export function scrubRules(words: IdentifyingWords, sideOf: (speakerIndex: number) => string): ScrubRule[] {
  const rules = new Map<string, ScrubRule>();
  const add = (word: string, replacement: string): void => {
    const key = word.toLowerCase();
    // A one-letter name would hit every "a" and "I"; two letters ("Al", "Bo") are still names.
    if (word.trim().length >= MIN_NAME_CHARS && !rules.has(key)) rules.set(key, { word, replacement });
  };
  for (const [index, names] of words.speakerNames) for (const name of names) add(name, `Side ${sideOf(index)}`);
  for (const model of words.models) for (const fragment of modelNameFragments(model)) add(fragment, '[model]');
  for (const tone of words.tones) add(tone, '[tone]');
  return [...rules.values()];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A scrubber: one pass over the text, longest words first, whole words only, any case. */
export function createScrubber(rules: readonly ScrubRule[]): (text: string) => string {
  if (rules.length === 0) return (text) => text;
  const byWord = new Map(rules.map((rule) => [rule.word.toLowerCase(), rule.replacement]));
  const alternatives = [...rules].sort((a, b) => b.word.length - a.word.length).map((rule) => escapeRegExp(rule.word));
  // Not inside a longer word or number: "Ada" in "Adams" and "llama" in "llamas" stay.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
  return (text) => text.replace(pattern, (match) => byWord.get(match.toLowerCase()) ?? '[name]');
}
