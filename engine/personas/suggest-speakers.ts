// "Suggest speakers": a model casts a line-up that fits the topic, through Ollama's structured
// output (lineup-request.ts), checked, retried once with the schema restated, and otherwise a
// failure with the reason: never a made-up line-up.
import { sentence } from '../moderator/moderator';
import { askChecked } from '../structured-answer';
import { allTones } from '../tones';
import type { Tone } from '../types';
import { lineUpMessages, lineUpSchema, MAX_SUGGESTED_SPEAKERS, MIN_SUGGESTED_SPEAKERS, suggestedSpeakers, type LineUpOffer, type SuggestedSpeaker } from './lineup-request';

/** A short answer, but the model may have to load first (as a speaker's first token may). */
export const DEFAULT_SUGGEST_TIMEOUT_MS = 120_000;

export interface SuggestRequest {
  host: string;
  /** The model asked to cast the line-up. */
  model: string;
  topic: string;
  /** The models the line-up may use (names as Ollama lists them). */
  installedModels: readonly string[];
  /** Exactly this many speakers (2 to 4); absent: the model chooses 2 to 4. */
  count?: number;
  /** Custom tones (personas) the line-up may use besides the built-in ones. */
  customTones?: readonly Tone[];
  signal?: AbortSignal;
  /** Each request (the first and a retry), model load included, must be done within this (default DEFAULT_SUGGEST_TIMEOUT_MS). */
  deadlineMs?: number;
}

export type SuggestResult = { ok: true; speakers: SuggestedSpeaker[]; retried: boolean } | { ok: false; reason: string };

/** Pure: what the request offers the model, or why there is nothing to ask. */
export function lineUpOffer(request: Pick<SuggestRequest, 'topic' | 'installedModels' | 'count' | 'customTones'>): { offer: LineUpOffer } | { reason: string } {
  const { count } = request;
  if (request.topic.trim() === '') return { reason: 'Write a topic first: the line-up is chosen to fit it.' };
  const [firstModel, ...otherModels] = [...new Set(request.installedModels.map((model) => model.trim()).filter((model) => model !== ''))];
  if (firstModel === undefined) return { reason: 'No models are installed to cast: pull a model first.' };
  if (count !== undefined && !(Number.isInteger(count) && count >= MIN_SUGGESTED_SPEAKERS && count <= MAX_SUGGESTED_SPEAKERS)) {
    return { reason: `A line-up has ${MIN_SUGGESTED_SPEAKERS} to ${MAX_SUGGESTED_SPEAKERS} speakers (asked for ${count}).` };
  }
  const [firstTone, ...otherTones] = allTones([...(request.customTones ?? [])]);
  // allTones always starts with the built-in tones.
  if (firstTone === undefined) return { reason: 'No tones are known.' };
  return { offer: { topic: request.topic, tones: [firstTone, ...otherTones], models: [firstModel, ...otherModels], ...(count !== undefined && { count }) } };
}

/** Asks `model` for a line-up that fits the topic; never throws for the model's failure. */
export async function suggestSpeakers(request: SuggestRequest): Promise<SuggestResult> {
  const offered = lineUpOffer(request);
  if ('reason' in offered) return { ok: false, reason: offered.reason };
  const answer = await askChecked({
    host: request.host,
    model: request.model,
    messages: lineUpMessages(offered.offer),
    schema: lineUpSchema(offered.offer),
    who: `the model ${request.model}`,
    deadlineMs: request.deadlineMs ?? DEFAULT_SUGGEST_TIMEOUT_MS,
    ...(request.signal !== undefined && { signal: request.signal }),
  });
  if (!answer.ok) return { ok: false, reason: sentence(answer.reason) };
  return { ok: true, speakers: suggestedSpeakers(answer.value), retried: answer.retried };
}
