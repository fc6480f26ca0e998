// Rules of the setup form, as pure functions (no DOM) so they are unit-tested.
// The limits come from the contract's limits.ts (values), the request from its protocol.ts (types only: its values bundle zod).
import {
  DEFAULT_PANEL_EXCHANGES, MAX_MODEL_NAME_CHARS, MAX_PANEL_EXCHANGES, MAX_SPEAKERS, MAX_TOPIC_CHARS, MIN_PANEL_EXCHANGES, MIN_SPEAKERS,
} from '../../extension/contract/limits';
import type { DebateRequest } from '../../extension/contract/protocol';
import { unmetModeratorNeed } from '../../extension/contract/moderator-choices';
import { speakerOptionsProblem, type SpeakerOptionField } from '../../extension/contract/speaker-options';
import { requestExtras, savedExtras, speakerSummary, type SpeakerExtras } from './speakerMoreRules';
import { plural } from '../../engine/format';
import { TURN_ORDERS } from '../../engine/turn-order';
import type { TurnOrder } from '../../engine/types';

/** One speaker as the user is editing it: model, tone and its "More" settings. */
export type SpeakerDraft = { model: string; tone: string } & SpeakerExtras;

/** The setup form as the user is editing it (not yet validated). */
export interface FormDraft {
  topic: string;
  speakers: SpeakerDraft[];
  exchanges: number;
  /** Absent (as in drafts saved before it existed): round-robin. */
  order?: OrderKind;
  /** Absent: the debate runs all its exchanges. */
  stopOnRepetition?: boolean;
  /** The AI moderator's model; absent or blank: none. */
  moderatorModel?: string;
  /** Stop when the AI moderator finds the speakers agree (needs one). */
  stopOnConsensus?: boolean;
  /** Each speaker ends with a closing statement, tallied as a vote. */
  closingStatements?: boolean;
}

export type OrderKind = TurnOrder['kind'];

/** The orders the form offers, each with the words its picker shows and its name in the folded set-up. */
export const ORDER_CHOICES: readonly { kind: OrderKind; label: string; short: string }[] = [
  { kind: 'round-robin', label: 'Round-robin — listed order', short: 'round-robin order' },
  { kind: 'random', label: 'Random — reshuffled each round', short: 'random order' },
  { kind: 'reply', label: 'Reply — each answers the one before', short: 'reply order' },
  { kind: 'simultaneous', label: 'Simultaneous — everyone answers the previous round at once; a blind first round', short: 'simultaneous rounds' },
  { kind: 'moderator', label: 'Moderator picks — the AI moderator chooses who speaks next', short: 'moderator-picked order' },
];

/**
 * What "a speaker repeats itself" means: the engine's DEFAULT_REPETITION_RULE in words. Written out because the
 * webview may not import engine/repetition (layer boundaries); rules.test.ts checks it against the rule.
 */
export const REPETITION_RULE_TEXT = "60% of a reply's 3-word runs already said by that speaker";

export function isOrderKind(value: unknown): value is OrderKind {
  return (TURN_ORDERS as readonly unknown[]).includes(value);
}

type RunChoices = Pick<DebateRequest, 'order' | 'stopOnRepetition' | 'moderatorModel' | 'stopOnConsensus' | 'closingStatements'>;

/** The request's order, moderator, stop and closing fields: only what differs from the defaults, so a plain debate's request stays as it was. */
function runChoices(draft: FormDraft): RunChoices {
  const moderatorModel = (draft.moderatorModel ?? '').trim();
  return {
    ...(draft.order !== undefined && draft.order !== 'round-robin' && { order: draft.order }),
    ...(draft.stopOnRepetition === true && { stopOnRepetition: true }),
    ...(moderatorModel !== '' && { moderatorModel }),
    ...(draft.stopOnConsensus === true && { stopOnConsensus: true }),
    ...(draft.closingStatements === true && { closingStatements: true }),
  };
}

export const EXAMPLE_TOPICS: readonly string[] = [
  'Should cities ban cars?',
  'Is open-source AI safer?',
  'Tabs or spaces?',
  'Is maths invented or discovered?',
];

export type FormField = 'topic' | `speakers.${number}.${'model' | 'tone' | SpeakerOptionField}` | 'order' | 'moderator';

export type Validation = { ok: true; request: DebateRequest } | { ok: false; field: FormField; message: string };

