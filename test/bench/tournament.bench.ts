// A tournament spread over hosts: 3 models x 10 topics (60 debates, judged, saved in a real
// library folder) on 1 simulator host, then on 4, one debate at a time per host (the default).
// The simulators run in child processes and spend real time per token, so the hosts, not this
// machine's cores, set the pace, as Ollama servers would. Goal: 4 hosts take at most 0.3x the
// time of 1.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibraryStore } from '../../engine/library/library-store';
import { isJudged, matchDebates } from '../../engine/tournament/match-records';
import { runTournamentMatch } from '../../engine/tournament/match-runner';
import { planTournament, type TournamentPlan } from '../../engine/tournament/plan';
import { runSchedule } from '../../engine/tournament/scheduler';
import { startRemoteSimulator, type RemoteSimulator } from './remote-simulator';
import type { RemoteSimModel } from './simulator-process';

const MODELS = ['m1', 'm2', 'm3'];
const JUDGE = 'judge';
const TOPICS = Array.from({ length: 10 }, (_, index) => `Topic ${index + 1}: is this the best way?`);
const TOKEN_DELAY_MS = 4;
const GOAL_RATIO = 0.3;

/** About 25 tokens: a short reply. */
const SPEAKER_REPLY = Array.from({ length: 25 }, (_, index) => `point${index}`).join(' ');
/** A fixed verdict for two sides (A wins in every order, so the swapped orders disagree: a tie). */
const JUDGE_REPLY = JSON.stringify(
  {
    scores: { A: { argument: 7, evidence: 6, rebuttal: 6, tone: 7 }, B: { argument: 6, evidence: 6, rebuttal: 5, tone: 7 } },
    winner: 'A',
    rationale: 'Side A made the stronger case.',
  },
  null,
  1,
);

const SIM_MODELS: RemoteSimModel[] = [
  ...MODELS.map((name) => ({ name, family: 'llama', reply: SPEAKER_REPLY })),
  { name: JUDGE, family: 'gemma3', reply: JUDGE_REPLY },
];

async function runTournament(plan: TournamentPlan, hosts: readonly RemoteSimulator[]): Promise<{ seconds: number; judged: number }> {
  const folder = mkdtempSync(join(tmpdir(), 'tm-bench-tournament-'));
  try {
    const library = new LibraryStore(folder, { app: 'CLI' });
    const signal = new AbortController().signal;
    const started = performance.now();
    const result = await runSchedule({
      matches: plan.matches,
      judge: JUDGE,
      hosts: hosts.map((host) => ({ url: host.url, models: [...MODELS, JUDGE] })),
      concurrency: 1,
      signal,
      runMatch: (match, host, matchSignal) => runTournamentMatch({ plan, match, host, library, signal: matchSignal }),
    });
    const seconds = (performance.now() - started) / 1000;
    const failed = [...result.outcomes.values()].filter((outcome) => outcome.kind !== 'judged');
    if (failed.length > 0 || result.unrun.length > 0) throw new Error(`${failed.length} debates failed, ${result.unrun.length} unrun: ${JSON.stringify(failed[0])}`);
    const judged = [...matchDebates(library.library.list(), plan.id).values()].filter(isJudged).length;
    return { seconds, judged };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const plan = planTournament({ models: MODELS, topics: TOPICS, judge: JUDGE, exchanges: 1 });
  console.log(`Tournament: ${MODELS.length} models x ${TOPICS.length} topics = ${plan.matches.length} debates (1 exchange, replies of ~25 tokens, judged in 2 orders), ${TOKEN_DELAY_MS} ms per token`);
  console.log(`Machine: ${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1) ?? 'n/a'} (1 min)`);
  const hosts = await Promise.all(Array.from({ length: 4 }, () => startRemoteSimulator({ models: SIM_MODELS, tokenDelayMs: TOKEN_DELAY_MS })));
  try {
    const one = await runTournament(plan, hosts.slice(0, 1));
    console.log(`  1 host:  ${one.seconds.toFixed(1)} s  (${one.judged} debates judged)`);
    const four = await runTournament(plan, hosts);
    console.log(`  4 hosts: ${four.seconds.toFixed(1)} s  (${four.judged} debates judged)`);
    const ratio = four.seconds / one.seconds;
    console.log(`  4 hosts / 1 host: ${ratio.toFixed(2)}x   goal <= ${GOAL_RATIO}x  ${ratio <= GOAL_RATIO ? 'ok' : 'MISSED'}`);
  } finally {
    await Promise.all(hosts.map((host) => host.close()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
