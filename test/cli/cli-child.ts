// The built CLI (dist/cli.js, `node esbuild.mjs` first) run as a child process: its exit code
// and output. Never on the real per-user library, never on an OLLAMA_HOST from the machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

export const CLI_PATH = join(resolve(__dirname, '../..'), 'dist/cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliChild {
  child: ChildProcess;
  /** What it has printed so far. */
  stdout: () => string;
  done: Promise<CliResult>;
}

/** Starts the CLI in `cwd` with `library` as its default library; with `stdin`, that text is piped in (then closed). */
export function startCli(args: readonly string[], options: { cwd: string; library: string; stdin?: string }): CliChild {
  const env: NodeJS.ProcessEnv = { ...process.env, TALKING_MODELS_LIBRARY: options.library };
  delete env.OLLAMA_HOST;
  delete env.NO_COLOR;
  const { stdin } = options;
  const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: options.cwd, env, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (stdin !== undefined) child.stdin?.end(stdin);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolveRun) => child.on('close', (code) => resolveRun({ code, stdout, stderr })));
  return { child, stdout: () => stdout, done };
}
