// The --out markdown file: checked before the debate starts (so a typo, a read-only folder or
// a full disk does not cost a whole debate), written once it ends, however it ends. If it
// still can't be written then, the transcript goes to a fallback file that is named.

import { closeSync, existsSync, openSync, statfsSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CliError } from './io';

/** Less free space than this on the disk of --out counts as a full disk. */
export const MIN_FREE_BYTES = 1024 * 1024;

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'that folder does not take new files',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it was created meanwhile; pass --force to overwrite it',
  ENAMETOOLONG: 'the name is too long',
};

/** Why a file operation failed, in words. */
function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code !== undefined && REASONS[code] !== undefined) return `${REASONS[code]} (${code})`;
  return code ?? (error instanceof Error ? error.message : String(error));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Throws a CliError, before anything is asked of Ollama, when `path` could not be written. */
export function checkOutFile(path: string, force: boolean): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new CliError(`${path} is a folder; give --out a file name, e.g. ${join(path, 'debate.md')}`);
  }
  if (existsSync(path) && !force) {
    throw new CliError(`${path} already exists; pass --force to overwrite it, or choose another --out file`);
  }
  const folder = dirname(resolve(path));
  if (!existsSync(folder)) throw new CliError(`cannot write ${path}: the folder ${folder} does not exist`);
  if (!isFolder(folder)) throw new CliError(`cannot write ${path}: ${folder} is not a folder`);
  probeWrite(path);
  let free: number | null = null;
  try {
    const disk = statfsSync(folder);
    free = disk.bavail * disk.bsize;
  } catch {
    // A file system that does not say (or /proc): the write probe is all there is.
  }
  if (free !== null && free < MIN_FREE_BYTES) throw new CliError(`cannot write ${path}: the disk holding ${folder} is full`);
}

/**
 * Tries the write without writing: an existing regular file is opened for writing (not
 * truncated); a new one is created and removed again. Devices (/dev/stdout) are left alone.
 */
function probeWrite(path: string): void {
  try {
    if (existsSync(path)) {
      if (statSync(path).isFile()) closeSync(openSync(path, 'r+'));
      return;
    }
    closeSync(openSync(path, 'wx'));
    unlinkSync(path);
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${reasonOf(error)}`);
  }
}

/** Writes the file; throws a CliError saying why not. */
export function writeOutFile(path: string, markdown: string, force: boolean): void {
  try {
    // 'wx' fails if the file appeared while the debate ran: still never overwrite without --force.
    writeFileSync(path, markdown, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${reasonOf(error)}`);
  }
}

/** Where a transcript goes when --out can't be written at the end: the temporary folder, named after the debate. */
export function fallbackPath(id: string): string {
  return join(tmpdir(), `talking-models-${id.replace(/[^\w.-]/g, '_')}.md`);
}

export interface OutFileResult {
  /** Where the transcript is: --out, the fallback file, or null if neither could be written. */
  writtenTo: string | null;
  /** What went wrong, in one sentence; null when --out was written. */
  problem: string | null;
}

/** Writes --out, else the fallback file, and says which. Never throws. */
export function writeOutFileOrFallback(path: string, markdown: string, force: boolean, id: string): OutFileResult {
  let problem: string;
  try {
    writeOutFile(path, markdown, force);
    return { writtenTo: path, problem: null };
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const fallback = fallbackPath(id);
  try {
    writeFileSync(fallback, markdown, { encoding: 'utf8', flag: 'w' });
    return { writtenTo: fallback, problem: `${problem}; the transcript is in ${fallback} instead` };
  } catch (error) {
    return { writtenTo: null, problem: `${problem}, nor ${fallback}: ${reasonOf(error)}` };
  }
}
