// The built CLI (dist/cli.js) run as a child process against the Ollama simulator over real HTTP.

import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_TONES } from '../../engine/tones';
import { scriptedModerator } from '../simulator/moderator-script';
import { startSimulator, type OllamaSimulator } from '../simulator/ollama-simulator';
import type { ChatRequestBody } from '../simulator/protocol';
import { closedPort } from '../simulator/closed-port';
import { startCli as startChild, type CliChild, type CliResult } from './cli-child';

const root = resolve(__dirname, '../..');
let workDir: string;
/** The library a command uses when it is given no --library (TALKING_MODELS_LIBRARY): never the real per-user one. */
let defaultLibrary: string;
let simulator: OllamaSimulator | null = null;
const children = new Set<ChildProcess>();

/** Starts the CLI in this file's work folder; every child still running is killed after each test. */
function startCli(args: string[], stdin?: string): CliChild {
  const started = startChild(args, { cwd: workDir, library: defaultLibrary, ...(stdin !== undefined && { stdin }) });
  children.add(started.child);
  void started.done.then(() => children.delete(started.child));
  return started;
}

const runCli = (args: string[], stdin?: string): Promise<CliResult> => startCli(args, stdin).done;

async function sim(options: Parameters<typeof startSimulator>[0] = {}): Promise<OllamaSimulator> {
  simulator = await startSimulator(options);
  return simulator;
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 10));
  }
}

function savedId(stdout: string): string {
  const match = /Saved as (\d{8}-\d{6}-[0-9a-f]{6})\n/.exec(stdout);
  if (match === null) throw new Error(`no "Saved as <id>" in:\n${stdout}`);
  return match[1] as string;
}

function expectOneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0] ?? '';
}

// Building the CLI takes seconds, and far longer on a loaded 2-core machine than the 30 s hook limit.
const BUILD_TIMEOUT_MS = 180_000;

beforeAll(() => {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
  workDir = mkdtempSync(join(tmpdir(), 'talking-models-cli-'));
  defaultLibrary = join(workDir, 'default-library');
}, BUILD_TIMEOUT_MS);

