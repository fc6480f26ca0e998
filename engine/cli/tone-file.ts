// Custom tones for --tone-file: a JSON array of { "name", "prompt" }, checked like the extension's settings.

import { z } from 'zod';
import { validateTones } from '../index';
import type { Tone } from '../types';
import { readInputFile } from './input-file';
import { CliError } from './io';

const toneFileSchema = z.array(z.object({ name: z.string(), prompt: z.string() }).strict());

/** Pure: the file's text to tones, or the reason it is not usable. */
export function parseToneFile(text: string, path: string): Tone[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not valid JSON; expected an array of {"name": ..., "prompt": ...}`);
  }
  const parsed = toneFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new CliError(`${path} must hold a JSON array of {"name": ..., "prompt": ...} objects`);
  }
  const invalid = validateTones(parsed.data);
  if (invalid) throw new CliError(`${path}: ${invalid.message}`);
  return parsed.data;
}

export async function loadToneFile(path: string | undefined): Promise<Tone[]> {
  if (path === undefined) return [];
  return parseToneFile(await readInputFile(path, 'tone file'), path);
}
