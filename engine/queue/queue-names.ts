// Names in Redis for tournaments spread over machines. Pure.
//
// BullMQ can't filter jobs, so a worker can't take "only the debates whose models I have" from
// one shared queue. Instead each set of models a match needs (its two speakers and the judge:
// engine/tournament/host-fit.ts modelsNeeded)
// gets a queue of its own, named from a hash of that set: `tm-<16 hex>` (BullMQ forbids ':' in
// queue names and job ids). The enqueuer lists each queue it uses, with its models, in one
// Redis hash (the registry, QUEUE_REGISTRY_KEY); a worker reads it and listens only to the
// queues whose every model its Ollama has installed.
import { createHash } from 'node:crypto';
import { modelKey } from '../ollama-api';

/** Hash of queue name → JSON array of the models its matches need. */
export const QUEUE_REGISTRY_KEY = 'talking-models:queues';

/** Pure: the queue of every match that needs exactly these models, e.g. "tm-3f9c2a7b41d0e5aa". */
export function queueNameFor(models: readonly string[]): string {
  const canonical = JSON.stringify([...new Set(models.map((model) => modelKey(model).toLowerCase()))].sort());
  return `tm-${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`;
}

/** Pure: a match's job id: re-enqueueing the same match of the same tournament finds the job that is there. */
export function matchJobId(tournamentId: string, matchKey: string): string {
  return `${tournamentId}.${matchKey}`;
}

/** Pure: the Redis stream a match's turns, verdicts and end travel through (engine/queue/match-stream.ts). */
export function matchStreamKey(jobId: string): string {
  return `talking-models:match:${jobId}`;
}