afterEach(async () => {
  for (const child of children) child.kill('SIGKILL');
  await simulator?.close();
  simulator = null;
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('talking-models debate', () => {
  it('streams a two-speaker debate with a label per turn and writes the markdown', async () => {
    const server = await sim({
      models: [
        { name: 'llama3.2:1b', reply: 'Tea wins, obviously. 🍵' },
        { name: 'qwen2.5:0.5b', reply: 'Coffee, with `code` and «quotes».' },
      ],
    });
    const out = join(workDir, 'two.md');
    const result = await runCli([
      'debate', '--topic', 'Tea or coffee?', '--speaker', 'llama3.2:1b:cynic', '--speaker', 'qwen2.5:0.5b',
      '--exchanges', '2', '--host', server.url, '--out', out,
    ]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b['); // not a terminal: no colour
    expect(result.stdout).toContain('Topic: Tea or coffee?');
    expect(result.stdout).toContain('Speaker 1 (llama3.2:1b, Cynic) · exchange 1 of 2\nTea wins, obviously. 🍵\n');
    expect(result.stdout).toContain('Speaker 2 (qwen2.5:0.5b, Rational) · exchange 2 of 2\nCoffee, with `code` and «quotes».\n');
    expect(result.stdout.match(/ tokens · /g)).toHaveLength(4);
    expect(result.stdout).toContain(`Transcript written to ${out}`);
    expect(result.stdout).toMatch(/\nSaved as \d{8}-\d{6}-[0-9a-f]{6}\n/);
    expect(server.chatRequests().map((request) => (request.body as { model: string }).model)).toEqual([
      'llama3.2:1b', 'qwen2.5:0.5b', 'llama3.2:1b', 'qwen2.5:0.5b',
    ]);

    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toContain('Tea or coffee?');
    expect(markdown).toContain('Tea wins, obviously. 🍵');
    expect(markdown).toContain('Coffee, with `code` and «quotes».');
  });

  it('sends a speaker with its own @HOST to that server, the others to --host', async () => {
    const main = await sim({ models: [{ name: 'llama3.2:1b', reply: 'Small and local.' }] });
    const gpuBox = await startSimulator({ models: [{ name: 'llama3.1:70b', reply: 'Big and remote.' }] });
    try {
      const result = await runCli([
        'debate', '--topic', 'Size or speed?', '--speaker', 'llama3.2:1b', '--speaker', `llama3.1:70b:philosopher@${gpuBox.url}`,
        '--exchanges', '1', '--host', main.url,
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Speaker 2 (llama3.1:70b, Philosopher) · exchange 1 of 1\nBig and remote.\n');
      expect(main.chatRequests().map((request) => (request.body as { model: string }).model)).toEqual(['llama3.2:1b']);
      expect(gpuBox.chatRequests().map((request) => (request.body as { model: string }).model)).toEqual(['llama3.1:70b']);
    } finally {
      await gpuBox.close();
    }
  });

  it('names the missing model and the command that installs it, in one line', async () => {
    const server = await sim();
    const result = await runCli(['debate', '--topic', 't', '--speaker', 'nope:7b', '--host', server.url]);
    expect(result.code).toBe(1);
    expect(expectOneLine(result.stderr)).toContain('ollama pull nope:7b');
  });

  it('names the host when Ollama is not running, and keeps the transcript so far', async () => {
    const host = `http://127.0.0.1:${await closedPort()}`;
    const out = join(workDir, 'down.md');
    const result = await runCli(['debate', '--topic', 'Anyone there?', '--speaker', 'llama3.2:1b', '--host', host, '--out', out]);
    expect(result.code).toBe(1);
    const line = expectOneLine(result.stderr);
    expect(line).toContain(host.replace('http://', ''));
    expect(line).toContain(out);
    expect(readFileSync(out, 'utf8')).toContain('Anyone there?');
  });

  it('stops at once on Ctrl+C, closes the request and writes the partial transcript', async () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    const server = await sim({ tokenDelayMs: 15, models: [{ name: 'llama3.2:1b', reply: words }, { name: 'qwen2.5:0.5b' }] });
    const out = join(workDir, 'stopped.md');
    const run = startCli([
      'debate', '--topic', 'Stop me', '--speaker', 'llama3.2:1b', '--speaker', 'qwen2.5:0.5b', '--host', server.url, '--out', out,
    ]);
    // Tokens on screen while the first reply is still streaming: the output is live.
    await until(() => run.stdout().includes(' w5 '), 'the first tokens on stdout');
    const [request] = server.chatRequests();
    expect(request?.finishedAt).toBeNull();

    const sentAt = Date.now();
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(Date.now() - sentAt).toBeLessThan(3000);
    expect(result.code).toBe(130);
    const id = savedId(result.stdout);
    expect(expectOneLine(result.stderr)).toBe(`talking-models: stopped; the transcript so far is in ${out}; continue it with: talking-models continue ${id}`);

    const closed = await server.waitForRequestEnd(request?.id ?? -1);
    expect(closed.clientClosedAt).not.toBeNull();
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toContain('w0 w1 w2 w3 w4 w5');
    expect(markdown).not.toContain('w399');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('stops quietly, keeping --out, when the reader of its output goes away', async () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    const server = await sim({ tokenDelayMs: 5, models: [{ name: 'llama3.2:1b', reply: words }] });
    const out = join(workDir, 'closed-pipe.md');
    const run = startCli(['debate', '--topic', 'Pipe', '--speaker', 'llama3.2:1b', '--host', server.url, '--out', out]);
    await until(() => run.stdout().includes(' w5 '), 'the first tokens on stdout');
    run.child.stdout?.destroy();
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(expectOneLine(result.stderr)).toContain(out);
    expect(readFileSync(out, 'utf8')).toContain('w0 w1 w2 w3 w4 w5');
  });

  it('refuses to overwrite --out without --force, before asking Ollama anything', async () => {
    const server = await sim();
    const out = join(workDir, 'existing.md');
    writeFileSync(out, 'keep me');
    const args = ['debate', '--topic', 't', '--speaker', 'llama3.2:1b', '--exchanges', '1', '--host', server.url, '--out', out];

    const refused = await runCli(args);
    expect(refused.code).not.toBe(0);
    expect(expectOneLine(refused.stderr)).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(server.requests).toHaveLength(0);

    const forced = await runCli([...args, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('# ');
  });

  it('rejects a folder as --out before asking Ollama anything, even with --force', async () => {
    const server = await sim();
    const args = ['debate', '--topic', 't', '--speaker', 'llama3.2:1b', '--exchanges', '1', '--host', server.url, '--out', workDir];
    for (const flags of [[], ['--force']]) {
      const result = await runCli([...args, ...flags]);
      expect(result.code).not.toBe(0);
      expect(expectOneLine(result.stderr)).toContain(`${workDir} is a folder; give --out a file name, e.g. ${join(workDir, 'debate.md')}`);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('rejects an out-of-range exchange count before sending anything', async () => {
    const server = await sim();
    const result = await runCli(['debate', '--topic', 't', '--speaker', 'llama3.2:1b', '--exchanges', '99', '--host', server.url]);
    expect(result.code).toBe(2);
    expect(expectOneLine(result.stderr)).toMatch(/exchanges/i);
    expect(server.requests).toHaveLength(0);
  });
});

describe('bad command lines', () => {
  it.each([
    [['debate', '--topic', 't', '--speaker', 'm', '--bogus']],
    [['debate', '--speaker', 'm']],
    [['fight']],
    [['models', 'extra']],
    [['show']],
    [['branch', '20260115-093012-a3f9c2']],
    [['export', '20260115-093012-a3f9c2', '--out', 'x.txt']],
  ])('%j prints the usage on stderr and exits 2', async (args) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^talking-models: .+\n\nUsage: talking-models <command>/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints help and version on stdout', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--speaker MODEL[:TONE]');
    const version = await runCli(['--version']);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${manifest.version}\n`);
  });
});

describe('talking-models models and tones', () => {
  it('lists installed models with size, parameters and quantisation', async () => {
    const server = await sim();
    const result = await runCli(['models', '--host', server.url]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+SIZE\s+PARAMETERS\s+QUANTISATION$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/))).toEqual(
      expect.arrayContaining([
        ['llama3.2:1b', '1.3 GB', '1.2B', 'Q8_0'],
        ['qwen2.5:0.5b', '398 MB', '494.03M', 'Q4_K_M'],
      ]),
    );
  });

  it('names the host when Ollama is not running', async () => {
    const port = await closedPort();
    const result = await runCli(['models', '--host', `127.0.0.1:${port}`]);
    expect(result.code).toBe(1);
    expect(expectOneLine(result.stderr)).toContain(`127.0.0.1:${port}`);
  });

  it('lists every built-in tone with its prompt, and custom tones from a file', async () => {
    const toneFile = join(workDir, 'tones.json');
    writeFileSync(toneFile, JSON.stringify([{ name: 'Pirate', prompt: 'Speak like a pirate.' }]));
    const result = await runCli(['tones', '--tone-file', toneFile]);
    expect(result.code).toBe(0);
    for (const tone of BUILT_IN_TONES) expect(result.stdout).toContain(`${tone.name}`);
    for (const tone of BUILT_IN_TONES) expect(result.stdout).toContain(tone.prompt);
    expect(result.stdout).toContain('Rational (default)');
    expect(result.stdout).toContain('Pirate\n  Speak like a pirate.');
  });

  it('explains a broken tone file in one line', async () => {
    const toneFile = join(workDir, 'broken.json');
    writeFileSync(toneFile, '{ not json');
    const result = await runCli(['tones', '--tone-file', toneFile]);
    expect(result.code).toBe(1);
    expect(expectOneLine(result.stderr)).toContain('not valid JSON');
  });
});

describe('the debate library', () => {
  const TWO = ['--speaker', 'llama3.2:1b:Cynic', '--speaker', 'qwen2.5:0.5b:Polite'];
  let library: string;

  beforeEach(() => {
    library = mkdtempSync(join(workDir, 'library-'));
  });

  /** The CLI on this test's library. */
  const tm = (args: string[], stdin?: string): Promise<CliResult> => runCli([...args, '--library', library], stdin);

  async function debate(server: OllamaSimulator, exchanges: number, extra: string[] = []): Promise<string> {
    const result = await tm(['debate', '--topic', 'Tea or coffee?', ...TWO, '--exchanges', String(exchanges), '--host', server.url, ...extra]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return savedId(result.stdout);
  }

  async function listed(): Promise<Record<string, unknown>[]> {
    const result = await tm(['list', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as Record<string, unknown>[];
  }

  interface ExportedTurn { kind: string; speakerIndex?: number; text: string; status?: string; note?: string }

  async function shown(id: string): Promise<{ outcome: string; exchanges: number; turns: ExportedTurn[]; parentId?: string }> {
    const result = await tm(['show', id, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as { outcome: string; exchanges: number; turns: ExportedTurn[] };
  }

  function systemPrompt(request: { body: unknown } | undefined): string {
    const messages = (request?.body as { messages: { role: string; content: string }[] }).messages;
    return messages.find((message) => message.role === 'system')?.content ?? '';
  }

  it('saves a debate, lists it (newest first) and shows it', async () => {
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: 'Tea wins.' }, { name: 'qwen2.5:0.5b', reply: 'Coffee, kindly.' }] });
    const first = await debate(server, 2);
    // Ids (and so the list's order) have a resolution of one second.
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 1000));
    const second = await debate(server, 1);

    const entries = await listed();
    expect(entries.map((entry) => entry.id)).toEqual([second, first]);
    expect(entries[1]).toMatchObject({ id: first, topic: 'Tea or coffee?', outcome: 'complete', turns: 4 });
    expect(typeof entries[1]?.createdAt).toBe('string');
    expect(entries[1]).not.toHaveProperty('parentId');

    const table = await tm(['list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+DATE\s+OUTCOME\s+TURNS\s+TOPIC$/);
    expect(table.stdout).toMatch(new RegExp(`${first}\\s+\\S+ \\S+\\s+complete\\s+4\\s+Tea or coffee\\?`));

    const text = await tm(['show', first]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Topic: Tea or coffee?');
    expect(text.stdout).toContain('1. Speaker 1 (llama3.2:1b, Cynic) · exchange 1 of 2\nTea wins.\n');
    expect(text.stdout).toContain('4. Speaker 2 (qwen2.5:0.5b, Polite) · exchange 2 of 2\nCoffee, kindly.\n');
    expect((await shown(first)).turns.map((turn) => turn.text)).toEqual(['Tea wins.', 'Coffee, kindly.', 'Tea wins.', 'Coffee, kindly.']);
  });

  it('--order random --seed and --stop-on repetition: the order replays, the early end is said, shown and kept through export and import', async () => {
    const LOOP = 'Tea is better because it is calmer, cheaper and kinder to the stomach than coffee will ever be.';
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: LOOP }, { name: 'qwen2.5:0.5b', reply: `Coffee! ${LOOP}` }] });
    const result = await tm(['debate', '--topic', 'Tea or coffee?', ...TWO, '--exchanges', '5', '--host', server.url, '--order', 'random', '--seed', '0', '--stop-on', 'repetition']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Seed 0 puts Speaker 2 first in round 1; the first of round 2 to repeat itself ends it.
    const models = server.chatRequests().map((request) => (request.body as { model: string }).model);
    expect(models.slice(0, 2)).toEqual(['qwen2.5:0.5b', 'llama3.2:1b']);
    expect(models).toHaveLength(3);
    expect(result.stdout).toMatch(/Ended early: Speaker \d repeated 100% of their reply from exchange 1 in exchange 2\.\n/);
    const id = savedId(result.stdout);
    const text = await tm(['show', id]);
    expect(text.stdout).toMatch(/complete \(ended on a repetition: Speaker \d repeated 100%/);
    const file = join(workDir, `${id}-order.json`);
    expect((await tm(['export', id, '--format', 'json', '--out', file])).code).toBe(0);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(exported).toMatchObject({ stopReason: 'repetition', order: { kind: 'random', seed: 0 }, stopOn: { repetition: { threshold: 0.6, ngram: 3 } } });
    expect(exported.stopNote).toMatch(/^Speaker \d repeated 100%/);
    // Imported under a new id (this one is taken), it continues in the same shuffled order.
    const imported = await tm(['import', file]);
    const copy = /as (\d{8}-\d{6}-[0-9a-f]{6})/.exec(imported.stdout)?.[1] ?? '';
    expect((await shown(copy)).outcome).toBe('complete');
    const again = JSON.parse((await tm(['show', copy, '--json'])).stdout) as Record<string, unknown>;
    expect(again).toMatchObject({ order: { kind: 'random', seed: 0 }, stopReason: 'repetition', stopNote: exported.stopNote });
  });

  it('says in one line when an id is not in the library, or a debate is damaged', async () => {
    const unknown = await tm(['show', '20990101-000000-abcdef']);
    expect(unknown.code).toBe(1);
    expect(expectOneLine(unknown.stderr)).toBe(
      `talking-models: no debate 20990101-000000-abcdef in ${library}; \`talking-models list --library ${library}\` shows the debates there`,
    );
    for (const command of [['continue', 'nonsense'], ['branch', 'nonsense', '--at', '1'], ['export', 'nonsense', '--out', join(workDir, 'n.md')], ['delete', 'nonsense']]) {
      const result = await tm(command);
      expect(result.code).toBe(1);
      expect(expectOneLine(result.stderr)).toContain('no debate nonsense in');
    }

    const damaged = '20260101-000000-aaaaaa';
    mkdirSync(join(library, damaged), { recursive: true });
    writeFileSync(join(library, damaged, 'meta.json'), '{"schema": 1, "id": "2026');
    expect(await listed()).toEqual([{ id: damaged, damaged: true, reason: expect.stringContaining('not valid JSON') }]);
    expect((await tm(['list'])).stdout).toMatch(new RegExp(`${damaged}\\s+-\\s+damaged\\s+-\\s+meta\\.json is not valid JSON`));
    const show = await tm(['show', damaged]);
    expect(show.code).toBe(1);
    expect(expectOneLine(show.stderr)).toMatch(new RegExp(`debate ${damaged} is damaged and can't be opened: meta\\.json is not valid JSON`));
  });

  it('continue adds exchanges to a finished debate', async () => {
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: 'Tea.' }, { name: 'qwen2.5:0.5b', reply: 'Coffee.' }] });
    const id = await debate(server, 1);
    const refused = await tm(['continue', id, '--host', server.url]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(expectOneLine(refused.stderr)).toBe(
      `talking-models: debate ${id} is complete (1 exchange); add more with: talking-models continue ${id} --exchanges N --library ${library}`,
    );

    const result = await tm(['continue', id, '--exchanges', '1', '--host', server.url]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 earlier turns');
    expect(result.stdout).toContain('Speaker 1 (llama3.2:1b, Cynic) · exchange 2 of 2\nTea.\n');
    expect(result.stdout).toContain(`Saved as ${id}\n`);
    expect(server.chatRequests()).toHaveLength(4);
    const debateNow = await shown(id);
    expect(debateNow).toMatchObject({ outcome: 'complete', exchanges: 2 });
    expect(debateNow.turns).toHaveLength(4);
    expect((await listed())[0]).toMatchObject({ id, turns: 4, outcome: 'complete' });
  });

  it('branch --at 1 with another tone: the new speaker gets its prompt, and list shows the parent', async () => {
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: 'Tea.' }, { name: 'qwen2.5:0.5b', reply: 'Coffee.' }] });
    const parent = await debate(server, 1);
    const result = await tm(['branch', parent, '--at', '1', '--speaker', '-', '--speaker', 'qwen2.5:0.5b:Adversary', '--note', 'Disagree now.', '--host', server.url]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const branch = savedId(result.stdout);
    expect(branch).not.toBe(parent);
    expect(result.stdout).toContain(`A branch of ${parent} from turn 1\n`);
    expect(result.stdout).toMatch(/Moderator: Disagree now\.\n\n(Loading .*\n\n)?Speaker 2 \(qwen2\.5:0\.5b, Adversary\) · exchange 1 of 1\nCoffee\.\n/);

    const requests = server.chatRequests();
    expect(requests).toHaveLength(3);
    const adversary = BUILT_IN_TONES.find((tone) => tone.name === 'Adversary')?.prompt ?? '';
    const polite = BUILT_IN_TONES.find((tone) => tone.name === 'Polite')?.prompt ?? '';
    expect(systemPrompt(requests[1])).toContain(polite);
    expect(systemPrompt(requests[2])).toContain(adversary);
    expect(systemPrompt(requests[2])).not.toContain(polite);
    const sent = (requests[2]?.body as { messages: { content: string }[] }).messages.map((message) => message.content);
    expect(sent).toContain('Moderator: Disagree now.');
    expect(sent.some((content) => content.includes('Tea.'))).toBe(true);

    // Both were made within a second or so: their order in the list is not the point here.
    const entries = await listed();
    expect(entries.find((entry) => entry.id === branch)).toMatchObject({ parentId: parent, forkedAtTurn: 1, turns: 3, outcome: 'complete' });
    expect(entries.find((entry) => entry.id === parent)).not.toHaveProperty('parentId');
    expect((await tm(['list'])).stdout).toContain(`↳ branch of ${parent} at turn 1: Tea or coffee?`);
    const copied = await shown(branch);
    expect(copied.turns.map((turn) => turn.text)).toEqual(['Tea.', 'Disagree now.', 'Coffee.']);
    expect((await shown(parent)).turns.map((turn) => turn.text)).toEqual(['Tea.', 'Coffee.']);
  });

  it('export json, import, export again gives identical JSON; import says when the id was taken', async () => {
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: 'Tea\u0007 «wins».' }, { name: 'qwen2.5:0.5b', reply: 'Coffee.' }] });
    const id = await debate(server, 1);
    const first = join(workDir, `${id}-1.json`);
    const exported = await tm(['export', id, '--format', 'json', '--out', first]);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toBe(`Exported ${id} to ${first}\n`);

    const other = mkdtempSync(join(workDir, 'other-library-'));
    const imported = await runCli(['import', first, '--library', other]);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe(`Imported as ${id}\n`);
    const second = join(workDir, `${id}-2.json`);
    expect((await runCli(['export', id, '--out', second, '--library', other])).code).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));

    const again = await tm(['import', first]);
    expect(again.code).toBe(0);
    const match = /^Imported as (\S+) \(the id (\S+) was taken in this library, so the debate got a new one\)\n$/.exec(again.stdout);
    expect(match?.[2]).toBe(id);
    expect(match?.[1]).not.toBe(id);

    const refused = await tm(['export', id, '--format', 'json', '--out', first]);
    expect(refused.code).toBe(1);
    expect(expectOneLine(refused.stderr)).toContain('--force');
    const markdown = join(workDir, `${id}.md`);
    expect((await tm(['export', id, '--out', markdown])).code).toBe(0);
    expect(readFileSync(markdown, 'utf8')).toContain('# Tea or coffee?');

    const broken = join(workDir, 'broken.json');
    writeFileSync(broken, '{"format": "talking-models/debate", "version": 99}');
    const bad = await tm(['import', broken]);
    expect(bad.code).toBe(1);
    expect(expectOneLine(bad.stderr)).toContain(`${broken} was not imported`);
  });

  it('delete refuses a debate with branches without --yes when stdin is not a terminal; the branches stay', async () => {
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: 'Tea.' }, { name: 'qwen2.5:0.5b', reply: 'Coffee.' }] });
    const parent = await debate(server, 1);
    // A branch of every turn has nothing left to run: it is saved, and says how to go on.
    const branched = await tm(['branch', parent, '--at', '2', '--host', server.url]);
    expect(branched.stderr).toBe('');
    expect(branched.code).toBe(0);
    const branch = savedId(branched.stdout);
    expect(branched.stdout).toContain(`talking-models continue ${branch} --exchanges N`);
    expect(server.chatRequests()).toHaveLength(2);

    const refused = await tm(['delete', parent], '');
    expect(refused.code).toBe(1);
    const line = expectOneLine(refused.stderr);
    expect(line).toContain(`debate ${parent} has a branch (${branch})`);
    expect(line).toContain('--yes');
    expect((await listed()).map((entry) => entry.id).sort()).toEqual([branch, parent].sort());

    const deleted = await tm(['delete', parent, '--yes']);
    expect(deleted.stderr).toBe('');
    expect(deleted.stdout).toBe(`Deleted ${parent}; its branch ${branch} stays, without a parent\n`);
    expect(await listed()).toEqual([expect.objectContaining({ id: branch, parentId: parent })]);
    expect((await tm(['list'])).stdout).toContain(`↳ branch of ${parent} at turn 2 (deleted): Tea or coffee?`);

    const plain = await tm(['delete', branch]);
    expect(plain.stdout).toBe(`Deleted ${branch}\n`);
    expect(await listed()).toEqual([]);
  });

  it('a CLI killed (-9) mid-turn leaves the debate interrupted; continue finishes it, keeping the cut-off turn marked', async () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    const server = await sim({ tokenDelayMs: 15, models: [{ name: 'llama3.2:1b', reply: words }, { name: 'qwen2.5:0.5b', reply: 'Coffee.' }] });
    const run = startCli(['debate', '--topic', 'Kill me', ...TWO, '--exchanges', '1', '--host', server.url, '--library', library]);
    await until(() => run.stdout().includes(' w20 '), 'tokens on stdout');
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.code).toBeNull();
    const shownBeforeKill = killed.stdout.slice(killed.stdout.indexOf('w0 '));

    const [entry] = await listed();
    expect(entry).toMatchObject({ topic: 'Kill me', outcome: 'interrupted' });
    const id = entry?.id as string;

    // Before anyone continues it, show already has the cut-off text, marked.
    const before = await tm(['show', id]);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/1\. Speaker 1 [^\n]*\nw0 w1 w2 [^\n]*\n[^\n]*stopped: Cut off/);
    expect(before.stdout).toContain(`Go on with it: talking-models continue ${id} --library ${library}`);

    server.setOptions({ tokenDelayMs: 0 });
    const continued = await tm(['continue', id, '--host', server.url]);
    expect(continued.stderr).toBe('');
    expect(continued.code).toBe(0);
    expect(continued.stdout).toContain('a turn it cut off is kept, marked');
    expect(continued.stdout).toContain(`Saved as ${id}\n`);

    const after = await shown(id);
    expect(after.outcome).toBe('complete');
    expect(after.turns.map((turn) => [turn.kind, turn.speakerIndex, turn.status])).toEqual([
      ['speaker', 0, 'stopped'],
      ['speaker', 0, 'complete'],
      ['speaker', 1, 'complete'],
    ]);
    const cut = after.turns[0] as ExportedTurn;
    expect(cut.note).toMatch(/cut off/i);
    expect(cut.text.startsWith('w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10')).toBe(true);
    // Saved every 100 ms at most: what was on screen is kept, give or take the last moment of it.
    expect(cut.text.length).toBeGreaterThan(shownBeforeKill.length - 80);
    expect(after.turns[1]?.text).toBe(words);
    // The cut-off reply is left out of what the next speakers are sent.
    const last = server.chatRequests().at(-1)?.body as { messages: { content: string }[] };
    expect(last.messages.filter((message) => message.content.includes('w10 '))).toHaveLength(1);
    expect((await tm(['show', id])).stdout).toMatch(/1\. Speaker 1 .*\nw0 w1 [^\n]*\n[^\n]*stopped: Cut off/);
  });

  it('--interactive reads a moderator note after a turn, and the next speaker is sent it', async () => {
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: 'Tea.' }, { name: 'qwen2.5:0.5b', reply: 'Coffee.' }] });
    const result = await tm(['debate', '--topic', 'Tea or coffee?', ...TWO, '--exchanges', '2', '--host', server.url, '--interactive'], 'Be brief, both of you.\n\n\n\n');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Tea.\n');
    expect(result.stdout).toMatch(/Tea\.\n[^\n]+ in all\n\nModerator: Be brief, both of you\.\n\nSpeaker 2 \(qwen2\.5:0\.5b, Polite\)/);
    const id = savedId(result.stdout);

    const requests = server.chatRequests();
    expect(requests).toHaveLength(4);
    const contents = (index: number): string[] => (requests[index]?.body as { messages: { content: string }[] }).messages.map((message) => message.content);
    expect(contents(0)).not.toContain('Moderator: Be brief, both of you.');
    expect(contents(1)).toContain('Moderator: Be brief, both of you.');
    expect(contents(3)).toContain('Moderator: Be brief, both of you.');

    const saved = await shown(id);
    expect(saved.outcome).toBe('complete');
    expect(saved.turns.map((turn) => turn.kind)).toEqual(['speaker', 'moderator', 'speaker', 'speaker', 'speaker']);
    expect((await tm(['show', id])).stdout).toContain('2. Moderator: Be brief, both of you.');
  });

  it.each(['/proc/talking-models', '/dev/full/talking-models', '/sys'])('with an unwritable library (%s) the debate still runs, with a clear "not saved" warning', async (folder) => {
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: 'Tea.' }, { name: 'qwen2.5:0.5b', reply: 'Coffee.' }] });
    const result = await runCli(['debate', '--topic', 'Tea or coffee?', ...TWO, '--exchanges', '1', '--host', server.url, '--library', folder]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Speaker 2 (qwen2.5:0.5b, Polite) · exchange 1 of 1\nCoffee.\n');
    expect(result.stdout).not.toContain('Saved as');
    const warnings = result.stderr.trimEnd().split('\n');
    for (const line of warnings) expect(line).toMatch(/^talking-models: warning: /);
    expect(warnings.at(-1)).toMatch(new RegExp(`^talking-models: warning: debate \\S+ was not saved in ${folder}; pass --out FILE\\.md to keep a transcript$`));
    expect(result.stderr).toContain(folder);
    expect(server.chatRequests()).toHaveLength(2);
  });
});

