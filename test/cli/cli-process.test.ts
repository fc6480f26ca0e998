// The built CLI (dist/cli.js) run as a child process against the Ollama simulator over real HTTP.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_TONES } from '../../engine/tones';
import { startSimulator, type OllamaSimulator } from '../simulator/ollama-simulator';

const root = resolve(__dirname, '../..');
const cli = join(root, 'dist/cli.js');
let workDir: string;
let simulator: OllamaSimulator | null = null;
const children = new Set<ChildProcess>();

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI; `done` resolves with its exit code and output. */
function startCli(args: string[]): { child: ChildProcess; stdout: () => string; done: Promise<CliResult> } {
  const env = { ...process.env };
  delete env.OLLAMA_HOST;
  delete env.NO_COLOR;
  const child = spawn(process.execPath, [cli, ...args], { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolvePromise) => {
    child.on('close', (code) => {
      children.delete(child);
      resolvePromise({ code, stdout, stderr });
    });
  });
  return { child, stdout: () => stdout, done };
}

const runCli = (args: string[]): Promise<CliResult> => startCli(args).done;

async function sim(options: Parameters<typeof startSimulator>[0] = {}): Promise<OllamaSimulator> {
  simulator = await startSimulator(options);
  return simulator;
}

/** A port nothing listens on: bound, read, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
  return port;
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 10));
  }
}

function expectOneLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0] ?? '';
}

beforeAll(() => {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
  workDir = mkdtempSync(join(tmpdir(), 'talking-models-cli-'));
});

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
    expect(expectOneLine(result.stderr)).toBe(`talking-models: stopped; the transcript so far is in ${out}`);

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
