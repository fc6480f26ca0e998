// `talking-models tournament` end to end: the built CLI (dist/cli.js, `node esbuild.mjs` first)
// as a child process against two and four Ollama simulators over real HTTP, with a scripted
// judge; the debates, verdicts and results checked in the library and the --out file.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../engine/library/library-store';
import type { DebateMeta } from '../../engine/library/meta';
import { planTournament } from '../../engine/tournament/plan';
import { pickSideSaying, scriptedJudge } from '../simulator/judge-script';
import { startSimulator, type ChatRequestBody, type OllamaSimulator, type SimModel } from '../simulator/ollama-simulator';
import { startCli, type CliChild, type CliResult } from './cli-child';

const JUDGE = 'judge:1b';
/** Generous: six helpers share two cores. */
const WAIT_MS = 60_000;

let workDir: string;
let simulators: OllamaSimulator[] = [];

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'tm-tournament-'));
});

afterEach(async () => {
  await Promise.all(simulators.map((simulator) => simulator.close()));
  simulators = [];
  rmSync(workDir, { recursive: true, force: true });
});

/** m1 always makes the STRONG case, so a fair judge names it whichever side it is shown as. */
function speakerReply(request: ChatRequestBody): string {
  return request.model.startsWith('m1') ? 'A STRONG case, made in full.' : 'A weaker case, made briefly.';
}

function speaker(name: string): SimModel {
  return { name, family: 'llama', reply: speakerReply };
}

async function startHosts(count: number, options: { models?: string[][]; tokenDelayMs?: number } = {}): Promise<OllamaSimulator[]> {
  const started = await Promise.all(
    Array.from({ length: count }, (_, index) => {
      const names = options.models?.[index] ?? ['m1', 'm2', 'm3', JUDGE];
      const models = names.map((name) => (name === JUDGE ? scriptedJudge({ name: JUDGE, family: 'gemma3', steps: ['valid'], pick: pickSideSaying('STRONG') }) : speaker(name)));
      return startSimulator({ models, tokenDelayMs: options.tokenDelayMs ?? 0 });
    }),
  );
  simulators.push(...started);
  return started;
}

const library = (): string => join(workDir, 'library');

function tournamentArgs(hosts: readonly OllamaSimulator[], extra: { models?: string[]; topics?: string[]; exchanges?: number } = {}): string[] {
  const models = extra.models ?? ['m1', 'm2'];
  const topics = extra.topics ?? ['Tea or coffee?', 'Cats or dogs?'];
  return [
    'tournament',
    ...models.flatMap((model) => ['--model', model]),
    ...topics.flatMap((topic) => ['--topic', topic]),
    '--judge', JUDGE, '--exchanges', String(extra.exchanges ?? 1),
    ...hosts.flatMap((host) => ['--host', host.url]),
  ];
}

function start(args: string[]): CliChild {
  return startCli(args, { cwd: workDir, library: library() });
}

function run(args: string[]): Promise<CliResult> {
  return start(args).done;
}

/** The library's debates of one tournament, as their records. */
function tournamentDebates(id: string): DebateMeta[] {
  if (!existsSync(library())) return [];
  const store = new LibraryStore(library(), { app: 'CLI' });
  return store.library.list().flatMap((entry) => (entry.ok && entry.meta.tournament?.id === id ? [entry.meta] : []));
}

