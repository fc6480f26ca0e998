import { describe, expect, it } from 'vitest';
import { TokenBatcher, type TokenEvent } from '../../extension/token-batcher';
import { ManualScheduler } from './manual-scheduler';

function batcher() {
  const emitted: TokenEvent[] = [];
  const scheduler = new ManualScheduler();
  return { emitted, scheduler, tokens: new TokenBatcher((batch) => emitted.push(batch), scheduler) };
}

describe('TokenBatcher', () => {
  it('joins the tokens of one interval into one batch', () => {
    const { emitted, scheduler, tokens } = batcher();
    tokens.push({ type: 'token', turnIndex: 0, text: 'Hel' });
    tokens.push({ type: 'token', turnIndex: 0, text: 'lo' });
    expect(emitted).toEqual([]);
    expect(scheduler.pendingCount).toBe(1);
    scheduler.runAll();
    tokens.push({ type: 'token', turnIndex: 0, text: ' world' });
    scheduler.runAll();
    expect(emitted).toEqual([
      { type: 'token', turnIndex: 0, text: 'Hello' },
      { type: 'token', turnIndex: 0, text: ' world' },
    ]);
  });

  it('never joins tokens of different turns', () => {
    const { emitted, tokens } = batcher();
    tokens.push({ type: 'token', turnIndex: 0, text: 'end.' });
    tokens.push({ type: 'token', turnIndex: 1, text: 'Start' });
    tokens.flush();
    expect(emitted).toEqual([
      { type: 'token', turnIndex: 0, text: 'end.' },
      { type: 'token', turnIndex: 1, text: 'Start' },
    ]);
  });

  it('flushes at once and cancels its timer; flushing nothing emits nothing', () => {
    const { emitted, scheduler, tokens } = batcher();
    tokens.flush();
    tokens.push({ type: 'token', turnIndex: 2, text: 'x' });
    tokens.flush();
    expect(scheduler.pendingCount).toBe(0);
    expect(emitted).toEqual([{ type: 'token', turnIndex: 2, text: 'x' }]);
  });

  it('drops what waits when discarded', () => {
    const { emitted, scheduler, tokens } = batcher();
    tokens.push({ type: 'token', turnIndex: 0, text: 'x' });
    tokens.discard();
    scheduler.runAll();
    expect(emitted).toEqual([]);
  });
});
