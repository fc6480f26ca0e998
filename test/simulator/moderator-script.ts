/**
 * An AI moderator model for the simulator: it answers the moderator's structured-output
 * requests (engine/moderator), telling which is asked from the request's `format` schema alone:
 * a `framing` property is the opening, `consensus` a round's review (with `summary` and `close`
 * when the schema has them), `next` a pick among the schema's enum of names. What it answers is
 * scripted by its options, so engine and graph tests can drive agreement, early closing, picks,
 * invalid and refused answers, and hostile text. A request without `format` gets plain words.
 */
import type { ChatRequestBody, SimModel } from './protocol';

export const MODERATOR_REFUSAL_TEXT = "I'm sorry, but I can't moderate this debate.";

/** Not JSON at all: a cut-off object. */
export const INVALID_JSON = '{"consensus": {"agree": tr';

/** Chooses the next speaker from the candidates' names (the schema's enum, in order) and the request; may return a name not among them. */
export type SpeakerPick = (candidates: readonly string[], request: ChatRequestBody) => string;

export interface ScriptedModeratorOptions {
  /** The model's name, as installed. */
  name: string;
  /** Reported by /api/show and /api/tags (default 'gemma3'). */
  family?: string;
  /** From this round on (the round a review request names), the speakers agree: `consensus.agree` is true. Absent: they never agree. */
  agreeFromRound?: number;
  /** From this round on, the moderator closes the debate (`close.close` true) when the schema lets it. Absent: it never closes. */
  closeFromRound?: number;
  /** Who speaks next (default: the first candidate). Return a name not among the candidates to answer out of range. */
  pick?: SpeakerPick;
  /** Every call's first try gets invalid JSON; its retry (whose last message restates the schema) gets a valid answer. */
  invalidFirst?: boolean;
  /** Every structured request gets invalid JSON, retries too. */
  invalidAlways?: boolean;
  /** Every structured request gets MODERATOR_REFUSAL_TEXT (words, not JSON), retries too. */
  refuse?: boolean;
  /** Applied to every free text it writes (framing, summary, each reason): to inject control characters or overlong text. */
  decorate?: (text: string) => string;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The properties a JSON Schema lists at its top level. */
function schemaProperties(format: unknown): JsonObject {
  return isObject(format) && isObject(format.properties) ? format.properties : {};
}

/** The names the pick's schema allows, in order. */
function enumOf(property: unknown): string[] {
  return isObject(property) && Array.isArray(property.enum) ? property.enum.filter((value): value is string => typeof value === 'string') : [];
}

/** The round a review names in its task ("Round 3 has just ended."), read from the newest message that says it. */
export function reviewedRound(request: ChatRequestBody): number {
  for (const message of [...(request.messages ?? [])].reverse()) {
    const match = /Round (\d+) has just ended/.exec(message.content);
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return 0;
}

/** Whether this request is a retry: its last message restates the very schema in its `format`. */
function isRetry(request: ChatRequestBody): boolean {
  const last = request.messages?.[request.messages.length - 1]?.content ?? '';
  return last.includes(JSON.stringify(request.format));
}

function from(round: number, threshold: number | undefined): boolean {
  return threshold !== undefined && round >= threshold;
}

function review(request: ChatRequestBody, options: ScriptedModeratorOptions, say: (text: string) => string): JsonObject {
  const properties = schemaProperties(request.format);
  const round = reviewedRound(request);
  const agree = from(round, options.agreeFromRound);
  const close = from(round, options.closeFromRound);
  return {
    ...('summary' in properties && {
      summary: say(`In round ${round} each speaker pressed its own case; they ${agree ? 'now share one position' : 'still disagree on the main question'}.`),
    }),
    consensus: { agree, reason: say(agree ? `By round ${round} every speaker holds the same position.` : 'The speakers still hold different positions.') },
    ...('close' in properties && {
      close: { close, reason: say(close ? `By round ${round} the speakers only repeat themselves.` : 'New arguments are still coming.') },
    }),
  };
}

function answer(request: ChatRequestBody, options: ScriptedModeratorOptions): string {
  const say = options.decorate ?? ((text: string) => text);
  const properties = schemaProperties(request.format);
  if ('framing' in properties) {
    return JSON.stringify({ framing: say('At stake is which answer holds up under scrutiny. A good answer must weigh the evidence and the costs on each side.') });
  }
  if ('consensus' in properties) return JSON.stringify(review(request, options, say));
  if ('next' in properties) {
    const candidates = enumOf(properties.next);
    const next = options.pick?.(candidates, request) ?? candidates[0] ?? '';
    return JSON.stringify({ reason: say(`${next} was challenged last and has not answered yet.`), next });
  }
  return '{}';
}

/** The moderator as an installed model. */
export function scriptedModerator(options: ScriptedModeratorOptions): SimModel {
  return {
    name: options.name,
    family: options.family ?? 'gemma3',
    reply: (request) => {
      if (request.format === undefined) return 'I am the moderator.';
      if (options.refuse === true) return MODERATOR_REFUSAL_TEXT;
      if (options.invalidAlways === true || (options.invalidFirst === true && !isRetry(request))) return INVALID_JSON;
      return answer(request, options);
    },
  };
}
