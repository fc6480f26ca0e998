// Rules of the setup form, as pure functions (no DOM) so they are unit-tested.
// The limits come from the contract's limits.ts (values), the request from its protocol.ts (types only: its values bundle zod).
import {
  DEFAULT_PANEL_EXCHANGES, MAX_MODEL_NAME_CHARS, MAX_PANEL_EXCHANGES, MAX_SPEAKERS, MAX_TOPIC_CHARS, MIN_PANEL_EXCHANGES, MIN_SPEAKERS,
} from '../../extension/contract/limits';
import type { DebateRequest } from '../../extension/contract/protocol';
import { unmetModeratorNeed } from '../../extension/contract/moderator-choices';
import { speakerOptionsProblem, type SpeakerOptionField } from '../../extension/contract/speaker-options';
import { requestExtras, type SpeakerExtras } from '../../extension/contract/speaker-options';
import { savedExtras, speakerSummary } from './speakerMoreRules';
import type { LanguageModelOption } from '../../extension/contract/language-models';
import { draftLanguageProblem, languageSummary, requestLanguage } from './languagePickerRules';
import { TURN_ORDERS } from '../../engine/turn-order';
import type { TurnOrder } from '../../engine/types';
import * as l10n from './l10n';
import { exchangesText } from './format';

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
  /** The debate language as picked or typed; absent or blank: English (nothing sent). */
  language?: string;
}

export type OrderKind = TurnOrder['kind'];

/** The orders the form offers, each with the words its picker shows and its name in the folded set-up. */
export const ORDER_CHOICES: readonly { kind: OrderKind; label: string; short: string }[] = [
  { kind: 'round-robin', label: l10n.t('Round-robin — listed order'), short: l10n.t('round-robin order') },
  { kind: 'random', label: l10n.t('Random — reshuffled each round'), short: l10n.t('random order') },
  { kind: 'reply', label: l10n.t('Reply — each answers the one before'), short: l10n.t('reply order') },
  { kind: 'simultaneous', label: l10n.t('Simultaneous — everyone answers the previous round at once; a blind first round'), short: l10n.t('simultaneous rounds') },
  { kind: 'moderator', label: l10n.t('Moderator picks — the AI moderator chooses who speaks next'), short: l10n.t('moderator-picked order') },
];

/**
 * What "a speaker repeats itself" means: the engine's DEFAULT_REPETITION_RULE in words. Written out because the
 * webview may not import engine/repetition (layer boundaries); rules.test.ts checks it against the rule.
 */
export const REPETITION_RULE_TEXT = l10n.t("60% of a reply's 3-word runs already said by that speaker");

export function isOrderKind(value: unknown): value is OrderKind {
  return (TURN_ORDERS as readonly unknown[]).includes(value);
}

type RunChoices = Pick<DebateRequest, 'order' | 'stopOnRepetition' | 'moderatorModel' | 'stopOnConsensus' | 'closingStatements' | 'language'>;

/** The request's order, moderator, stop and closing fields: only what differs from the defaults, so a plain debate's request stays as it was. */
function runChoices(draft: FormDraft): RunChoices {
  const moderatorModel = (draft.moderatorModel ?? '').trim();
  const language = requestLanguage(draft.language);
  return {
    ...(draft.order !== undefined && draft.order !== 'round-robin' && { order: draft.order }),
    ...(draft.stopOnRepetition === true && { stopOnRepetition: true }),
    ...(moderatorModel !== '' && { moderatorModel }),
    ...(draft.stopOnConsensus === true && { stopOnConsensus: true }),
    ...(draft.closingStatements === true && { closingStatements: true }),
    ...(language !== undefined && { language }),
  };
}

/** Offered as chips in the display language (a topic is the person's own text once chosen). */
export const EXAMPLE_TOPICS: readonly string[] = [
  l10n.t('Should cities ban cars?'),
  l10n.t('Is open-source AI safer?'),
  l10n.t('Tabs or spaces?'),
  l10n.t('Is maths invented or discovered?'),
];

export type FormField = 'topic' | `speakers.${number}.${'model' | 'tone' | SpeakerOptionField}` | 'order' | 'moderator' | 'language';

export type Validation = { ok: true; request: DebateRequest } | { ok: false; field: FormField; message: string };

