// The one message protocol between the extension host and the debate webview.
// Both sides import this file (the webview its types only: the values bundle zod).
// Messages from the webview are untrusted input: the host validates them with
// `parseWebviewMessage` and ignores (and logs) anything malformed. Messages to the
// webview come from our own host code.
import { z } from 'zod';
import type { DebateError, DebateEvent, DebateMaterial, LineUpSpeaker, PullProgress, ThinkingLevel, Tone, Transcript } from '../../engine/types';
import { STANCES, type Stance } from '../../engine/personas/stance';
import {
  MAX_MODEL_NAME_CHARS, MAX_MODERATOR_NOTE_CHARS, MAX_PANEL_EXCHANGES, MAX_SPEAKERS, MAX_TOPIC_CHARS, MAX_TOTAL_EXCHANGES, MIN_PANEL_EXCHANGES,
  MIN_SPEAKERS,
} from './limits';
import { TURN_ORDERS } from '../../engine/turn-order';
import { unmetModeratorNeed } from './moderator-choices';
import { MAX_HOST_CHARS, speakerOptionsProblem } from './speaker-options';
import type { HostModelListing, InstalledModel } from './installed-models';
import type { DecisionRecordState } from './decision-record';
import type { LanguageModelOption } from './language-models';
import { languageProblem, MAX_LANGUAGE_LENGTH } from '../../engine/language';

/** Ollama's reasoning levels (engine/types ThinkingLevel). */
const THINKING_LEVELS = ['low', 'medium', 'high'] as const satisfies readonly ThinkingLevel[];

const speakerChoiceSchema = z.object({
  model: z.string().trim().min(1).max(MAX_MODEL_NAME_CHARS),
  tone: z.string().trim().min(1).max(100),
  // A speaker's own settings (the panel's "More"), each absent for the default; their bounds are checked
  // with the whole line-up below (speaker-options.ts), in the words the form uses.
  /** Display name; absent: "Speaker N". */
  name: z.string().trim().min(1).optional(),
  /** The side it argues; absent: none. */
  stance: z.enum(STANCES).optional(),
  /** The expertise it speaks from, one line, e.g. "an economist". */
  role: z.string().trim().min(1).optional(),
  /** Sampling temperature; absent: the model's default. */
  temperature: z.number().optional(),
  /** Its context window in tokens (Ollama's `num_ctx`); absent: talkingModels.contextWindow. */
  contextSize: z.number().optional(),
  /** Reasoning off, on or a level; absent: the model's own default. */
  thinking: z.union([z.boolean(), z.enum(THINKING_LEVELS)]).optional(),
  /** Its own Ollama host (checked with the line-up, speaker-options.ts); absent: the debate's. */
  host: z.string().trim().min(1).max(MAX_HOST_CHARS).optional(),
  /** Where its model runs: absent for Ollama; 'vscode-lm' for a chat model VS Code offers, `model` then holding its id. */
  backend: z.literal('vscode-lm').optional(),
});

/** Most characters of material one start request may carry (every excerpt and the diff together): far above any context budget, so the engine's budget refusal, with its size, is what a person meets. */
export const MAX_MATERIAL_CHARS = 2_000_000;
/** Most excerpts one start request may carry (a selection per cursor, a few files). */
export const MAX_MATERIAL_EXCERPTS = 50;
const MAX_MATERIAL_PATH_CHARS = 1024;
const materialLineSchema = z.number().int().min(1).max(10_000_000);

/** Workspace material for the debate (engine/material): lines of files and/or a diff, bounded in size; its fit in each speaker's window is the engine's check. */
const materialRequestSchema = z.object({
  excerpts: z.array(z.object({
    path: z.string().trim().min(1).max(MAX_MATERIAL_PATH_CHARS),
    startLine: materialLineSchema,
    endLine: materialLineSchema,
    text: z.string().max(MAX_MATERIAL_CHARS),
  })).max(MAX_MATERIAL_EXCERPTS).optional(),
  diff: z.object({ kind: z.enum(['working-tree', 'staged']), text: z.string().min(1).max(MAX_MATERIAL_CHARS) }).optional(),
}).refine(
  (material) => (material.excerpts ?? []).reduce((sum, excerpt) => sum + excerpt.text.length, 0) + (material.diff?.text.length ?? 0) <= MAX_MATERIAL_CHARS,
  `is larger than ${MAX_MATERIAL_CHARS} characters in all`,
) satisfies z.ZodType<DebateMaterial>;

