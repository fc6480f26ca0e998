// Which library folder a command uses: --library (relative to the working folder), else
// TALKING_MODELS_LIBRARY, else the platform's per-user data folder (the one VS Code uses too). Pure.

import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defaultLibraryFolder } from '../library/paths';
import type { CliIo } from './io';

export function libraryFolder(explicit: string | undefined, io: Pick<CliIo, 'env' | 'platform' | 'home' | 'cwd'>): string {
  return explicit !== undefined ? resolve(io.cwd, explicit) : defaultLibraryFolder(io.env, io.platform, io.home);
}

/** Quotes a path for a shell command line only when it needs it. */
export function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Makes sure the library folder exists, creating it and its missing parents one level at a
 * time; null when it is there, else why it can't be. Not `mkdirSync(…, { recursive: true })`:
 * under /proc (where mkdir answers ENOENT although the parent exists) Node's recursive mkdir
 * never returns.
 */
export function ensureLibraryFolder(folder: string): string | null {
  const missing: string[] = [];
  let current = folder;
  for (;;) {
    try {
      if (!statSync(current).isDirectory()) return `${current} is not a folder`;
      break;
    } catch (error) {
      const code = codeOf(error);
      if (code === 'ENOTDIR') {
        missing.unshift(current);
        current = dirname(current);
        continue;
      }
      if (code !== 'ENOENT') return `cannot read ${current} (${code})`;
    }
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      const code = codeOf(error);
      if (code !== 'EEXIST') return `cannot create ${path} (${code})`;
    }
  }
  return null;
}
