// `talking-models leaderboard`: the arguments (pure), the text (pure), then the built CLI
// (dist/cli.js, `node esbuild.mjs` first) as a child process against a temporary library
// holding judged debates, written through the library's API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../engine/cli/args';
import { createStyle } from '../../engine/cli/color';
import { leaderboardText } from '../../engine/cli/leaderboard-command';
import { buildLeaderboard, LEADERBOARD_JSON_FORMAT } from '../../engine/leaderboard';
import { seedJudgedDebates, type SeededDebate } from '../leaderboard/seed-library';
import { startCli, type CliResult } from './cli-child';

describe('leaderboard arguments', () => {
  it('reads --json, --no-color and --library', () => {
    expect(parseCommandLine(['leaderboard'])).toEqual({ ok: true, command: { kind: 'leaderboard', json: false, noColor: false, library: undefined } });
    expect(parseCommandLine(['leaderboard', '--json', '--no-color', '--library', '/tmp/lib'])).toMatchObject({ ok: true, command: { kind: 'leaderboard', json: true, noColor: true } });
  });

  it.each([[['leaderboard', '--bogus']], [['leaderboard', 'extra']]])('refuses %j', (argv) => {
    expect(parseCommandLine(argv).ok).toBe(false);
  });
});

describe('the leaderboard in the terminal', () => {
  it('drops control characters and bidi overrides from model and tone names, and keeps each row on one line', () => {
    const speakers = (model: string, tone: string) => [
      { model, tone, host: 'http://h:11434' },
      { model: 'plain', tone: 'Rational', host: 'http://h:11434' },
    ];
    const board = buildLeaderboard(
      [
        { id: 'a', speakers: speakers('evil\u001b]0;pwned\u0007\nmodel', 'Cy\u202enic\u009b'), winner: 0, turns: [{ speakerIndex: 0, timeToFirstTokenMs: 10, tokensPerSecond: 5 }] },
      ],
      { seed: 1, resamples: 20 },
    );
    const text = leaderboardText(board, createStyle(false));
    expect(text).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(text).toMatch(/\n1 +evil\]0;pwned model +\d{4} /);
    expect(text).toMatch(/\n1 +evil\]0;pwned model +Cynic +\d{4} /);
  });
});

const DEBATES: SeededDebate[] = [
  // gemma beats llama 3-1, llama and qwen tie, qwen beats gemma once (three speakers: gemma wins over both).
  { speakers: [{ model: 'gemma3:4b', tone: 'Cynic' }, { model: 'llama3.2:1b', tone: 'Polite' }], winner: 0, timeToFirstTokenMs: 300, tokensPerSecond: 40 },
  { speakers: [{ model: 'llama3.2:1b', tone: 'Polite' }, { model: 'gemma3:4b', tone: 'Rational' }], winner: 1, timeToFirstTokenMs: 500, tokensPerSecond: 20 },
  { speakers: [{ model: 'gemma3:4b', tone: 'Cynic' }, { model: 'llama3.2:1b', tone: 'Polite', host: 'http://gpu:11434' }], winner: 0 },
  { speakers: [{ model: 'gemma3:4b', tone: 'Cynic' }, { model: 'llama3.2:1b', tone: 'Polite' }], winner: 1 },
  { speakers: [{ model: 'llama3.2:1b', tone: 'Polite' }, { model: 'qwen2.5:0.5b', tone: 'Snarky' }], winner: null },
  { speakers: [{ model: 'gemma3:4b', tone: 'Cynic' }, { model: 'qwen2.5:0.5b', tone: 'Snarky' }, { model: 'llama3.2:1b', tone: 'Polite' }], winner: 0 },
];

describe('talking-models leaderboard (the built CLI)', () => {
  let workDir: string;
  let library: string;

  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'tm-leaderboard-'));
    library = join(workDir, 'library');
  });

  afterEach(() => rmSync(workDir, { recursive: true, force: true }));

  function run(args: string[]): Promise<CliResult> {
    return startCli(['leaderboard', ...args], { cwd: workDir, library }).done;
  }

  it('an empty library says how to judge a debate', async () => {
    const result = await run([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No judged debates in');
    expect(result.stdout).toContain('talking-models judge ID --judge MODEL');
  });

  it('ranks the models, then model + tone, then speed per host; the JSON has the same ranking', async () => {
    await seedJudgedDebates(library, DEBATES);
    const text = await run(['--no-color']);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe('6 judged debates; Bradley-Terry ratings on the Elo scale (mean 1500), 95% intervals from 200 bootstrap resamples.');
    const models = lines.slice(lines.indexOf('Models') + 2, lines.indexOf('Model + tone') - 1);
    expect(models.map((line) => line.split(/\s+/).slice(0, 2))).toEqual([
      ['1', 'gemma3:4b'],
      ['2', 'llama3.2:1b'],
      ['3', 'qwen2.5:0.5b'],
    ]);
    expect(models[0]).toMatch(/^1 +gemma3:4b +\d{4} +\d{4}–\d{4} +4-1-0 +5 +\d+ ms +\d+\.\d$/);
    expect(text.stdout).toMatch(/\nllama3\.2:1b +http:\/\/gpu:11434 +1 +200 ms +30\.0\n/);
    expect(text.stdout).toMatch(/\n1 +gemma3:4b +Rational +\d{4}/);
    expect(text.stdout).not.toMatch(/\u001b/);

    const json = await run(['--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      format: string;
      version: number;
      judgedDebates: number;
      models: Array<{ rank: number; model: string; rating: number; interval: { low: number; high: number }; wins: number; losses: number; ties: number; debates: number; tone?: string }>;
      modelTones: Array<{ model: string; tone: string }>;
      speed: Array<{ model: string; host: string; turns: number; medianTimeToFirstTokenMs: number; medianTokensPerSecond: number }>;
    };
    expect(parsed).toMatchObject({ format: LEADERBOARD_JSON_FORMAT, version: 1, judgedDebates: 6, rating: { scale: 'elo', mean: 1500, intervalLevel: 0.95, resamples: 200 } });
    expect(parsed.models.map((row) => row.model)).toEqual(['gemma3:4b', 'llama3.2:1b', 'qwen2.5:0.5b']);
    expect(parsed.models[0]).toMatchObject({ rank: 1, wins: 4, losses: 1, ties: 0, debates: 5 });
    expect(parsed.models[0]).not.toHaveProperty('tone');
    expect(parsed.models[2]).toMatchObject({ wins: 0, losses: 1, ties: 1, debates: 2 });
    for (const row of parsed.models) expect(row.interval.low).toBeLessThanOrEqual(row.interval.high);
    expect(parsed.modelTones.map((row) => `${row.model} ${row.tone}`)).toContain('gemma3:4b Rational');
    expect(parsed.speed).toContainEqual({ model: 'llama3.2:1b', host: 'http://gpu:11434', turns: 1, medianTimeToFirstTokenMs: 200, medianTokensPerSecond: 30 });
    // Stable: the same library gives the same JSON.
    expect((await run(['--json'])).stdout).toBe(json.stdout);
  });
});
