// One tournament match against the simulator over real HTTP, in a real library folder: the
// debate tagged and judged; a finished match not run again; a host that can't be reached told
// from a debate that failed; a debate judged afterwards when only its verdict is missing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../engine/library/library-store';
import { runTournamentMatch, type MatchOutcome } from '../../engine/tournament/match-runner';
import { planTournament, type TournamentMatch } from '../../engine/tournament/plan';
import type { DebateEvent } from '../../engine/types';
import { closedPort } from '../simulator/closed-port';
import { pickSideSaying, scriptedJudge, type JudgeStep } from '../simulator/judge-script';
import { startSimulator, type ChatRequestBody, type OllamaSimulator } from '../simulator/ollama-simulator';

const JUDGE = 'judge:1b';
const plan = planTournament({ models: ['m1', 'm2'], topics: ['Tea?'], judge: JUDGE, exchanges: 1, tone: 'Cynic' });
/** m2 speaks first in this match: the fair judge must still name m1, now speaker 1 (index 1). */
const swapped = plan.matches.find((match) => match.swapped) as TournamentMatch;

let folder: string;
let library: LibraryStore;
let simulator: OllamaSimulator | null = null;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'tm-match-'));
  library = new LibraryStore(folder, { app: 'CLI' });
});

afterEach(async () => {
  await simulator?.close();
  simulator = null;
  rmSync(folder, { recursive: true, force: true });
});

const reply = (request: ChatRequestBody): string => (request.model === 'm1' ? 'A STRONG case.' : 'A weak case.');

async function host(steps: JudgeStep[] = ['valid']): Promise<OllamaSimulator> {
  simulator = await startSimulator({ models: [{ name: 'm1', reply }, { name: 'm2', reply }, scriptedJudge({ name: JUDGE, steps, pick: pickSideSaying('STRONG') })] });
  return simulator;
}

function run(url: string, events: DebateEvent[] = [], signal = new AbortController().signal): Promise<MatchOutcome> {
  return runTournamentMatch({ plan, match: swapped, host: url, library, signal, onEvent: (event) => events.push(event) });
}

describe('runTournamentMatch', () => {
  it('runs the debate in the tournament’s tone, tags it with the match, judges it and saves the verdict', async () => {
    const sim = await host();
    const events: DebateEvent[] = [];
    const outcome = await run(sim.url, events);
    expect(outcome).toMatchObject({ kind: 'judged', verdictWinner: 1, alreadyDone: false });
    const debateId = (outcome as { debateId: string }).debateId;
    const entry = library.library.get(debateId);
    if (entry === null || !entry.ok) throw new Error('debate not saved');
    expect(entry.meta.tournament).toEqual({ id: plan.id, match: swapped.key });
    expect(entry.meta.speakers.map((speaker) => [speaker.model, speaker.tone])).toEqual([['m2', 'Cynic'], ['m1', 'Cynic']]);
    expect(entry.meta.verdicts?.[0]?.winner).toBe(1);
    expect(entry.meta.settings.host).toBe(sim.url);
    expect(events.map((event) => event.type)).toContain('verdict');
  });

  it('does not run a match already judged in the library', async () => {
    const sim = await host();
    const first = await run(sim.url);
    const requests = sim.chatRequests().length;
    const again = await run(sim.url);
    expect(again).toEqual({ ...first, alreadyDone: true });
    expect(sim.chatRequests()).toHaveLength(requests);
  });

  it('says the host failed when nothing answers there', async () => {
    const outcome = await run(`http://127.0.0.1:${await closedPort()}`);
    expect(outcome.kind).toBe('host-failed');
  });

  it('says the host failed when it drops the connection mid-reply', async () => {
    const sim = await host();
    sim.setFault('m1', { type: 'drop-after', tokens: 1 });
    const outcome = await run(sim.url);
    expect(outcome.kind).toBe('host-failed');
  });

  it.each([
    ['a model error', (sim: OllamaSimulator) => sim.setFault('m1', { type: 'http-error', status: 500, message: 'model runner crashed' }), /model runner crashed/],
    ['a model the host lacks', (sim: OllamaSimulator) => sim.removeModel('m1'), /m1/],
  ])('says the debate failed, not the host, on %s', async (_what, fault, message) => {
    const sim = await host();
    fault(sim);
    const outcome = await run(sim.url);
    expect(outcome.kind).toBe('debate-failed');
    expect((outcome as { message: string }).message).toMatch(message);
  });

  it('judges a debate whose verdict is missing without speaking it again, the same debate', async () => {
    const sim = await host(['refusal', 'refusal', 'valid']);
    const failed = await run(sim.url);
    expect(failed).toMatchObject({ kind: 'debate-failed' });
    expect((failed as { message: string }).message).toMatch(/no verdict from judge:1b/);
    const speakerRequests = sim.chatRequests('m1').length + sim.chatRequests('m2').length;
    const judged = await run(sim.url);
    expect(judged).toMatchObject({ kind: 'judged', debateId: (failed as { debateId: string }).debateId, verdictWinner: 1, alreadyDone: false });
    expect(sim.chatRequests('m1').length + sim.chatRequests('m2').length).toBe(speakerRequests);
    expect(library.library.list()).toHaveLength(1);
  });

  it('stops when aborted, keeping the debate to resume', async () => {
    const sim = await host();
    sim.setOptions({ tokenDelayMs: 50 });
    const controller = new AbortController();
    const events: DebateEvent[] = [];
    const running = runTournamentMatch({ plan, match: swapped, host: sim.url, library, signal: controller.signal, onEvent: (event) => {
      events.push(event);
      if (event.type === 'token') controller.abort();
    } });
    const outcome = await running;
    expect(outcome.kind).toBe('stopped');
    const debateId = (outcome as { debateId: string | null }).debateId;
    expect(debateId).not.toBeNull();
    sim.setOptions({ tokenDelayMs: 0 });
    const resumed = await run(sim.url);
    expect(resumed).toMatchObject({ kind: 'judged', debateId });
  });
});
