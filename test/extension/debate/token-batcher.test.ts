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

  it('batches interleaved turns (a simultaneous round) per turn: one message per turn per interval, each in its order', () => {
    const { emitted, scheduler, tokens } = batcher();
    const stream = [['t1', 'Bo '], ['t0', 'Ada '], ['t2', 'Cy '], ['t0', 'says'], ['t1', 'says'], ['t0', ' tabs.'], ['t2', 'says both.']] as const;
    for (const [turnId, text] of stream) tokens.push({ type: 'token', turnId, text });
    expect(scheduler.pendingCount).toBe(1);
    scheduler.runAll();
    expect(emitted).toEqual([
      { type: 'token', turnId: 't1', text: 'Bo says', chunks: 2 },
      { type: 'token', turnId: 't0', text: 'Ada says tabs.', chunks: 3 },
      { type: 'token', turnId: 't2', text: 'Cy says both.', chunks: 2 },
    ]);
    // The next interval starts afresh, again per turn.
    tokens.push({ type: 'token', turnId: 't2', text: ' Yes.' });
    tokens.push({ type: 'token', turnId: 't0', text: ' No.' });
    scheduler.runAll();
    expect(emitted.slice(3)).toEqual([
      { type: 'token', turnId: 't2', text: ' Yes.', chunks: 1 },
      { type: 'token', turnId: 't0', text: ' No.', chunks: 1 },
    ]);
  });

  it('flushes one turn alone (its reasoning comes next); the others keep filling their batches', () => {
    const { emitted, scheduler, tokens } = batcher();
    tokens.push({ type: 'token', turnId: 't0', text: 'Ada' });
    tokens.push({ type: 'token', turnId: 't1', text: 'Bo' });
    tokens.flush('t1');
    expect(emitted).toEqual([{ type: 'token', turnId: 't1', text: 'Bo', chunks: 1 }]);
    expect(scheduler.pendingCount).toBe(1);
    tokens.push({ type: 'token', turnId: 't0', text: ' on' });
    tokens.flush('t9');
    scheduler.runAll();
    expect(emitted.slice(1)).toEqual([{ type: 'token', turnId: 't0', text: 'Ada on', chunks: 2 }]);
    // Flushing the last turn waiting stops the timer.
    tokens.push({ type: 'token', turnId: 't2', text: 'x' });
    tokens.flush('t2');
    expect(scheduler.pendingCount).toBe(0);
  });

  it('flushes at once and cancels its timer; flushing nothing emits nothing', () => {
    const { emitted, scheduler, tokens } = batcher();
    tokens.flush();
    tokens.push({ type: 'token', turnId: 't2', text: 'x' });
    tokens.flush();
    expect(scheduler.pendingCount).toBe(0);
    expect(emitted).toEqual([{ type: 'token', turnId: 't2', text: 'x', chunks: 1 }]);
  });

  it('drops what waits when discarded, of every turn', () => {
    const { emitted, scheduler, tokens } = batcher();
    tokens.push({ type: 'token', turnId: 't0', text: 'x' });
    tokens.push({ type: 'token', turnId: 't1', text: 'y' });
    tokens.discard();
    scheduler.runAll();
    expect(emitted).toEqual([]);
  });
});
