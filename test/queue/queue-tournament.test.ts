// Tournaments over a queue, end to end: a real Redis (Debian's redis-server, started here),
// Ollama simulators over real HTTP, and the built CLI (dist/cli.js) as the collecting
// `tournament --queue` and as several `worker` processes, one of them killed mid-debate.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../engine/library/library-store';
import type { DebateMeta } from '../../engine/library/meta';
import { EMPTY_MATCH, foldEntries } from '../../engine/queue/match-stream';
import { matchJobId, matchStreamKey, queueNameFor } from '../../engine/queue/queue-names';
import { DebateSessions } from '../../engine/session';
import { planTournament, type TournamentInputs, type TournamentPlan } from '../../engine/tournament/plan';
import type { SpeakerTurn, Turn } from '../../engine/types';
import { startCli, type CliChild } from '../cli/cli-child';
import { pickSideSaying, scriptedJudge, type JudgeStep } from '../simulator/judge-script';
import { startSimulator, type ChatRequestBody, type OllamaSimulator, type SimModel } from '../simulator/ollama-simulator';
import { startRedis, type TestRedis } from '../support/redis-server';

const root = resolve(__dirname, '../..');
const JUDGE = 'judge:1b';
/** Generous: six helpers share two cores. */
const WAIT_MS = 90_000;
/**
 * Lock durations in seconds (the default is 30): short where a worker dies, so its debate moves
 * on within seconds; longer where none does, so a starved but live worker is never taken for dead.
 */
const DYING_LOCK = 3;
const RESCUER_LOCK = 6;
const LIVE_LOCK = 15;

let redis: TestRedis;
let client: Redis;
let workDir: string;
const simulators: OllamaSimulator[] = [];
const children = new Set<ChildProcess>();

beforeAll(async () => {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
  redis = await startRedis();
  client = new Redis(redis.url);
}, 180_000);

afterAll(async () => {
  client?.disconnect();
  await redis?.stop();
});

afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
  await client.flushall();
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
});

/** Each reply names the Ollama that spoke it and counts, so a turn spoken again would read differently. */
function speaker(name: string, label: string): SimModel {
  let count = 0;
  return {
    name,
    family: 'llama',
    reply: (request: ChatRequestBody) => {
      count += 1;
      return `${label} ${request.model} reply ${count}: ${request.model.startsWith('m1') ? 'a STRONG case' : 'a weaker case'}, in several words to stream.`;
    },
  };
}

/** An Ollama with these models; its judge gives valid verdicts unless told `judge: 'invalid-json'`. */
async function ollama(label: string, models: string[], tokenDelayMs = 0, judge: JudgeStep = 'valid'): Promise<OllamaSimulator> {
  const simulator = await startSimulator({
    tokenDelayMs,
    models: models.map((name) => (name === JUDGE ? scriptedJudge({ name: JUDGE, family: 'gemma3', steps: [judge], pick: pickSideSaying('STRONG') }) : speaker(name, label))),
  });
  simulators.push(simulator);
  return simulator;
}

function child(args: string[]): CliChild {
  const started = startCli(args, { cwd: workDir, library: join(workDir, 'default-library') });
  children.add(started.child);
  void started.done.then(() => children.delete(started.child));
  return started;
}

/** What a child writes to stderr (a worker's log, a tournament's progress), readable as it goes. */
function stderrOf(started: CliChild): () => string {
  let text = '';
  started.child.stderr?.on('data', (chunk: string) => (text += chunk));
  return () => text;
}

/** A worker process on `host`, with its log. */
function worker(host: OllamaSimulator, lockSeconds = DYING_LOCK): { process: CliChild; log: () => string } {
  const started = child(['worker', '--queue', redis.url, '--host', host.url, '--lock-duration', String(lockSeconds), '--refresh', '0.3']);
  return { process: started, log: stderrOf(started) };
}

const library = (): string => join(workDir, 'collector');

function tournament(inputs: Required<Pick<TournamentInputs, 'models' | 'topics' | 'exchanges'>>, extra: string[] = []): CliChild {
  return child([
    'tournament', ...inputs.models.flatMap((model) => ['--model', model]), ...inputs.topics.flatMap((topic) => ['--topic', topic]),
    '--judge', JUDGE, '--exchanges', String(inputs.exchanges), '--queue', redis.url, '--library', library(), ...extra,
  ]);
}

function tournamentDebates(id: string): DebateMeta[] {
  if (!existsSync(library())) return [];
  const store = new LibraryStore(library(), { app: 'CLI' });
  return store.library.list().flatMap((entry) => (entry.ok && entry.meta.tournament?.id === id ? [entry.meta] : []));
}

