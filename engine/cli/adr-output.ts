// `--adr DIR` on `debate --judge J` and `judge ID --judge J`: once the verdict is in, the
// judge model drafts a MADR decision record of the debate, written as DIR's next NNNN-*.md
// (engine/adr). No record is made up: when the model gives no usable answer, the reason is
// the error and no file is written; the debate and its verdict stay saved.
import { existsSync, statSync } from 'node:fs';
import { draftDecisionRecord } from '../adr/draft-record';
import { renderDecisionRecord } from '../adr/madr';
import { writeDecisionRecord } from '../adr/write-record';
import type { DebateSessions } from '../session';
import { CliError, EXIT_OK, EXIT_USAGE, stoppedExitCode, type CliIo } from './io';
import { oneLine } from './render';
import type { Style } from './color';

/** Pure: why `--adr` can't be used as given, or null. `judge`: the --judge model, if any. */
export function adrOptionProblem(folder: string | undefined, judge: string | undefined): string | null {
  if (folder === undefined) return null;
  if (folder.trim() === '' || folder.trim().startsWith('-')) return '--adr needs a folder, e.g. --adr docs/decisions';
  if (judge === undefined) return '--adr needs --judge MODEL: the decision record is drafted by the judge model after its verdict';
  return null;
}

/** Throws a CliError before the debate starts when the --adr folder can't hold records (a file of that name). */
export function checkAdrFolder(folder: string): void {
  if (existsSync(folder) && !statSync(folder).isDirectory()) throw new CliError(`--adr ${folder} is a file, not a folder`, EXIT_USAGE);
}

export interface AdrRequest {
  /** The folder the record goes in. */
  folder: string;
  /** The judge model, which drafts it. */
  model: string;
  host: string;
  timeoutMs?: number;
  /** The path is printed on stderr instead of stdout (stdout holds JSON). */
  quiet?: boolean;
}

/** Drafts and writes the record of debate `id`; the exit code. */
export async function writeAdrFor(sessions: DebateSessions, id: string, request: AdrRequest, io: CliIo, style: Style): Promise<number> {
  let transcript;
  try {
    transcript = await sessions.transcript(id);
  } catch (error) {
    throw new CliError(`no decision record of debate ${id}: it can't be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (io.stdoutIsTTY) io.stderr(`${style.dim(oneLine(`Drafting the decision record with ${request.model}…`))}\n`);
  const draft = await draftDecisionRecord(transcript, {
    model: request.model,
    host: request.host,
    signal: io.signal,
    ...(request.timeoutMs !== undefined && { timeoutMs: request.timeoutMs }),
  });
  if (io.signal.aborted) {
    io.stderr('talking-models: the decision record was stopped; no file was written\n');
    return stoppedExitCode(io.signal);
  }
  if (!draft.ok) throw new CliError(`no decision record of debate ${id} from ${request.model}: ${draft.reason}; no file was written`);
  const content = renderDecisionRecord({ answer: draft.answer, transcript, judgeModel: request.model, date: new Date() });
  let path: string;
  try {
    path = await writeDecisionRecord(request.folder, draft.answer.title, content);
  } catch (error) {
    throw new CliError(`cannot write the decision record into ${request.folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const line = `Decision record written to ${path}\n`;
  if (request.quiet === true) io.stderr(line);
  else io.stdout(line);
  return EXIT_OK;
}

/** After a debate or a judging ended with `code`: the record when it went well, else a line saying why there is none. */
export async function adrAfter(code: number, write: () => Promise<number>, io: CliIo): Promise<number> {
  if (code === EXIT_OK) return write();
  if (!io.signal.aborted) io.stderr('talking-models: no decision record was written, as the debate or its verdict did not succeed\n');
  return code;
}
