// --material PATH[:START-END] and --material-diff [staged], read from the command line: pure.
import type { MaterialDiff } from '../material/material';

export interface MaterialFileSpec {
  /** The path as given (relative to the working directory, or absolute). */
  path: string;
  /** The lines asked for (1-based, inclusive); absent: the whole file. */
  range?: { start: number; end: number };
}

export interface MaterialRequest {
  files: MaterialFileSpec[];
  diff?: MaterialDiff['kind'];
}

export type MaterialSpecResult = { ok: true; spec: MaterialFileSpec } | { ok: false; message: string };

/** The range is read from the end, so a Windows drive's colon (C:\src\a.ts:3-9) stays in the path. */
const WITH_RANGE = /^(.*?):(\d+)(?:-(\d+))?$/;

export function parseMaterialSpec(value: string): MaterialSpecResult {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('-')) return { ok: false, message: '--material needs a file, e.g. --material src/app.ts:10-40' };
  const ranged = WITH_RANGE.exec(trimmed);
  if (ranged === null) return { ok: true, spec: { path: trimmed } };
  const [, path = '', first = '', last] = ranged;
  const start = Number(first);
  const end = last === undefined ? start : Number(last);
  if (path === '') return { ok: false, message: `--material ${trimmed}: name the file before the lines, e.g. src/app.ts:${first}` };
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 1 || end < start) {
    return { ok: false, message: `--material ${trimmed}: lines run from 1 up, the first no later than the last, e.g. ${path}:10-40` };
  }
  return { ok: true, spec: { path, range: { start, end } } };
}

export const MATERIAL_DIFF_KINDS = ['working-tree', 'staged'] as const;

/**
 * Node's parseArgs has no optional values: a bare `--material-diff` is given its default here,
 * and `--material-diff staged` joined into one argument (checked later), before the command line is parsed.
 */
export function withMaterialDiffValue(args: readonly string[]): string[] {
  const result: string[] = [];
  for (let at = 0; at < args.length; at++) {
    const arg = args[at] ?? '';
    if (arg !== '--material-diff') {
      result.push(arg);
      continue;
    }
    const next = args[at + 1];
    // The debate command takes no positional arguments: a word after the flag can only be its value.
    if (next !== undefined && !next.startsWith('-')) {
      result.push(`--material-diff=${next}`);
      at++;
    } else result.push('--material-diff=working-tree');
  }
  return result;
}

export type MaterialArgsResult = { ok: true; request: MaterialRequest | undefined } | { ok: false; message: string };

/** The debate's --material and --material-diff values as one request; undefined when neither was given. */
export function materialRequest(files: readonly string[] | undefined, diff: string | undefined): MaterialArgsResult {
  const specs: MaterialFileSpec[] = [];
  for (const value of files ?? []) {
    const parsed = parseMaterialSpec(value);
    if (!parsed.ok) return parsed;
    specs.push(parsed.spec);
  }
  if (diff !== undefined && !(MATERIAL_DIFF_KINDS as readonly string[]).includes(diff)) {
    return { ok: false, message: `--material-diff takes nothing (the working tree against HEAD) or "staged", not "${diff}"` };
  }
  if (specs.length === 0 && diff === undefined) return { ok: true, request: undefined };
  return { ok: true, request: { files: specs, ...(diff !== undefined && { diff: diff as MaterialDiff['kind'] }) } };
}
