// What a command may touch of the outside world, passed in so main.ts alone owns `process`.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  /** Whether a person types the input (a confirmation can be asked) rather than a pipe or a file feeding it. */
  stdinIsTTY: boolean;
  /**
   * The next line of stdin, without its line break; null at the end of the input or once
   * `signal` is aborted. On a terminal, `prompt` is shown (on stderr) first.
   */
  readLine(prompt: string): Promise<string | null>;
  /** Aborted on Ctrl+C. */
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
