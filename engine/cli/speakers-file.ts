// --speakers-file FILE: the speakers as JSON, for line-ups whose flags would get long:
//   [{"name"?, "model", "tone"?, "host"?, "temperature"?, "contextWindow"? (or "contextSize"),
//     "thinking"?, "stance"?, "role"?}, ...]
// Every problem names the entry (its index and name) and the field.

import { z } from 'zod';
import { fieldPath } from '../library/zod-reason';
import { MAX_SPEAKERS, MIN_SPEAKERS } from '../limits';
import { findTone } from '../tones';
import type { SpeakerConfig, ThinkingSetting, Tone } from '../types';
import { readInputFile } from './input-file';
import { CliError, EXIT_USAGE } from './io';
import { checkContextWindow, checkName, checkRole, checkStance, checkTemperature } from './speaker-settings';
import { THINK_VALUES, thinkingSetting } from './thinking-option';

const entrySchema = z.strictObject({
  name: z.string().optional(),
  model: z.string(),
  tone: z.string().optional(),
  host: z.string().optional(),
  temperature: z.number().optional(),
  contextWindow: z.number().optional(),
  contextSize: z.number().optional(),
  thinking: z.union([z.boolean(), z.string()]).optional(),
  stance: z.string().optional(),
  role: z.string().optional(),
});

type Entry = z.infer<typeof entrySchema>;

const fileSchema = z
  .array(z.unknown())
  .min(MIN_SPEAKERS, { message: `give ${MIN_SPEAKERS} to ${MAX_SPEAKERS} speakers` })
  .max(MAX_SPEAKERS, { message: `give ${MIN_SPEAKERS} to ${MAX_SPEAKERS} speakers` });

const FILE_SHAPE = '[{"model": ..., "tone"?: ..., "name"?: ..., ...}, ...]';

/** `speakers[2] ("Ada")`: the entry by index and, where it has one, by name. */
function entryLabel(entry: unknown, index: number): string {
  const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
  return `speakers[${index}]${typeof name === 'string' && name.trim() !== '' ? ` (${JSON.stringify(name.trim())})` : ''}`;
}

/** Thrown for the first problem: a usage error naming where it is. */
function problem(path: string, where: string, what: string): CliError {
  return new CliError(`${path}: ${where} ${what}`, EXIT_USAGE);
}

function entryShape(path: string, entry: unknown, index: number): Entry {
  const parsed = entrySchema.safeParse(entry);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? '' : `.${fieldPath(issue.path)}`;
  if (issue?.code === 'unrecognized_keys') {
    throw problem(path, entryLabel(entry, index), `has an unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`);
  }
  throw new CliError(`${path}: ${entryLabel(entry, index)}${field}: ${issue?.message ?? 'invalid'}`, EXIT_USAGE);
}

/** The speaker an entry describes, its tone looked up among `tones`; throws naming the field that is wrong. */
function speakerOf(path: string, entry: Entry, index: number, tones: readonly Tone[], defaultTone: string): SpeakerConfig {
  const label = entryLabel(entry, index);
  const fail = (field: string, what: string): never => {
    throw problem(path, `${label}.${field}`, what);
  };
  const take = <T>(field: string, checked: { ok: true; value: T } | { ok: false; problem: string }): T => (checked.ok ? checked.value : fail(field, checked.problem));
  const model = entry.model.trim();
  if (model === '') fail('model', 'is empty: name an Ollama model, like llama3.2:1b');
  const tone = entry.tone === undefined ? defaultTone : findTone(entry.tone, tones)?.name;
  if (tone === undefined) fail('tone', `"${entry.tone}" is not a tone: the tones are ${tones.map((known) => known.name).join(', ')}`);
  if (entry.contextWindow !== undefined && entry.contextSize !== undefined) fail('contextWindow', 'and contextSize are the same setting: give one');
  const window = entry.contextWindow ?? entry.contextSize;
  const windowField = entry.contextWindow === undefined ? 'contextSize' : 'contextWindow';
  const host = entry.host?.trim() ?? '';
  return {
    name: entry.name === undefined ? `Speaker ${index + 1}` : take('name', checkName(entry.name)),
    model,
    tone: tone as string,
    ...(host !== '' && { host }),
    ...(entry.temperature !== undefined && { temperature: take('temperature', checkTemperature(entry.temperature)) }),
    ...(window !== undefined && { contextSize: take(windowField, checkContextWindow(window)) }),
    ...(entry.thinking !== undefined && { thinking: thinkingOf(entry.thinking) ?? fail('thinking', `is ${THINK_VALUES} (or true/false), not ${JSON.stringify(entry.thinking)}`) }),
    ...(entry.stance !== undefined && { stance: take('stance', checkStance(entry.stance)) }),
    ...(entry.role !== undefined && { role: take('role', checkRole(entry.role)) }),
  };
}

function thinkingOf(value: boolean | string): ThinkingSetting | null {
  return typeof value === 'boolean' ? value : thinkingSetting(value);
}

/** Pure: the file's text as speakers, or a usage error naming the entry and field that is wrong. */
export function parseSpeakersFile(text: string, path: string, tones: readonly Tone[], defaultTone: string): SpeakerConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not valid JSON; expected ${FILE_SHAPE}`, EXIT_USAGE);
  }
  if (!Array.isArray(json)) throw new CliError(`${path} must hold a JSON array of speakers: ${FILE_SHAPE}`, EXIT_USAGE);
  const counted = fileSchema.safeParse(json);
  if (!counted.success) throw new CliError(`${path}: ${counted.error.issues[0]?.message ?? 'invalid'} (it has ${json.length})`, EXIT_USAGE);
  return json.map((entry, index) => speakerOf(path, entryShape(path, entry, index), index, tones, defaultTone));
}

export async function loadSpeakersFile(path: string, tones: readonly Tone[], defaultTone: string): Promise<SpeakerConfig[]> {
  return parseSpeakersFile(await readInputFile(path, 'speakers file'), path, tones, defaultTone);
}