/** What the setup form submits: the webview's view of a debate to run. */
export const debateRequestSchema = z.object({
  topic: z.string().trim().min(1).max(MAX_TOPIC_CHARS),
  speakers: z.array(speakerChoiceSchema).min(MIN_SPEAKERS).max(MAX_SPEAKERS),
  exchanges: z.number().int().min(MIN_PANEL_EXCHANGES).max(MAX_PANEL_EXCHANGES),
  /** Who speaks when within a round; absent: round-robin (a random order's seed is drawn and recorded by the engine). */
  order: z.enum(TURN_ORDERS).optional(),
  /** End early when a speaker repeats itself (the engine's default repetition rule); absent: never. */
  stopOnRepetition: z.boolean().optional(),
  /** The AI moderator's model: it frames the question, summarises each round, may close the debate early; absent: none. */
  moderatorModel: z.string().trim().min(1).max(MAX_MODEL_NAME_CHARS).optional(),
  /** End early when the AI moderator finds the speakers agree; needs `moderatorModel`. */
  stopOnConsensus: z.boolean().optional(),
  /** Each speaker ends with a one-line final position and a short answer, tallied as a vote. */
  closingStatements: z.boolean().optional(),
  /** The language the speakers, the AI moderator and the judge write in (engine/language.ts); absent: none is said (English). */
  language: z.string().trim().min(1).max(MAX_LANGUAGE_LENGTH).refine((text) => languageProblem(text) === null, 'is not a language name').optional(),
  /** Lines of workspace files and/or a diff the debate is about (Debate Selection, This File, Uncommitted Changes); absent: none. */
  material: materialRequestSchema.optional(),
}).check((context) => {
  // A moderator order or a stop on consensus without a moderator would fail only once the debate runs: refused here instead.
  const unmet = unmetModeratorNeed(context.value);
  if (unmet !== null) {
    context.issues.push({ code: 'custom', input: context.value, path: [unmet.choice === 'order' ? 'order' : 'stopOnConsensus'], message: unmet.message });
  }
  const speaker = speakerOptionsProblem(context.value.speakers);
  if (speaker !== null) {
    context.issues.push({ code: 'custom', input: context.value, path: ['speakers', speaker.index, speaker.field], message: speaker.message });
  }
});

export type SpeakerChoice = z.infer<typeof speakerChoiceSchema>;
export type DebateRequest = z.infer<typeof debateRequestSchema>;

/** Debate and turn ids as they travel in messages and webview state: short, no path characters. */
export const ID_PATTERN = /^[\w-]{1,64}$/;
const idSchema = z.string().regex(ID_PATTERN);

/** What the person moderating a paused debate decided (the engine's ModeratorReply). */
const moderatorReplySchema = z.object({
  /** A note every later speaker receives, labelled as the moderator's. */
  note: z.string().max(MAX_MODERATOR_NOTE_CHARS).optional(),
  /** Exchanges in all from now on. */
  exchanges: z.number().int().min(1).max(MAX_TOTAL_EXCHANGES).optional(),
  /** Who speaks next (index into the speakers). */
  nextSpeaker: z.number().int().min(0).max(MAX_SPEAKERS - 1).optional(),
  /** End the debate now (complete, ended by the moderator). */
  end: z.boolean().optional(),
});

export type ModeratorDecision = z.infer<typeof moderatorReplySchema>;

