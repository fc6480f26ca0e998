// The file-system calls the debate library makes, behind a minimal interface so tests can
// inject faults (ENOSPC, EACCES: the tests run as root, where file modes never fail).
// Synchronous on purpose: a VS Code window reload ends the extension host without waiting
// for pending asynchronous writes, and the record must hold what was last written.
import * as fs from 'node:fs';
import { dirname, resolve } from 'node:path';

/** What the library needs of node:fs (each call may throw a NodeJS.ErrnoException). */
export interface LibraryFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  /** `flag: 'wx'` creates the file and fails with EEXIST if it exists. */
  writeFileSync(path: string, data: string, options?: { flag?: string }): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options?: { recursive?: boolean; force?: boolean }): void;
  mkdirSync(path: string, options?: { recursive?: boolean }): void;
  readdirSync(path: string): string[];
  statSync(path: string): { size: number; mtimeMs: number; isDirectory(): boolean };
  /** Never throws. Used before reading files that are usually absent (a lock): a failed read's exception costs ~80 µs, 80 ms over 1,000 debates. */
  existsSync(path: string): boolean;
}

/**
 * mkdir -p one level at a time: under /proc, where mkdir answers ENOENT although the parent
 * exists, Node's own recursive mkdir never returns (Node 20).
 */
export function makeFolders(path: string): void {
  const missing: string[] = [];
  for (let current = resolve(path); !fs.existsSync(current); current = dirname(current)) {
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
  }
}

/** The real file system. */
export const nodeFs: LibraryFs = {
  readFileSync: (path, encoding) => fs.readFileSync(path, encoding),
  writeFileSync: (path, data, options) => fs.writeFileSync(path, data, options),
  renameSync: (from, to) => fs.renameSync(from, to),
  rmSync: (path, options) => fs.rmSync(path, options),
  mkdirSync: (path, options) => {
    if (options?.recursive === true) makeFolders(path);
    else fs.mkdirSync(path);
  },
  readdirSync: (path) => fs.readdirSync(path),
  statSync: (path) => fs.statSync(path),
  existsSync: (path) => fs.existsSync(path),
};

/** The error's code (ENOENT, ENOSPC...), or null when it is not a system error. */
export function errorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  const code: unknown = error.code;
  return typeof code === 'string' ? code : null;
}

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'a folder on the way does not exist',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'it already exists',
  EBUSY: 'it is in use by another program',
  EIO: 'an input/output error occurred',
};

/** The system's reason for a failed file operation, in words, with its code: "the disk is full (ENOSPC)". */
export function systemReason(error: unknown): string {
  const code = errorCode(error);
  const words = code === null ? undefined : REASONS[code];
  if (words !== undefined && code !== null) return `${words} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes `text` to `path` so a reader sees either the old file or the new one, never half of
 * it: the text goes to a temporary file beside it, which is then renamed over the target
 * (atomic on one file system). The temporary name carries the pid, so two processes never
 * write the same temporary file. No fsync: the case guarded against is a killed process
 * (the OS still writes its page cache), and fsync every 100 ms would cost too much.
 * On failure the temporary file is removed and the error is thrown.
 */
export function writeFileAtomic(fsys: LibraryFs, path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    fsys.writeFileSync(temporary, text);
    fsys.renameSync(temporary, path);
  } catch (error) {
    try {
      fsys.rmSync(temporary, { force: true });
    } catch {
      // The write's own error is the one worth reporting.
    }
    throw error;
  }
}

/** The file's text, or null when it does not exist (any other failure is thrown). */
export function readTextIfExists(fsys: LibraryFs, path: string): string | null {
  try {
    return fsys.readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}