describe('hostile text never reaches the terminal or the file raw', () => {
  const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  const EVIL = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202egnp.exe\u2066x\u2069';

  it('from replies, topics, tone names and model names', async () => {
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: `Reply ${EVIL} end.` }] });
    const toneFile = join(workDir, 'evil-tones.json');
    const toneName = `Evil${EVIL}`;
    writeFileSync(toneFile, JSON.stringify([{ name: toneName, prompt: `Prompt ${EVIL}` }]));
    const out = join(workDir, 'evil.md');
    const result = await runCli(['debate', '--topic', `Topic ${EVIL}`, '--speaker', `llama3.2:1b:${toneName}`, '--host', server.url, '--tone-file', toneFile, '--out', out, '--exchanges', '1']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Topic: Topic ]0;pwned[2J31mgnp.exex\n');
    expect(result.stdout).toContain('Speaker 1 (llama3.2:1b, Evil]0;pwned[2J31mgnp.exex) · exchange 1 of 1\nReply ]0;pwned[2J31mgnp.exex end.');
    const missing = await runCli(['debate', '--topic', 't', '--speaker', `ghost${EVIL}:7b`, '--host', server.url]);
    expect(expectOneLine(missing.stderr)).toContain('Model "ghost]0;pwned[2J31mgnp.exex:7b" is not installed');
    const tones = await runCli(['tones', '--tone-file', toneFile]);
    expect(tones.stdout).toContain('Prompt ]0;pwned[2J31mgnp.exex');
    const shown = await runCli(['show', savedId(result.stdout)]);
    for (const text of [result.stdout, readFileSync(out, 'utf8'), missing.stdout, missing.stderr, tones.stdout, shown.stdout]) expect(text).not.toMatch(UNSAFE);
  });

  it('from the server: a junk stream line is one warning line, an error dump one error line, and ollama-js prints nothing', async () => {
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: 'One two three four.' }, { name: 'qwen2.5:0.5b' }] });
    server.setFault('llama3.2:1b', { type: 'raw-line-after', tokens: 2, line: `invalid ${EVIL}\n${'junk '.repeat(90_000)}` });
    const junk = await runCli(['debate', '--topic', 't', '--speaker', 'llama3.2:1b', '--exchanges', '1', '--host', server.url]);
    expect(junk.code).toBe(0);
    expect(junk.stdout).toContain('One two three four.');
    expect(junk.stdout).not.toMatch(/invalid json|junk/i);
    expect(expectOneLine(junk.stderr)).toMatch(/^talking-models: warning: http:\/\/127\.0\.0\.1:\d+ sent a line that is not Ollama's JSON \("invalid \]0;pwned/);

    server.setRouteFault('/api/chat', { type: 'raw', status: 500, contentType: 'text/plain', body: `${EVIL}${'dump '.repeat(90_000)}` });
    const dump = await runCli(['debate', '--topic', 't', '--speaker', 'qwen2.5:0.5b', '--exchanges', '1', '--host', server.url]);
    expect(dump.code).toBe(1);
    expect(dump.stdout).not.toContain('Getting text from response');
    const line = expectOneLine(dump.stderr);
    expect(line).toContain('answered HTTP 500');
    expect(line.length).toBeLessThan(500);
    expect(line).not.toMatch(UNSAFE);
  });
});

