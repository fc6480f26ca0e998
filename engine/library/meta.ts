// A debate's summary (meta.json): what the library list, the search and the Debates view show
// without opening the checkpoints. It never holds turn text: that lives only in
// checkpoints.jsonl. Versioned (`schema`) so an older Talking Models refuses a newer record
// in words instead of misreading it.
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { DebateSpeaker } from '../graph/state';
import { MAX_ORDERS } from '../judge/orders';
import { readableVerdicts } from '../judge/verdict';
import { materialSchema } from '../material/material-schema';
import { STANCES } from '../personas/stance';
import type { DebateRecord, DebateSettings } from '../store';
import type { DebateOutcome, StopReason } from '../types';
import { isDebateId } from './ids';
import { type LibraryFs, errorCode, systemReason, writeFileAtomic } from './library-fs';
import { META_FILE } from './paths';
import { describeZodError } from './zod-reason';

export const META_SCHEMA_VERSION = 1;

/** A speaker as recorded: its configuration plus the tone's prompt, so the record stands alone even if the tone is later edited or deleted. */
export type RecordedSpeaker = DebateSpeaker;

export type { DebateSettings };

/** meta.json: the store's record of a debate, versioned. */
export interface DebateMeta extends DebateRecord {
  schema: 1;
}

export const debateIdSchema = z.string().refine(isDebateId, { message: 'not a debate id (like 20261201-110512-a3f9c2)' });

export const recordedSpeakerSchema: z.ZodType<RecordedSpeaker> = z.object({
  name: z.string(),
  model: z.string(),
  tone: z.string(),
  host: z.string().optional(),
  temperature: z.number().optional(),
  contextSize: z.number().int().positive().optional(),
  thinking: z.union([z.boolean(), z.enum(['low', 'medium', 'high'])]).optional(),
  // A stance this version does not know (a newer one's) is left out, not fatal: tonePrompt still says it.
  stance: z.enum(STANCES).optional().catch(undefined),
  role: z.string().optional(),
  backend: z.literal('vscode-lm').optional(),
  tonePrompt: z.string(),
});

export const debateSettingsSchema: z.ZodType<DebateSettings> = z.object({
  host: z.string().optional(),
  contextWindow: z.number().int().positive().optional(),
  contextBudgetChars: z.number().int().positive().optional(),
  firstTokenTimeoutMs: z.number().int().positive().optional(),
  stallTimeoutMs: z.number().int().positive().optional(),
  maxReplyChars: z.number().int().positive().optional(),
});

export const turnOrderSchema = z.object({
  kind: z.enum(['round-robin', 'random', 'reply', 'simultaneous', 'moderator']),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  picks: z.array(z.array(z.number().int().min(0))).optional(),
});
const modelOnHostSchema = { model: z.string().min(1), host: z.string().optional() };
export const stopConditionsSchema = z.object({
  repetition: z
    .object({ threshold: z.number().gt(0).max(1), ngram: z.number().int().min(1).max(10), embedModel: z.string().min(1).optional() })
    .optional(),
  consensus: z.object({ model: modelOnHostSchema.model.optional(), host: modelOnHostSchema.host }).optional(),
});
export const moderatorConfigSchema = z.object(modelOnHostSchema);
export const judgeConfigSchema = z.object({ ...modelOnHostSchema, orders: z.number().int().min(1).max(MAX_ORDERS).optional(), markTurns: z.boolean().optional() });

export const debateOutcomeSchema = z.enum(['running', 'paused', 'interrupted', 'complete', 'stopped', 'failed']);
export const stopReasonSchema = z.enum(['exchanges', 'moderator', 'repetition', 'consensus', 'user', 'error']);

// Compile-time checks that the enums above list exactly the engine's values.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const outcomesMatch: Same<z.infer<typeof debateOutcomeSchema>, DebateOutcome> = true;
const stopReasonsMatch: Same<z.infer<typeof stopReasonSchema>, StopReason> = true;
void outcomesMatch;
void stopReasonsMatch;

/**
 * Loose: a field added by a newer version within schema 1 survives an older version's
 * read-modify-write of meta.json instead of being silently dropped.
 */
