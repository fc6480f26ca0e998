// The `talking-models` command: parses the command line, runs one command, and
// turns every failure into one line on stderr and an exit code (never a stack trace).

import { homedir } from 'node:os';
import { createInterface } from 'node:readline';
import { version } from '../../package.json';
import { parseCommandLine, USAGE, type CliCommand } from './args';
import { runDebateCommand } from './debate-command';
import { runJudgeCommand } from './judge-command';
import { runLeaderboardCommand } from './leaderboard-command';
import { onDiagnostic } from '../diagnostics';
import { CliError, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, StopRequest, type CliIo } from './io';
import { createWarner } from './library-access';
import { runDeleteCommand, runExportCommand, runImportCommand, runListCommand, runShowCommand } from './library-commands';
import { runModelsCommand } from './models-command';
import { oneLine } from './render';
import { runBranchCommand, runContinueCommand } from './session-commands';
import { runTonesCommand } from './tones-command';
import { runTournamentCommand } from './tournament-command';
import { runWorkerCommand } from './worker-command';

function run(command: CliCommand, io: CliIo): Promise<number> | number {
  switch (command.kind) {
    case 'help':
      io.stdout(`${USAGE}\n`);
      return EXIT_OK;
    case 'version':
      io.stdout(`${version}\n`);
      return EXIT_OK;
    case 'debate':
      return runDebateCommand(command, io);
    case 'continue':
      return runContinueCommand(command, io);
    case 'branch':
      return runBranchCommand(command, io);
    case 'list':
      return runListCommand(command, io);
    case 'show':
      return runShowCommand(command, io);
    case 'export':
      return runExportCommand(command, io);
    case 'import':
      return runImportCommand(command, io);
    case 'delete':
      return runDeleteCommand(command, io);
    case 'judge':
      return runJudgeCommand(command, io);
    case 'leaderboard':
      return runLeaderboardCommand(command, io);
    case 'models':
      return runModelsCommand(command, io);
    case 'tones':
      return runTonesCommand(command, io);
    case 'tournament':
      return runTournamentCommand(command, io);
    case 'worker':
      return runWorkerCommand(command, io);
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

/** 128 + the signal's number, as shells report a program a signal ended. */
const STOP_SIGNALS: ReadonlyArray<[NodeJS.Signals, number]> = [
  ['SIGINT', EXIT_INTERRUPTED],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
];

/**
 * Ctrl+C, SIGTERM (`kill`, a service manager) and SIGHUP (the terminal closed) all stop the run
 * the same way: the debate ends, its transcript is saved (and written to --out), and the exit
 * code says which signal it was. The same signal again quits at once.
 */
function stopOnSignals(controller: AbortController): void {
  for (const [signal, exitCode] of STOP_SIGNALS) {
    process.once(signal, () => {
      if (!controller.signal.aborted) controller.abort(new StopRequest(signal, exitCode));
      process.once(signal, () => process.exit(exitCode));
    });
  }
}

/**
 * Lines of stdin, read on demand: lines that arrive early (a pipe, or typed ahead) wait in a
 * queue. The terminal stays in its normal line mode (it echoes what is typed, and Ctrl+C is
 * a Ctrl+C); on a terminal the prompt goes to stderr, so stdout stays the transcript.
 */
function createLineReader(signal: AbortSignal): (prompt: string) => Promise<string | null> {
  let started = false;
  const queued: string[] = [];
  let waiting: ((line: string | null) => void) | null = null;
  let ended = false;
  const deliver = (line: string | null): void => {
    const resolve = waiting;
    waiting = null;
    resolve?.(line);
  };
  signal.addEventListener('abort', () => deliver(null), { once: true });
  const start = (): void => {
    const reader = createInterface({ input: process.stdin, terminal: false });
    reader.on('line', (line) => {
      if (waiting !== null) deliver(line);
      else queued.push(line);
    });
    reader.on('close', () => {
      ended = true;
      deliver(null);
    });
  };
  return (prompt) => {
    if (signal.aborted) return Promise.resolve(null);
    if (!started) start();
    started = true;
    const next = queued.shift();
    if (next !== undefined) return Promise.resolve(next);
    if (ended) return Promise.resolve(null);
    if (process.stdin.isTTY === true) process.stderr.write(prompt);
    return new Promise((resolve) => {
      waiting = resolve;
    });
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  stopOnSignals(controller);
  // A closed pipe (`talking-models tones | head -1`) is not worth a stack trace: stop, keep --out.
  let stdoutOpen = true;
  process.stdout.on('error', () => {
    stdoutOpen = false;
    controller.abort();
  });
  // A terminal that went away (SIGHUP) fails writes to stderr too: nothing is left to tell.
  process.stderr.on('error', () => undefined);
  const io: CliIo = {
    stdout: (text) => {
      if (stdoutOpen) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    ...(process.stderr.isTTY === true && { stderrColumns: process.stderr.columns }),
    readLine: createLineReader(controller.signal),
    signal: controller.signal,
    platform: process.platform,
    home: homedir(),
    cwd: process.cwd(),
  };
  // What the engine notes in passing (a server's junk lines) is a warning of one line, said once.
  onDiagnostic(createWarner(io));
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    io.stderr(`talking-models: ${oneLine(parsed.message)}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    return await run(parsed.command, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`talking-models: ${oneLine(message)}\n`);
    return error instanceof CliError ? error.exitCode : EXIT_FAILURE;
  }
}

// Exit explicitly once output is flushed: idle keep-alive sockets (and a stdin still open) must not hold the process open.
void main(process.argv.slice(2)).then((code) => {
  if (process.stdout.writableEnded || process.stdout.destroyed) process.exit(code);
  process.stdout.write('', () => process.exit(code));
});
