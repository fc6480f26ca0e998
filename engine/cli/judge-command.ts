// `talking-models judge ID --judge MODEL`, and `debate --judge MODEL` once its debate ends:
// a judge model's blind verdict, printed (scores table, result, rationale) and saved with the
// debate. No verdict is ever made up: when the judge can't give one, the reason is the error.

import { DebateSessions } from '../session';
import { judgeDebate } from '../judge/judge';
import { judgeInputOf, judgedSides } from '../judge/blind-debate';
import { orderCountProblem } from '../judge/orders';
import type { Verdict } from '../judge/verdict';
import { describeHolder } from '../library/lock';
import type { JudgeCommand } from './args';
import { colorEnabled, createStyle, type Style } from './color';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, stoppedExitCode, type CliIo } from './io';
import { createWarner, findDebate, openLibrary, type Library } from './library-access';
import { hostOption } from './ollama-access';
import { jsonForTerminal, oneLine } from './render';
import { verdictText } from './verdict-text';
import { adrAfter, checkAdrFolder, writeAdrFor } from './adr-output';

/** What a judging takes from the command line. */
export type JudgeRequest = Pick<JudgeCommand, 'judge' | 'orders' | 'seed' | 'marks' | 'timeoutMs' | 'json'> & {
  /** The judge's host (already resolved). */
  host: string;
};

export interface JudgeTarget {
  sessions: DebateSessions;
  /** The library the debate is saved in; null when it runs unsaved (the verdict is then only printed). */
  library: Library | null;
  id: string;
}

/** Judges a debate, prints the verdict and saves it with the debate; the exit code. */
export async function judgeAndSave(target: JudgeTarget, request: JudgeRequest, io: CliIo, style: Style): Promise<number> {
  const { sessions, library, id } = target;
  const record = sessions.store.read(id);
  if (record === null) throw new CliError(`no debate ${id} to judge`);
  let transcript;
  try {
    transcript = await sessions.transcript(id);
  } catch (error) {
    throw new CliError(`cannot read debate ${id}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sides = judgedSides(transcript.turns).length;
  if (sides < 2) throw new CliError(`debate ${id} can't be judged: a verdict needs at least two speakers who said something`);
  if (request.orders !== undefined) {
    const problem = orderCountProblem(request.orders, sides);
    if (problem !== null) throw new CliError(`--orders: ${problem}`, EXIT_USAGE);
  }
  const input = judgeInputOf(transcript, record.speakers.map((speaker) => speaker.tonePrompt));
  const result = await judgeDebate(input, {
    judgeModel: request.judge,
    host: request.host,
    speakerHosts: record.speakers.map((speaker) => speaker.host ?? record.settings.host),
    markTurns: request.marks,
    signal: io.signal,
    ...(request.orders !== undefined && { orders: request.orders }),
    ...(request.seed !== undefined && { seed: request.seed }),
    ...(request.timeoutMs !== undefined && { timeoutMs: request.timeoutMs }),
    onProgress: ({ order, orders, retry }) => {
      if (io.stdoutIsTTY) io.stderr(`${style.dim(oneLine(`Judging with ${request.judge}: order ${order} of ${orders}${retry ? ', asking again with the schema restated' : ''}…`))}\n`);
    },
  });
  if (io.signal.aborted) {
    io.stderr(`talking-models: judging stopped; nothing was saved\n`);
    return stoppedExitCode(io.signal);
  }
  if (!result.ok) throw new CliError(`no verdict on debate ${id} from ${request.judge}: ${result.reason}`);
  io.stdout(request.json ? `${jsonForTerminal(JSON.stringify(result.verdict, null, 2))}\n` : `${verdictText(result.verdict, transcript.turns, style)}\n`);
  return save(library, id, result.verdict, io, style, request.json);
}

function save(library: Library | null, id: string, verdict: Verdict, io: CliIo, style: Style, quiet: boolean): number {
  if (library === null) {
    io.stderr(`talking-models: ${oneLine(`the verdict was not saved: debate ${id} is not in a library`)}\n`);
    return EXIT_FAILURE;
  }
  try {
    library.store.library.addVerdict(id, verdict);
  } catch (error) {
    io.stderr(`talking-models: ${oneLine(`the verdict was not saved: ${error instanceof Error ? error.message : String(error)}`)}\n`);
    return EXIT_FAILURE;
  }
  if (!quiet) io.stdout(`${style.dim(`Saved with debate ${id}`)}\n`);
  return EXIT_OK;
}

export async function runJudgeCommand(command: JudgeCommand, io: CliIo): Promise<number> {
  const host = hostOption(command.host, io.env);
  const library = openLibrary(command.library, io, createWarner(io));
  const entry = findDebate(library, command.id);
  // A debate still being spoken would be judged on half its turns, and its writer owns its record.
  if (entry.lockedBy !== null) throw new CliError(`debate ${entry.id} is ${describeHolder(entry.lockedBy)}; judge it once it ends`);
  const style = createStyle(colorEnabled({ noColorFlag: command.noColor, env: io.env, isTTY: io.stdoutIsTTY }));
  const { adr, timeoutMs } = command;
  if (adr !== undefined) checkAdrFolder(adr);
  const sessions = new DebateSessions(library.store);
  const code = await judgeAndSave({ sessions, library, id: entry.id }, { ...command, host }, io, style);
  if (adr === undefined) return code;
  const request = { folder: adr, model: command.judge, host, quiet: command.json, ...(timeoutMs !== undefined && { timeoutMs }) };
  return adrAfter(code, () => writeAdrFor(sessions, entry.id, request, io, style), io);
}
