// A debate as one JSON file, for export and import (sharing, backup, another machine).
//
// The format, version 1 (fields in this order; optional ones may be absent):
//
//   format        "talking-models/debate" (always; anything else is not this format)
//   version       1. An incompatible change raises it; a reader refuses versions it doesn't
//                 know ("written by a newer Talking Models") instead of misreading them.
//                 New optional fields don't change the version; readers ignore fields they
//                 don't know.
//   id            the debate's id in the library, like 20261201-110512-a3f9c2
//   title         string or null (null: shown as the topic)
//   topic         string
//   speakers      [{ name, model, tone, host?, temperature?, contextSize?, thinking?, tonePrompt }]
//                 thinking: the reasoning asked for, false | true | "low" | "medium" | "high"
//                 tonePrompt is the tone's prompt as used, so the file stands alone
//   exchanges     integer >= 1: rounds requested
//   settings      { host?, contextBudgetChars?, firstTokenTimeoutMs?, stallTimeoutMs?, maxReplyChars? }
//                 host: the Ollama host for speakers that name none, when it ran
//   createdAt     ISO 8601
//   endedAt       ISO 8601 or null
//   outcome       "running" | "paused" | "interrupted" | "complete" | "stopped" | "failed"
//   stopReason    "exchanges" | "moderator" | "repetition" | "consensus" | "user" | "error" | null
//   stopNote?     what a stop condition found, in words (when one ended the debate)
//   order?        { kind: "round-robin" | "random" | "reply" | "simultaneous" | "moderator", seed?, picks? }:
//                 who speaks when in a round; absent: round-robin; a random order's seed replays
//                 its rounds; a moderator order's picks (speaker indexes, round by round) too
//   stopOn?       { repetition?: { threshold, ngram, embedModel? }, consensus?: { model?, host? } }:
//                 the conditions that end it early (embedModel: compared by embedding similarity;
//                 consensus: asked of the moderator, else of its model)
//   moderator?    { model, host? }: the AI moderator (required by a moderator order)
//   closingStatements? true when each speaker ends with a closing statement
//   language?     the language every speaker is told to reply in (one line, e.g. "French")
//   parentId?     for a branch: the debate it was branched from
//   forkedAtTurn? for a branch: how many of the parent's turns it shares
//   turns         in order; each either
//                 { kind: "speaker", id, exchange, speakerIndex, speaker, model, tone, text,
//                   status: "complete"|"stopped"|"failed", metrics: { timeToFirstTokenMs,
//                   durationMs, tokens, tokensPerSecond, loadDurationMs, promptTokens,
//                   cachedPromptTokens?, contextWindow? }, contextTrim?: { leftOutTurns, shortenedTurns },
//                   note?, thinking?, thinkingMs?, alternatives?: [{ text, status, metrics, note?, thinking?, thinkingMs? }],
//                   closing?: { position, answer: string | null } }
//                 or { kind: "moderator", id, exchange, text, createdAt,
//                   ai?: { model, purpose: "framing" | "summary" | "closing" } }
//                 closing: a closing statement, as read from its reply
//                 ai: the AI moderator's turn (absent: the person's note)
//                 thinking: a reasoning model's thinking, kept apart from its reply
//                 thinkingMs: how long it thought, in ms
//   vote?         the vote of the last closing statements (engine/closing.ts), when there are any:
//                 { groups: [{ answer, votes, speakers }], statements, majority: string | null,
//                 withoutAnswer: [names] }. Derived from the turns: written for readers of the
//                 file, checked for shape when read, recomputed rather than trusted
//   verdicts?     judges' verdicts, oldest first, each as engine/judge/verdict.ts describes it:
//                 { judgeModel, createdAt, seed, turnsJudged, orders: [{ sides, winner, retried }],
//                 scores: [{ speakerIndex, speaker, model, scores: { argument, evidence, rebuttal,
//                 tone }, overall }], winner (a speaker index or null: a tie), rationale,
//                 turnMarks?: [{ turnId, speakerIndex, mark }], judgeFamily: { family, source },
//                 familyWarning }. Kept as given when read; import keeps those that read as verdicts
//   material?     what the debate is about besides its topic (engine/material): { excerpts?: [{ path,
//                 startLine, endLine, text }], diff?: { kind: 'working-tree' | 'staged', text } };
//                 an array (this key's reserved form in earlier files) reads as none
//
// Turn text is untrusted data (a model wrote it, or whoever edited the file): it is kept
// exactly, never trimmed or rewritten; rendering it safely is the viewer's job.
import { z } from 'zod';
import { tallyVotes, type VoteTally } from '../closing';
import { materialSchema } from '../material/material-schema';
import type { DebateMaterial, ModeratorConfig, ModeratorTurn, SpeakerTurn, StopConditions, TurnOrder, TurnReply } from '../types';
import {
  type DebateMeta,
  type DebateSettings,
  type RecordedSpeaker,
  debateIdSchema,
  debateOutcomeSchema,
  debateSettingsSchema,
  moderatorConfigSchema,
  recordedSpeakerSchema,
  stopConditionsSchema,
  stopReasonSchema,
  turnOrderSchema,
} from './meta';
import { describeZodError } from './zod-reason';