describe('a server that hangs or is not Ollama gets its true diagnosis', () => {
  it('/api/version never answering: "answered nothing in 10 s", not "start it with ollama serve"', async () => {
    const server = await sim();
    server.setRouteFault('/api/version', { type: 'hang' });
    const startedAt = Date.now();
    const result = await runCli(['debate', '--topic', 't', '--speaker', 'llama3.2:1b', '--host', server.url]);
    expect(Date.now() - startedAt).toBeLessThan(16_000);
    expect(result.code).toBe(1);
    const line = expectOneLine(result.stderr);
    expect(line).toContain(`Ollama at ${server.url} accepted the connection but answered nothing in 10 s`);
    expect(line).not.toContain('ollama serve');
  }, 25_000);

  it('`models` against /api/tags never answering, or answering garbage', async () => {
    const server = await sim();
    server.setRouteFault('/api/tags', { type: 'hang-after-headers' });
    const hung = await runCli(['models', '--host', server.url]);
    expect(hung.code).toBe(1);
    expect(expectOneLine(hung.stderr)).toContain('accepted the connection but answered nothing in 10 s');
    server.setRouteFault('/api/tags', { type: 'raw', status: 200, contentType: 'text/html', body: '<html>\u001b[31mnginx</html>' });
    const garbage = await runCli(['models', '--host', server.url]);
    expect(garbage.code).toBe(1);
    expect(expectOneLine(garbage.stderr)).toBe(`talking-models: The server at ${server.url} does not answer like Ollama (its answer is not JSON): check that the host setting points to Ollama, e.g. http://127.0.0.1:11434.`);
  }, 25_000);

  it('--first-token-timeout and --stall-timeout take seconds, and the messages say them', async () => {
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: 'One two three four five.' }] });
    server.setFault('llama3.2:1b', { type: 'stall-after', tokens: 0 });
    const silent = await runCli(['debate', '--topic', 't', '--speaker', 'llama3.2:1b', '--host', server.url, '--first-token-timeout', '1']);
    expect(silent.code).toBe(1);
    expect(expectOneLine(silent.stderr)).toContain('produced no text within 1 s');
    server.setFault('llama3.2:1b', { type: 'stall-after', tokens: 2 });
    const stalled = await runCli(['debate', '--topic', 't', '--speaker', 'llama3.2:1b', '--host', server.url, '--stall-timeout', '1.5']);
    expect(stalled.code).toBe(1);
    expect(stalled.stdout).toContain('One two');
    expect(expectOneLine(stalled.stderr)).toContain('nothing from');
    const bad = await runCli(['debate', '--topic', 't', '--speaker', 'm', '--stall-timeout', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--stall-timeout takes a number of seconds');
  });

  it('a password in --host is never printed', async () => {
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: 'Fine.' }] });
    const withPassword = `http://ada:s3cret@127.0.0.1:${server.port}`;
    const ok = await runCli(['debate', '--topic', 't', '--speaker', 'llama3.2:1b', '--exchanges', '1', '--host', withPassword]);
    expect(ok.code).toBe(0);
    expect(server.chatRequests()[0]?.headers.authorization).toBe(`Basic ${Buffer.from('ada:s3cret').toString('base64')}`);
    const down = `http://ada:s3cret@127.0.0.1:${await closedPort()}`;
    for (const args of [['models', '--host', down], ['debate', '--topic', 't', '--speaker', 'llama3.2:1b', '--host', down]]) {
      const result = await runCli(args);
      expect(result.code).toBe(1);
      expect(result.stdout + result.stderr).not.toContain('s3cret');
      expect(result.stderr).toContain('ada:***@127.0.0.1');
    }
  });
});

