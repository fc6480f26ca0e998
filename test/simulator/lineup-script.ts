/**
 * A casting model for the simulator: it answers "Suggest speakers" requests (engine/personas),
 * reading what is on offer from the request's `format` schema alone: the tones and models its
 * enums allow and how many speakers its minItems/maxItems ask for. By default it casts a fair
 * line-up (alternating "for" and "against", a role per speaker, tones and models taken in turn
 * from the enums); `answer` replaces that with any JSON, to drive wrong shapes, out-of-enum
 * tones or models, one-sided stances and hostile text. A request without `format` gets words.
 */
import type { ChatRequestBody, SimModel } from './protocol';

export const CASTING_REFUSAL_TEXT = "I'm sorry, but I can't suggest speakers for this topic.";

/** Not JSON at all: a cut-off object. */
export const CUT_OFF_LINEUP = '{"speakers": [{"name": "Ada", "ro';

/** What the request's schema offers. */
export interface CastingOffer {
  tones: string[];
  models: string[];
  /** minItems and maxItems of the speakers array. */
  least: number;
  most: number;
}

export interface ScriptedCastingOptions {
  /** The model's name, as installed. */
  name: string;
  family?: string;
  /** The JSON object answered (default: fairLineUp), told whether this request is the retry (its last message restates the schema). */
  answer?: (offer: CastingOffer, retry: boolean, request: ChatRequestBody) => unknown;
  /** Every structured request gets CUT_OFF_LINEUP, retries too. */
  invalidAlways?: boolean;
  /** Every structured request gets CASTING_REFUSAL_TEXT (words, not JSON), retries too. */
  refuse?: boolean;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Pure: the offer in a line-up request's `format`; empty lists when it is not one. */
export function castingOffer(format: unknown): CastingOffer {
  const speakers = isObject(format) && isObject(format.properties) ? format.properties.speakers : undefined;
  const items = isObject(speakers) && isObject(speakers.items) && isObject(speakers.items.properties) ? speakers.items.properties : {};
  const enumOf = (property: unknown): string[] => (isObject(property) ? strings(property.enum) : []);
  return {
    tones: enumOf(items.tone),
    models: enumOf(items.model),
    least: isObject(speakers) && typeof speakers.minItems === 'number' ? speakers.minItems : 0,
    most: isObject(speakers) && typeof speakers.maxItems === 'number' ? speakers.maxItems : 0,
  };
}

const NAMES = ['Ada', 'Bob', 'Cy', 'Dee'];
const ROLES = ['an economist', 'a security engineer', 'a historian', 'a nurse'];

/** Pure: a fair line-up of `offer.least` speakers (at least 2): alternating for and against, tones and models in turn. */
export function fairLineUp(offer: CastingOffer): JsonObject {
  const count = Math.max(2, offer.least);
  return {
    speakers: Array.from({ length: count }, (_, i) => ({
      name: NAMES[i % NAMES.length],
      role: ROLES[i % ROLES.length],
      stance: i % 2 === 0 ? 'for' : 'against',
      tone: offer.tones[i % offer.tones.length] ?? '',
      model: offer.models[i % offer.models.length] ?? '',
    })),
  };
}

/** Whether this request is a retry: its last message restates the very schema in its `format`. */
function isRetry(request: ChatRequestBody): boolean {
  const last = request.messages?.[request.messages.length - 1]?.content ?? '';
  return last.includes(JSON.stringify(request.format));
}

/** The casting model as an installed model. */
export function scriptedCasting(options: ScriptedCastingOptions): SimModel {
  return {
    name: options.name,
    family: options.family ?? 'gemma3',
    reply: (request) => {
      if (request.format === undefined) return 'I suggest speakers.';
      if (options.refuse === true) return CASTING_REFUSAL_TEXT;
      if (options.invalidAlways === true) return CUT_OFF_LINEUP;
      const offer = castingOffer(request.format);
      const answer = options.answer ?? ((given: CastingOffer) => fairLineUp(given));
      return JSON.stringify(answer(offer, isRetry(request), request));
    },
  };
}
