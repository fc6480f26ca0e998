// How fast each model spoke in the judged debates, pure: the median time to first token and
// the median tokens per second of its complete turns. Medians, not means: one cold start
// (the model loading) would otherwise dominate a model's few turns.
import { withoutPassword } from '../text-safety';
import type { JudgedDebate, RankedSpeaker } from './judged-debate';

export interface SpeedSummary {
  /** Complete turns measured. */
  turns: number;
  /** Null when no turn reported it. */
  medianTimeToFirstTokenMs: number | null;
  medianTokensPerSecond: number | null;
}

export interface SpeedRow extends SpeedSummary {
  model: string;
  /** The Ollama host, a password in it masked. */
  host: string;
}

/** Pure: the median of the numbers, or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

interface Samples {
  turns: number;
  firstToken: number[];
  tokensPerSecond: number[];
}

/** Pure: the speed of each group of speakers `groupOf` names (a model, or a model on a host). */
export function speedBy(debates: readonly JudgedDebate[], groupOf: (speaker: RankedSpeaker) => string): Map<string, SpeedSummary> {
  const samples = new Map<string, Samples>();
  for (const debate of debates) {
    for (const turn of debate.turns) {
      const speaker = debate.speakers[turn.speakerIndex];
      if (speaker === undefined) continue;
      const group = groupOf(speaker);
      const found = samples.get(group) ?? { turns: 0, firstToken: [], tokensPerSecond: [] };
      found.turns++;
      if (turn.timeToFirstTokenMs !== null && Number.isFinite(turn.timeToFirstTokenMs)) found.firstToken.push(turn.timeToFirstTokenMs);
      if (turn.tokensPerSecond !== null && Number.isFinite(turn.tokensPerSecond)) found.tokensPerSecond.push(turn.tokensPerSecond);
      samples.set(group, found);
    }
  }
  return new Map(
    [...samples].map(([group, found]) => [
      group,
      { turns: found.turns, medianTimeToFirstTokenMs: median(found.firstToken), medianTokensPerSecond: median(found.tokensPerSecond) },
    ]),
  );
}

/** Pure: one row per model and host, by model then host. */
export function speedRows(debates: readonly JudgedDebate[]): SpeedRow[] {
  const hostKey = (speaker: RankedSpeaker): string => JSON.stringify([speaker.model, withoutPassword(speaker.host)]);
  return [...speedBy(debates, hostKey)]
    .map(([group, summary]) => {
      const [model, host] = JSON.parse(group) as [string, string];
      return { model, host, ...summary };
    })
    .sort((a, b) => compareText(a.model, b.model) || compareText(a.host, b.host));
}

/** A fixed order for names (not the locale's: the JSON and the markdown must not depend on it). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