describe('SIGTERM and SIGHUP stop like Ctrl+C', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s keeps the transcript, closes the request and exits %i', async (signal, code) => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    const server = await sim({ tokenDelayMs: 15, models: [{ name: 'llama3.2:1b', reply: words }] });
    const out = join(workDir, `${signal}.md`);
    const run = startCli(['debate', '--topic', 'Stop me', '--speaker', 'llama3.2:1b', '--host', server.url, '--out', out]);
    await until(() => run.stdout().includes(' w5 '), 'the first tokens on stdout');
    run.child.kill(signal);
    const result = await run.done;
    expect(result.code).toBe(code);
    const id = savedId(result.stdout);
    expect(expectOneLine(result.stderr)).toBe(`talking-models: stopped by ${signal}; the transcript so far is in ${out}; continue it with: talking-models continue ${id}`);
    const [request] = server.chatRequests();
    expect((await server.waitForRequestEnd(request?.id ?? -1)).clientClosedAt).not.toBeNull();
    expect(readFileSync(out, 'utf8')).toContain('w0 w1 w2 w3 w4 w5');
    const shown = await runCli(['show', id, '--json']);
    expect((JSON.parse(shown.stdout) as { outcome: string }).outcome).toBe('stopped');
  });
});

describe('an unwritable --out', () => {
  it.each(['/proc/talking-models.md', '/sys/talking-models.md', '/dev/full/talking-models.md'])('%s is refused before the debate, in one line', async (out) => {
    const server = await sim();
    const result = await runCli(['debate', '--topic', 't', '--speaker', 'llama3.2:1b', '--host', server.url, '--out', out]);
    expect(result.code).toBe(1);
    expect(expectOneLine(result.stderr)).toMatch(new RegExp(`^talking-models: cannot write ${out.replace(/\./g, '\\.')}: `));
    expect(server.requests).toHaveLength(0);
    expect(result.stdout).toBe('');
  });

  it('that still fails at the end (a full disk) goes to a named fallback file, and the exit says so', async () => {
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: 'Kept somewhere.' }] });
    const result = await runCli(['debate', '--topic', 't', '--speaker', 'llama3.2:1b', '--exchanges', '1', '--host', server.url, '--out', '/dev/full', '--force']);
    expect(result.code).toBe(1);
    const id = savedId(result.stdout);
    const fallback = join(tmpdir(), `talking-models-${id}.md`);
    expect(expectOneLine(result.stderr)).toBe(`talking-models: cannot write /dev/full: the disk is full (ENOSPC); the transcript is in ${fallback} instead`);
    expect(readFileSync(fallback, 'utf8')).toContain('Kept somewhere.');
    rmSync(fallback);
  });

  it('when the debate failed too, both are said: the fallback, then the debate\'s own error', async () => {
    const server = await sim();
    const result = await runCli(['debate', '--topic', 't', '--speaker', 'ghost:7b', '--host', server.url, '--out', '/dev/full', '--force']);
    // What the CLI said, should the exit code ever differ (it once read 0 on a loaded CI machine).
    expect(result.code, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(1);
    const id = savedId(result.stdout);
    const fallback = join(tmpdir(), `talking-models-${id}.md`);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `talking-models: warning: cannot write /dev/full: the disk is full (ENOSPC); the transcript is in ${fallback} instead`,
      `talking-models: Model "ghost:7b" is not installed on ${server.url}: run \`ollama pull ghost:7b\`. (the transcript so far is in ${fallback})`,
    ]);
    rmSync(fallback);
  });

  it('whose folder vanished during the debate goes to the fallback file', async () => {
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    const server = await sim({ tokenDelayMs: 10, models: [{ name: 'llama3.2:1b', reply: words }] });
    const folder = mkdtempSync(join(workDir, 'vanishing-'));
    const run = startCli(['debate', '--topic', 't', '--speaker', 'llama3.2:1b', '--exchanges', '1', '--host', server.url, '--out', join(folder, 'gone.md')]);
    await until(() => run.stdout().includes(' w5 '), 'the first tokens on stdout');
    rmSync(folder, { recursive: true });
    const result = await run.done;
    expect(result.code).toBe(1);
    const fallback = join(tmpdir(), `talking-models-${savedId(result.stdout)}.md`);
    expect(expectOneLine(result.stderr)).toContain(`the transcript is in ${fallback} instead`);
    expect(readFileSync(fallback, 'utf8')).toContain('w99');
    rmSync(fallback);
  });
});

