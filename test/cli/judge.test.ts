// `talking-models judge ID --judge MODEL` and `debate --judge MODEL`: the arguments (pure), then
// the built CLI (dist/cli.js, `node esbuild.mjs` first) as a child process against the Ollama
// simulator over real HTTP, with a scripted judge model.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommandLine, type CliCommand } from '../../engine/cli/args';
import { createStyle } from '../../engine/cli/color';
import { verdictText } from '../../engine/cli/verdict-text';
import { ADA, BOB, makeTurn } from '../engine/fixtures';
import { sampleVerdict } from '../engine/judge-fixtures';
import type { Verdict } from '../../engine/judge/verdict';
import { pickSideSaying, scriptedJudge, type JudgeStep } from '../simulator/judge-script';
import { DEFAULT_MODELS, startSimulator, type ChatRequestBody, type OllamaSimulator } from '../simulator/ollama-simulator';
import { startCli, type CliResult } from './cli-child';

const ID = '20261201-150000-a1b2c3';

function parsed(argv: string[]): CliCommand {
  const result = parseCommandLine(argv);
  if (!result.ok) throw new Error(result.message);
  return result.command;
}

function usageError(argv: string[]): string {
  const result = parseCommandLine(argv);
  if (result.ok) throw new Error(`expected a usage error for ${argv.join(' ')}`);
  return result.message;
}

describe('judge arguments', () => {
  it('reads the judge, orders, seed, marks, timeout, host and --json', () => {
    expect(parsed(['judge', ID, '--judge', 'gemma3:4b', '--orders', '4', '--seed', '9', '--marks', '--timeout', '30', '--host', 'http://box:11434', '--json'])).toEqual({
      kind: 'judge', id: ID, judge: 'gemma3:4b', orders: 4, seed: 9, marks: true, timeoutMs: 30_000, host: 'http://box:11434', json: true, noColor: false, library: undefined,
    });
    expect(parsed(['judge', ID, '--judge', 'gemma3:4b'])).toMatchObject({ orders: undefined, seed: undefined, marks: false, timeoutMs: undefined, json: false });
  });

  it.each([
    [['judge', ID], /judge needs --judge MODEL/],
    [['judge', '--judge', 'gemma3:4b'], /judge needs a debate ID/],
    [['judge', ID, '--judge', ''], /--judge needs a model name/],
    [['judge', ID, '--judge', 'g', '--orders', '1'], /--orders takes a whole number from 2 to 12/],
    [['judge', ID, '--judge', 'g', '--orders', 'two'], /--orders takes a whole number/],
    [['judge', ID, '--judge', 'g', '--seed', '-3'], /--seed/],
    [['judge', ID, '--judge', 'g', '--timeout', '0'], /--timeout takes a number of seconds/],
    [['judge', ID, '--judge', 'g', '--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j', (argv, message) => {
    expect(usageError(argv)).toMatch(message);
  });

  it('debate takes --judge MODEL', () => {
    expect(parsed(['debate', '--topic', 'Tea?', '--speaker', 'llama3.2:1b', '--judge', 'gemma3:4b'])).toMatchObject({ kind: 'debate', judge: 'gemma3:4b' });
    expect(parsed(['debate', '--topic', 'Tea?', '--speaker', 'llama3.2:1b'])).toMatchObject({ kind: 'debate', judge: undefined });
  });
});

describe('the verdict in the terminal', () => {
  it('sanitises what the judge and the names hold, and numbers the turn marks as `show` does', () => {
    const hostile = sampleVerdict({
      rationale: 'Ada won.\u001b]0;pwned\u0007 \u202eesrever\nSecond line.',
      familyWarning: 'Same \u001b[31mfamily',
      scores: [{ speakerIndex: 0, speaker: 'Ada\u001b[2J', model: 'llama3.2:1b\u009b', scores: { argument: 8, evidence: 7, rebuttal: 6.5, tone: 9 }, overall: 7.6 }],
    });
    const text = verdictText(hostile, [makeTurn(0, [ADA, BOB], 'x'), makeTurn(1, [ADA, BOB], 'y')], createStyle(false));
    expect(text).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(text).toContain('Rationale: Ada won.]0;pwned esrever\n  Second line.');
    expect(text).toMatch(/\nAda\[2J\s+llama3\.2:1b\s+8\.0\s+7\.0\s+6\.5\s+9\.0\s+7\.6\n/);
    expect(text).toContain('Turn marks: 1. Ada 8.0 · 2. Bob 4.5');
    expect(text).toContain('Warning: Same [31mfamily');
    expect(text).toContain('1 answer needed a retry');
  });
});

const JUDGE = 'gemma3:4b';
let workDir: string;
let simulator: OllamaSimulator | null = null;

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'tm-judge-cli-'));
});

