// The built CLI (dist/cli.js) as a child process against the simulator: --language reaches every
// speaker's system message and stays with the debate (show, the markdown, continue); per-speaker
// temperature and context windows (from --speaker settings and --speakers-file) reach Ollama as
// options.temperature and options.num_ctx; a persona file's stance and role reach the prompt.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type OllamaSimulator } from '../simulator/ollama-simulator';
import { startCli, type CliResult } from './cli-child';

let workDir: string;
let sim: OllamaSimulator;

beforeEach(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'tm-language-cli-'));
  sim = await startSimulator({ models: [{ name: 'one:1b', reply: 'Le thé.' }, { name: 'two:1b', reply: 'Le café.' }] });
});

afterEach(async () => {
  await sim.close();
  rmSync(workDir, { recursive: true, force: true });
});

function runCli(args: string[]): Promise<CliResult> {
  return startCli(args, { cwd: workDir, library: join(workDir, 'library') }).done;
}

interface ChatBody {
  messages: { role: string; content: string }[];
  options?: { temperature?: number; num_ctx?: number };
}

const bodies = (): ChatBody[] => sim.chatRequests().map((request) => request.body as ChatBody);
const systemOf = (body: ChatBody | undefined): string => body?.messages.find((message) => message.role === 'system')?.content ?? '';

describe('talking-models --language and per-speaker settings', () => {
  it('tells every speaker the language, sends each speaker its temperature and window, and keeps the language on continue', async () => {
    const out = join(workDir, 'debate.md');
    const run = await runCli([
      'debate', '--topic', 'Thé ou café ?', '--language', 'French', '--context-window', '4096', '--exchanges', '1', '--out', out, '--host', sim.url,
      '--speaker', 'one:1b:Cynic,name=Ada,temperature=0.2,context-window=2048', '--speaker', 'two:1b',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Language: French');
    expect(run.stdout).toContain('Ada (one:1b, Cynic)');
    expect(run.stdout).toMatch(/prompt [\d,]+ tokens?( \([\d,]+ cached\))? of 2,048/);
    expect(run.stdout).toMatch(/prompt [\d,]+ tokens?( \([\d,]+ cached\))? of 4,096/);
    const first = bodies();
    expect(first).toHaveLength(2);
    for (const body of first) expect(systemOf(body).endsWith('Reply in French.')).toBe(true);
    expect(first.map((body) => body.options?.temperature)).toEqual([0.2, undefined]);
    expect(first.map((body) => body.options?.num_ctx)).toEqual([2048, 4096]);
    expect(readFileSync(out, 'utf8')).toContain('- **Language:** French');

    const id = /Saved as (\S+)/.exec(run.stdout)?.[1] ?? '?';
    const shown = await runCli(['show', id, '--no-color']);
    expect(shown.stdout).toContain('Language: French');
    const continued = await runCli(['continue', id, '--exchanges', '1', '--host', sim.url]);
    expect(continued.code).toBe(0);
    const later = bodies().slice(2);
    expect(later).toHaveLength(2);
    for (const body of later) expect(systemOf(body).endsWith('Reply in French.')).toBe(true);
  });

  it('takes the speakers from --speakers-file with personas from --persona-file, and refuses a bad entry by name', async () => {
    const personas = join(workDir, 'personas.json');
    writeFileSync(personas, JSON.stringify({ talkingModelsPersonas: 1, personas: [{ name: 'Economist', prompt: 'Cite numbers.', stance: 'for', role: 'an economist' }] }));
    const speakers = join(workDir, 'speakers.json');
    writeFileSync(speakers, JSON.stringify([{ name: 'Ada', model: 'one:1b', tone: 'economist', temperature: 1.1, contextWindow: 3072 }, { model: 'two:1b', stance: 'against' }]));
    const run = await runCli(['debate', '--topic', 'Tea?', '--speakers-file', speakers, '--persona-file', personas, '--exchanges', '1', '--host', sim.url]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [ada, other] = bodies();
    expect(ada?.options).toMatchObject({ temperature: 1.1, num_ctx: 3072 });
    expect(systemOf(ada)).toContain('Cite numbers. You argue for the motion');
    expect(systemOf(ada)).toContain('You speak as an economist.');
    expect(systemOf(ada)).not.toContain('Reply in');
    expect(systemOf(other)).toContain('You argue against the motion');

    writeFileSync(speakers, JSON.stringify([{ model: 'one:1b' }, { name: 'Bo', model: 'two:1b', temperature: 5 }]));
    const refused = await runCli(['debate', '--topic', 'Tea?', '--speakers-file', speakers, '--host', sim.url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${speakers}: speakers[1] ("Bo").temperature is a number from 0 to 2, not 5`);
    const both = await runCli(['debate', '--topic', 'Tea?', '--speakers-file', speakers, '--speaker', 'one:1b', '--host', sim.url]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give the speakers either as --speaker options or in --speakers-file, not both');
  });
});
