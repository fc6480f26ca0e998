// The scheduler's rules with fake match runners (no Ollama): spread over hosts, per-host
// concurrency, hosts given only the matches they can serve, failed hosts' matches moved, stops.
import { describe, expect, it } from 'vitest';
import type { HostInventory } from '../../engine/tournament/host-fit';
import type { MatchOutcome } from '../../engine/tournament/match-runner';
import { planTournament, type TournamentMatch } from '../../engine/tournament/plan';
import { runSchedule, type RunMatch, type SchedulerEvent } from '../../engine/tournament/scheduler';

const JUDGE = 'judge';
const plan = planTournament({ models: ['m1', 'm2', 'm3'], topics: ['One?', 'Two?'], judge: JUDGE, exchanges: 1 });
const ALL = ['m1', 'm2', 'm3', JUDGE];

function judged(match: TournamentMatch): MatchOutcome {
  return { kind: 'judged', debateId: `debate-${match.key}`, verdictWinner: 0, alreadyDone: false };
}

/** A runner that finishes each match after a tick, recording where it ran and how many ran at once per host. */
function recordingRunner(outcomeOf: (match: TournamentMatch, host: string) => MatchOutcome = judged) {
  const ranOn = new Map<string, string[]>();
  const running = new Map<string, number>();
  const peak = new Map<string, number>();
  const run: RunMatch = async (match, host) => {
    ranOn.set(match.key, [...(ranOn.get(match.key) ?? []), host]);
    running.set(host, (running.get(host) ?? 0) + 1);
    peak.set(host, Math.max(peak.get(host) ?? 0, running.get(host) ?? 0));
    await new Promise((resolve) => setTimeout(resolve, 2));
    running.set(host, (running.get(host) ?? 1) - 1);
    return outcomeOf(match, host);
  };
  return { run, ranOn, peak };
}

function schedule(hosts: HostInventory[], runMatch: RunMatch, options: { concurrency?: number; signal?: AbortSignal; events?: SchedulerEvent[] } = {}) {
  return runSchedule({
    matches: plan.matches, judge: JUDGE, hosts, concurrency: options.concurrency ?? 1, signal: options.signal ?? new AbortController().signal, runMatch,
    onEvent: (event) => options.events?.push(event),
  });
}