export const DEBATE_JSON_FORMAT = 'talking-models/debate';
export const DEBATE_JSON_VERSION = 1;

/** A reply as exported: the engine's, plus the model's thinking when there was any. */
export type ExportedReply = TurnReply & { thinking?: string };
export type ExportedSpeakerTurn = Omit<SpeakerTurn, 'alternatives'> & { thinking?: string; alternatives?: ExportedReply[] };
export type ExportedTurn = ExportedSpeakerTurn | ModeratorTurn;

export interface DebateJson {
  format: typeof DEBATE_JSON_FORMAT;
  version: typeof DEBATE_JSON_VERSION;
  id: string;
  title: string | null;
  topic: string;
  speakers: RecordedSpeaker[];
  exchanges: number;
  settings: DebateSettings;
  createdAt: string;
  endedAt: string | null;
  outcome: DebateMeta['outcome'];
  stopReason: DebateMeta['stopReason'];
  stopNote?: string;
  order?: TurnOrder;
  stopOn?: StopConditions;
  moderator?: ModeratorConfig;
  closingStatements?: boolean;
  language?: string;
  parentId?: string;
  forkedAtTurn?: number;
  turns: ExportedTurn[];
  vote?: VoteTally;
  verdicts?: unknown[];
  material?: DebateMaterial;
}

const metricsSchema = z.object({
  timeToFirstTokenMs: z.number().nullable(),
  durationMs: z.number(),
  tokens: z.number().int().min(0),
  tokensPerSecond: z.number().nullable(),
  loadDurationMs: z.number().nullable(),
  promptTokens: z.number().nullable(),
  cachedPromptTokens: z.number().int().min(0).optional(),
  contextWindow: z.number().int().positive().optional(),
});

const replyFields = {
  text: z.string(),
  status: z.enum(['complete', 'stopped', 'failed']),
  metrics: metricsSchema,
  note: z.string().optional(),
  thinking: z.string().optional(),
  thinkingMs: z.number().min(0).optional(),
};

const speakerTurnSchema = z.object({
  kind: z.literal('speaker'),
  id: z.string().min(1),
  exchange: z.number().int().min(1),
  speakerIndex: z.number().int().min(0),
  speaker: z.string(),
  model: z.string(),
  tone: z.string(),
  ...replyFields,
  alternatives: z.array(z.object(replyFields)).optional(),
  closing: z.object({ position: z.string(), answer: z.string().nullable() }).optional(),
  contextTrim: z.object({ leftOutTurns: z.number().int().min(0), shortenedTurns: z.number().int().min(0) }).optional(),
});

