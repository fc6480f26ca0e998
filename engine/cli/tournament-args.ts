// `talking-models tournament`: its options, parsed into one typed command. Pure.
import { parseArgs } from 'node:util';
import { MAX_EXCHANGES, MIN_EXCHANGES } from '../limits';
import { redisUrlProblem } from '../queue/redis-url';

/** Most debates one host runs at once that --concurrency accepts. */
export const MAX_CONCURRENCY = 16;

export const DEFAULT_TOURNAMENT_EXCHANGES = 3;

export interface TournamentCommand {
  kind: 'tournament';
  /** --model, at least two different. */
  models: string[];
  /** --topic values; --topics-file adds its lines. */
  topics: string[];
  topicsFile: string | undefined;
  judge: string;
  exchanges: number;
  /** --tone: every speaker's tone; undefined: Rational. */
  tone: string | undefined;
  /** --host values; empty: $OLLAMA_HOST, else the default host. */
  hosts: string[];
  /** Debates each host runs at once (Ollama does not say how many parallel slots it has). */
  concurrency: number;
  out: string | undefined;
  force: boolean;
  library: string | undefined;
  /** --queue: enqueue the debates on this Redis for `worker`s to run (engine/queue), instead of running them here. */
  queue: string | undefined;
}

const TOURNAMENT_OPTIONS = {
  model: { type: 'string', multiple: true },
  topic: { type: 'string', multiple: true },
  'topics-file': { type: 'string' },
  judge: { type: 'string' },
  exchanges: { type: 'string' },
  tone: { type: 'string' },
  host: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  library: { type: 'string' },
  queue: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const TOURNAMENT_USAGE = `tournament options:
  --model MODEL           A contestant (give it at least twice); every pair of models
                          debates every topic twice, each speaking first once
  --topic TEXT            A topic (repeatable)
  --topics-file FILE      Topics, one per line (blank lines and lines starting with #
                          are skipped)
  --judge MODEL           The judge of every debate (required)
  --exchanges N           Rounds per debate, ${MIN_EXCHANGES} to ${MAX_EXCHANGES} (default ${DEFAULT_TOURNAMENT_EXCHANGES})
  --tone TONE             Every speaker's tone (default Rational)
  --host URL              An Ollama server (repeatable): each runs the debates whose two
                          models and judge it has (default: $OLLAMA_HOST, else
                          http://127.0.0.1:11434)
  --concurrency N         Debates each host runs at once, 1 to ${MAX_CONCURRENCY} (default 1)
  --out FILE.md           Write the results (leaderboard and every match) there
  --force                 Overwrite FILE.md if it already exists
  --queue URL             Enqueue the debates on this Redis (redis://HOST:6379) instead:
                          \`talking-models worker\` on each machine runs and judges them,
                          and this command collects them into its library
  The same command again resumes the tournament: finished debates are not run again.`;

/** A model-like value: given, not blank, not an option swallowed as a value. */
function modelName(flag: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('-')) throw new Error(`${flag} needs a model name, e.g. ${flag} gemma3:4b`);
  return trimmed;
}

function wholeNumberIn(flag: string, value: string | undefined, least: number, most: number, fallback: number): number {
  if (value === undefined) return fallback;
  const number = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!(number >= least && number <= most)) throw new Error(`${flag} takes a whole number from ${least} to ${most}, not "${value}"`);
  return number;
}

/** --queue URL: a Redis URL, checked. */
function queueOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problem = redisUrlProblem(value.trim());
  if (problem !== null) throw new Error(problem);
  return value.trim();
}

/** Pure: the tournament command, or help; throws a one-sentence usage problem. */
export function parseTournament(args: readonly string[]): TournamentCommand | { kind: 'help' } {
  const { values } = parseArgs({ args: [...args], options: TOURNAMENT_OPTIONS, strict: true });
  if (values.help) return { kind: 'help' };
  const models = [...new Set((values.model ?? []).map((model) => modelName('--model', model)))];
  if (models.length < 2) throw new Error('tournament needs at least two different --model options');
  if (values.judge === undefined) throw new Error('tournament needs --judge MODEL: the model that judges every debate');
  const judge = modelName('--judge', values.judge);
  const topics = (values.topic ?? []).map((topic) => topic.trim());
  if (topics.some((topic) => topic === '')) throw new Error('--topic needs a text');
  const topicsFile = values['topics-file'];
  if (topicsFile !== undefined && topicsFile.trim() === '') throw new Error('--topics-file needs a file');
  if (topics.length === 0 && topicsFile === undefined) throw new Error('tournament needs --topic TEXT or --topics-file FILE');
  const hosts = values.host ?? [];
  if (hosts.some((host) => host.trim() === '')) throw new Error('--host needs a URL, e.g. --host http://127.0.0.1:11434');
  const tone = values.tone?.trim();
  if (tone === '') throw new Error('--tone needs a tone name, e.g. --tone Cynic');
  const library = values.library;
  if (library !== undefined && library.trim() === '') throw new Error('--library needs a folder');
  const out = values.out;
  if (out !== undefined && out.trim() === '') throw new Error('--out needs a file name');
  return {
    kind: 'tournament',
    models,
    topics,
    topicsFile,
    judge,
    exchanges: wholeNumberIn('--exchanges', values.exchanges, MIN_EXCHANGES, MAX_EXCHANGES, DEFAULT_TOURNAMENT_EXCHANGES),
    tone,
    hosts: hosts.map((host) => host.trim()),
    concurrency: wholeNumberIn('--concurrency', values.concurrency, 1, MAX_CONCURRENCY, 1),
    out,
    force: values.force ?? false,
    library,
    queue: queueOption(values.queue),
  };
}

/** Pure: a topics file's topics: one per line, blank lines and # comments skipped. */
export function topicsFromFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