describe('a --speaker tone that is not one', () => {
  it.each([
    ['llama3.2:1b:Bogus', '"Bogus" is not a tone (llama3.2:1b is an installed model)'],
    ['llama3.2:1b:cynik', '"cynik" is not a tone (llama3.2:1b is an installed model)'],
    ['mistral:7b:Bogus', '"Bogus" is not a tone'],
    ['llama3.2:Pirate', '"Pirate" is not a tone, nor an installed tag of llama3.2 (if it is a tag: ollama pull llama3.2:Pirate)'],
  ])('%s is a usage error listing the tones, before any debate', async (speaker, what) => {
    const server = await sim({ models: [{ name: 'llama3.2:1b' }, { name: 'llama3.2:latest' }] });
    const result = await runCli(['debate', '--topic', 't', '--speaker', speaker, '--host', server.url]);
    expect(result.code).toBe(2);
    expect(expectOneLine(result.stderr)).toBe(
      `talking-models: --speaker ${speaker}: ${what}. The tones are Rational, Philosopher, Cynic, Adversary, Snarky, Polite; \`talking-models tones\` shows their prompts`,
    );
    expect(server.chatRequests()).toHaveLength(0);
    expect(result.stdout).not.toContain('Saved as');
  });

  it('an installed tag, a custom tone and a known tone all still work', async () => {
    const server = await sim({ models: [{ name: 'llama3.2:1b', reply: 'A.' }, { name: 'qwen2.5:0.5b', reply: 'B.' }] });
    const toneFile = join(workDir, 'pirate.json');
    writeFileSync(toneFile, JSON.stringify([{ name: 'Pirate', prompt: 'Arr.' }]));
    const result = await runCli(['debate', '--topic', 't', '--speaker', 'llama3.2:1b', '--speaker', 'qwen2.5:0.5b:pirate', '--exchanges', '1', '--host', server.url, '--tone-file', toneFile]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Speaker 2 (qwen2.5:0.5b, Pirate)');
  });
});

describe('custom tones at scale', () => {
  it('a tone file of 1,000 tones is refused at once, in one line', async () => {
    const toneFile = join(workDir, 'many-tones.json');
    writeFileSync(toneFile, JSON.stringify(Array.from({ length: 1000 }, (_, i) => ({ name: `Tone ${i}`, prompt: `Speak as tone ${i}.` }))));
    const startedAt = Date.now();
    const result = await runCli(['tones', '--tone-file', toneFile]);
    expect(Date.now() - startedAt).toBeLessThan(5000);
    expect(result.code).toBe(1);
    expect(expectOneLine(result.stderr)).toContain('lists 1000 tones; at most 100 are allowed');
  });
});

/** A speaker that answers the closing request in its two lines, and argues otherwise. */
function speaker(name: string, answer: string): { name: string; reply: (request: ChatRequestBody) => string } {
  return {
    name,
    reply: (request) => {
      const last = request.messages?.[request.messages.length - 1]?.content ?? '';
      return last.includes('Position: <one sentence final position>') ? `Position: ${name} holds firm.\nAnswer: ${answer}` : `${name} argues its case at some length.`;
    },
  };
}

describe('talking-models debate with --order simultaneous, --moderator and --closing', () => {
  it('prints the moderator at work, each simultaneous turn whole, the closing statements and the vote; show and the exports carry them', async () => {
    const server = await sim({
      models: [speaker('llama3.2:1b', 'Yes.'), speaker('qwen2.5:0.5b', 'yes'), speaker('smollm2:135m', 'No'), scriptedModerator({ name: 'gemma3:4b' })],
    });
    const speakers = ['--speaker', 'llama3.2:1b', '--speaker', 'qwen2.5:0.5b', '--speaker', 'smollm2:135m'];
    const result = await runCli(['debate', '--topic', 'Is tea better?', ...speakers, '--exchanges', '1', '--host', server.url, '--order', 'simultaneous', '--moderator', 'gemma3:4b', '--closing']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toContain('Order: simultaneous (every speaker answers the previous round at once) · Moderator: gemma3:4b · Closing statements: yes, tallied as a vote');
    expect(out).toContain('Moderator (gemma3:4b) frames the debate…\nModerator (gemma3:4b) · framing the question: ');
    // Each turn of the simultaneous round whole: its label, its reply, its metrics line.
    for (const model of ['llama3.2:1b', 'qwen2.5:0.5b', 'smollm2:135m']) {
      expect(out).toMatch(new RegExp(`\\(${model.replace(/\./g, '\\.')}, [^)]+\\) · exchange 1 of 1\\n${model.replace(/\./g, '\\.')} argues its case at some length\\.\\n\\d+ tokens`));
    }
    expect(out.match(/· Closing statement\n/g)).toHaveLength(3);
    expect(out).toContain('Vote of the closing statements (3 statements)');
    expect(out).toContain('Result: majority for "Yes." (2 of 3)');
    const id = savedId(out);

    const shown = await runCli(['show', id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Moderator (gemma3:4b) · framing the question: ');
    expect(shown.stdout.match(/· Closing statement\n/g)).toHaveLength(3);
    expect(shown.stdout).toContain('Result: majority for "Yes." (2 of 3)');

    const markdownFile = join(workDir, `${id}.md`);
    expect((await runCli(['export', id, '--out', markdownFile])).code).toBe(0);
    const markdown = readFileSync(markdownFile, 'utf8');
    expect(markdown).toContain('- **Order:** simultaneous');
    expect(markdown).toContain('- **Moderator:** gemma3:4b');
    expect(markdown).toContain('. Moderator** (gemma3:4b) · framing the question');
    expect(markdown).toContain('## Vote · 3 closing statements\n\n**Result:** majority for "Yes." (2 of 3)');

    const jsonFile = join(workDir, `${id}.json`);
    expect((await runCli(['export', id, '--out', jsonFile])).code).toBe(0);
    const exported = JSON.parse(readFileSync(jsonFile, 'utf8')) as Record<string, unknown>;
    expect(exported).toMatchObject({ order: { kind: 'simultaneous' }, moderator: { model: 'gemma3:4b' }, closingStatements: true, vote: { statements: 3, majority: 'Yes.' } });
    // Imported (under a new id: this one is taken), the debate keeps its moderator and closing statements.
    const imported = await runCli(['import', jsonFile]);
    const copy = /as (\d{8}-\d{6}-[0-9a-f]{6})/.exec(imported.stdout)?.[1] ?? '';
    const again = JSON.parse((await runCli(['show', copy, '--json'])).stdout) as Record<string, unknown>;
    expect(again).toMatchObject({ moderator: { model: 'gemma3:4b' }, closingStatements: true, vote: exported.vote });
  });

  it('refuses the new options used wrongly with the message, then the usage, on stderr', async () => {
    const base = ['debate', '--topic', 't', '--speaker', 'm'];
    const cases: [string[], string][] = [
      [['--order', 'moderator'], '--order moderator needs --moderator MODEL'],
      [['--stop-on', 'consensus'], '--stop-on consensus needs --moderator MODEL or --judge MODEL'],
      [['--embed-model', 'nomic-embed-text'], '--embed-model needs --stop-on repetition'],
      [['--moderator', 'gemma3:4b@'], '--moderator gemma3:4b@: give a server after "@"'],
    ];
    for (const [extra, message] of cases) {
      const result = await runCli([...base, ...extra]);
      expect(result.code, extra.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')[0], extra.join(' ')).toContain(`talking-models: ${message}`);
      expect(result.stderr).toContain('\n\nUsage: talking-models <command>');
    }
  });
});