const webviewMessageSchema = z.discriminatedUnion('type', [
  /** The webview has loaded its script; the host answers with `init`. */
  z.object({ type: z.literal('ready') }),
  /** A new debate from the form; a debate shown before stays in the library. */
  z.object({ type: z.literal('start'), request: debateRequestSchema }),
  /** Stops the run at once; the partial turn is kept, marked stopped. */
  z.object({ type: z.literal('stop') }),
  /** Asks the run to wait for the moderator after the turn in progress (Pause and Interject). */
  z.object({ type: z.literal('pause') }),
  /** Goes on from a pause with what the moderator decided. */
  moderatorReplySchema.extend({ type: z.literal('resume') }),
  /** Runs the debate on: `exchanges` more, or (none) the planned exchanges still to speak. */
  z.object({ type: z.literal('continue'), exchanges: z.number().int().min(MIN_PANEL_EXCHANGES).max(MAX_PANEL_EXCHANGES).optional() }),
  /** Speaks the last speaker turn (`turnId`) again; its reply is kept as an alternative. */
  z.object({ type: z.literal('regenerate'), turnId: idSchema }),
  /** Makes an earlier reply (index into the turn's alternatives) the turn's current one. */
  z.object({ type: z.literal('choose-alternative'), turnId: idSchema, alternative: z.number().int().min(0).max(1000) }),
  /** A new debate sharing the turns up to and including `turnId`, opened in a new panel and run on. */
  z.object({ type: z.literal('branch'), turnId: idSchema }),
  /** Shows a debate of the library in a panel (the one showing it, else a new one). */
  z.object({ type: z.literal('open-debate'), debateId: idSchema }),
  /** Reads the debate shown again from the library (it runs elsewhere, or was not found). */
  z.object({ type: z.literal('reload-debate') }),
  z.object({ type: z.literal('export') }),
  /** Drafts a MADR decision record of the debate shown with the judge model and writes it into the decision-records folder. */
  z.object({ type: z.literal('export-decision-record') }),
  /** Opens again a file this panel exported (its "Saved to" link); the host opens only files it wrote. */
  z.object({ type: z.literal('open-export'), path: z.string().min(1).max(4096) }),
  z.object({ type: z.literal('refresh-models') }),
  /** Lists the models on a speaker's own host, as typed; the host answers with `host-models`. */
  z.object({ type: z.literal('list-host-models'), host: z.string().trim().min(1).max(MAX_HOST_CHARS) }),
  z.object({ type: z.literal('pull-model'), model: z.string().trim().min(1).max(MAX_MODEL_NAME_CHARS) }),
  z.object({ type: z.literal('open-settings') }),
  /** Asks `model` for a blind verdict on the debate shown (saved with it); the host checks it may. */
  z.object({ type: z.literal('judge'), model: z.string().trim().min(1).max(MAX_MODEL_NAME_CHARS) }),
  /** Stops the judging going on; nothing is saved. */
  z.object({ type: z.literal('cancel-judge') }),
  /** Asks `model` for a line-up of speakers that fits `topic` (the host answers with `suggestion`). */
  z.object({ type: z.literal('suggest-speakers'), topic: z.string().trim().min(1).max(MAX_TOPIC_CHARS), model: z.string().trim().min(1).max(MAX_MODEL_NAME_CHARS) }),
  /** Stops the suggestion going on, or dismisses the line-up or failure shown (accepted or not); the form stays as it is. */
  z.object({ type: z.literal('cancel-suggest') }),
  /** Opens the file a reply cites at those lines; the host opens it only if the debate's material holds them (citation-rules.ts). */
  z.object({
    type: z.literal('open-citation'),
    path: z.string().min(1).max(4096),
    startLine: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    endLine: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  }),
]);

export type WebviewMessage = z.infer<typeof webviewMessageSchema>;

export type ParseResult = { ok: true; message: WebviewMessage } | { ok: false; reason: string };

/** Validates a message received from the webview. Never throws. */
export function parseWebviewMessage(raw: unknown): ParseResult {
  const result = webviewMessageSchema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'message';
  return { ok: false, reason: `${where}: ${issue?.message ?? 'invalid'}` };
}