afterEach(async () => {
  await simulator?.close();
  simulator = null;
  rmSync(workDir, { recursive: true, force: true });
});

function runCli(args: string[]): Promise<CliResult> {
  return startCli(args, { cwd: workDir, library: join(workDir, 'library') }).done;
}

/** Speakers that name each other and make their case; the second says STRONG, so a fair judge picks it. */
function speakerReply(request: ChatRequestBody): string {
  const strong = request.model.startsWith('qwen') ? ' STRONG point.' : '';
  return `Speaker 1 and Speaker 2, as ${request.model} I say tea.${strong}`;
}

async function startJudgeSimulator(steps: JudgeStep[]): Promise<OllamaSimulator> {
  simulator = await startSimulator({
    models: [...DEFAULT_MODELS.map((model) => ({ ...model, reply: speakerReply })), scriptedJudge({ name: JUDGE, family: 'gemma3', steps, pick: pickSideSaying('STRONG') })],
  });
  return simulator;
}

const DEBATE_ARGS = ['debate', '--topic', 'Tea or coffee?', '--speaker', 'llama3.2:1b:cynic', '--speaker', 'qwen2.5:0.5b:polite', '--exchanges', '1', '--no-color'];

function savedId(stdout: string): string {
  const match = /Saved as (\d{8}-\d{6}-[0-9a-f]{6})\n/.exec(stdout);
  if (match === null) throw new Error(`no "Saved as <id>" in:\n${stdout}`);
  return match[1] as string;
}

function judgeBodies(sim: OllamaSimulator): ChatRequestBody[] {
  return sim.chatRequests(JUDGE).map((request) => request.body as ChatRequestBody);
}