const moderatorTurnSchema = z.object({
  kind: z.literal('moderator'),
  id: z.string().min(1),
  exchange: z.number().int().min(1),
  text: z.string(),
  createdAt: z.string(),
  ai: z.object({ model: z.string().min(1), purpose: z.enum(['framing', 'summary', 'closing']) }).optional(),
});

const voteSchema = z.object({
  groups: z.array(z.object({ answer: z.string(), votes: z.number().int().min(1), speakers: z.array(z.string()) })),
  statements: z.number().int().min(0),
  majority: z.string().nullable(),
  withoutAnswer: z.array(z.string()),
});

const debateJsonSchema: z.ZodType<DebateJson> = z
  .object({
    format: z.literal(DEBATE_JSON_FORMAT),
    version: z.literal(DEBATE_JSON_VERSION),
    id: debateIdSchema,
    title: z.string().nullable(),
    topic: z.string(),
    speakers: z.array(recordedSpeakerSchema).min(1),
    exchanges: z.number().int().min(1),
    settings: debateSettingsSchema,
    createdAt: z.string(),
    endedAt: z.string().nullable(),
    outcome: debateOutcomeSchema,
    stopReason: stopReasonSchema.nullable(),
    stopNote: z.string().optional(),
    order: turnOrderSchema.optional(),
    stopOn: stopConditionsSchema.optional(),
    moderator: moderatorConfigSchema.optional(),
    closingStatements: z.boolean().optional(),
    language: z.string().optional(),
    parentId: debateIdSchema.optional(),
    forkedAtTurn: z.number().int().min(0).optional(),
    turns: z.array(z.discriminatedUnion('kind', [speakerTurnSchema, moderatorTurnSchema])),
    vote: voteSchema.optional(),
    verdicts: z.array(z.unknown()).optional(),
    material: z.union([materialSchema, z.array(z.unknown()).transform(() => undefined)]).optional(),
  })
  // Consistency a shape alone can't state: regenerate and branch find turns by id, and a turn must name a speaker the debate has.
  .superRefine((debate, context) => {
    const seen = new Set<string>();
    debate.turns.forEach((turn, index) => {
      if (seen.has(turn.id)) context.addIssue({ code: 'custom', path: ['turns', index, 'id'], message: `duplicate turn id ${JSON.stringify(turn.id)}` });
      seen.add(turn.id);
      if (turn.kind === 'speaker' && turn.speakerIndex >= debate.speakers.length) {
        context.addIssue({
          code: 'custom',
          path: ['turns', index, 'speakerIndex'],
          message: `no speaker ${turn.speakerIndex} (the debate has ${debate.speakers.length})`,
        });
      }
    });
    // A moderator order is run by the moderator: one without it could not go on; its picks name speakers the debate has.
    if (debate.order?.kind === 'moderator' && debate.moderator === undefined) {
      context.addIssue({ code: 'custom', path: ['moderator'], message: 'a moderator order needs the moderator' });
    }
    debate.order?.picks?.forEach((round, at) => {
      if (round.some((index) => index >= debate.speakers.length)) {
        context.addIssue({ code: 'custom', path: ['order', 'picks', at], message: `picks a speaker the debate does not have (it has ${debate.speakers.length})` });
      }
    });
  });

export type DebateJsonProblem = 'invalid-json' | 'unknown-format' | 'unsupported-version' | 'invalid';

export type ParseDebateJsonResult = { ok: true; debate: DebateJson } | { ok: false; problem: DebateJsonProblem; reason: string };

/**
 * The export of a debate: its summary and its turns (read from the checkpoints), plus any
 * verdicts or material. Throws if they don't make a valid file (a programming error: the
 * engine produced them). Keys come out in the documented order.
 */
