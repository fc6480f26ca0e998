// `--adr DIR` on `debate --judge` and `judge ID`: the arguments (pure), then the built CLI
// (dist/cli.js, `node esbuild.mjs` first) against the Ollama simulator over real HTTP, with a
// judge that gives a verdict and then the scripted decision record.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localDay } from '../../engine/adr/madr';
import { parseCommandLine } from '../../engine/cli/args';
import { asksForRecord, recordingJudge, type RecordStep } from '../adr/record-fixtures';
import { scriptedJudge } from '../simulator/judge-script';
import { DEFAULT_MODELS, startSimulator, type ChatRequestBody, type OllamaSimulator } from '../simulator/ollama-simulator';
import { startCli, type CliResult } from './cli-child';

const JUDGE = 'gemma3:4b';
const DEBATE = ['debate', '--topic', 'Postgres or SQLite?', '--speaker', 'llama3.2:1b:cynic', '--speaker', 'qwen2.5:0.5b:polite', '--exchanges', '1', '--no-color'];
const NO_JUDGE = '--adr needs --judge MODEL: the decision record is drafted by the judge model after its verdict';

describe('--adr arguments', () => {
  it('debate and judge take --adr DIR', () => {
    expect(parseCommandLine([...DEBATE, '--judge', JUDGE, '--adr', 'docs/decisions'])).toMatchObject({ ok: true, command: { kind: 'debate', judge: JUDGE, adr: 'docs/decisions' } });
    expect(parseCommandLine(['judge', '20261201-150000-a1b2c3', '--judge', JUDGE, '--adr', 'out'])).toMatchObject({ ok: true, command: { kind: 'judge', adr: 'out' } });
    expect(parseCommandLine([...DEBATE])).toMatchObject({ ok: true, command: { adr: undefined } });
  });

  it.each([
    [[...DEBATE, '--adr', 'docs/decisions'], NO_JUDGE],
    [[...DEBATE, '--judge', JUDGE, '--adr', ''], '--adr needs a folder, e.g. --adr docs/decisions'],
    [[...DEBATE, '--judge', JUDGE, '--adr=-notes'], '--adr needs a folder, e.g. --adr docs/decisions'],
    [['judge', '20261201-150000-a1b2c3', '--judge', JUDGE, '--adr', ' '], '--adr needs a folder, e.g. --adr docs/decisions'],
  ])('refuses %j', (argv, message) => {
    expect(parseCommandLine(argv)).toEqual({ ok: false, message });
  });
});

/** The second speaker says STRONG, so the judge's verdict goes to it. */
function speakerReply(request: ChatRequestBody): string {
  return request.model.startsWith('qwen') ? 'SQLite is simpler. STRONG point.' : 'Postgres scales.';
}

/** One test's folder (the CLI's working folder, its library inside) and simulator; both go once it ends. */
interface Sandbox {
  dir: string;
  sim: OllamaSimulator;
  run(args: string[]): Promise<CliResult>;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sandbox(steps: RecordStep[]): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'tm-adr-cli-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const sim = await startSimulator({ models: [...DEFAULT_MODELS.map((model) => ({ ...model, reply: speakerReply })), recordingJudge(JUDGE, steps)] });
  cleanups.push(() => sim.close());
  return { dir, sim, run: (args) => startCli(args, { cwd: dir, library: join(dir, 'library') }).done };
}

function recordRequests(sim: OllamaSimulator): ChatRequestBody[] {
  return sim.chatRequests(JUDGE).map((request) => request.body as ChatRequestBody).filter(asksForRecord);
}

/** A decisions folder already holding records 0001 and 0003 (and a file that is not one). */
function decisionsFolder(dir: string): string {
  const folder = join(dir, 'docs', 'decisions');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, '0001-first.md'), '# First\n');
  writeFileSync(join(folder, '0003-third.md'), '# Third\n');
  writeFileSync(join(folder, 'README.md'), '# Decisions\n');
  return folder;
}

function savedId(stdout: string): string {
  const match = /Saved as (\d{8}-\d{6}-[0-9a-f]{6})\n/.exec(stdout);
  if (match === null) throw new Error(`no "Saved as <id>" in:\n${stdout}`);
  return match[1] as string;
}