function judgeRequests(hosts: readonly OllamaSimulator[]): number {
  return hosts.reduce((sum, host) => sum + host.chatRequests(JUDGE).length, 0);
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('talking-models tournament (built CLI against simulators)', () => {
  it('runs every pairing on every topic both ways round, judged, saved, with the leaderboard in results.md', async () => {
    const hosts = await startHosts(2);
    const out = join(workDir, 'results.md');
    const result = await run([...tournamentArgs(hosts), '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const plan = planTournament({ models: ['m1', 'm2'], topics: ['Tea or coffee?', 'Cats or dogs?'], judge: JUDGE, exchanges: 1 });
    const debates = tournamentDebates(plan.id);
    expect(debates).toHaveLength(4);
    expect(new Set(debates.map((debate) => debate.tournament?.match))).toEqual(new Set(plan.matches.map((match) => match.key)));
    for (const debate of debates) {
      expect(debate.outcome).toBe('complete');
      expect(debate.verdicts).toHaveLength(1);
      // The fair judge names m1 whichever order it spoke in.
      expect(debate.speakers[debate.verdicts?.[0]?.winner ?? -1]?.model).toBe('m1');
      expect(debate.speakers.map((one) => one.tone)).toEqual(['Rational', 'Rational']);
    }
    expect(debates.map((debate) => debate.speakers[0]?.model).sort()).toEqual(['m1', 'm1', 'm2', 'm2']);
    // Both hosts ran debates.
    for (const host of hosts) expect(host.chatRequests(JUDGE).length).toBeGreaterThan(0);
    const results = readFileSync(out, 'utf8');
    expect(results.startsWith(`# Tournament ${plan.id}\n`)).toBe(true);
    expect(results).toMatch(/\| Rank \| Model \| Rating \|/);
    expect(results).toMatch(/\| 1 \| m1 \| [^|]+ \| [^|]+ \| 4-0-0 \|/);
    expect(results).toMatch(/\| 2 \| m2 \| [^|]+ \| [^|]+ \| 0-4-0 \|/);
    for (const debate of debates) expect(results).toContain(`\`${debate.tournament?.match}\`: ${debate.speakers[0]?.model} vs ${debate.speakers[1]?.model}: **m1** won, debate \`${debate.id}\``);
    expect(result.stdout).toMatch(/\| 1 \| m1 \|/);
    expect(result.stdout).toContain(`Results written to ${out}`);
    // Progress, a line per change when stderr is not a terminal, with no control characters.
    expect(result.stderr).toContain(`Tournament ${plan.id}: 4 debates (0 already judged) on 2 hosts, 1 at a time each`);
    expect(result.stderr).toMatch(/^0\/4 done, running: none, ETA --:--$/m);
    expect(result.stderr).toMatch(/^4\/4 done, running: none, ETA 00:00$/m);
    expect(result.stderr).toMatch(/^\d\/4 done, running: t0\d-m1-vs-m2-[ab] on 127\.0\.0\.1:\d+/m);
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);

    // The same command again: nothing left to run, the same results replaced without --force.
    const judgeCalls = judgeRequests(hosts);
    const again = await run([...tournamentArgs(hosts), '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`Tournament ${plan.id}: 4 debates (4 already judged)`);
    expect(judgeRequests(hosts)).toBe(judgeCalls);
    expect(tournamentDebates(plan.id)).toHaveLength(4);
  }, 120_000);

  it('moves the debates of a host that dies mid-tournament to the others (four hosts)', async () => {
    const hosts = await startHosts(4, { tokenDelayMs: 15 });
    const topics = ['One?', 'Two?', 'Three?', 'Four?'];
    const child = start(tournamentArgs(hosts, { topics, exchanges: 2 }));
    const dying = hosts[1] as OllamaSimulator;
    await waitFor(() => dying.chatRequests('m1').length + dying.chatRequests('m2').length > 0, 'a debate on the second host');
    await dying.close();
    simulators = simulators.filter((simulator) => simulator !== dying);
    const result = await child.done;
    expect(result.code, result.stderr).toBe(0);
    const downLine = result.stderr.split('\n').find((line) => line.startsWith(`talking-models: ${dying.url} failed (`));
    expect(downLine).toMatch(/\); its debates move to the other hosts$/);
    expect(result.stderr.split('\n').filter((line) => line.includes('its debates move'))).toHaveLength(1);
    const plan = planTournament({ models: ['m1', 'm2'], topics, judge: JUDGE, exchanges: 2 });
    const debates = tournamentDebates(plan.id);
    // Each match has one debate (the moved one resumed, not started again), every one judged.
    expect(debates).toHaveLength(8);
    expect(debates.every((debate) => debate.verdicts?.length === 1 && debate.outcome === 'complete')).toBe(true);
    expect(result.stderr).toMatch(/^8\/8 done/m);
  }, 120_000);

  it('resumes a stopped tournament: the same id, only the unfinished debates run, none started twice', async () => {
    const hosts = await startHosts(2, { tokenDelayMs: 20 });
    const topics = ['One?', 'Two?', 'Three?'];
    const args = tournamentArgs(hosts, { topics, exchanges: 2 });
    const plan = planTournament({ models: ['m1', 'm2'], topics, judge: JUDGE, exchanges: 2 });
    const child = start(args);
    await waitFor(() => tournamentDebates(plan.id).filter((debate) => (debate.verdicts ?? []).length > 0).length >= 1, 'a judged debate');
    child.child.kill('SIGINT');
    const stopped = await child.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/talking-models: stopped with \d of 6 debates judged; run the same command again to resume/);
    expect(stopped.stderr).toContain(`Tournament ${plan.id}: 6 debates (0 already judged)`);
    const judgedBefore = tournamentDebates(plan.id).filter((debate) => (debate.verdicts ?? []).length > 0);
    const startedBefore = tournamentDebates(plan.id).filter((debate) => (debate.verdicts ?? []).length === 0);
    // Stopped mid-turn, or stopped while its judge was at work (complete, without a verdict).
    expect(startedBefore.map((debate) => debate.outcome).filter((outcome) => outcome !== 'stopped' && outcome !== 'complete')).toEqual([]);
    expect(judgedBefore.length).toBeGreaterThanOrEqual(1);
    expect(judgedBefore.length).toBeLessThan(6);

    const judgeCalls = judgeRequests(hosts);
    const resumed = await run(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`Tournament ${plan.id}: 6 debates (${judgedBefore.length} already judged)`);
    const debates = tournamentDebates(plan.id);
    expect(debates).toHaveLength(6);
    expect(debates.every((debate) => debate.verdicts?.length === 1)).toBe(true);
    // The debates judged before kept their verdicts and were not judged again (two orders per verdict).
    expect(judgeRequests(hosts) - judgeCalls).toBe(2 * (6 - judgedBefore.length));
    for (const before of judgedBefore) expect(debates.find((debate) => debate.id === before.id)?.verdicts).toEqual(before.verdicts);
    // Debates cut short went on in place (the same debate, now judged): no match got a second debate.
    for (const cut of startedBefore) expect(debates.find((debate) => debate.id === cut.id)?.verdicts).toHaveLength(1);
  }, 120_000);

  it('resumes a debate whose process was killed mid-turn from its last completed turn', async () => {
    const hosts = await startHosts(1, { tokenDelayMs: 25 });
    const args = tournamentArgs(hosts, { topics: ['One?'], exchanges: 3 });
    const plan = planTournament({ models: ['m1', 'm2'], topics: ['One?'], judge: JUDGE, exchanges: 3 });
    const child = start(args);
    await waitFor(() => (tournamentDebates(plan.id)[0]?.turnCount ?? 0) >= 2, 'two turns of the first debate');
    child.child.kill('SIGKILL');
    await child.done;
    const [killed] = tournamentDebates(plan.id);
    expect(killed?.outcome).toBe('running');
    const resumed = await run(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    const debates = tournamentDebates(plan.id);
    expect(debates).toHaveLength(2);
    const again = debates.find((debate) => debate.id === killed?.id);
    expect(again?.verdicts).toHaveLength(1);
    expect(again?.turnCount).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it('gives a host only the debates whose models it has', async () => {
    const hosts = await startHosts(2, { models: [['m1', 'm2', 'm3', JUDGE], ['m1', 'm2', JUDGE]] });
    const result = await run(tournamentArgs(hosts, { models: ['m1', 'm2', 'm3'], topics: ['One?', 'Two?'] }));
    expect(result.code, result.stderr).toBe(0);
    const small = hosts[1] as OllamaSimulator;
    expect(small.chatRequests('m3')).toHaveLength(0);
    const plan = planTournament({ models: ['m1', 'm2', 'm3'], topics: ['One?', 'Two?'], judge: JUDGE, exchanges: 1 });
    const debates = tournamentDebates(plan.id);
    expect(debates).toHaveLength(12);
    expect(debates.every((debate) => debate.verdicts?.length === 1)).toBe(true);
    for (const debate of debates.filter((one) => one.speakers.some((speakerOf) => speakerOf.model === 'm3'))) expect(debate.settings.host).toBe(hosts[0]?.url);
  }, 120_000);

  it('refuses up front a match no host can serve, naming what each host lacks', async () => {
    const hosts = await startHosts(2, { models: [['m1', 'm2', 'm3'], ['m1', 'm3', JUDGE]] });
    const result = await run(tournamentArgs(hosts, { models: ['m1', 'm2'] }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('talking-models: no host can run 4 matches');
    expect(result.stderr).toContain(`${hosts[0]?.url} lacks ${JUDGE}`);
    expect(result.stderr).toContain(`${hosts[1]?.url} lacks m2`);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(hosts.every((host) => host.chatRequests().length === 0)).toBe(true);
    expect(existsSync(library()) ? tournamentDebates(planTournament({ models: ['m1', 'm2'], topics: ['Tea or coffee?', 'Cats or dogs?'], judge: JUDGE, exchanges: 1 }).id) : []).toEqual([]);
  }, 60_000);

  it('refuses to overwrite an --out file that is not this tournament’s results without --force', async () => {
    const hosts = await startHosts(1);
    const out = join(workDir, 'notes.md');
    writeFileSync(out, '# My notes\n');
    const refused = await run([...tournamentArgs(hosts), '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/notes\.md already exists; pass --force to overwrite it/);
    expect(hosts[0]?.chatRequests()).toHaveLength(0);
    expect(readFileSync(out, 'utf8')).toBe('# My notes\n');
    const forced = await run([...tournamentArgs(hosts), '--out', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Tournament tn-/);
  }, 60_000);

  it('says when no host answers', async () => {
    const result = await run(['tournament', '--model', 'm1', '--model', 'm2', '--topic', 'Tea?', '--judge', JUDGE, '--host', 'http://127.0.0.1:9']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/warning: http:\/\/127\.0\.0\.1:9 gets no debates/);
    expect(result.stderr).toMatch(/no Ollama host answers \(http:\/\/127\.0\.0\.1:9\)/);
  }, 60_000);
});