describe('talking-models judge (built CLI against the simulator)', () => {
  it('debate --judge: the debate, then the verdict table, the winner and rationale, saved with the debate', async () => {
    const sim = await startJudgeSimulator(['valid']);
    const result = await runCli([...DEBATE_ARGS, '--host', sim.url, '--judge', JUDGE]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const id = savedId(result.stdout);
    const verdictPart = result.stdout.slice(result.stdout.indexOf('Verdict by'));
    expect(verdictPart).toMatch(/^Verdict by gemma3:4b\nBlind \(no names\), 2 turns, judged in 2 orders \(seed \d+\)\n/);
    expect(verdictPart).toMatch(/SPEAKER\s+MODEL\s+ARGUMENT STRENGTH\s+EVIDENCE\s+REBUTTAL\s+STAYING IN TONE\s+OVERALL\n/);
    expect(verdictPart).toMatch(/Speaker 2\s+qwen2\.5:0\.5b\s+8\.0\s+8\.0\s+8\.0\s+8\.0\s+8\.0/);
    expect(verdictPart).toContain('Result: Speaker 2 wins (every order agreed)');
    expect(verdictPart).toContain('Rationale: Speaker 2 answered the others best.');
    // Both orders were asked, and no name reached the judge.
    const bodies = judgeBodies(sim);
    expect(bodies).toHaveLength(2);
    for (const body of bodies) {
      const sent = JSON.stringify(body.messages).toLowerCase();
      for (const leak of ['speaker 1', 'speaker 2', 'llama', 'qwen', 'cynic', 'polite']) expect(sent).not.toContain(leak);
    }
    // Saved: the JSON export carries it, the markdown export has its section.
    const shown = await runCli(['show', id, '--json']);
    const verdicts = (JSON.parse(shown.stdout) as { verdicts: Verdict[] }).verdicts;
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ judgeModel: JUDGE, winner: 1, familyWarning: null, judgeFamily: { family: 'gemma3', source: 'show' } });
    const show = await runCli(['show', id, '--no-color']);
    expect(show.stdout).toMatch(/\n\nVerdict by gemma3:4b\n[\s\S]*Result: Speaker 2 wins \(every order agreed\)\n/);
    const out = join(workDir, 'debate.md');
    expect((await runCli(['export', id, '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/\n## Verdict · judged by gemma3:4b · .*\n\n\*\*Result:\*\* Speaker 2 wins \(every order agreed\)/);
  });

  it('judge ID --json --seed: the verdict as JSON, the seed recorded; judging again adds a verdict', async () => {
    const sim = await startJudgeSimulator(['valid']);
    const id = savedId((await runCli([...DEBATE_ARGS, '--host', sim.url])).stdout);
    const result = await runCli(['judge', id, '--judge', JUDGE, '--host', sim.url, '--seed', '77', '--json', '--marks']);
    expect(result.code).toBe(0);
    const verdict = JSON.parse(result.stdout) as Verdict;
    expect(verdict).toMatchObject({ seed: 77, winner: 1, turnsJudged: 2 });
    expect(verdict.turnMarks).toHaveLength(2);
    const again = await runCli(['judge', id, '--judge', JUDGE, '--host', sim.url, '--seed', '77', '--json']);
    expect((JSON.parse(again.stdout) as Verdict).orders).toEqual(verdict.orders);
    const shown = JSON.parse((await runCli(['show', id, '--json'])).stdout) as { verdicts: Verdict[] };
    expect(shown.verdicts.map((one) => one.seed)).toEqual([77, 77]);
  });

  it('a judge that never answers with a verdict: exit 1, "verdict unavailable" with the reason, nothing saved', async () => {
    const sim = await startJudgeSimulator(['refusal']);
    const id = savedId((await runCli([...DEBATE_ARGS, '--host', sim.url])).stdout);
    const result = await runCli(['judge', id, '--judge', JUDGE, '--host', sim.url]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^talking-models: no verdict on debate \d{8}-\d{6}-[0-9a-f]{6} from gemma3:4b: verdict unavailable: in order 1 of 2, the judge did not answer in JSON \(it said "I'm sorry/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(judgeBodies(sim)).toHaveLength(2);
    const shown = JSON.parse((await runCli(['show', id, '--json'])).stdout) as { verdicts?: unknown };
    expect(shown.verdicts).toBeUndefined();
  });

  it('an invalid answer, then a valid one: the verdict, noting the retry', async () => {
    const sim = await startJudgeSimulator(['invalid-json', 'valid']);
    const id = savedId((await runCli([...DEBATE_ARGS, '--host', sim.url])).stdout);
    const result = await runCli(['judge', id, '--judge', JUDGE, '--host', sim.url, '--no-color']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 answer needed a retry');
    expect(judgeBodies(sim)).toHaveLength(3);
  });

  it('refuses an --orders count that does not fit the sides, and an unknown debate', async () => {
    const sim = await startJudgeSimulator(['valid']);
    const id = savedId((await runCli([...DEBATE_ARGS, '--host', sim.url])).stdout);
    const odd = await runCli(['judge', id, '--judge', JUDGE, '--host', sim.url, '--orders', '3']);
    expect(odd.code).toBe(2);
    expect(odd.stderr).toMatch(/--orders: the orders must be a multiple of the 2 sides/);
    const unknown = await runCli(['judge', '20200101-000000-000000', '--judge', JUDGE, '--host', sim.url]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no debate 20200101-000000-000000/);
    expect(judgeBodies(sim)).toHaveLength(0);
  });
});
