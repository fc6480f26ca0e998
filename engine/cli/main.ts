// The `talking-models` command: parses the command line, runs one command, and
// turns every failure into one line on stderr and an exit code (never a stack trace).

import { version } from '../../package.json';
import { parseCommandLine, USAGE, type CliCommand } from './args';
import { runDebateCommand } from './debate-command';
import { CliError, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import { runModelsCommand } from './models-command';
import { oneLine } from './render';
import { runTonesCommand } from './tones-command';

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
    case 'models':
      return runModelsCommand(command, io);
    case 'tones':
      return runTonesCommand(command, io);
    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Ctrl+C aborts the run (the debate ends and its transcript is saved); a second one quits at once. */
function abortOnCtrlC(controller: AbortController): void {
  process.once('SIGINT', () => {
    controller.abort();
    process.once('SIGINT', () => process.exit(EXIT_INTERRUPTED));
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  abortOnCtrlC(controller);
  // A closed pipe (`talking-models tones | head -1`) is not worth a stack trace: stop, keep --out.
  let stdoutOpen = true;
  process.stdout.on('error', () => {
    stdoutOpen = false;
    controller.abort();
  });
  const io: CliIo = {
    stdout: (text) => {
      if (stdoutOpen) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    signal: controller.signal,
  };
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    io.stderr(`talking-models: ${parsed.message}\n\n${USAGE}\n`);
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

// Exit explicitly once output is flushed: idle keep-alive sockets must not hold the process open.
void main(process.argv.slice(2)).then((code) => {
  if (process.stdout.writableEnded || process.stdout.destroyed) process.exit(code);
  process.stdout.write('', () => process.exit(code));
});
