/**
 * A judge model for the simulator: it answers a request that carries `format` (a JSON Schema
 * or "json", Ollama's structured output) with scripted replies, one per request, the last
 * repeating: a valid verdict built from the request's own schema, invalid JSON, a refusal, or
 * JSON that breaks the schema. Tests drive valid, invalid-then-valid and always-invalid judges
 * with it, and read what the judge was sent from the simulator's request records.
 */
import type { ChatRequestBody, SimModel } from './protocol';

export type JudgeStep =
  /** A verdict fitting the request's schema; the winner is chosen by the judge's `pick`. */
  | 'valid'
  /** Not JSON at all (a cut-off object). */
  | 'invalid-json'
  /** Words instead of a verdict, as a model that declines. */
  | 'refusal'
  /** JSON of the right shape with a score of 11. */
  | 'out-of-range';

export const REFUSAL_TEXT = "I'm sorry, but I can't judge a debate between these participants.";

/** Chooses the winner from the side labels and the debate text the judge was sent; 'tie' for none. */
export type WinnerPick = (labels: readonly string[], request: ChatRequestBody) => string;

/** A position-biased judge: whoever comes first. Across swapped orders it never agrees with itself. */
export const pickFirst: WinnerPick = (labels) => labels[0] ?? 'tie';

/** A judge that finds the side whose turns contain `word` (its label as the judge sees it). */
export function pickSideSaying(word: string): WinnerPick {
  return (_labels, request) => {
    const text = request.messages?.map((message) => message.content).join('\n') ?? '';
    const sections = text.split(/^## Side /m).slice(1);
    const found = sections.find((section) => section.includes(word));
    return found?.[0] ?? 'tie';
  };
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The property names a schema lists under `properties.<field>.properties`. */
function schemaKeys(format: unknown, field: string): string[] {
  if (!isObject(format) || !isObject(format.properties)) return [];
  const inner = format.properties[field];
  return isObject(inner) && isObject(inner.properties) ? Object.keys(inner.properties) : [];
}

function verdictFor(request: ChatRequestBody, pick: WinnerPick, score: number): string {
  const labels = schemaKeys(request.format, 'scores');
  const winner = pick(labels, request);
  const scores = Object.fromEntries(
    labels.map((label) => {
      const value = label === winner ? 8 : 5;
      return [label, { argument: score === 11 ? 11 : value, evidence: value, rebuttal: value, tone: value }];
    }),
  );
  const marks = schemaKeys(request.format, 'turnMarks');
  return JSON.stringify({
    scores,
    winner,
    rationale: winner === 'tie' ? 'Side A and Side B argued equally well.' : `Side ${winner} answered the others best.`,
    ...(marks.length > 0 && { turnMarks: Object.fromEntries(marks.map((key, at) => [key, (at % 10) + 1])) }),
  });
}

export interface ScriptedJudgeOptions {
  name: string;
  /** Reported by /api/show and /api/tags. */
  family?: string;
  steps: readonly JudgeStep[];
  pick?: WinnerPick;
}

/** The judge as an installed model: its replies follow `steps`; a request without `format` gets plain words. */
export function scriptedJudge(options: ScriptedJudgeOptions): SimModel {
  let next = 0;
  const pick = options.pick ?? pickFirst;
  return {
    name: options.name,
    family: options.family ?? 'gemma',
    reply: (request) => {
      if (request.format === undefined) return 'Side A made the better case.';
      const step = options.steps[Math.min(next, options.steps.length - 1)] ?? 'valid';
      next += 1;
      switch (step) {
        case 'valid':
          return verdictFor(request, pick, 8);
        case 'invalid-json':
          return '{"scores": {"A": {"argument": 7,';
        case 'refusal':
          return REFUSAL_TEXT;
        case 'out-of-range':
          return verdictFor(request, pick, 11);
        default: {
          const unknown: never = step;
          throw new Error(`unknown judge step ${String(unknown)}`);
        }
      }
    },
  };
}