async function turnsOf(id: string): Promise<Turn[]> {
  return (await new DebateSessions(new LibraryStore(library(), { app: 'CLI' })).transcript(id)).turns;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wake) => setTimeout(wake, 50));
  }
}

function streamKeys(plan: TournamentPlan): string[] {
  return plan.matches.map((match) => matchStreamKey(matchJobId(plan.id, match.key)));
}

/** The completed turns a match's stream holds. */
async function streamTurns(key: string): Promise<Turn[]> {
  return foldEntries(EMPTY_MATCH, await client.xrange(key, '-', '+')).turns;
}

/** Waits until a match's stream holds `count` completed turns; its key. */
async function streamWithTurns(plan: TournamentPlan, count: number): Promise<string> {
  let found = '';
  await until(async () => {
    for (const key of streamKeys(plan)) {
      if ((await streamTurns(key)).length >= count) found = key;
    }
    return found !== '';
  }, `${count} completed turns on a match stream`);
  return found;
}

/** The collected debate of the match whose stream is `key`, with its turns. */
async function collectedMatch(plan: TournamentPlan, key: string): Promise<{ debate: DebateMeta; turns: SpeakerTurn[] }> {
  const match = plan.matches.find((candidate) => matchStreamKey(matchJobId(plan.id, candidate.key)) === key);
  const debate = tournamentDebates(plan.id).find((candidate) => candidate.tournament?.match === match?.key);
  if (debate === undefined) throw new Error(`match ${match?.key ?? key} was not collected`);
  return { debate, turns: (await turnsOf(debate.id)) as SpeakerTurn[] };
}

/**
 * A one-topic tournament of two matches whose only worker gets `signal` once a match has `turns`
 * completed turns on its stream: that match's stream key and the turns it held after the signal.
 */
async function interruptedTournament(exchanges: number, turns: number, signal: NodeJS.Signals) {
  workDir = mkdtempSync(join(tmpdir(), 'tm-queue-interrupted-'));
  const plan = planTournament({ models: ['m1', 'm2'], topics: ['Tabs or spaces?'], exchanges, judge: JUDGE });
  // Slow tokens: a turn takes about a second, so the signal lands mid-debate.
  const simulator = await ollama('first', ['m1', 'm2', JUDGE], 60);
  const interrupted = worker(simulator);
  const collector = tournament({ models: ['m1', 'm2'], topics: ['Tabs or spaces?'], exchanges });
  const key = await streamWithTurns(plan, turns);
  interrupted.process.child.kill(signal);
  const exit = await interrupted.process.done;
  // Read after the signal: a turn may have ended between the look and the signal.
  const before = await streamTurns(key);
  return { plan, key, before, first: { simulator, collector, exit, log: interrupted.log } };
}

/** Chat requests that spoke a turn (the judge's and model loads left out). */
function speakerRequests(simulator: OllamaSimulator): number {
  return simulator.chatRequests('m1').length + simulator.chatRequests('m2').length;
}