/** What the status line says. */
export type DebateStatus =
  | 'idle'
  | 'connecting'
  | 'loading'
  | 'speaking'
  /** Still speaking; the debate waits for the moderator once the turn in progress ends. */
  | 'pausing'
  /** The debate waits for the moderator. */
  | 'paused'
  /** The process running the debate died; it resumes from its last completed turn. */
  | 'interrupted'
  /** Another window or process runs the debate; this panel shows it as it was when read. */
  | 'running-elsewhere'
  | 'done'
  | 'stopped'
  | 'failed';

/**
 * The judge as the panel shows it for one debate: judging it (`order` 0 before the first call
 * to the judge), or the last judging's end when it gave no verdict: the judge's answers were no
 * verdict (`unavailable`, the engine's reason), or it could not be asked (`failed`: Ollama down,
 * the model missing, the verdict not saved). A verdict itself is saved with the debate.
 */
export type JudgingState =
  | { kind: 'idle' }
  | { kind: 'judging'; debateId: string; model: string; order: number; orders: number; retry: boolean }
  | { kind: 'unavailable'; debateId: string; model: string; reason: string }
  | { kind: 'failed'; debateId: string; model: string; error: DebateError };

/** What the panel's judge offers: the model to propose (the last one chosen, else the setting) and where judging stands. */
export interface JudgeView {
  model: string;
  state: JudgingState;
}

/** What the panel may do with the debate it shows. */
export type DebateAccess =
  | { kind: 'writable' }
  /** Another window or process holds the debate: it can be read and branched here, not changed. `reason` says where it runs. */
  | { kind: 'read-only'; reason: string }
  /** The debate can't be shown (deleted, damaged, never saved, or the library can't be opened): `reason` says which. */
  | { kind: 'unavailable'; debateId: string; reason: string };

/** Who speaks in a turn and when, as the engine's `turn-start` event announces it. */
export type TurnHeading = Omit<Extract<DebateEvent, { type: 'turn-start' }>, 'type'>;

/** A turn still streaming: its heading and the text received so far. */
export type LiveTurn = TurnHeading & {
  text: string;
  /** Token chunks the engine sent so far: the count a cut-off turn keeps. */
  tokens?: number;
  /** A reasoning model's reasoning so far, kept apart from the reply. */
  thinking?: string;
};

/** The AI moderator at work, as its `moderator-start` event says: what it does (frame, review a round, pick who speaks), its model, the round. */
export type ModeratorAtWork = Omit<Extract<DebateEvent, { type: 'moderator-start' }>, 'type'>;

/**
 * Adjacent tokens of one turn joined by the host into one message: `chunks` says how
 * many the engine sent, so both sides count the same.
 */
export type TokenBatch = Extract<DebateEvent, { type: 'token' }> & { chunks: number };

/** What the snapshot reducer reads: an engine event, or a batch of its tokens. */
export type PanelEvent = DebateEvent | TokenBatch;

/** The debate as shown: what the reducer (snapshot.ts) keeps, on both sides of the panel. */
export interface DebateView {
  status: DebateStatus;
  /** The debate shown (running or finished), as its record in the library holds it; null before the first start. */
  transcript: Transcript | null;
  /** The turns in progress, in the order they began: one (a new turn, or one being regenerated), or a simultaneous round's turns at once. */
  liveTurns: LiveTurn[];
  /** What the AI moderator is doing while it works (until the next turn starts or ends, or the run ends). */
  moderatorAtWork: ModeratorAtWork | null;
  /** The model of the debate's own judge while it judges the debate's end (the graph's judge node). */
  judgeAtWork: string | null;
  /** The last error shown, so it survives a reload. */
  error: DebateError | null;
  /** The last warning (the debate went on), e.g. that it could not be saved. */
  warning: string | null;
  access: DebateAccess;
}

/** A persona the tone picker offers (talkingModels.personas): a tone of its name, and the stance and role it fills in. */
export interface PersonaOption {
  name: string;
  stance?: Stance;
  role?: string;
}

/** One speaker of a line-up, a recent one or one suggested, as the engine keeps it. */
export type LineUpSpeakerChoice = LineUpSpeaker;

