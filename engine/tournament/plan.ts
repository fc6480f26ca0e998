// A tournament's plan: every unordered pairing of its models on every topic, twice with the
// speaking order swapped. Pure. The plan's id is a hash of the normalised inputs, so the same
// command run again names the same tournament (and resumes it); each match's key is stable
// and safe in a file name, so a finished match is found again in the library.
import { createHash } from 'node:crypto';
import { DEFAULT_TONE } from '../tones';

export interface TournamentInputs {
  models: string[];
  topics: string[];
  judge: string;
  exchanges: number;
  /** The tone every speaker debates in; default Rational. */
  tone?: string;
}

export interface TournamentMatch {
  /** Stable and filename-safe, e.g. "t03-gemma3-4b-vs-qwen3-1.7b-b". */
  key: string;
  topic: string;
  /** 0-based index into the plan's topics. */
  topicIndex: number;
  /** The two models in speaking order. */
  models: readonly [string, string];
  /** Whether the pairing's second model (in the plan's model order) speaks first. */
  swapped: boolean;
}

export interface TournamentPlan {
  id: string;
  /** The inputs as normalised: models sorted and unique, topics trimmed and unique, the tone filled in. */
  inputs: Required<TournamentInputs>;
  matches: readonly TournamentMatch[];
}

/** Pure: the inputs with the differences that don't change the tournament taken out. */
export function normaliseInputs(inputs: TournamentInputs): Required<TournamentInputs> {
  const models = [...new Set(inputs.models.map((model) => model.trim()).filter((model) => model !== ''))].sort();
  // The topics keep their order: a topic's index is part of its matches' keys.
  const topics = [...new Set(inputs.topics.map((topic) => topic.trim()).filter((topic) => topic !== ''))];
  const tone = inputs.tone?.trim() || DEFAULT_TONE;
  return { models, topics, judge: inputs.judge.trim(), exchanges: inputs.exchanges, tone };
}

/** Pure: the id a tournament with these (normalised) inputs has, e.g. "tn-3f9c2a7b41d0". */
export function tournamentId(inputs: Required<TournamentInputs>): string {
  const canonical = JSON.stringify([inputs.models, inputs.topics, inputs.judge, inputs.exchanges, inputs.tone]);
  return `tn-${createHash('sha256').update(canonical).digest('hex').slice(0, 12)}`;
}

/** Pure: a model name as a key part: lowercase letters, digits, dots and dashes ("qwen3:1.7b" → "qwen3-1.7b"). */
export function modelSlug(model: string): string {
  const slug = model.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return slug === '' ? 'model' : slug;
}

/** Pure: a distinct slug per model; two names that read the same as slugs get their position appended. */
function distinctSlugs(models: readonly string[]): string[] {
  const slugs = models.map(modelSlug);
  return slugs.map((slug, index) => (slugs.indexOf(slug) === slugs.lastIndexOf(slug) ? slug : `${slug}-${index + 1}`));
}

/** Pure: what is wrong with the inputs for a tournament, or null. */
export function tournamentInputsProblem(inputs: Required<TournamentInputs>): string | null {
  if (inputs.models.length < 2) return 'a tournament needs at least two different models';
  if (inputs.topics.length < 1) return 'a tournament needs at least one topic';
  if (inputs.judge === '') return 'a tournament needs a judge model';
  if (!(Number.isInteger(inputs.exchanges) && inputs.exchanges >= 1)) return 'exchanges must be a whole number from 1';
  return null;
}

/** Pure: the tournament's plan. Throws when the inputs can't make one (see tournamentInputsProblem). */
export function planTournament(inputs: TournamentInputs): TournamentPlan {
  const normalised = normaliseInputs(inputs);
  const problem = tournamentInputsProblem(normalised);
  if (problem !== null) throw new Error(problem);
  const { models, topics } = normalised;
  const slugs = distinctSlugs(models);
  const width = Math.max(2, String(topics.length).length);
  const matches: TournamentMatch[] = [];
  topics.forEach((topic, topicIndex) => {
    const topicPart = `t${String(topicIndex + 1).padStart(width, '0')}`;
    for (let first = 0; first < models.length; first++) {
      for (let second = first + 1; second < models.length; second++) {
        const a = models[first] as string;
        const b = models[second] as string;
        const pairPart = `${topicPart}-${slugs[first]}-vs-${slugs[second]}`;
        matches.push({ key: `${pairPart}-a`, topic, topicIndex, models: [a, b], swapped: false });
        matches.push({ key: `${pairPart}-b`, topic, topicIndex, models: [b, a], swapped: true });
      }
    }
  });
  return { id: tournamentId(normalised), inputs: normalised, matches };
}
