import { describe, expect, it } from 'vitest';
import { EventChannel } from '../../engine/event-channel';

async function drain<T>(channel: AsyncIterable<T>): Promise<T[]> {
  const seen: T[] = [];
  for await (const value of channel) seen.push(value);
  return seen;
}

describe('EventChannel', () => {
  it('delivers pushed events in order, to a waiting or a late consumer, then ends on close', async () => {
    const channel = new EventChannel<number>();
    const consumed = drain(channel);
    channel.push(1);
    await Promise.resolve();
    channel.push(2);
    channel.push(3);
    channel.close();
    channel.push(4);
    expect(await consumed).toEqual([1, 2, 3]);
  });

  it('folds buffered events with coalesce while the consumer is behind', async () => {
    const channel = new EventChannel<string>(undefined, (last, next) => (last.startsWith('t') && next.startsWith('t') ? last + next.slice(1) : null));
    for (const event of ['start', 'ta', 'tb', 'tc', 'end', 'td']) channel.push(event);
    channel.close();
    expect(await drain(channel)).toEqual(['start', 'tabc', 'end', 'td']);
  });

  it('runs onReturn when the consumer breaks out early', async () => {
    let returned = false;
    const channel = new EventChannel<number>(async () => {
      returned = true;
    });
    channel.push(1);
    channel.push(2);
    for await (const value of channel) if (value === 1) break;
    expect(returned).toBe(true);
  });
});
