// The --out markdown file: checked before the debate starts (so a typo does not
// cost a whole debate), written once it ends, however it ends.

import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CliError } from './io';

export function checkOutFile(path: string, force: boolean): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new CliError(`${path} is a folder; give --out a file name, e.g. ${join(path, 'debate.md')}`);
  }
  if (existsSync(path) && !force) {
    throw new CliError(`${path} already exists; pass --force to overwrite it, or choose another --out file`);
  }
  const folder = dirname(resolve(path));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new CliError(`cannot write ${path}: the folder ${folder} does not exist`);
  }
}

export function writeOutFile(path: string, markdown: string, force: boolean): void {
  try {
    // 'wx' fails if the file appeared while the debate ran: still never overwrite without --force.
    writeFileSync(path, markdown, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' ? 'it was created meanwhile; pass --force to overwrite it' : (error as Error).message;
    throw new CliError(`cannot write ${path}: ${reason}`);
  }
}
