// What a command may touch of the outside world, passed in so main.ts alone owns `process`.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  /** Whether a person types the input (a confirmation can be asked) rather than a pipe or a file feeding it. */
  stdinIsTTY: boolean;
  /** The terminal's width when stderr is a terminal (progress is then redrawn in place); absent otherwise. */
  stderrColumns?: number;
  /**
   * The next line of stdin, without its line break; null at the end of the input or once
   * `signal` is aborted. On a terminal, `prompt` is shown (on stderr) first.
   */
  readLine(prompt: string): Promise<string | null>;
  /** Aborted on Ctrl+C, SIGTERM or SIGHUP (its reason a StopRequest), or when stdout closes. */
  signal: AbortSignal;
  /** The platform and home folder the default library folder depends on. */
  platform: NodeJS.Platform;
  home: string;
  /** Where relative paths start from. */
  cwd: string;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT, what shells expect from a program stopped by Ctrl+C. */
export const EXIT_INTERRUPTED = 130;

/** Why the CLI's signal was aborted: a signal from outside (Ctrl+C, SIGTERM, a closed terminal). */
export class StopRequest {
  constructor(
    /** E.g. 'SIGTERM'. */
    readonly signal: NodeJS.Signals,
    /** 128 + the signal's number: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP. */
    readonly exitCode: number,
  ) {}
}

/** The exit code of a command stopped early: 128 + the signal that stopped it (130 when no signal did, e.g. a closed pipe). */
export function stoppedExitCode(signal: AbortSignal): number {
  return signal.reason instanceof StopRequest ? signal.reason.exitCode : EXIT_INTERRUPTED;
}

/** How a stop is worded: Ctrl+C is the usual way, any other signal is named. */
export function stoppedBy(signal: AbortSignal): string {
  return signal.reason instanceof StopRequest && signal.reason.signal !== 'SIGINT' ? `stopped by ${signal.reason.signal}` : 'stopped';
}

/** A failure the user can act on: its message is printed as one line, then the process exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
