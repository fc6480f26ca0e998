// The tests' own Redis (test/support/redis-server.ts): a real server that answers, stops
// cleanly, and a missing binary that fails in words rather than skipping the queue tests.
import { Socket } from 'node:net';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server';

/** Whether anything accepts a connection on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      answer(true);
    });
    socket.once('error', () => answer(false));
    socket.connect(port, '127.0.0.1');
  });
}

describe('the test Redis', () => {
  it('starts on a free port, answers, keeps nothing on disk, and is gone after stop()', async () => {
    const redis = await startRedis();
    const client = new Redis(redis.url);
    try {
      expect(await client.ping()).toBe('PONG');
      expect(await client.config('GET', 'save')).toEqual(['save', '']);
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
    } finally {
      client.disconnect();
      await redis.stop();
    }
    expect(await accepts(redis.port)).toBe(false);
  });

  it('says to run the provisioning when redis-server is missing', async () => {
    await expect(startRedis('/nonexistent/redis-server')).rejects.toThrow(/\/nonexistent\/redis-server is missing\. Run `npm run provision`/);
  });
});
