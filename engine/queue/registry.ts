// The registry of tournament queues in Redis (queue-names.ts explains why there are several):
// the enqueuer lists each queue it uses with the models its matches need; a worker reads the
// list to know which queues it can serve.
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { QUEUE_REGISTRY_KEY } from './queue-names';

const modelsSchema = z.array(z.string().min(1)).min(1);

export async function registerQueue(redis: Redis, queue: string, models: readonly string[]): Promise<void> {
  await redis.hset(QUEUE_REGISTRY_KEY, queue, JSON.stringify(models));
}

export async function unregisterQueue(redis: Redis, queue: string): Promise<void> {
  await redis.hdel(QUEUE_REGISTRY_KEY, queue);
}

/** Pure: the registry's entries that read as queue → models (anything else written there is skipped). */
export function readRegistry(entries: Record<string, string>): Map<string, string[]> {
  const queues = new Map<string, string[]>();
  for (const [queue, text] of Object.entries(entries)) {
    try {
      const parsed = modelsSchema.safeParse(JSON.parse(text));
      if (parsed.success) queues.set(queue, parsed.data);
    } catch {
      // Not JSON: not one of ours.
    }
  }
  return queues;
}

export async function registeredQueues(redis: Redis): Promise<Map<string, string[]>> {
  return readRegistry(await redis.hgetall(QUEUE_REGISTRY_KEY));
}
