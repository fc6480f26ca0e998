// package.json as VS Code shows it in English: every "%key%" replaced by its package.nls.json text,
// for the tests that check what the manifest says rather than how it is keyed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
}

/** Replaces each whole-string "%key%" with its message; other values are kept as they are. */
export function resolveNlsKeys(value: unknown, messages: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') {
    const key = /^%(.+)%$/u.exec(value)?.[1];
    return key !== undefined && Object.hasOwn(messages, key) ? messages[key] : value;
  }
  if (Array.isArray(value)) return value.map((item) => resolveNlsKeys(item, messages));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, resolveNlsKeys(item, messages)]));
  }
  return value;
}

/** package.json with its English texts in place of the keys (the caller names the shape it reads). */
export function englishManifest<Manifest>(): Manifest {
  return resolveNlsKeys(readJson('package.json'), readJson('package.nls.json') as Record<string, string>) as Manifest;
}
