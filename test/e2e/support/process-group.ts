// Starting and reliably ending a server together with everything it forks
// (code-server starts an extension host, a pty host and file watchers).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface StartedProcess {
  readonly child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves with the first regex match in the output; rejects if the process exits first. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Ends the whole process group: SIGTERM, then SIGKILL if it lingers. Safe to call twice. */
  stop(): Promise<void>;
}

const OUTPUT_LIMIT = 200_000;

/**
 * Groups still running. A detached group does not get the terminal's Ctrl+C, so if the test
 * process ends before its afterAll hooks ran, these are killed on the way out.
 */
const liveGroups = new Set<number>();
let exitHooksInstalled = false;

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const killLiveGroups = () => {
    for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
  };
  process.once('exit', killLiveGroups);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killLiveGroups();
      // The listener is gone now: re-raising lets the signal end the process as it would have.
      process.kill(process.pid, signal);
    });
  }
}

export function startProcessGroup(command: string, args: string[], options: SpawnOptions = {}): StartedProcess {
  // detached: the child leads a new process group, so one signal reaches its descendants too.
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) {
    installExitHooks();
    liveGroups.add(child.pid);
  }
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit();
    else child.once('exit', () => resolveExit());
  });
  child.once('exit', () => {
    for (const listener of listeners) listener();
  });

  function waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((resolveMatch, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) return finish(() => resolveMatch(match));
        if (child.exitCode !== null || child.signalCode !== null) {
          finish(() => reject(new Error(`${command} exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${output}`)));
        }
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`${command} did not print ${pattern} within ${timeoutMs} ms:\n${output}`))),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });
  }

  async function stop(): Promise<void> {
    const pid = child.pid;
    if (pid === undefined) return;
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup(pid, 'SIGTERM');
      const ended = await Promise.race([exited.then(() => true), delay(5_000).then(() => false)]);
      if (!ended) {
        signalGroup(pid, 'SIGKILL');
        await exited;
      }
    }
    // Descendants that outlived their leader still belong to the group.
    signalGroup(pid, 'SIGKILL');
    liveGroups.delete(pid);
  }

  return { child, output: () => output, waitForOutput, stop };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}
