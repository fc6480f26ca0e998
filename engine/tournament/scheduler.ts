// Runs a tournament's matches concurrently over several Ollama hosts. A host gets only the
// matches whose models it has (host-fit.ts), at most `concurrency` at once; a host that fails
// is marked down and its matches go back in the queue for the others; an aborted signal stops
// handing out matches at once (the running ones see the same signal). The runner of one match
// is passed in, so the rules are tested with fake runners and no Ollama.
import { canServe, type HostInventory } from './host-fit';
import type { MatchOutcome } from './match-runner';
import type { TournamentMatch } from './plan';

export type RunMatch = (match: TournamentMatch, host: string, signal: AbortSignal) => Promise<MatchOutcome>;

export type SchedulerEvent =
  | { type: 'match-start'; match: TournamentMatch; host: string }
  | { type: 'match-end'; match: TournamentMatch; host: string; outcome: MatchOutcome }
  /** The host failed and gets no more matches; `reason` is the failure that showed it. */
  | { type: 'host-down'; host: string; reason: string };

export interface ScheduleRequest {
  /** The matches to run (those already finished left out). */
  matches: readonly TournamentMatch[];
  judge: string;
  hosts: readonly HostInventory[];
  /** Debates each host runs at once. */
  concurrency: number;
  signal: AbortSignal;
  runMatch: RunMatch;
  onEvent?: (event: SchedulerEvent) => void;
}

export interface ScheduleResult {
  /** Per match key, how the match ended (a match moved off a failed host: how it ended on the next). */
  outcomes: ReadonlyMap<string, MatchOutcome>;
  /** Matches that never ran to an outcome: the run was stopped, or no host left could run them. */
  unrun: TournamentMatch[];
  hostsDown: { host: string; reason: string }[];
  /** Whether every host failed while matches were left. */
  noHostLeft: boolean;
}

interface HostSlot {
  inventory: HostInventory;
  running: number;
}

/** Pure: the index in `pending` of the match `host` should take next: the one the fewest live hosts can serve, earliest first. */
export function nextMatchFor(pending: readonly TournamentMatch[], host: HostInventory, live: readonly HostInventory[], judge: string): number {
  let best = -1;
  let bestChoices = Number.POSITIVE_INFINITY;
  pending.forEach((match, index) => {
    if (!canServe(host, match, judge)) return;
    const choices = live.filter((other) => canServe(other, match, judge)).length;
    if (choices < bestChoices) {
      best = index;
      bestChoices = choices;
    }
  });
  return best;
}

function outcomeOfThrow(error: unknown): MatchOutcome {
  return { kind: 'debate-failed', debateId: null, message: error instanceof Error ? error.message : String(error) };
}

export function runSchedule(request: ScheduleRequest): Promise<ScheduleResult> {
  const { judge, concurrency, signal, runMatch } = request;
  const emit = (event: SchedulerEvent): void => request.onEvent?.(event);
  const pending = [...request.matches];
  const live = new Map<string, HostSlot>(request.hosts.map((inventory) => [inventory.url, { inventory, running: 0 }]));
  const hostsDown: { host: string; reason: string }[] = [];
  const outcomes = new Map<string, MatchOutcome>();
  let active = 0;

  return new Promise((resolve) => {
    let settled = false;
    const inventories = (): HostInventory[] => [...live.values()].map((slot) => slot.inventory);
    const finishIfIdle = (): void => {
      if (settled || active > 0) return;
      const servable = pending.some((match) => inventories().some((host) => canServe(host, match, judge)));
      if (!signal.aborted && servable) return;
      settled = true;
      signal.removeEventListener('abort', finishIfIdle);
      resolve({ outcomes, unrun: [...pending], hostsDown, noHostLeft: live.size === 0 && pending.length > 0 });
    };

    const settle = (match: TournamentMatch, slot: HostSlot, outcome: MatchOutcome): void => {
      slot.running -= 1;
      active -= 1;
      emit({ type: 'match-end', match, host: slot.inventory.url, outcome });
      if (outcome.kind === 'host-failed') {
        // Back to the front of the queue: it resumes on another host from its last completed turn.
        pending.unshift(match);
        const url = slot.inventory.url;
        if (!signal.aborted && live.has(url)) {
          live.delete(url);
          hostsDown.push({ host: url, reason: outcome.message });
          emit({ type: 'host-down', host: url, reason: outcome.message });
        }
      } else {
        outcomes.set(match.key, outcome);
      }
      dispatch();
    };

    const start = (match: TournamentMatch, slot: HostSlot): void => {
      slot.running += 1;
      active += 1;
      emit({ type: 'match-start', match, host: slot.inventory.url });
      let run: Promise<MatchOutcome>;
      try {
        run = runMatch(match, slot.inventory.url, signal);
      } catch (error) {
        run = Promise.resolve(outcomeOfThrow(error));
      }
      void run.catch(outcomeOfThrow).then((outcome) => settle(match, slot, outcome));
    };

    const dispatch = (): void => {
      if (!signal.aborted) {
        for (const slot of live.values()) {
          while (slot.running < concurrency) {
            const index = nextMatchFor(pending, slot.inventory, inventories(), judge);
            if (index === -1) break;
            const [match] = pending.splice(index, 1);
            if (match !== undefined) start(match, slot);
          }
        }
      }
      finishIfIdle();
    };

    signal.addEventListener('abort', finishIfIdle, { once: true });
    dispatch();
  });
}
