// A machine's worker for queued tournaments: it learns which models its Ollama has, reads the
// registry of tournament queues (again every few seconds: new tournaments, newly pulled
// models), and listens with a BullMQ worker to each queue whose every model it has. At most
// `concurrency` matches run at once over all of them: when every slot is taken the listeners
// pause, and a job fetched in that instant goes straight back to the queue.
//
// A worker that dies stops renewing its job's lock; BullMQ's stalled-job check (on every live
// worker) moves the job back to the queue, and the next worker resumes the debate from the
// turns its stream holds. Stopping (Ctrl+C) starts nothing new and puts the jobs it runs back
// in their queues at once, for others to resume.
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, WaitingError, type Job } from 'bullmq';
import { listModels } from '../ollama-api';
import { missingModels } from '../tournament/host-fit';
import { readMatchJob } from './match-job';
import { pauseFor } from './pause';
import { runQueuedMatch } from './queued-match';
import { bullConnection, openRedis } from './redis-connection';
import { registeredQueues } from './registry';
import { MAX_STALLED_COUNT } from './worker-timing';

export interface QueueWorkerOptions {
  redisUrl: string;
  /** The Ollama this worker runs debates on. */
  host: string;
  /** Matches run at once (default 1: Ollama doesn't say how many it can serve in parallel). */
  concurrency: number;
  /** How long a job's lock lasts without renewal: a dead worker's match moves on after about this (twice at most). */
  lockDurationMs: number;
  /** How often the registry and the installed models are read again. */
  refreshMs: number;
  /** Named in the match streams and the log. */
  name?: string;
  /** What the worker does, one line at a time. */
  log: (line: string) => void;
  /** Aborted: stop as described above. */
  signal: AbortSignal;
}


/** Pure: the registered queues this worker can serve with its installed models. */
export function servableQueues(registry: ReadonlyMap<string, readonly string[]>, host: string, installed: readonly string[]): string[] {
  return [...registry].filter(([, models]) => missingModels({ url: host, models: installed }, models).length === 0).map(([queue]) => queue);
}

/** Runs until `signal` aborts; resolves once every job it held is back in its queue or finished. */
export async function runQueueWorker(options: QueueWorkerOptions): Promise<void> {
  const { signal, log } = options;
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const redis = openRedis(options.redisUrl);
  redis.on('error', () => undefined);
  const listeners = new Map<string, Worker>();
  const running = new Map<string, AbortController>();
  const unservable = new Set<string>();

  const setPaused = async (paused: boolean): Promise<void> => {
    await Promise.all([...listeners.values()].map((listener) => (paused ? listener.pause(true) : listener.resume())));
  };

  const processJob = async (job: Job, token?: string): Promise<string> => {
    if (signal.aborted || running.size >= options.concurrency) {
      // Not ours to run now: straight back to its queue, untouched.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    const read = readMatchJob(job.data);
    // Trying again would not make it readable.
    if (!read.ok) throw new UnrecoverableError(read.reason);
    const stop = new AbortController();
    const jobId = job.id ?? read.match.key;
    running.set(jobId, stop);
    if (running.size >= options.concurrency) await setPaused(true);
    const onAbort = () => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    log(`running ${read.match.key} (${read.match.models.join(' vs ')}) of ${read.plan.id}`);
    try {
      const outcome = await runQueuedMatch({ redis, plan: read.plan, match: read.match, host: options.host, worker: name, machine: hostname(), signal: stop.signal });
      switch (outcome.kind) {
        case 'judged':
          log(`judged ${read.match.key}`);
          return outcome.debateId;
        case 'stopped':
          log(`put ${read.match.key} back in its queue`);
          await job.moveToWait(token);
          throw new WaitingError();
        default:
          log(`${read.match.key} failed: ${outcome.message}`);
          throw new Error(outcome.message);
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      running.delete(jobId);
      if (!signal.aborted && running.size < options.concurrency) await setPaused(false);
    }
  };

  const listen = (queue: string): void => {
    const listener = new Worker(queue, processJob, {
      connection: bullConnection(options.redisUrl),
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs,
      stalledInterval: options.lockDurationMs,
      maxStalledCount: MAX_STALLED_COUNT,
      name,
    });
    listener.on('error', (error) => log(`queue ${queue}: ${error.message}`));
    // The lock is gone (another worker may have the match by now): stop, the stream keeps what was said.
    listener.on('lockRenewalFailed', (jobIds) => jobIds.forEach((jobId) => running.get(jobId)?.abort()));
    listeners.set(queue, listener);
    if (running.size >= options.concurrency) void listener.pause(true);
  };

  const refresh = async (): Promise<void> => {
    const [installed, registry] = await Promise.all([listModels(options.host, AbortSignal.timeout(10_000)).then((models) => models.map((model) => model.name)), registeredQueues(redis)]);
    const servable = servableQueues(registry, options.host, installed);
    for (const queue of servable) {
      if (!listeners.has(queue) && !signal.aborted) {
        log(`listening to ${queue} (${(registry.get(queue) ?? []).join(', ')})`);
        listen(queue);
      }
    }
    // Said once per queue, so a person can tell a worker that lacks a model from one that is idle.
    for (const [queue, models] of registry) {
      if (servable.includes(queue) || unservable.has(queue)) continue;
      unservable.add(queue);
      log(`not taking ${queue}: this Ollama lacks ${missingModels({ url: options.host, models: installed }, models).join(', ')}`);
    }
  };

  try {
    while (!signal.aborted) {
      try {
        await refresh();
      } catch (error) {
        log(`could not refresh the queues: ${error instanceof Error ? error.message : String(error)}`);
      }
      await pauseFor(options.refreshMs, signal);
    }
  } finally {
    // Paused first, so nothing new starts while the running matches stop and go back to their queues.
    await setPaused(true);
    for (const stop of running.values()) stop.abort();
    await Promise.all([...listeners.values()].map((listener) => listener.close()));
    redis.disconnect();
  }
}