describe('tournament --queue with workers', () => {
  it('runs every match on the workers that have its models and collects each debate, judged, into the library', async () => {
    workDir = mkdtempSync(join(tmpdir(), 'tm-queue-'));
    const inputs = { models: ['m1', 'm2'], topics: ['Tea or coffee?', 'Cats or dogs?'], exchanges: 1 };
    const plan = planTournament({ ...inputs, judge: JUDGE });
    const [one, two] = [await ollama('one', ['m1', 'm2', JUDGE], 5), await ollama('two', ['m1', 'm2', JUDGE], 5)];
    // Its Ollama lacks m2: it must never take these matches.
    const lacking = await ollama('lacking', ['m1', 'm3', JUDGE]);
    const workers = [worker(one, LIVE_LOCK), worker(two, LIVE_LOCK), worker(lacking, LIVE_LOCK)];

    const out = join(workDir, 'results.md');
    const collector = tournament(inputs, ['--out', out]);
    const result = await collector.done;
    expect(result.stderr).toContain(`Tournament ${plan.id}: 4 debates (0 already judged) through the queue ${redis.url}`);
    expect(result.code).toBe(0);

    const debates = tournamentDebates(plan.id);
    expect(debates.map((debate) => debate.tournament?.match).sort()).toEqual(plan.matches.map((match) => match.key).sort());
    for (const debate of debates) {
      expect(debate.outcome).toBe('complete');
      expect(debate.verdicts).toHaveLength(1);
      const turns = await turnsOf(debate.id);
      expect(turns.map((turn) => turn.kind === 'speaker' && turn.model)).toEqual(debate.speakers.map((speaker) => speaker.model));
    }
    // m1 makes the strong case: the judge names it every time.
    expect(debates.every((debate) => debate.speakers[debate.verdicts?.[0]?.winner ?? -1]?.model === 'm1')).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain(`# Tournament ${plan.id}`);
    expect(result.stdout).toMatch(/m1/);

    // Both capable workers took matches; the one without m2 never did, nor listened to their queue.
    expect(speakerRequests(one)).toBeGreaterThan(0);
    expect(speakerRequests(two)).toBeGreaterThan(0);
    expect(speakerRequests(one) + speakerRequests(two)).toBe(4 * 2);
    expect(lacking.chatRequests()).toHaveLength(0);
    expect(workers[2]?.log()).not.toContain('listening to');
    // Each debate records the machine that spoke it, not the worker's own 127.0.0.1.
    expect(new Set(debates.map((debate) => debate.settings.host))).toEqual(new Set([one, two].map((host) => host.url.replace('127.0.0.1', hostname()))));
    expect(workers[2]?.log()).toMatch(/not taking tm-[0-9a-f]+: this Ollama lacks m2/);
    expect(workers[0]?.log()).toContain('listening to');

    // What Redis carried for the collected matches is gone.
    expect(await client.keys('talking-models:match:*')).toEqual([]);

    // The same command again runs nothing: every match is judged in the library.
    const requestsBefore = speakerRequests(one) + speakerRequests(two);
    const rerun = await tournament(inputs).done;
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain('4 debates (4 already judged)');
    expect(speakerRequests(one) + speakerRequests(two)).toBe(requestsBefore);
    expect(tournamentDebates(plan.id)).toHaveLength(4);
  });

  it('a worker killed mid-debate loses nothing: another resumes from the last completed turn', async () => {
    const { plan, key, before, first } = await interruptedTournament(3, 2, 'SIGKILL');
    const firstRequests = speakerRequests(first.simulator);
    const second = await ollama('second', ['m1', 'm2', JUDGE], 5);
    const rescuer = worker(second, RESCUER_LOCK);
    const result = await first.collector.done;
    expect(result.code).toBe(0);
    expect(rescuer.log()).toContain('running');

    expect(tournamentDebates(plan.id)).toHaveLength(2);
    const { debate: resumed, turns } = await collectedMatch(plan, key);
    // Every turn once: six turns (three exchanges of two), distinct ids, the verdict with them.
    expect(turns).toHaveLength(6);
    expect(new Set(turns.map((turn) => turn.id)).size).toBe(6);
    expect(resumed.verdicts).toHaveLength(1);
    // The turns completed before the kill are kept as they were spoken, by the first Ollama...
    expect(turns.slice(0, before.length).map((turn) => [turn.id, turn.text])).toEqual(before.map((turn) => [turn.id, (turn as SpeakerTurn).text]));
    expect(turns.slice(0, before.length).every((turn) => turn.text.startsWith('first '))).toBe(true);
    // ...and the second spoke only what was left of that match (the other match it ran whole, six turns).
    expect(turns.slice(before.length).every((turn) => turn.text.startsWith('second '))).toBe(true);
    expect(speakerRequests(first.simulator)).toBe(firstRequests);
    expect(speakerRequests(second)).toBe(6 - before.length + 6);
  });

  it('Ctrl+C on a worker puts its debate back in the queue at once and exits 130; another resumes it', async () => {
    const { plan, key, before, first } = await interruptedTournament(2, 1, 'SIGINT');
    expect(first.exit.code).toBe(130);
    expect(first.log()).toContain('back in its queue');
    // Back in the queue at once, not left to a lock that expires.
    const queue = new Queue(queueNameFor(['m1', 'm2', JUDGE]), { connection: { url: redis.url } });
    const match = plan.matches.find((candidate) => matchStreamKey(matchJobId(plan.id, candidate.key)) === key);
    expect(await queue.getJobState(matchJobId(plan.id, match?.key ?? ''))).toBe('waiting');
    await queue.close();

    const second = await ollama('second', ['m1', 'm2', JUDGE], 5);
    worker(second, RESCUER_LOCK);
    expect((await first.collector.done).code).toBe(0);
    const { debate, turns } = await collectedMatch(plan, key);
    expect(turns).toHaveLength(4);
    expect(turns.every((turn) => turn.status === 'complete')).toBe(true);
    expect(turns.slice(0, before.length).map((turn) => turn.id)).toEqual(before.map((turn) => turn.id));
    expect(turns.slice(before.length).every((turn) => turn.text.startsWith('second '))).toBe(true);
    expect(debate.verdicts).toHaveLength(1);
  });

  it('a worker serving several queues runs no more debates at once than its --concurrency', async () => {
    workDir = mkdtempSync(join(tmpdir(), 'tm-queue-concurrency-'));
    // Three models: three pairings, three queues, six debates.
    const inputs = { models: ['m1', 'm2', 'm3'], topics: ['Now or later?'], exchanges: 1 };
    const plan = planTournament({ ...inputs, judge: JUDGE });
    const only = worker(await ollama('only', ['m1', 'm2', 'm3', JUDGE], 2), LIVE_LOCK);
    expect((await tournament(inputs).done).code).toBe(0);
    expect(tournamentDebates(plan.id)).toHaveLength(6);
    const lines = only.log().split('\n');
    expect(lines.filter((line) => line.includes('listening to'))).toHaveLength(3);
    // Its log, in order: never a second "running" before the one running was judged.
    let runningNow = 0;
    let most = 0;
    for (const line of lines) {
      if (/: running /.test(line)) runningNow += 1;
      if (/: judged /.test(line)) runningNow -= 1;
      most = Math.max(most, runningNow);
    }
    expect(most).toBe(1);
    expect(lines.filter((line) => /: judged /.test(line))).toHaveLength(6);
  });

  it('stopping the collector stops only the collecting: the workers go on, and the same command collects what they finished', async () => {
    workDir = mkdtempSync(join(tmpdir(), 'tm-queue-collector-'));
    const inputs = { models: ['m1', 'm2'], topics: ['Sooner or never?'], exchanges: 1 };
    const plan = planTournament({ ...inputs, judge: JUDGE });
    const first = tournament(inputs);
    const progress = stderrOf(first);
    await until(() => progress().includes('0/2 done'), 'the collector to enqueue');
    first.child.kill('SIGINT');
    expect((await first.done).code).toBe(130);
    expect(tournamentDebates(plan.id)).toHaveLength(0);

    const host = await ollama('only', ['m1', 'm2', JUDGE], 2);
    worker(host, LIVE_LOCK);
    await until(async () => {
      const states = await Promise.all(streamKeys(plan).map(async (key) => foldEntries(EMPTY_MATCH, await client.xrange(key, '-', '+'))));
      return states.every((state) => state.done !== null);
    }, 'both matches finished on the worker');
    const rerun = await tournament(inputs).done;
    expect(rerun.code).toBe(0);
    const debates = tournamentDebates(plan.id);
    expect(debates).toHaveLength(2);
    expect(debates.every((debate) => debate.verdicts?.length === 1)).toBe(true);
    // Collected, not run again.
    expect(speakerRequests(host)).toBe(2 * 2);
  });

  it('a match that keeps failing is tried three times, then counted failed; a rerun tries it again from where it stood', async () => {
    workDir = mkdtempSync(join(tmpdir(), 'tm-queue-failed-'));
    const inputs = { models: ['m1', 'm2'], topics: ['Judged or not?'], exchanges: 1 };
    const plan = planTournament({ ...inputs, judge: JUDGE });
    // Its judge never answers with a verdict: every debate ends unjudged.
    const broken = await ollama('broken', ['m1', 'm2', JUDGE], 0, 'invalid-json');
    const brokenWorker = worker(broken, LIVE_LOCK);
    const first = await tournament(inputs).done;
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('2 of 2 debates failed; run the same command again to retry them');
    expect(brokenWorker.log().match(/: running t01-m1-vs-m2-a /g)).toHaveLength(3);
    expect(tournamentDebates(plan.id)).toHaveLength(0);
    brokenWorker.process.child.kill('SIGKILL');

    // A worker whose judge works: the rerun only judges, the turns spoken before are kept.
    const fixed = await ollama('fixed', ['m1', 'm2', JUDGE]);
    worker(fixed, LIVE_LOCK);
    const rerun = await tournament(inputs).done;
    expect(rerun.code).toBe(0);
    const debates = tournamentDebates(plan.id);
    expect(debates).toHaveLength(2);
    expect(debates.every((debate) => debate.verdicts?.length === 1)).toBe(true);
    expect(speakerRequests(fixed)).toBe(0);
    for (const debate of debates) expect((await turnsOf(debate.id)).every((turn) => turn.kind === 'speaker' && turn.text.startsWith('broken '))).toBe(true);
  });
});