/** "Suggest speakers" as the panel shows it: asking a model, its line-up to accept or edit, or why there is none. */
export type SuggestionState =
  | { kind: 'idle' }
  | { kind: 'suggesting'; model: string }
  | { kind: 'suggested'; model: string; speakers: LineUpSpeakerChoice[] }
  | { kind: 'failed'; model: string; reason: string };

/** Everything the webview needs to draw itself from scratch (after load, reveal or reload). */
export interface PanelSnapshot extends DebateView {
  /** The form as last submitted, or the shown debate's set-up, or as defaulted from settings. */
  form: DebateRequest;
  tones: Tone[];
  /** Installed models on the configured host; null while unknown. */
  models: InstalledModel[] | null;
  host: string;
  /** The judge (absent: nothing proposed, nothing judging). */
  judge?: JudgeView;
  /** The personas from settings (absent: none). */
  personas?: PersonaOption[];
  /** The line-ups used last, newest first (absent: none). */
  recentLineUps?: LineUpSpeakerChoice[][];
  /** "Suggest speakers" (absent: idle). */
  suggestion?: SuggestionState;
  /** "Export Decision Record" (absent: idle). */
  decisionRecord?: DecisionRecordState;
  /** The chat models VS Code offers as speakers (absent: none). */
  languageModels?: LanguageModelOption[];
  /** Workspace material attached to the form (a Debate Selection/File/Changes command, or the debate shown's), with its size; absent: none. */
  material?: AttachedMaterial;
  /** The topic is a suggestion (a command opened the panel): the box gets the focus with it selected, so typing replaces it. */
  topicSuggested?: boolean;
}

/** Material attached to the form, with what the host estimated of it (the webview can't count tokens the engine's way). */
export interface AttachedMaterial {
  material: DebateMaterial;
  /** Its estimated tokens as sent (labels included). */
  tokens: number;
  /** The smallest context window whose material budget holds it. */
  minWindow: number;
  /** The window of speakers without their own (talkingModels.contextWindow) when it was attached. */
  defaultWindow: number;
}

export type HostMessage =
  /** The answer to `ready`: the whole panel. */
  | { type: 'init'; snapshot: PanelSnapshot }
  /** Engine events, forwarded as they come (adjacent tokens joined into one batch). */
  | { type: 'debate-event'; event: PanelEvent }
  /** A status the host set itself (starting, stopping, pausing, failing to start); events carry the rest. */
  | { type: 'status'; status: DebateStatus }
  /** The debate shown changed outside a run (read from the library, another reply chosen, found locked, deleted): draw it whole. */
  | { type: 'debate'; debate: DebateView }
  | { type: 'models'; models: InstalledModel[]; host: string }
  /** The answer to `list-host-models` for `host` as typed: its models, or why they could not be listed. */
  | { type: 'host-models'; host: string; listing: HostModelListing }
  | { type: 'models-error'; error: DebateError }
  | { type: 'tones'; tones: Tone[] }
  | { type: 'pull-progress'; model: string; progress: PullProgress }
  | { type: 'pull-done'; model: string }
  | { type: 'pull-failed'; model: string; message: string }
  /** The debate shown was exported to `path` (the panel says so, with a link that posts `open-export`). */
  | { type: 'exported'; path: string }
  /** The judge changed: judging progress, its failure, or the model to propose. A verdict comes as the debate, read again. */
  | { type: 'judge'; judge: JudgeView }
  /** The personas from settings changed. */
  | { type: 'personas'; personas: PersonaOption[] }
  /** The line-ups used last changed (a debate started here or in another panel). */
  | { type: 'recent-lineups'; lineUps: LineUpSpeakerChoice[][] }
  /** "Suggest speakers" went on: asking, a line-up, or why none. */
  | { type: 'suggestion'; suggestion: SuggestionState }
  /** "Export Decision Record" went on: working, written (where), or why not. */
  | { type: 'decision-record'; decisionRecord: DecisionRecordState }
  /** The chat models VS Code offers as speakers changed (none: VS Code has no chat models here). */
  | { type: 'language-models'; models: LanguageModelOption[] };
