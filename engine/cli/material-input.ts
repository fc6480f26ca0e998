// Reading what --material and --material-diff name: files in (or outside) the working directory,
// and git's diff run there. Every failure is a usage error saying which file or what git said.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { excerptOf, looksBinary } from '../material/excerpt';
import type { DebateMaterial, MaterialDiff, MaterialExcerpt } from '../material/material';
import { CliError, EXIT_USAGE } from './io';
import type { MaterialFileSpec, MaterialRequest } from './material-args';

/** A diff larger than this is refused by the budget long before; the cap only keeps git's output bounded. */
const MAX_DIFF_BYTES = 64 * 1024 * 1024;

async function readExcerpt(spec: MaterialFileSpec, cwd: string): Promise<MaterialExcerpt> {
  const absolute = resolve(cwd, spec.path);
  // Labelled by its path from the working directory (`../lib/x.ts` for a file outside it), never an absolute path.
  const label = relative(cwd, absolute).split('\\').join('/');
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'error'})`;
    throw new CliError(`--material ${spec.path} ${why}`, EXIT_USAGE);
  }
  if (looksBinary(bytes)) throw new CliError(`--material ${spec.path} is a binary file: only text can be debated`, EXIT_USAGE);
  const excerpt = excerptOf(label, bytes.toString('utf8'), spec.range);
  if (!excerpt.ok) throw new CliError(`--material ${excerpt.message}`, EXIT_USAGE);
  return excerpt.excerpt;
}

function gitArgs(kind: MaterialDiff['kind']): string[] {
  return kind === 'staged' ? ['diff', '--cached', '--no-color', '--no-ext-diff'] : ['diff', 'HEAD', '--no-color', '--no-ext-diff'];
}

/** Git's diff in `cwd`; a missing git, a folder that is no repository and an empty diff are errors in words. */
export function readGitDiff(kind: MaterialDiff['kind'], cwd: string): Promise<MaterialDiff> {
  const command = `git ${gitArgs(kind).slice(0, 2).join(' ')}`;
  return new Promise((done, fail) => {
    execFile('git', gitArgs(kind), { cwd, maxBuffer: MAX_DIFF_BYTES, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error !== null) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return fail(new CliError('--material-diff needs git, and git was not found on PATH', EXIT_USAGE));
        const said = stderr.trim().split('\n')[0] ?? '';
        const why = /not a git repository/i.test(said) ? `${cwd} is not in a git repository` : said === '' ? error.message : said;
        return fail(new CliError(`--material-diff: ${command} failed: ${why}`, EXIT_USAGE));
      }
      if (stdout.trim() === '') {
        const none = kind === 'staged' ? 'nothing is staged (git add the changes to debate, or drop "staged")' : 'there are no uncommitted changes';
        return fail(new CliError(`--material-diff: ${none}`, EXIT_USAGE));
      }
      done({ kind, text: stdout });
    });
  });
}

/** The material the command line names, read in the working directory; undefined when it names none. */
export async function readMaterial(request: MaterialRequest | undefined, cwd: string): Promise<DebateMaterial | undefined> {
  if (request === undefined) return undefined;
  const excerpts: MaterialExcerpt[] = [];
  for (const spec of request.files) excerpts.push(await readExcerpt(spec, cwd));
  const diff = request.diff === undefined ? undefined : await readGitDiff(request.diff, cwd);
  return { ...(excerpts.length > 0 && { excerpts }), ...(diff !== undefined && { diff }) };
}

/** The path from an export file's folder back to the working directory, where the material's paths start: its citations link through it. */
export function citationBase(outFile: string, cwd: string): string {
  return relative(dirname(resolve(cwd, outFile)), cwd).split('\\').join('/');
}
