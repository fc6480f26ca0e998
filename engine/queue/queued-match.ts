// One queued match on a worker: read what the match's stream already holds, claim the match,
// rebuild its debate so far in a scratch library, run it on (the tournament's match runner,
// judge included) and write every completed turn, the verdict and the end to the stream as
// they happen. A worker that dies mid-debate has lost nothing but the turn in progress.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { LibraryStore } from '../library/library-store';
import { librarySessions, runTournamentMatch, type MatchOutcome } from '../tournament/match-runner';
import type { TournamentMatch, TournamentPlan } from '../tournament/plan';
import type { DebateRecord } from '../store';
import type { DebateEvent } from '../types';
import { resumableDebate } from './match-debate';
import { EMPTY_MATCH, encodeEntry, foldEntries, type MatchEntry, type MatchState } from './match-stream';
import { matchJobId, matchStreamKey } from './queue-names';
import { recordSeenFromAfar } from './worker-host';

export interface QueuedMatchRequest {
  redis: Redis;
  plan: TournamentPlan;
  match: TournamentMatch;
  /** The worker's Ollama. */
  host: string;
  /** Named in the claim, for people reading the stream. */
  worker: string;
  /** This machine's name: its Ollama's loopback address is recorded under it (worker-host.ts). */
  machine: string;
  signal: AbortSignal;
}

/** Everything the match's stream holds so far, folded. */
export async function readMatchStream(redis: Redis, streamKey: string, from: MatchState = EMPTY_MATCH): Promise<MatchState> {
  const entries = await redis.xrange(streamKey, `(${from.lastId}`, '+');
  return foldEntries(from, entries);
}

/** Appends entries in the order they are given, each sent at once; `flush` waits for all of them. */
function streamWriter(redis: Redis, streamKey: string): { write(entry: MatchEntry): void; flush(): Promise<void> } {
  let chain: Promise<unknown> = Promise.resolve();
  let failure: unknown = null;
  return {
    write(entry) {
      chain = chain.then(() => redis.xadd(streamKey, '*', ...encodeEntry(entry))).catch((error: unknown) => (failure ??= error));
    },
    async flush() {
      await chain;
      if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
    },
  };
}

export async function runQueuedMatch(request: QueuedMatchRequest): Promise<MatchOutcome> {
  const { redis, plan, match, host, signal } = request;
  const streamKey = matchStreamKey(matchJobId(plan.id, match.key));
  const before = await readMatchStream(redis, streamKey);
  const attempt = randomUUID();
  const stream = streamWriter(redis, streamKey);
  stream.write({ kind: 'claim', attempt, worker: request.worker, turns: before.turns.length });
  const scratch = mkdtempSync(join(tmpdir(), 'talking-models-worker-'));
  try {
    const library = new LibraryStore(scratch, { app: 'CLI', label: `worker ${request.worker}` });
    const resumed = resumableDebate(before, new Date());
    if (resumed !== null && !resumed.ok) throw new Error(`match ${match.key} can't be resumed: ${resumed.reason}`);
    if (resumed !== null) await librarySessions(library).adopt(resumed.record, resumed.turns);
    const seenFromAfar = (record: DebateRecord): DebateRecord => recordSeenFromAfar(record, request.machine);
    const onEvent = (event: DebateEvent): void => {
      if (event.type === 'run-start') {
        const record = library.read(event.transcript.id);
        if (record !== null) stream.write({ kind: 'record', attempt, record: seenFromAfar(record) });
      }
      // A turn this worker cut off (it was stopped) is spoken again by the next one: only completed turns travel.
      if (event.type === 'turn-end' && (event.turn.kind !== 'speaker' || event.turn.status === 'complete')) stream.write({ kind: 'turn', attempt, turn: event.turn });
      if (event.type === 'verdict') stream.write({ kind: 'verdict', attempt, verdict: event.verdict });
    };
    const outcome = await runTournamentMatch({ plan, match, host, library, signal, onEvent });
    if (outcome.kind === 'judged') {
      library.refresh(outcome.debateId);
      const record = library.read(outcome.debateId);
      if (record === null) throw new Error(`match ${match.key}: debate ${outcome.debateId} vanished from the worker's scratch library`);
      stream.write({ kind: 'done', attempt, record: seenFromAfar(record) });
    }
    await stream.flush();
    return outcome;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
