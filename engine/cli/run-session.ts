// What `debate`, `continue` and `branch` share once their debate runs: stream its
// events to the terminal, take the moderator's notes between turns (--interactive),
// write --out, and end with where the debate stands: `Saved as <id>`, or why not.

import { DebateSessions, transcriptToMarkdown, type DebateRun, type SessionRunOptions } from '../index';
import { MemoryDebateStore, type DebateStore } from '../store';
import type { DebateError, Transcript } from '../types';
import { colorEnabled, createStyle, type Style } from './color';
import { createDebatePrinter, type DebatePrinter } from './debate-printer';
import { CliError, EXIT_FAILURE, EXIT_OK, stoppedBy, stoppedExitCode, type CliIo } from './io';
import { createWarner, openLibrary, type Library } from './library-access';
import { ensureLibraryFolder, libraryFolder } from './library-folder';
import { checkOutFile, writeOutFileOrFallback } from './out-file';
import { oneLine } from './render';
import { citationBase } from './material-input';

export interface RunCommandOptions {
  library: string | undefined;
  out: string | undefined;
  force: boolean;
  noColor: boolean;
  interactive: boolean;
  showThinking: boolean;
}

export interface DebateRunner {
  /** Null when the library could not be opened at all (the debate then runs unsaved). */
  library: Library | null;
  sessions: DebateSessions;
  printer: DebatePrinter;
  style: Style;
  warn(message: string): void;
  /**
   * Follows `run` (and, with --interactive, the runs after each moderator's reply) to its end;
   * the exit code. It ends with `Saved as <id>` unless `announced` (the id was printed before).
   */
  follow(run: DebateRun, options: SessionRunOptions, announced?: boolean): Promise<number>;
}

export const MODERATOR_PROMPT = 'Moderator (a note for the speakers, or Enter to go on): ';

/**
 * Opens the library and readies the printer. With `unsavedIfNoLibrary` (a new debate), a
 * library that can't be opened is a warning and the debate runs in memory; otherwise it is an error.
 */
export function createRunner(command: RunCommandOptions, io: CliIo, unsavedIfNoLibrary: boolean): DebateRunner {
  if (command.out !== undefined) checkOutFile(command.out, command.force);
  const warn = createWarner(io);
  let library: Library | null = null;
  try {
    if (unsavedIfNoLibrary) {
      const folder = libraryFolder(command.library, io);
      const problem = ensureLibraryFolder(folder);
      if (problem !== null) throw new CliError(`the library folder ${folder} can't be written (${problem}): this debate runs without being saved`);
    }
    library = openLibrary(command.library, io, warn);
  } catch (error) {
    if (!unsavedIfNoLibrary || !(error instanceof CliError)) throw error;
    warn(error.message);
  }
  const store: DebateStore = library?.store ?? new MemoryDebateStore();
  // A failed save is reported both ways (the store's callback and a warning event): the warner says it once.
  const sessions = new DebateSessions(store);
  const style = createStyle(colorEnabled({ noColorFlag: command.noColor, env: io.env, isTTY: io.stdoutIsTTY }));
  const printer = createDebatePrinter(io.stdout, style, library?.command, { showThinking: command.showThinking });
  const context: FollowContext = { command, io, library, folder: libraryFolder(command.library, io), sessions, printer, style, warn };
  return {
    library,
    sessions,
    printer,
    style,
    warn,
    follow: (run, options, announced = false) => follow(context, run, options, announced),
  };
}

interface FollowContext {
  command: RunCommandOptions;
  io: CliIo;
  library: Library | null;
  /** The library folder, opened or not. */
  folder: string;
  sessions: DebateSessions;
  printer: DebatePrinter;
  style: Style;
  warn(message: string): void;
}

async function follow(context: FollowContext, first: DebateRun, options: SessionRunOptions, announced: boolean): Promise<number> {
  const { command, io, printer, sessions } = context;
  const id = first.id;
  let run = first;
  let transcript: Transcript | null = null;
  let firstError: DebateError | null = null;
  let noVerdict: { model: string; reason: string } | null = null;

  for (;;) {
    for await (const event of run.events) {
      printer.event(event);
      if (event.type === 'error') firstError ??= event.error;
      if (event.type === 'warning') context.warn(event.message);
      if (event.type === 'verdict-unavailable') noVerdict = event;
      if (event.type === 'run-end') transcript = event.transcript;
    }
    if (!command.interactive || transcript?.outcome !== 'paused' || io.signal.aborted) break;
    // The engine pauses only while turns remain, so there is always a next speaker to address.
    const line = await io.readLine(MODERATOR_PROMPT);
    if (io.signal.aborted) break;
    const note = line?.trim() ?? '';
    // The note is printed when the engine records it (its turn-end), like every other turn.
    run = sessions.resume(id, note === '' ? {} : { note }, options);
  }

  let savedTo = '';
  let outProblem: string | null = null;
  if (command.out !== undefined && transcript !== null) {
    const written = writeOutFileOrFallback(command.out, transcriptToMarkdown(transcript, { citationBase: citationBase(command.out, io.cwd) }), command.force, id);
    savedTo = written.writtenTo ?? '';
    outProblem = written.problem;
  }
  const saved = isSaved(context.library, id);
  if (saved && !announced) io.stdout(`Saved as ${id}\n`);
  if (!saved) {
    context.warn(`debate ${id} was not saved in ${context.folder}${command.out === undefined ? '; pass --out FILE.md to keep a transcript' : ''}`);
  }

  const continueHint = saved && context.library !== null ? `; continue it with: ${context.library.command(`continue ${id}`)}` : '';
  const failed = firstError !== null || transcript?.outcome === 'failed';
  // --out that could not be written is said on its own line, unless it is the only thing to say.
  if (outProblem !== null && (io.signal.aborted || failed)) context.warn(outProblem);
  if (io.signal.aborted) {
    io.stderr(`talking-models: ${oneLine(`${stoppedBy(io.signal)}${savedTo ? `; the transcript so far is in ${savedTo}` : ''}${continueHint}`)}\n`);
    return stoppedExitCode(io.signal);
  }
  if (failed) {
    const message = firstError === null ? 'the debate failed' : explain(firstError);
    const kept = savedTo ? ` (the transcript so far is in ${savedTo})` : '';
    io.stderr(`talking-models: ${oneLine(`${message}${kept}`)}\n`);
    return EXIT_FAILURE;
  }
  if (noVerdict !== null) {
    io.stderr(`talking-models: ${oneLine(`no verdict on debate ${id} from ${noVerdict.model}: ${noVerdict.reason}`)}\n`);
    return EXIT_FAILURE;
  }
  if (outProblem !== null) {
    io.stderr(`talking-models: ${oneLine(outProblem)}\n`);
    return EXIT_FAILURE;
  }
  if (savedTo) io.stdout(`${context.style.dim(oneLine(`Transcript written to ${savedTo}`))}\n`);
  return EXIT_OK;
}

/** The engine's words, with the CLI's option where the engine speaks of a setting. */
function explain(error: DebateError): string {
  if (error.kind === 'invalid-config' && error.field === 'exchanges' && /how many more/i.test(error.message)) {
    return `${error.message.replace(/:.*$/, '')}; add more with --exchanges N`;
  }
  return error.message;
}

function isSaved(library: Library | null, id: string): boolean {
  if (library === null) return false;
  try {
    return library.store.library.get(id)?.ok === true;
  } catch {
    return false;
  }
}
