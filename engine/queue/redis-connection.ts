// Connections to the Redis a tournament's queue lives on: the URL checked and shown without
// its password, a first PING that fails in words when Redis is not there (rather than
// ioredis retrying for ever), and the options BullMQ needs for its blocking connections.
import { Redis } from 'ioredis';
import { displayRedisUrl } from './redis-url';

/** How long the first connection may take before the command says Redis does not answer. */
const CONNECT_TIMEOUT_MS = 5000;

/** BullMQ's connection options for a URL: its blocking commands need unlimited retries per request. */
export function bullConnection(url: string): { url: string; maxRetriesPerRequest: null } {
  return { url, maxRetriesPerRequest: null };
}

/** A client for our own keys (the registry, the match streams); it reconnects as BullMQ's do. */
export function openRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** Resolves when Redis answers PING; rejects in words when it does not within a few seconds. */
export async function checkRedis(url: string): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // The connection's own error (ECONNREFUSED, a wrong password) says more than the "Connection is closed" a command gets.
  let connectionError: Error | null = null;
  probe.on('error', (error: Error) => (connectionError ??= error));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const reason = (connectionError ?? (error instanceof Error ? error : new Error(String(error)))).message;
    throw new Error(`Redis at ${displayRedisUrl(url)} does not answer (${reason}); start it (redis-server) or check --queue`);
  } finally {
    probe.disconnect();
  }
}
