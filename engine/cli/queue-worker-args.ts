// `talking-models worker`: its options, parsed into one typed command. Pure.
import { parseArgs } from 'node:util';
import { DEFAULT_LOCK_DURATION_MS, DEFAULT_REFRESH_MS } from '../queue/worker-timing';
import { redisUrlProblem } from '../queue/redis-url';
import { MAX_CONCURRENCY } from './tournament-args';

export interface WorkerCommand {
  kind: 'worker';
  /** --queue: the Redis the tournaments' queues live on. */
  queue: string;
  /** --host: this machine's Ollama; undefined: $OLLAMA_HOST, else the default host. */
  host: string | undefined;
  /** Debates run at once, over every queue it serves. */
  concurrency: number;
  /** --lock-duration, in ms: how soon a dead worker's debate moves to another. */
  lockDurationMs: number;
  /** --refresh, in ms: how often the queues and installed models are read again. */
  refreshMs: number;
}

const WORKER_OPTIONS = {
  queue: { type: 'string' },
  host: { type: 'string' },
  concurrency: { type: 'string' },
  'lock-duration': { type: 'string' },
  refresh: { type: 'string' },
  // Accepted as by every command; a worker keeps nothing in a library (its debates go back through Redis).
  library: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const WORKER_USAGE = `worker options (run one on each machine with an Ollama):
  --queue URL             The Redis of \`tournament --queue\`, e.g. redis://queue-box:6379
                          (a password goes in the URL: redis://:PASSWORD@queue-box:6379)
  --host URL              This machine's Ollama (default: $OLLAMA_HOST, else
                          http://127.0.0.1:11434); the worker takes only debates whose
                          two models and judge it has installed
  --concurrency N         Debates run at once, 1 to ${MAX_CONCURRENCY} (default 1)
  --lock-duration S       Seconds without a sign of life before a worker's debate moves
                          to another worker, which resumes it (default ${DEFAULT_LOCK_DURATION_MS / 1000})
  --refresh S             Seconds between looks for new tournaments and newly pulled
                          models (default ${DEFAULT_REFRESH_MS / 1000})
  Ctrl+C starts nothing new and puts the debates it runs back in the queue for others.`;

/** A number of seconds from 0.1 to an hour, as ms; `fallback` when not given. */
function secondsOption(flag: string, value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const seconds = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!(seconds >= 0.1 && seconds <= 3600)) throw new Error(`${flag} takes a number of seconds from 0.1 to 3600, not "${value}"`);
  return Math.round(seconds * 1000);
}

/** Pure: the worker command, or help; throws a one-sentence usage problem. */
export function parseWorker(args: readonly string[]): WorkerCommand | { kind: 'help' } {
  const { values } = parseArgs({ args: [...args], options: WORKER_OPTIONS, strict: true });
  if (values.help) return { kind: 'help' };
  const queue = values.queue?.trim();
  if (queue === undefined || queue === '') throw new Error('worker needs --queue redis://HOST:PORT: the Redis that `tournament --queue` enqueues on');
  const problem = redisUrlProblem(queue);
  if (problem !== null) throw new Error(problem);
  const host = values.host?.trim();
  if (host === '') throw new Error('--host needs a URL like http://127.0.0.1:11434');
  const concurrencyText = values.concurrency?.trim() ?? '1';
  const concurrency = /^\d+$/.test(concurrencyText) ? Number(concurrencyText) : Number.NaN;
  if (!(concurrency >= 1 && concurrency <= MAX_CONCURRENCY)) throw new Error(`--concurrency takes a whole number from 1 to ${MAX_CONCURRENCY}, not "${values.concurrency ?? ''}"`);
  return {
    kind: 'worker',
    queue,
    host,
    concurrency,
    lockDurationMs: secondsOption('--lock-duration', values['lock-duration'], DEFAULT_LOCK_DURATION_MS),
    refreshMs: secondsOption('--refresh', values.refresh, DEFAULT_REFRESH_MS),
  };
}