/** Checks the draft against the same rules the host enforces, with messages a person can act on. */
export function validateDraft(draft: FormDraft): Validation {
  const topic = draft.topic.trim();
  if (topic.length === 0) return { ok: false, field: 'topic', message: 'Enter a topic for the debate.' };
  if (topic.length > MAX_TOPIC_CHARS) {
    return { ok: false, field: 'topic', message: `The topic is too long (${topic.length} characters; at most ${MAX_TOPIC_CHARS}).` };
  }
  const speakers: DebateRequest['speakers'] = [];
  for (const [index, speaker] of draft.speakers.entries()) {
    const model = speaker.model.trim();
    const tone = speaker.tone.trim();
    if (model.length === 0) return { ok: false, field: `speakers.${index}.model`, message: `Choose a model for Speaker ${index + 1}.` };
    if (model.length > MAX_MODEL_NAME_CHARS) return { ok: false, field: `speakers.${index}.model`, message: `Speaker ${index + 1}'s model name is too long.` };
    if (tone.length === 0) return { ok: false, field: `speakers.${index}.tone`, message: `Choose a tone for Speaker ${index + 1}.` };
    speakers.push({ model, tone, ...requestExtras(speaker) });
  }
  const speakerProblem = speakerOptionsProblem(speakers);
  if (speakerProblem !== null) return { ok: false, field: `speakers.${speakerProblem.index}.${speakerProblem.field}`, message: speakerProblem.message };
  const choices = runChoices(draft);
  if ((choices.moderatorModel ?? '').length > MAX_MODEL_NAME_CHARS) return { ok: false, field: 'moderator', message: "The AI moderator's model name is too long." };
  // The order names the choice to change; a stop on consensus is fixed by choosing a moderator (its box is off without one).
  const unmet = unmetModeratorNeed(choices);
  if (unmet !== null) return { ok: false, field: unmet.choice === 'order' ? 'order' : 'moderator', message: unmet.message };
  return { ok: true, request: { topic, speakers, exchanges: clampExchanges(draft.exchanges), ...choices } };
}

/**
 * The set-up in one line, for the form folded away: "Tabs or spaces? · llama3.2:1b (Rational, For), qwen2.5:7b (Cynic) · 3 exchanges",
 * then what differs from a plain debate ("· random order · moderator gemma3:4b · stops on repetition or agreement · closing statements").
 */
export function setupSummary(draft: FormDraft): string {
  const topic = draft.topic.trim().replace(/\s+/g, ' ');
  const speakers = draft.speakers.map(speakerSummary);
  const { order, stopOnRepetition, moderatorModel, stopOnConsensus, closingStatements } = runChoices(draft);
  const stops = [...(stopOnRepetition === true ? ['repetition'] : []), ...(stopOnConsensus === true ? ['agreement'] : [])];
  return [
    topic === '' ? 'No topic yet' : topic,
    speakers.join(', '),
    plural(clampExchanges(draft.exchanges), 'exchange'),
    ...(order === undefined ? [] : [ORDER_CHOICES.find((choice) => choice.kind === order)?.short ?? `${order} order`]),
    ...(moderatorModel === undefined ? [] : [`moderator ${moderatorModel}`]),
    ...(stops.length === 0 ? [] : [`stops on ${stops.join(' or ')}`]),
    ...(closingStatements === true ? ['closing statements'] : []),
  ].join(' · ');
}

export function clampExchanges(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_PANEL_EXCHANGES;
  return Math.min(MAX_PANEL_EXCHANGES, Math.max(MIN_PANEL_EXCHANGES, Math.round(value)));
}

/** A new speaker row copies the last row's model (the common case is one model, several tones) and takes the next unused tone. */
export function addSpeaker(draft: FormDraft, toneNames: readonly string[]): FormDraft {
  if (draft.speakers.length >= MAX_SPEAKERS) return draft;
  const last = draft.speakers[draft.speakers.length - 1];
  const used = new Set(draft.speakers.map((speaker) => speaker.tone));
  const tone = toneNames.find((name) => !used.has(name)) ?? toneNames[0] ?? '';
  return { ...draft, speakers: [...draft.speakers, { model: last?.model ?? '', tone }] };
}

export function removeSpeaker(draft: FormDraft, index: number): FormDraft {
  if (draft.speakers.length <= MIN_SPEAKERS) return draft;
  return { ...draft, speakers: draft.speakers.filter((_, i) => i !== index) };
}

/**
 * Reads a draft saved by an earlier page (VS Code state survives updates of this
 * script, so its shape is not guaranteed). Returns null when it is unusable.
 */
export function readSavedDraft(value: unknown): FormDraft | null {
  if (typeof value !== 'object' || value === null) return null;
  const { topic, speakers, exchanges, order, stopOnRepetition, moderatorModel, stopOnConsensus, closingStatements } = value as Record<string, unknown>;
  if (typeof topic !== 'string' || typeof exchanges !== 'number' || !Array.isArray(speakers)) return null;
  const rows = speakers
    .filter((row): row is { model: string; tone: string } & Record<string, unknown> =>
      typeof row === 'object' && row !== null && typeof row.model === 'string' && typeof row.tone === 'string')
    .slice(0, MAX_SPEAKERS)
    .map((row) => ({ model: row.model, tone: row.tone, ...savedExtras(row) }));
  if (rows.length < MIN_SPEAKERS) return null;
  // Drafts saved before the order, stops, moderator and closing existed lack them; an unknown value (a later version's order) falls back to the default.
  return {
    topic, speakers: rows, exchanges: clampExchanges(exchanges),
    ...(isOrderKind(order) && { order }),
    ...(typeof stopOnRepetition === 'boolean' && { stopOnRepetition }),
    ...(typeof moderatorModel === 'string' && { moderatorModel }),
    ...(typeof stopOnConsensus === 'boolean' && { stopOnConsensus }),
    ...(typeof closingStatements === 'boolean' && { closingStatements }),
  };
}