describe('--adr (built CLI against the simulator)', () => {
  it('debate --judge --adr: the verdict, then 0004-….md after 0001 and 0003, MADR with the transcript, its path printed', async () => {
    const { dir, sim, run } = await sandbox(['valid']);
    const folder = decisionsFolder(dir);
    const result = await run([...DEBATE, '--host', sim.url, '--judge', JUDGE, '--adr', folder]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const path = join(folder, '0004-use-postgresql-for-the-event-store.md');
    expect(result.stdout).toContain('Result: Speaker 2 wins');
    expect(result.stdout.endsWith(`Decision record written to ${path}\n`)).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['0001-first.md', '0003-third.md', '0004-use-postgresql-for-the-event-store.md', 'README.md']);
    const record = readFileSync(path, 'utf8');
    const today = localDay(new Date());
    expect(record.startsWith(`---\nstatus: proposed\ndate: ${today}\ndecision-makers: ["llama3.2:1b", "qwen2.5:0.5b"]\n---\n\n# Use PostgreSQL for the event store\n`)).toBe(true);
    const sections = record.split('\n').filter((line) => /^#{1,3} /.test(line));
    expect(sections.slice(0, 9)).toEqual([
      '# Use PostgreSQL for the event store',
      '## Context and Problem Statement',
      '## Considered Options',
      '## Decision Outcome',
      '### Consequences',
      '## Pros and Cons of the Options',
      '### PostgreSQL',
      '### SQLite',
      '## More Information',
    ]);
    expect(record).toContain('Chosen option: "PostgreSQL", because it handles concurrent writers');
    expect(record).toContain('* Bad, because an extra service in development');
    expect(record).toContain(`from debate ${savedId(result.stdout)}`);
    expect(record).toMatch(/\n## Transcript\n\n### Postgres or SQLite\?\n[\s\S]*> SQLite is simpler\. STRONG point\.\n[\s\S]*#### Verdict · judged by gemma3:4b/);
    // One record request, after the verdict: it carries the debate and the verdict.
    const asked = recordRequests(sim);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.messages?.at(-1)?.content).toMatch(/<turn round="1" speaker="Speaker 2">\nSQLite is simpler\. STRONG point\.\n<\/turn>[\s\S]*<verdict>Speaker 2 wins/);
  });

  it('judge ID --adr on a saved debate; with --json the path goes to stderr', async () => {
    const { dir, sim, run } = await sandbox(['valid']);
    const id = savedId((await run([...DEBATE, '--host', sim.url])).stdout);
    const folder = join(dir, 'new', 'decisions');
    const result = await run(['judge', id, '--judge', JUDGE, '--host', sim.url, '--json', '--adr', folder]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ judgeModel: JUDGE, winner: 1 });
    const path = join(folder, '0001-use-postgresql-for-the-event-store.md');
    expect(result.stderr).toBe(`Decision record written to ${path}\n`);
    expect(readFileSync(path, 'utf8')).toContain('## Decision Outcome');
  });

  it('--adr without --judge: exit 2 with the message, no debate run', async () => {
    const { dir, sim, run } = await sandbox(['valid']);
    const result = await run([...DEBATE, '--host', sim.url, '--adr', join(dir, 'decisions')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(NO_JUDGE);
    expect(sim.chatRequests()).toHaveLength(0);
    expect(existsSync(join(dir, 'decisions'))).toBe(false);
  });

  it('a judge with no usable record: exit 1, the reason, no file; the debate and its verdict still saved', async () => {
    const { dir, sim, run } = await sandbox(['refusal']);
    const folder = decisionsFolder(dir);
    const result = await run([...DEBATE, '--host', sim.url, '--judge', JUDGE, '--adr', folder]);
    expect(result.code).toBe(1);
    const id = savedId(result.stdout);
    expect(result.stdout).toContain('Result: Speaker 2 wins');
    expect(result.stderr).toMatch(
      new RegExp(`^talking-models: no decision record of debate ${id} from gemma3:4b: no usable answer: the judge \\(gemma3:4b\\) did not answer in JSON \\(it said "I'm sorry.*asked again with the schema restated.*; no file was written\\n$`),
    );
    expect(recordRequests(sim)).toHaveLength(2);
    expect(readdirSync(folder).sort()).toEqual(['0001-first.md', '0003-third.md', 'README.md']);
    const shown = JSON.parse((await run(['show', id, '--json'])).stdout) as { turns: unknown[]; verdicts: unknown[] };
    expect(shown.turns).toHaveLength(2);
    expect(shown.verdicts).toHaveLength(1);
  });

  it('no verdict: no record asked for, the reason and exit 1, no file', async () => {
    const { dir, sim, run } = await sandbox(['valid']);
    sim.removeModel(JUDGE);
    sim.addModel(scriptedJudge({ name: JUDGE, steps: ['refusal'] }));
    const folder = decisionsFolder(dir);
    const result = await run([...DEBATE, '--host', sim.url, '--judge', JUDGE, '--adr', folder]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no verdict on debate .* verdict unavailable/);
    expect(result.stderr).toContain('talking-models: no decision record was written, as the debate or its verdict did not succeed\n');
    expect(recordRequests(sim)).toHaveLength(0);
    expect(readdirSync(folder).sort()).toEqual(['0001-first.md', '0003-third.md', 'README.md']);
  });

  it('--adr naming a file: refused before the debate starts', async () => {
    const { dir, sim, run } = await sandbox(['valid']);
    const file = join(dir, 'decisions.md');
    writeFileSync(file, '');
    const result = await run([...DEBATE, '--host', sim.url, '--judge', JUDGE, '--adr', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--adr ${file} is a file, not a folder`);
    expect(sim.chatRequests()).toHaveLength(0);
  });
});