const debateMetaSchema: z.ZodType<DebateMeta> = z.looseObject({
  schema: z.literal(META_SCHEMA_VERSION),
  id: debateIdSchema,
  title: z.string().nullable(),
  topic: z.string(),
  speakers: z.array(recordedSpeakerSchema).min(1),
  exchanges: z.number().int().min(1),
  settings: debateSettingsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().nullable(),
  outcome: debateOutcomeSchema,
  stopReason: stopReasonSchema.nullable(),
  stopNote: z.string().optional(),
  order: turnOrderSchema.optional(),
  stopOn: stopConditionsSchema.optional(),
  moderator: moderatorConfigSchema.optional(),
  closingStatements: z.boolean().optional(),
  judge: judgeConfigSchema.optional(),
  language: z.string().optional(),
  material: materialSchema.optional(),
  turnCount: z.number().int().min(0),
  parentId: debateIdSchema.optional(),
  forkedAtTurn: z.number().int().min(0).optional(),
  // A damaged verdict is left out rather than making the whole debate unreadable.
  verdicts: z.array(z.unknown()).transform(readableVerdicts).optional(),
  tournament: z.object({ id: z.string().min(1), match: z.string().min(1) }).optional(),
});

export type MetaProblem = 'missing' | 'unreadable' | 'invalid-json' | 'unknown-schema' | 'invalid';

export type ReadMetaResult = { ok: true; meta: DebateMeta } | { ok: false; problem: MetaProblem; reason: string };

/** Pure: meta.json's text to the summary, or why it is not one. `folderId` is the name of the folder it was found in. */
export function parseMeta(text: string, folderId: string): ReadMetaResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    return { ok: false, problem: 'invalid-json', reason: `${META_FILE} is not valid JSON${detail}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problem: 'invalid', reason: `${META_FILE} does not hold a debate summary (expected an object)` };
  }
  const schema: unknown = 'schema' in json ? json.schema : undefined;
  if (schema !== META_SCHEMA_VERSION) {
    if (typeof schema === 'number' && Number.isInteger(schema) && schema > META_SCHEMA_VERSION) {
      return {
        ok: false,
        problem: 'unknown-schema',
        reason: `${META_FILE} has schema version ${schema}: it was written by a newer Talking Models (this one reads version ${META_SCHEMA_VERSION}); update Talking Models to open it`,
      };
    }
    return { ok: false, problem: 'unknown-schema', reason: `${META_FILE} has no known schema version (found ${JSON.stringify(schema) ?? 'none'})` };
  }
  const parsed = debateMetaSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: 'invalid', reason: `${META_FILE}: ${describeZodError(parsed.error)}` };
  // A copied or renamed folder would make two debates claim one id (and one checkpoint thread).
  if (parsed.data.id !== folderId) {
    return { ok: false, problem: 'invalid', reason: `${META_FILE} names debate ${parsed.data.id}, but its folder is ${folderId}` };
  }
  return { ok: true, meta: parsed.data };
}

/** Reads `<folder>/meta.json`; every failure is a reason in words, never a throw. */
export function readMeta(fsys: LibraryFs, folder: string): ReadMetaResult {
  let text: string;
  try {
    text = fsys.readFileSync(join(folder, META_FILE), 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { ok: false, problem: 'missing', reason: `${META_FILE} is missing` };
    return { ok: false, problem: 'unreadable', reason: `${META_FILE} could not be read: ${systemReason(error)}` };
  }
  return parseMeta(text, basename(folder));
}

/** Pure: the text written to meta.json (2-space indent: a person may read it). Throws if `meta` is not a valid summary. */
export function serializeMeta(meta: DebateMeta): string {
  const parsed = debateMetaSchema.safeParse(meta);
  if (!parsed.success) throw new Error(`refusing to write an invalid ${META_FILE}: ${describeZodError(parsed.error)}`);
  return `${JSON.stringify(parsed.data, null, 2)}\n`;
}

/** Writes `<folder>/meta.json` atomically (readers see the old or the new summary, never half). Throws the file-system error. */
export function writeMeta(fsys: LibraryFs, folder: string, meta: DebateMeta): void {
  writeFileAtomic(fsys, join(folder, META_FILE), serializeMeta(meta));
}
