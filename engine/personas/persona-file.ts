// The persona file a person imports and exports: versioned JSON,
//   {"talkingModelsPersonas": 1, "personas": [{"name", "prompt", "stance"?, "role"?}, ...]}
// A bare array of {"name", "prompt"} (a custom tones list, as settings and --tone-file hold it)
// is read too: a tone without stance or role is a persona. Every problem names the entry (its
// index and name) and the field.
import { z } from 'zod';
import { fieldPath } from '../library/zod-reason';
import { MAX_CUSTOM_TONES, toneKey } from '../tones';
import { checkPersona, personaTraits, type Persona } from './persona';
import { STANCES } from './stance';

export const PERSONA_FILE_VERSION = 1;

/** The key that marks a persona file and holds its version. */
export const PERSONA_FILE_KEY = 'talkingModelsPersonas';

export type PersonaFileResult = { ok: true; personas: Persona[] } | { ok: false; reason: string };

const entrySchema = z.strictObject({
  name: z.string(),
  prompt: z.string(),
  stance: z.enum(STANCES).optional(),
  role: z.string().optional(),
});

const entriesSchema = z.array(entrySchema).max(MAX_CUSTOM_TONES, { message: `at most ${MAX_CUSTOM_TONES} personas are allowed` });

function failure(reason: string): PersonaFileResult {
  return { ok: false, reason };
}

/** `personas[2] ("Economist")`: the entry by index and, where it has one, by name. */
function entryLabel(listName: string, entries: readonly unknown[], index: number): string {
  const entry = entries[index];
  const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
  const named = typeof name === 'string' && name.trim() !== '' ? ` (${JSON.stringify(name.trim())})` : '';
  return `${listName}[${index}]${named}`;
}

/** The first shape problem of the entries, naming the entry and the field. */
function shapeProblem(listName: string, entries: readonly unknown[], error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid content';
  const [index, ...field] = issue.path;
  if (typeof index !== 'number') return `${listName === '' ? 'the list' : listName}: ${issue.message}`;
  const where = field.length === 0 ? '' : `.${fieldPath(field)}`;
  return `${entryLabel(listName, entries, index)}${where}: ${issue.message}`;
}

/** The entries' rules beyond their shape (names, lengths, clashes, twice the same name), or the first problem. */
function checkedEntries(listName: string, entries: readonly unknown[]): PersonaFileResult {
  const personas: Persona[] = [];
  const firstIndex = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    const label = entryLabel(listName, entries, i);
    const checked = checkPersona(entries[i], label);
    if ('error' in checked) return failure(checked.error.message);
    const earlier = firstIndex.get(toneKey(checked.tone.name));
    if (earlier !== undefined) return failure(`${label}.name is defined twice (also ${listName}[${earlier}]).`);
    firstIndex.set(toneKey(checked.tone.name), i);
    personas.push(checked.tone);
  }
  return { ok: true, personas };
}

function listOf(listName: string, value: unknown): PersonaFileResult {
  const entries = Array.isArray(value) ? (value as unknown[]) : [];
  const parsed = entriesSchema.safeParse(value);
  return parsed.success ? checkedEntries(listName, entries) : failure(shapeProblem(listName, entries, parsed.error));
}

/** Pure: a persona file's text to its personas, or why it is not one (the first problem, naming the entry and the field). */
export function parsePersonaFile(text: string): PersonaFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return failure(`not valid JSON${error instanceof Error ? ` (${error.message})` : ''}`);
  }
  if (Array.isArray(json)) return listOf('', json);
  if (typeof json !== 'object' || json === null || !(PERSONA_FILE_KEY in json)) {
    return failure(`not a persona file: expected {"${PERSONA_FILE_KEY}": ${PERSONA_FILE_VERSION}, "personas": [...]}`);
  }
  const record = json as Record<string, unknown>;
  const version = record[PERSONA_FILE_KEY];
  if (version !== PERSONA_FILE_VERSION) {
    return typeof version === 'number' && Number.isInteger(version) && version > PERSONA_FILE_VERSION
      ? failure(`persona file version ${version} was written by a newer Talking Models (this one reads version ${PERSONA_FILE_VERSION}); update Talking Models to import it`)
      : failure(`${PERSONA_FILE_KEY} is ${JSON.stringify(version)}: the only known version is ${PERSONA_FILE_VERSION}`);
  }
  const unknownKey = Object.keys(record).find((key) => key !== PERSONA_FILE_KEY && key !== 'personas');
  if (unknownKey !== undefined) return failure(`unknown field "${unknownKey}": a persona file holds only "${PERSONA_FILE_KEY}" and "personas"`);
  if (!Array.isArray(record.personas)) return failure('personas must be a list of {"name", "prompt", "stance"?, "role"?} objects');
  return listOf('personas', record.personas);
}

/** Pure: one persona as written: its fields in a fixed order, the optional ones only when set. */
function entryOf(persona: Persona): z.infer<typeof entrySchema> {
  const { stance, role } = personaTraits(persona);
  return { name: persona.name.trim(), prompt: persona.prompt.trim(), ...(stance !== undefined && { stance }), ...(role !== undefined && { role }) };
}

/** Sorted by name, case-insensitively (ties by the exact name), so the same personas always give the same file. */
function byName(a: Persona, b: Persona): number {
  const [keyA, keyB] = [toneKey(a.name), toneKey(b.name)];
  if (keyA !== keyB) return keyA < keyB ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Pure: the text of a persona file holding `personas` (2-space indent, sorted by name, a final line feed). */
export function serializePersonaFile(personas: readonly Persona[]): string {
  const file = { [PERSONA_FILE_KEY]: PERSONA_FILE_VERSION, personas: [...personas].sort(byName).map(entryOf) };
  return `${JSON.stringify(file, null, 2)}\n`;
}
