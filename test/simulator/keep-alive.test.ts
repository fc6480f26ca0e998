import { describe, expect, it } from 'vitest';
import { DEFAULT_KEEP_ALIVE_MS, keepAliveMs } from './keep-alive';

describe('keepAliveMs', () => {
  it('reads numbers as seconds, negative as forever', () => {
    expect(keepAliveMs(0)).toBe(0);
    expect(keepAliveMs(30)).toBe(30_000);
    expect(keepAliveMs(-1)).toBe(Infinity);
    expect(keepAliveMs('0')).toBe(0);
    expect(keepAliveMs('-1')).toBe(Infinity);
  });

  it('reads Go durations', () => {
    expect(keepAliveMs('5m')).toBe(300_000);
    expect(keepAliveMs('1h30m')).toBe(5_400_000);
    expect(keepAliveMs('250ms')).toBe(250);
    expect(keepAliveMs('1.5s')).toBe(1500);
    expect(keepAliveMs('-5m')).toBe(Infinity);
  });

  it('falls back to the 5 minute default', () => {
    expect(DEFAULT_KEEP_ALIVE_MS).toBe(300_000);
    expect(keepAliveMs(undefined)).toBe(DEFAULT_KEEP_ALIVE_MS);
    expect(keepAliveMs('soon')).toBe(DEFAULT_KEEP_ALIVE_MS);
    expect(keepAliveMs({})).toBe(DEFAULT_KEEP_ALIVE_MS);
  });
});
