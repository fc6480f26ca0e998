// `tournament --queue`: the tournament's matches enqueued on BullMQ instead of run here, then
// followed through their streams (match-stream.ts) until each is judged or failed. A finished
// match's debate is saved in this library under its own id, every turn and the verdict with
// it, tagged as the tournament's: the same record a local run leaves, so the results, the
// leaderboard and a rerun see no difference. Stopping stops the collecting only: the workers
// go on, and the same command again collects what they finished meanwhile.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { LibraryStore } from '../library/library-store';
import { modelsNeeded } from '../tournament/host-fit';
import { librarySessions, type MatchOutcome } from '../tournament/match-runner';
import type { TournamentMatch, TournamentPlan } from '../tournament/plan';
import type { ScheduleResult, SchedulerEvent } from '../tournament/scheduler';
import { finishedDebate } from './match-debate';
import { matchJobData } from './match-job';
import { EMPTY_MATCH, type MatchState } from './match-stream';
import { pauseFor } from './pause';
import { readMatchStream } from './queued-match';
import { matchJobId, matchStreamKey, queueNameFor } from './queue-names';
import { bullConnection, openRedis } from './redis-connection';
import { registerQueue, unregisterQueue } from './registry';

export interface QueuedScheduleRequest {
  redisUrl: string;
  plan: TournamentPlan;
  /** The matches to run (those already judged in the library left out). */
  matches: readonly TournamentMatch[];
  library: LibraryStore;
  signal: AbortSignal;
  onEvent?: (event: SchedulerEvent) => void;
  /** How often the streams are read (default 250 ms). */
  pollMs?: number;
}

/** A match this run follows through its stream. */
interface Followed {
  match: TournamentMatch;
  queue: Queue;
  jobId: string;
  streamKey: string;
  state: MatchState;
  /** The worker announced as running it, if any. */
  announced: string | null;
}

/** Tries per match: a failed run (a host that died, a judge without a verdict) is retried on a worker. */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 2000;
const DEFAULT_POLL_MS = 250;
/** Job states are read every this many stream polls: a failed job is rare, and each read is a round trip per match. */
const STATE_EVERY = 4;

/** Pure: the matches grouped by the queue of the models they need. */
export function queuesFor(plan: TournamentPlan, matches: readonly TournamentMatch[]): Map<string, { models: string[]; matches: TournamentMatch[] }> {
  const queues = new Map<string, { models: string[]; matches: TournamentMatch[] }>();
  for (const match of matches) {
    const models = modelsNeeded(match, plan.inputs.judge);
    const name = queueNameFor(models);
    const entry = queues.get(name) ?? { models, matches: [] };
    entry.matches.push(match);
    queues.set(name, entry);
  }
  return queues;
}

/** Puts the match's job in its queue unless it is there already; a job that failed before is tried again. */
async function enqueue(queue: Queue, plan: TournamentPlan, followed: Followed): Promise<void> {
  const existing = await queue.getJob(followed.jobId);
  const state = existing === undefined ? null : await existing.getState();
  if (existing !== undefined && state === 'failed') {
    await existing.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return;
  }
  // A job completed but whose stream holds no end (it was cleared): run the match again.
  if (existing !== undefined && state === 'completed') await existing.remove();
  else if (existing !== undefined) return;
  await queue.add('match', matchJobData(plan, followed.match), {
    jobId: followed.jobId,
    attempts: ATTEMPTS,
    backoff: { type: 'fixed', delay: RETRY_DELAY_MS },
    removeOnComplete: true,
    removeOnFail: false,
  });
}

function winnerOf(outcomeWinner: number | null | undefined): 0 | 1 | null {
  return outcomeWinner === 0 || outcomeWinner === 1 ? outcomeWinner : null;
}

