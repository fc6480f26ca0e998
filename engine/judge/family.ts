// Which model family the judge and each speaker come from. A judge of a speaker's own family
// tends to prefer that speaker's text (self-preference: Panickssery et al. 2024,
// arXiv:2404.13076), so a verdict carries a warning when they match.
import type { FamilySource } from './verdict';

export interface ModelFamily {
  family: string;
  source: FamilySource;
}

/** Pure: a model's family from its name, when Ollama can't say: the name before its tag, without a namespace ("llama3.2:1b" -> "llama3.2"). */
export function familyFromName(model: string): string {
  const untagged = model.replace(/:[^/:]*$/, '');
  return untagged.slice(untagged.lastIndexOf('/') + 1).toLowerCase();
}

/** Pure: Ollama's family when it gave one, else the name's. */
export function modelFamily(model: string, shownFamily: string | null): ModelFamily {
  const family = shownFamily?.trim().toLowerCase() ?? '';
  return family === '' ? { family: familyFromName(model), source: 'name' } : { family, source: 'show' };
}

const SOURCE_WORDS: Record<FamilySource, string> = {
  show: "Ollama's model details",
  name: "the model's name (Ollama did not say)",
};

/**
 * Pure: the warning when the judge's family is a speaker's, naming them and where each family
 * was read; null when none matches.
 */
export function familyWarning(judge: { model: string } & ModelFamily, speakers: readonly ({ name: string; model: string } & ModelFamily)[]): string | null {
  const same = speakers.filter((speaker) => speaker.family === judge.family);
  if (same.length === 0) return null;
  const who = same.map((speaker) => `${speaker.name} (${speaker.model}, from ${SOURCE_WORDS[speaker.source]})`).join(', ');
  return `The judge ${judge.model} is of the ${judge.family} family (from ${SOURCE_WORDS[judge.source]}), as is ${who}: a judge tends to favour its own family. Pick a judge from a family none of the speakers use.`;
}
