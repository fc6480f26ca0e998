// The built CLI (dist/cli.js) with a reasoning model, as a child process against the simulator:
// --think reaches Ollama, the reasoning stays off the terminal unless --show-thinking, and
// `export --no-thinking` leaves it out of the markdown.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type OllamaSimulator } from '../simulator/ollama-simulator';
import { startCli, type CliResult } from './cli-child';

const REASONING = 'Private musing about rye bread.';
let workDir: string;
let sim: OllamaSimulator;

beforeEach(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'tm-thinking-cli-'));
  sim = await startSimulator({ models: [{ name: 'deep:1b', thinking: REASONING, reply: 'Rye wins.' }, { name: 'plain:1b', reply: 'Wheat wins.' }] });
});

afterEach(async () => {
  await sim.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** Runs the CLI to its end (asynchronously: the simulator answers in this process). */
function runCli(args: string[]): Promise<CliResult> {
  return startCli(args, { cwd: workDir, library: join(workDir, 'library') }).done;
}

const debateArgs = (...extra: string[]) => ['debate', '--topic', 'Rye or wheat?', '--speaker', 'deep:1b', '--speaker', 'plain:1b', '--host', sim.url, ...extra];

describe('talking-models with a reasoning model', () => {
  it('hides the reasoning behind one line, sends --think per speaker, and exports it collapsed unless --no-thinking', async () => {
    const out = join(workDir, 'debate.md');
    const run = await runCli(debateArgs('--exchanges', '1', '--think', '1=high', '--out', out));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\(thought for [\d.]+ m?s\)\nRye wins\./);
    expect(run.stdout).not.toContain('Private musing');
    const bodies = sim.chatRequests().map((request) => request.body as Record<string, unknown>);
    expect(bodies.map((body) => body.think)).toEqual(['high', undefined]);
    // Wheat's speaker heard the reply only.
    expect(JSON.stringify(bodies[1])).toContain('Rye wins.');
    expect(JSON.stringify(bodies[1])).not.toContain('Private musing');
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toContain(`<details>\n<summary>Reasoning · thought for`);
    expect(markdown).toContain(`> ${REASONING}`);

    const id = /Saved as (\S+)/.exec(run.stdout)?.[1] ?? '?';
    const without = join(workDir, 'without.md');
    const exported = await runCli(['export', id, '--out', without, '--no-thinking']);
    expect(exported.code).toBe(0);
    const plain = readFileSync(without, 'utf8');
    expect(plain).not.toContain('Private musing');
    expect(plain).not.toContain('<details>');
    expect(plain).toContain('> Rye wins.');
  });

  it('prints the reasoning with --show-thinking, and refuses a --think it cannot read', async () => {
    const shown = await runCli(debateArgs('--exchanges', '1', '--show-thinking'));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`${REASONING.replace(/\./g, '\\.')}\\n\\(thought for [\\d.]+ m?s\\)\\nRye wins\\.`));
    const refused = await runCli(debateArgs('--think', 'hard'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--think takes off, on, low, medium or high, or N=VALUE for speaker N alone, not "hard"');
  });
});
