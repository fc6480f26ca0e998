// `tournament --queue URL`: the tournament's schedule handed to the queue's workers instead of
// run on the hosts here. Everything else (the plan, what is left to run, progress, results,
// the leaderboard) is the local tournament's own (tournament-command.ts).
import type { LibraryStore } from '../library/library-store';
import { runQueuedSchedule } from '../queue/queued-schedule';
import { checkRedis } from '../queue/redis-connection';
import { displayRedisUrl } from '../queue/redis-url';
import type { HostInventory } from '../tournament/host-fit';
import type { TournamentPlan } from '../tournament/plan';
import type { ScheduleRequest, ScheduleResult } from '../tournament/scheduler';
import { CliError } from './io';

/** Says, in words, where the debates run: on the queue's workers. */
export function queueWhere(queueUrl: string): string {
  return `through the queue ${displayRedisUrl(queueUrl)} (on its workers)`;
}

/** A schedule that enqueues the matches and collects them into `library`; the hosts, concurrency and runner asked for are the workers' business. */
export function queuedSchedule(queueUrl: string, plan: TournamentPlan, library: LibraryStore): (request: ScheduleRequest) => Promise<ScheduleResult> {
  return (request) =>
    runQueuedSchedule({
      redisUrl: queueUrl,
      plan,
      matches: request.matches,
      library,
      signal: request.signal,
      ...(request.onEvent !== undefined && { onEvent: request.onEvent }),
    });
}

/**
 * The hosts of a queued tournament: its workers, which this side does not know (each takes only
 * what its Ollama has), so none; the Redis they share is checked to answer instead, before anything starts.
 */
export async function queueHosts(queueUrl: string): Promise<HostInventory[]> {
  try {
    await checkRedis(queueUrl);
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  return [];
}
