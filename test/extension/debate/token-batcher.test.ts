import { describe, expect, it } from 'vitest';
import type { TokenBatch } from '../../../extension/contract/protocol';
import { TokenBatcher } from '../../../extension/debate/token-batcher';
import { ManualScheduler } from '../manual-scheduler';

function batcher() {
  const emitted: TokenBatch[] = [];
  const scheduler = new ManualScheduler();
  return { emitted, scheduler, tokens: new TokenBatcher((batch) => emitted.push(batch), scheduler) };
}

describe('TokenBatcher', () => {
  it('joins the tokens of one interval into one batch', () => {
    const { emitted, scheduler, tokens } = batcher();
    tokens.push({ type: 'token', turnId: 't0', text: 'Hel' });
    tokens.push({ type: 'token', turnId: 't0', text: 'lo' });
    expect(emitted).toEqual([]);
    expect(scheduler.pendingCount).toBe(1);
    scheduler.runAll();
    tokens.push({ type: 'token', turnId: 't0', text: ' world' });
    scheduler.runAll();
    expect(emitted).toEqual([
      { type: 'token', turnId: 't0', text: 'Hello', chunks: 2 },
      { type: 'token', turnId: 't0', text: ' world', chunks: 1 },
    ]);
  });

  it('never joins tokens of different turns', () => {
    const { emitted, tokens } = batcher();
    tokens.push({ type: 'token', turnId: 't0', text: 'end.' });
    tokens.push({ type: 'token', turnId: 't1', text: 'Start' });
    tokens.flush();
    expect(emitted).toEqual([
      { type: 'token', turnId: 't0', text: 'end.', chunks: 1 },
      { type: 'token', turnId: 't1', text: 'Start', chunks: 1 },
    ]);
  });

  it('flushes at once and cancels its timer; flushing nothing emits nothing', () => {
    const { emitted, scheduler, tokens } = batcher();
    tokens.flush();
    tokens.push({ type: 'token', turnId: 't2', text: 'x' });
    tokens.flush();
    expect(scheduler.pendingCount).toBe(0);
    expect(emitted).toEqual([{ type: 'token', turnId: 't2', text: 'x', chunks: 1 }]);
  });

  it('drops what waits when discarded', () => {
    const { emitted, scheduler, tokens } = batcher();
    tokens.push({ type: 'token', turnId: 't0', text: 'x' });
    tokens.discard();
    scheduler.runAll();
    expect(emitted).toEqual([]);
  });
});
