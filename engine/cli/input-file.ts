// Reading a file the command line names (--tone-file, --persona-file, --speakers-file): a missing
// or unreadable file is one line saying which file and why.

import { readFile } from 'node:fs/promises';
import { CliError } from './io';

/** The file's text; `what` names it in the error ("tone file"). */
export async function readInputFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${what} ${path} does not exist` : `cannot read ${what} ${path} (${code ?? 'error'})`);
  }
}