/** Saves a finished match's debate (once: a rerun finds it there) and says how the match ended. */
async function collect(library: LibraryStore, state: MatchState): Promise<MatchOutcome> {
  const debate = finishedDebate(state);
  if (debate === null) throw new Error('collect() needs a finished match');
  if (!debate.ok) return { kind: 'debate-failed', debateId: null, message: `the finished debate can't be saved: ${debate.reason}` };
  if (!library.has(debate.record.id)) await librarySessions(library).adopt(debate.record, debate.turns);
  const verdicts = debate.record.verdicts ?? [];
  return { kind: 'judged', debateId: debate.record.id, verdictWinner: winnerOf(verdicts[verdicts.length - 1]?.winner), alreadyDone: false };
}

export async function runQueuedSchedule(request: QueuedScheduleRequest): Promise<ScheduleResult> {
  const { plan, library, signal } = request;
  const emit = (event: SchedulerEvent): void => request.onEvent?.(event);
  const redis: Redis = openRedis(request.redisUrl);
  redis.on('error', () => undefined);
  const queues: Queue[] = [];
  const outcomes = new Map<string, MatchOutcome>();
  const followed: Followed[] = [];
  try {
    for (const [name, group] of queuesFor(plan, request.matches)) {
      const queue = new Queue(name, { connection: bullConnection(request.redisUrl) });
      queues.push(queue);
      await registerQueue(redis, name, group.models);
      for (const match of group.matches) {
        const jobId = matchJobId(plan.id, match.key);
        followed.push({ match, queue, jobId, streamKey: matchStreamKey(jobId), state: EMPTY_MATCH, announced: null });
      }
    }
    for (const item of followed) {
      item.state = await readMatchStream(redis, item.streamKey);
      // Finished while no one was collecting: nothing to run.
      if (item.state.done === null) await enqueue(item.queue, plan, item);
    }
    const finish = async (item: Followed, outcome: MatchOutcome): Promise<void> => {
      outcomes.set(item.match.key, outcome);
      emit({ type: 'match-end', match: item.match, host: item.announced ?? 'the queue', outcome });
      // Saved here: what Redis held for it is no longer needed.
      if (outcome.kind === 'judged') await redis.del(item.streamKey);
    };
    let poll = 0;
    while (!signal.aborted && outcomes.size < followed.length) {
      const checkStates = poll % STATE_EVERY === 0;
      poll += 1;
      for (const item of followed) {
        if (outcomes.has(item.match.key) || signal.aborted) continue;
        item.state = await readMatchStream(redis, item.streamKey, item.state);
        const worker = item.state.worker;
        if (worker !== null && worker !== item.announced) {
          if (item.announced !== null) {
            emit({ type: 'match-end', match: item.match, host: item.announced, outcome: { kind: 'host-failed', debateId: null, message: `${worker} took it over` } });
          }
          item.announced = worker;
          emit({ type: 'match-start', match: item.match, host: worker });
        }
        if (item.state.done !== null) {
          await finish(item, await collect(library, item.state));
        } else if (checkStates && (await item.queue.getJobState(item.jobId)) === 'failed') {
          const job = await item.queue.getJob(item.jobId);
          await finish(item, { kind: 'debate-failed', debateId: null, message: job?.failedReason ?? 'the job failed' });
        }
      }
      if (outcomes.size < followed.length) await pauseFor(request.pollMs ?? DEFAULT_POLL_MS, signal);
    }
    if (outcomes.size === followed.length) await releaseIdleQueues(redis, queues);
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
    redis.disconnect();
  }
  const unrun = request.matches.filter((match) => !outcomes.has(match.key));
  return { outcomes, unrun, hostsDown: [], noHostLeft: false };
}

/** Queues with nothing left to do leave the registry, so workers stop listening to them; another tournament registers again. */
async function releaseIdleQueues(redis: Redis, queues: readonly Queue[]): Promise<void> {
  for (const queue of queues) {
    const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).every((count) => count === 0)) await unregisterQueue(redis, queue.name);
  }
}
