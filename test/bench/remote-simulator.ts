// The parent side: bundles simulator-child.ts, forks it, and talks to it over IPC.

import * as esbuild from 'esbuild';
import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { ChatTiming, FromChild, RemoteSimulatorOptions, ToChild } from './simulator-process';

export interface RemoteSimulator {
  readonly url: string;
  /** The child's performance.timeOrigin: a child time t is t + timeOrigin - performance.timeOrigin here. */
  readonly timeOrigin: number;
  chatTimings(): Promise<ChatTiming[]>;
  close(): Promise<void>;
}

/** The bench runs from its bundle; the child's source is found from the repository root (the cwd). */
async function buildChild(): Promise<string> {
  const outfile = resolve('node_modules/.cache/talking-models-bench/simulator-child.cjs');
  await esbuild.build({
    entryPoints: [join(resolve('test/bench'), 'simulator-child.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

function nextMessage<T extends FromChild['type']>(child: ChildProcess, type: T): Promise<Extract<FromChild, { type: T }>> {
  return new Promise((resolvePromise, reject) => {
    const onMessage = (message: FromChild): void => {
      if (message.type === 'failed') {
        cleanup();
        reject(new Error(`simulator child: ${message.message}`));
      } else if (message.type === type) {
        cleanup();
        resolvePromise(message as Extract<FromChild, { type: T }>);
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`simulator child exited (${code})`));
    };
    const cleanup = (): void => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export async function startRemoteSimulator(options: RemoteSimulatorOptions): Promise<RemoteSimulator> {
  const child = fork(await buildChild(), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const send = (message: ToChild): void => {
    child.send(message);
  };
  const started = nextMessage(child, 'started');
  send({ type: 'start', options });
  const { url, timeOrigin } = await started;
  let requestId = 0;
  return {
    url,
    timeOrigin,
    async chatTimings() {
      const answer = nextMessage(child, 'chat-timings');
      send({ type: 'chat-timings', id: ++requestId });
      return (await answer).timings;
    },
    close() {
      return new Promise((resolvePromise) => {
        if (child.exitCode !== null) return resolvePromise();
        child.once('exit', () => resolvePromise());
        child.disconnect();
      });
    },
  };
}