/** Checks the draft against the same rules the host enforces, with messages a person can act on. */
export function validateDraft(draft: FormDraft): Validation {
  const topic = draft.topic.trim();
  if (topic.length === 0) return { ok: false, field: 'topic', message: l10n.t('Enter a topic for the debate.') };
  if (topic.length > MAX_TOPIC_CHARS) {
    return { ok: false, field: 'topic', message: l10n.t('The topic is too long ({0} characters; at most {1}).', topic.length, MAX_TOPIC_CHARS) };
  }
  const speakers: DebateRequest['speakers'] = [];
  for (const [index, speaker] of draft.speakers.entries()) {
    const model = speaker.model.trim();
    const tone = speaker.tone.trim();
    if (model.length === 0) return { ok: false, field: `speakers.${index}.model`, message: l10n.t('Choose a model for Speaker {0}.', index + 1) };
    if (model.length > MAX_MODEL_NAME_CHARS) return { ok: false, field: `speakers.${index}.model`, message: l10n.t('Speaker {0}\'s model name is too long.', index + 1) };
    if (tone.length === 0) return { ok: false, field: `speakers.${index}.tone`, message: l10n.t('Choose a tone for Speaker {0}.', index + 1) };
    speakers.push({ model, tone, ...requestExtras(speaker) });
  }
  const speakerProblem = speakerOptionsProblem(speakers);
  if (speakerProblem !== null) return { ok: false, field: `speakers.${speakerProblem.index}.${speakerProblem.field}`, message: speakerProblem.message };
  const languageProblem = draftLanguageProblem(draft.language);
  if (languageProblem !== null) return { ok: false, field: 'language', message: languageProblem };
  const choices = runChoices(draft);
  if ((choices.moderatorModel ?? '').length > MAX_MODEL_NAME_CHARS) return { ok: false, field: 'moderator', message: l10n.t("The AI moderator's model name is too long.") };
  // The order names the choice to change; a stop on consensus is fixed by choosing a moderator (its box is off without one).
  const unmet = unmetModeratorNeed(choices);
  if (unmet !== null) return { ok: false, field: unmet.choice === 'order' ? 'order' : 'moderator', message: unmet.message };
  return { ok: true, request: { topic, speakers, exchanges: clampExchanges(draft.exchanges), ...choices } };
}

/**
 * The set-up in one line, for the form folded away: "Tabs or spaces? · llama3.2:1b (Rational, For), qwen2.5:7b (Cynic) · 3 exchanges",
 * then what differs from a plain debate ("· random order · moderator gemma3:4b · stops on repetition or agreement · closing statements").
 */
export function setupSummary(draft: FormDraft, languageModels: readonly LanguageModelOption[] = []): string {
  const topic = draft.topic.trim().replace(/\s+/g, ' ');
  const speakers = draft.speakers.map((speaker) => speakerSummary(speaker, languageModels));
  const { order, stopOnRepetition, moderatorModel, stopOnConsensus, closingStatements, language } = runChoices(draft);
  const inLanguage = languageSummary(language);
  const stops = [...(stopOnRepetition === true ? [l10n.t('repetition')] : []), ...(stopOnConsensus === true ? [l10n.t('agreement')] : [])];
  return [
    topic === '' ? l10n.t('No topic yet') : topic,
    speakers.join(', '),
    exchangesText(clampExchanges(draft.exchanges)),
    ...(order === undefined ? [] : [ORDER_CHOICES.find((choice) => choice.kind === order)?.short ?? l10n.t('{0} order', order)]),
    ...(moderatorModel === undefined ? [] : [l10n.t('moderator {0}', moderatorModel)]),
    ...(stops.length === 0 ? [] : [l10n.t('stops on {0}', stops.join(l10n.t(' or ')))]),
    ...(closingStatements === true ? [l10n.t('closing statements')] : []),
    ...(inLanguage === null ? [] : [inLanguage]),
  ].join(' · ');
}

export function clampExchanges(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_PANEL_EXCHANGES;
  return Math.min(MAX_PANEL_EXCHANGES, Math.max(MIN_PANEL_EXCHANGES, Math.round(value)));
}

/** A new speaker row copies the last row's model (the common case is one model, several tones), a VS Code one as such, and takes the next unused tone. */
export function addSpeaker(draft: FormDraft, toneNames: readonly string[]): FormDraft {
  if (draft.speakers.length >= MAX_SPEAKERS) return draft;
  const last = draft.speakers[draft.speakers.length - 1];
  const used = new Set(draft.speakers.map((speaker) => speaker.tone));
  const tone = toneNames.find((name) => !used.has(name)) ?? toneNames[0] ?? '';
  const backend = last?.backend;
  return { ...draft, speakers: [...draft.speakers, { model: last?.model ?? '', tone, ...(backend !== undefined && { backend }) }] };
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
  const { topic, speakers, exchanges, order, stopOnRepetition, moderatorModel, stopOnConsensus, closingStatements, language } = value as Record<string, unknown>;
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
    ...(typeof language === 'string' && { language }),
  };
}
