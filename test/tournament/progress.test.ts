// The progress line (pure): done/total, what runs where, and the estimate from this run's pace.
import { describe, expect, it } from 'vitest';
import { etaMs, formatEta, progressLine, type TournamentProgress } from '../../engine/tournament/progress';

const base: TournamentProgress = { total: 12, done: 0, failed: 0, running: [], doneThisRun: 0, startedAtMs: 0 };

describe('tournament progress', () => {
  it('has no estimate before the first debate of this run is done', () => {
    expect(progressLine(base, 5000)).toBe('0/12 done, running: none, ETA --:--');
    expect(etaMs({ ...base, done: 4 }, 5000)).toBeNull();
  });

  it('estimates from this run’s pace only: debates judged by an earlier run do not speed it up', () => {
    // 2 done in 60 s in this run, 4 from before: 6 left at 30 s each.
    expect(etaMs({ ...base, done: 6, doneThisRun: 2 }, 60_000)).toBe(180_000);
    expect(progressLine({ ...base, done: 6, doneThisRun: 2 }, 60_000)).toBe('6/12 done, running: none, ETA 03:00');
  });

  it('counts failed debates as no longer left, and says them', () => {
    expect(etaMs({ ...base, total: 4, done: 2, failed: 2, doneThisRun: 2 }, 1000)).toBe(0);
    expect(progressLine({ ...base, done: 3, failed: 1, doneThisRun: 3 }, 30_000)).toBe('3/12 done, 1 failed, running: none, ETA 01:20');
  });

  it('names the first three running debates and their hosts without the scheme, then how many more', () => {
    const running = ['a', 'b', 'c', 'd', 'e'].map((key, index) => ({ key: `t01-${key}`, host: `http://10.0.0.${index}:11434/` }));
    expect(progressLine({ ...base, running }, 0)).toBe('0/12 done, running: t01-a on 10.0.0.0:11434, t01-b on 10.0.0.1:11434, t01-c on 10.0.0.2:11434 +2 more, ETA --:--');
  });

  it.each([
    [null, '--:--'],
    [Number.NaN, '--:--'],
    [0, '00:00'],
    [59_400, '00:59'],
    [61_000, '01:01'],
    [75 * 60_000 + 4000, '75:04'],
    [-5, '00:00'],
  ])('formats %s ms as %s', (ms, text) => {
    expect(formatEta(ms)).toBe(text);
  });
});