export function toDebateJson(meta: DebateMeta, turns: readonly ExportedTurn[], extras: { verdicts?: unknown[]; material?: DebateMaterial } = {}): DebateJson {
  const candidate: DebateJson = {
    format: DEBATE_JSON_FORMAT,
    version: DEBATE_JSON_VERSION,
    id: meta.id,
    title: meta.title,
    topic: meta.topic,
    speakers: meta.speakers,
    exchanges: meta.exchanges,
    settings: meta.settings,
    createdAt: meta.createdAt,
    endedAt: meta.endedAt,
    outcome: meta.outcome,
    stopReason: meta.stopReason,
    stopNote: meta.stopNote,
    order: meta.order,
    stopOn: meta.stopOn,
    moderator: meta.moderator,
    closingStatements: meta.closingStatements,
    language: meta.language,
    parentId: meta.parentId,
    forkedAtTurn: meta.forkedAtTurn,
    turns: [...turns],
    vote: voteOf(meta, turns),
    verdicts: extras.verdicts,
    material: extras.material,
  };
  return canonical(candidate);
}

/** The vote of the debate's last closing statements; none when it has none. */
function voteOf(meta: DebateMeta, turns: readonly ExportedTurn[]): VoteTally | undefined {
  const vote = tallyVotes(turns, meta.speakers);
  return vote.statements === 0 ? undefined : vote;
}

/** The file's text: keys in the documented order, 2-space indent, a trailing newline (diff-friendly, the same debate always gives the same bytes). */
export function serializeDebateJson(debate: DebateJson): string {
  return `${JSON.stringify(canonical(debate), null, 2)}\n`;
}

/** Reads a debate file's text; every problem is a reason in words, never a throw. */
export function parseDebateJson(text: string): ParseDebateJsonResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    return { ok: false, problem: 'invalid-json', reason: `not valid JSON${detail}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problem: 'unknown-format', reason: `not a Talking Models debate: expected a JSON object with "format": "${DEBATE_JSON_FORMAT}"` };
  }
  const format: unknown = 'format' in json ? json.format : undefined;
  if (format !== DEBATE_JSON_FORMAT) {
    return {
      ok: false,
      problem: 'unknown-format',
      reason: `unknown format ${JSON.stringify(format) ?? '(none)'}: expected "format": "${DEBATE_JSON_FORMAT}"`,
    };
  }
  const version: unknown = 'version' in json ? json.version : undefined;
  if (version !== DEBATE_JSON_VERSION) {
    const newer = typeof version === 'number' && Number.isInteger(version) && version > DEBATE_JSON_VERSION;
    return {
      ok: false,
      problem: 'unsupported-version',
      reason: newer
        ? `unsupported version ${version}: this file was written by a newer Talking Models (this one reads version ${DEBATE_JSON_VERSION}); update Talking Models to import it`
        : `unsupported version ${JSON.stringify(version) ?? '(none)'}: expected ${DEBATE_JSON_VERSION}`,
    };
  }
  const parsed = debateJsonSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: 'invalid', reason: `bad field ${describeZodError(parsed.error)}` };
  return { ok: true, debate: parsed.data };
}

/** Through the schema: drops unknown fields and absent optional ones, and orders keys as documented. */
function canonical(debate: DebateJson): DebateJson {
  const parsed = debateJsonSchema.safeParse(debate);
  if (!parsed.success) throw new Error(`not a valid debate export: ${describeZodError(parsed.error)}`);
  // Same shape, fewer keys: the cast is exact.
  return withoutUndefined(parsed.data) as DebateJson;
}

/**
 * A copy without undefined values, at every depth. JSON.stringify skips them anyway; removing
 * them keeps an export deep-equal to the file read back, and the copy shares no arrays with
 * the caller. Object.fromEntries, not assignment, so a "__proto__" key stays a plain key.
 */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([, field]) => field !== undefined);
  return Object.fromEntries(entries.map(([key, field]) => [key, withoutUndefined(field)]));
}