describe('runSchedule', () => {
  it('runs every match once, spread over the hosts, at most `concurrency` at a time on each', async () => {
    const runner = recordingRunner();
    const hosts = ['http://a', 'http://b', 'http://c'].map((url) => ({ url, models: ALL }));
    const result = await schedule(hosts, runner.run, { concurrency: 2 });
    expect(result.outcomes.size).toBe(plan.matches.length);
    expect([...result.outcomes.values()].every((outcome) => outcome.kind === 'judged')).toBe(true);
    expect([...runner.ranOn.values()].every((hostsRun) => hostsRun.length === 1)).toBe(true);
    expect([...runner.peak.keys()].sort()).toEqual(['http://a', 'http://b', 'http://c']);
    expect(Math.max(...runner.peak.values())).toBe(2);
    expect(result).toMatchObject({ unrun: [], hostsDown: [], noHostLeft: false });
  });

  it('gives a host only matches whose two models and judge it has', async () => {
    const runner = recordingRunner();
    const hosts = [{ url: 'http://full', models: ALL }, { url: 'http://small', models: ['m1', 'm2', JUDGE] }, { url: 'http://nojudge', models: ['m1', 'm2', 'm3'] }];
    const result = await schedule(hosts, runner.run);
    expect(result.outcomes.size).toBe(plan.matches.length);
    for (const match of plan.matches) {
      const where = runner.ranOn.get(match.key) ?? [];
      expect(where).not.toContain('http://nojudge');
      if (match.models.includes('m3')) expect(where).toEqual(['http://full']);
    }
    expect([...runner.ranOn.values()].flat()).toContain('http://small');
  });

  it('moves the matches of a host that fails to the others, and marks it down once', async () => {
    const runner = recordingRunner((match, host) => (host === 'http://dying' ? { kind: 'host-failed', debateId: `debate-${match.key}`, message: 'connection refused' } : judged(match)));
    const events: SchedulerEvent[] = [];
    const hosts = [{ url: 'http://dying', models: ALL }, { url: 'http://b', models: ALL }];
    const result = await schedule(hosts, runner.run, { concurrency: 2, events });
    expect(result.outcomes.size).toBe(plan.matches.length);
    expect([...result.outcomes.values()].every((outcome) => outcome.kind === 'judged')).toBe(true);
    expect(result.hostsDown).toEqual([{ host: 'http://dying', reason: 'connection refused' }]);
    expect(events.filter((event) => event.type === 'host-down')).toHaveLength(1);
    const moved = [...runner.ranOn.values()].filter((where) => where[0] === 'http://dying');
    expect(moved.length).toBeGreaterThan(0);
    for (const where of moved) expect(where).toEqual(['http://dying', 'http://b']);
  });

  it('stops with the matches left when no host is left', async () => {
    const runner = recordingRunner(() => ({ kind: 'host-failed', debateId: null, message: 'connection refused' }));
    const result = await schedule([{ url: 'http://a', models: ALL }, { url: 'http://b', models: ALL }], runner.run);
    expect(result.noHostLeft).toBe(true);
    expect(result.hostsDown.map((down) => down.host).sort()).toEqual(['http://a', 'http://b']);
    expect(result.unrun).toHaveLength(plan.matches.length);
    expect(result.outcomes.size).toBe(0);
  });

  it('leaves matches unrun when the only hosts that could run them failed', async () => {
    const runner = recordingRunner((match, host) => (host === 'http://full' ? { kind: 'host-failed', debateId: null, message: 'dropped' } : judged(match)));
    const hosts = [{ url: 'http://full', models: ALL }, { url: 'http://small', models: ['m1', 'm2', JUDGE] }];
    const result = await schedule(hosts, runner.run);
    expect(result.noHostLeft).toBe(false);
    expect(result.unrun.length).toBeGreaterThan(0);
    expect(result.unrun.every((match) => match.models.includes('m3'))).toBe(true);
    expect([...result.outcomes.keys()].every((key) => !plan.matches.find((match) => match.key === key)?.models.includes('m3'))).toBe(true);
  });

  it('records a failed debate without retrying it or blaming its host', async () => {
    const failing = plan.matches[0]!.key;
    const runner = recordingRunner((match) => (match.key === failing ? { kind: 'debate-failed', debateId: 'x', message: 'model said no' } : judged(match)));
    const result = await schedule([{ url: 'http://a', models: ALL }], runner.run);
    expect(result.outcomes.get(failing)).toMatchObject({ kind: 'debate-failed', message: 'model said no' });
    expect(runner.ranOn.get(failing)).toHaveLength(1);
    expect(result.hostsDown).toEqual([]);
    expect(result.outcomes.size).toBe(plan.matches.length);
  });

  it('counts a runner that throws as a failed debate', async () => {
    const result = await schedule([{ url: 'http://a', models: ALL }], async () => {
      throw new Error('boom');
    });
    expect([...result.outcomes.values()].every((outcome) => outcome.kind === 'debate-failed' && outcome.message === 'boom')).toBe(true);
  });

  it('stops handing out matches at once when aborted, and ends when the running ones end', async () => {
    const controller = new AbortController();
    let started = 0;
    const run: RunMatch = (_match, _host, signal) => {
      started += 1;
      if (started === 2) controller.abort();
      return new Promise((resolve) => {
        if (signal.aborted) resolve({ kind: 'stopped', debateId: null });
        else signal.addEventListener('abort', () => resolve({ kind: 'stopped', debateId: null }), { once: true });
      });
    };
    const result = await schedule([{ url: 'http://a', models: ALL }, { url: 'http://b', models: ALL }], run, { signal: controller.signal });
    expect(started).toBe(2);
    expect([...result.outcomes.values()].map((outcome) => outcome.kind)).toEqual(['stopped', 'stopped']);
    expect(result.unrun).toHaveLength(plan.matches.length - 2);
    expect(result.hostsDown).toEqual([]);
  });

  it('ends at once with nothing to run', async () => {
    const result = await runSchedule({ matches: [], judge: JUDGE, hosts: [{ url: 'http://a', models: ALL }], concurrency: 1, signal: new AbortController().signal, runMatch: async () => { throw new Error('never'); } });
    expect(result.outcomes.size).toBe(0);
    expect(result.unrun).toEqual([]);
  });
});
