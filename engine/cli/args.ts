// The command line, parsed into one typed command. Pure: no I/O, no process.

import { parseArgs } from 'node:util';
import { cleanLanguage, languageProblem } from '../language';
import {
  DEFAULT_CONTEXT_WINDOW,
  DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
  DEFAULT_STALL_TIMEOUT_MS,
  MAX_CONTEXT_WINDOW,
  MAX_EXCHANGES,
  MAX_SPEAKERS,
  MAX_TEMPERATURE,
  MAX_TOTAL_EXCHANGES,
  MIN_CONTEXT_WINDOW,
  MIN_EXCHANGES,
  MIN_SPEAKERS,
  MIN_TEMPERATURE,
} from '../limits';
import { DEFAULT_JUDGE_TIMEOUT_MS } from '../judge/judge-limits';
import { MAX_ORDERS } from '../judge/orders';
import { DEFAULT_EMBEDDING_THRESHOLD, embeddingRepetitionRule } from '../embedding-repetition';
import { DEFAULT_REPETITION_RULE } from '../repetition';
import { MAX_SEED } from '../seeded-random';
import { TURN_ORDERS } from '../turn-order';
import type { ConsensusRule, ModeratorConfig, RepetitionRule, StopConditions, TurnOrder } from '../types';
import { parseSpeakerSettings, splitSpeakerValue } from './speaker-settings';
import { NO_THINKING_CHOICE, parseThinkingChoice, THINK_VALUES, type ThinkingChoice } from './thinking-option';
import { adrOptionProblem } from './adr-output';
import { materialRequest, withMaterialDiffValue, type MaterialRequest } from './material-args';
import { parseTournament, TOURNAMENT_USAGE, type TournamentCommand } from './tournament-args';
import { parseWorker, WORKER_USAGE, type WorkerCommand } from './queue-worker-args';

export const DEFAULT_EXCHANGES = 3;

/** What a branch's `--speaker` is given to keep that slot's speaker as it was. */
export const KEEP_SPEAKER = '-';

/** --library DIR; absent: TALKING_MODELS_LIBRARY, else the platform's per-user data folder. */
interface LibraryOption {
  library: string | undefined;
}

/** What every command that runs a debate (debate, continue, branch) shares. */
interface RunOptions extends LibraryOption {
  host: string | undefined;
  out: string | undefined;
  force: boolean;
  noColor: boolean;
  /** After each turn, read one optional line from stdin as the moderator's interjection. */
  interactive: boolean;
  /** --first-token-timeout, in ms: how long a speaker may take to its first token, model load included. */
  firstTokenTimeoutMs: number | undefined;
  /** --stall-timeout, in ms: how long a speaker may fall silent mid-reply. */
  stallTimeoutMs: number | undefined;
  /** --show-thinking: print a reasoning model's reasoning (dimmed) rather than only how long it took. */
  showThinking: boolean;
  /** --context-window: the window in tokens (Ollama's num_ctx) for speakers without their own. */
  contextWindow: number | undefined;
}

export interface DebateCommand extends RunOptions {
  kind: 'debate';
  topic: string;
  /** Raw `MODEL[:TONE][@HOST][,KEY=VALUE…]` values; resolved once the tones (custom ones too) are known. Empty with --speakers-file. */
  speakers: string[];
  /** --speakers-file: the speakers as JSON instead of --speaker values. */
  speakersFile: string | undefined;
  exchanges: number;
  /** --judge MODEL: a judge gives its verdict once the debate ends. */
  judge: string | undefined;
  /** --adr DIR: the judge model then drafts a decision record into DIR (needs --judge). */
  adr: string | undefined;
  toneFile: string | undefined;
  /** --persona-file: personas usable as tones, with their stance and role. */
  personaFile: string | undefined;
  /** --language: the language every speaker is told to reply in (cleaned). */
  language: string | undefined;
  /** --think: reasoning per speaker, or for all. */
  thinking: ThinkingChoice;
  /** --order (and --seed for random): who speaks when within a round. */
  order: TurnOrder | undefined;
  /** --stop-on (and --repetition-threshold, --embed-model): what ends the debate early. */
  stopOn: StopConditions | undefined;
  /** --moderator MODEL[@HOST]: an AI moderator frames, summarises, may close early, picks speakers in a moderator order. */
  moderator: ModeratorConfig | undefined;
  /** --closing: each speaker ends with a closing statement, tallied as a vote. */
  closingStatements: boolean;
  /** --material and --material-diff: the lines of files and/or the diff the debate is about (read by material-input.ts). */
  material?: MaterialRequest;
}

export interface ContinueCommand extends RunOptions {
  kind: 'continue';
  id: string;
  /** More exchanges to add; undefined: finish the exchanges the debate planned. */
  exchanges: number | undefined;
}

export interface BranchCommand extends RunOptions {
  kind: 'branch';
  id: string;
  /** How many of the debate's turns the branch keeps (1-based, as `show` numbers them). */
  at: number;
  /** Replacement speakers slot by slot: a raw `MODEL[:TONE][@HOST]`, or null to keep that slot's speaker. */
  speakers: (string | null)[];
  /** Exchanges in all; undefined: the debate's own count. */
  exchanges: number | undefined;
  /** A moderator's note the branch starts with. */
  note: string | undefined;
  toneFile: string | undefined;
  personaFile: string | undefined;
  /** --think: reasoning for the branch's speakers (slot by slot, or all). */
  thinking: ThinkingChoice;
}

export interface ListCommand extends LibraryOption {
  kind: 'list';
  json: boolean;
  noColor: boolean;
}

export interface ShowCommand extends LibraryOption {
  kind: 'show';
  id: string;
  json: boolean;
  noColor: boolean;
}

export type ExportFormat = 'md' | 'json';

export interface ExportCommand extends LibraryOption {
  kind: 'export';
  id: string;
  format: ExportFormat;
  out: string;
  force: boolean;
  /** Whether speakers' reasoning goes into a markdown export (off with --no-thinking). */
  thinking: boolean;
}

export interface ImportCommand extends LibraryOption {
  kind: 'import';
  file: string;
}

export interface JudgeCommand extends LibraryOption {
  kind: 'judge';
  id: string;
  /** The judge's model. */
  judge: string;
  host: string | undefined;
  /** Orders to judge in; undefined: two, or one per side with three or more. */
  orders: number | undefined;
  /** The shuffle's seed; undefined: a random one (recorded in the verdict). */
  seed: number | undefined;
  /** Also mark every turn 1-10. */
  marks: boolean;
  /** --timeout, in ms: how long each call to the judge may take. */
  timeoutMs: number | undefined;
  /** --adr DIR: after the verdict, the judge model drafts a decision record into DIR. */
  adr: string | undefined;
  json: boolean;
  noColor: boolean;
}

export interface LeaderboardCommand extends LibraryOption {
  kind: 'leaderboard';
  json: boolean;
  noColor: boolean;
}

export interface DeleteCommand extends LibraryOption {
  kind: 'delete';
  id: string;
  /** Delete a debate that has branches without asking. */
  yes: boolean;
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | DebateCommand
  | ContinueCommand
  | BranchCommand
  | ListCommand
  | ShowCommand
  | ExportCommand
  | ImportCommand
  | DeleteCommand
  | JudgeCommand
  | TournamentCommand
  | WorkerCommand
  | LeaderboardCommand
  | { kind: 'models'; host: string | undefined }
  | { kind: 'tones'; toneFile: string | undefined; noColor: boolean };

export type ParseResult = { ok: true; command: CliCommand } | { ok: false; message: string };

export const USAGE = `Usage: talking-models <command> [options]

Local models served by Ollama debate each other, streamed to your terminal.
Every debate is saved in a library folder, shared with the VS Code extension.

Commands:
  debate              Run a debate (and save it)
  list                List the saved debates, newest first
  show ID             Print a saved debate
  continue ID         Go on with a saved debate
  branch ID --at K    A new debate sharing the first K turns of ID, then running on
  export ID           Write a saved debate to a markdown or JSON file
  import FILE         Add a debate exported as JSON to the library
  delete ID           Delete a saved debate
  judge ID --judge M  A judge model's blind verdict on a saved debate (saved with it)
  tournament          Every pair of models debates every topic, judged: a leaderboard
  worker --queue URL  Run queued tournament debates on this machine's Ollama
  leaderboard         Rank the models by the judged debates in the library
  models              List the models installed in Ollama
  tones               List the tones a speaker can take, with their prompts

debate options:
  --topic TEXT            What the speakers debate (required)
  --speaker MODEL[:TONE][@HOST][,KEY=VALUE...]
                          A speaker: an Ollama model, optionally followed by a tone
                          and a server of its own, e.g. llama3.2:1b:Cynic or
                          llama3.1:70b:Rational@http://gpu-box:11434 (give it ${MIN_SPEAKERS} to ${MAX_SPEAKERS} times),
                          then settings of its own:
                            name=Ada              its name (default: Speaker N)
                            stance=for            for, against, devils-advocate or neutral
                            role=an economist     the expertise it speaks from
                            temperature=0.7       ${MIN_TEMPERATURE} to ${MAX_TEMPERATURE}
                            context-window=16384  its context window in tokens
                          e.g. llama3.2:1b:Rational,stance=for,role=an economist
  --speakers-file FILE.json
                          The speakers as JSON instead of --speaker: an array of
                          {"model", "name"?, "tone"?, "host"?, "temperature"?,
                          "contextWindow"?, "thinking"?, "stance"?, "role"?}
  --exchanges N           Rounds, ${MIN_EXCHANGES} to ${MAX_EXCHANGES}; each speaker speaks once per round
                          (default ${DEFAULT_EXCHANGES})
  --language NAME         The language every speaker replies in, e.g. French
                          (default: none said; models mostly answer in English)
  --tone-file FILE.json   Extra tones: a JSON array of {"name": ..., "prompt": ...}
  --persona-file FILE.json
                          Personas, usable as tones: a persona file exported from
                          the panel ({"talkingModelsPersonas": 1, "personas": [{"name",
                          "prompt", "stance"?, "role"?}]}); a speaker given one takes
                          its stance and role unless it sets its own
  --think VALUE           Reasoning models: ${THINK_VALUES} for every speaker, or
                          N=VALUE for speaker N alone (repeatable); default: each
                          model's own
  --order ORDER           Who speaks when in a round (default round-robin):
                            round-robin   in the order the speakers are given
                            random        reshuffled every round
                            reply         each answers the one before
                            simultaneous  all answer the previous round at once
                                          (a blind first round)
                            moderator     the --moderator picks who speaks next
  --seed N                The random order's seed (recorded; default: drawn)
  --moderator MODEL[@HOST]
                          An AI moderator (any installed model, on a server of its
                          own after @): frames the question, sums up every round,
                          may end the debate early with a reason
  --stop-on LIST          End early, a comma list of:
                            repetition  a speaker repeats one of its own replies
                            consensus   the speakers agree, as the --moderator (else
                                        the --judge model) finds after each round
  --repetition-threshold X
                          What counts as repeating, 0-1: the share of a reply's
                          3-word runs already said (default ${DEFAULT_REPETITION_RULE.threshold}), or with
                          --embed-model the similarity of the two replies' embeddings
                          (default ${DEFAULT_EMBEDDING_THRESHOLD})
  --embed-model MODEL     Compare replies by embedding similarity (Ollama's /api/embed,
                          e.g. nomic-embed-text) instead of shared words
  --closing               Each speaker ends with a closing statement (a final position
                          and a short answer); the answers are tallied as a vote
  --judge MODEL           A judge model's blind verdict when the debate ends
  --material PATH[:START-END]
                          Lines of a file the debate is about (repeatable), sent to
                          every speaker as data, each line labelled path:line
  --material-diff [staged]
                          The uncommitted changes as material: the working tree
                          against HEAD (git diff HEAD), or the index only (staged)
  --adr DIR               Then a decision record (MADR) drafted by the judge model,
                          written as DIR's next NNNN-title.md (e.g. docs/decisions)

continue options:
  --exchanges N           Add N more exchanges (${MIN_EXCHANGES} to ${MAX_EXCHANGES}); without it, finish the
                          exchanges of an interrupted or stopped debate

branch options:
  --at K                  Keep turns 1 to K (as \`show\` numbers them), then run on
  --speaker MODEL[:TONE][@HOST]
                          Replace speakers slot by slot: the first --speaker replaces
                          speaker 1, and so on; "${KEEP_SPEAKER}" keeps that slot's speaker
  --exchanges N           Exchanges in all (up to ${MAX_TOTAL_EXCHANGES}; default: the debate's own)
  --note TEXT             A moderator's note every later speaker receives
  --tone-file FILE.json   Extra tones for the replacement speakers
  --persona-file FILE.json
                          Personas for the replacement speakers
  --think VALUE           As for debate, for the branch's speakers

debate, continue and branch options:
  --interactive           After each turn, type a note for the speakers as the
                          moderator, or press Enter to go on
  --host URL              Ollama server (default: $OLLAMA_HOST, else http://127.0.0.1:11434)
  --first-token-timeout S Seconds a speaker may take to its first word, loading its
                          model included (default ${DEFAULT_FIRST_TOKEN_TIMEOUT_MS / 1000})
  --stall-timeout S       Seconds a speaker may fall silent mid-reply before its turn
                          ends, the reply so far kept (default ${DEFAULT_STALL_TIMEOUT_MS / 1000})
  --show-thinking         Print reasoning models' reasoning, dimmed (default: only a
                          "(thought for 12 s)" line)
  --context-window N      Context window in tokens (Ollama's num_ctx), ${MIN_CONTEXT_WINDOW} to ${MAX_CONTEXT_WINDOW},
                          for speakers without their own (default ${DEFAULT_CONTEXT_WINDOW}, or the
                          window the model is already loaded with when larger; never
                          above the model's own limit)
  --out FILE.md           Also write the transcript as markdown (kept on Ctrl+C and errors)
  --force                 Overwrite FILE.md if it already exists
  --no-color              Plain text (also with NO_COLOR set, or when not a terminal)

list, show options:
  --json                  Print JSON instead of text (show: the debate's export format)

export options:
  --format md|json        Markdown transcript, or the debate as JSON (to import again);
                          default: from the --out file's extension
  --out FILE              The file to write (required)
  --force                 Overwrite FILE if it already exists
  --no-thinking           Leave speakers' reasoning out of a markdown export

judge options:
  --judge MODEL           The judge (best from a family none of the speakers use)
  --orders N              Orders to judge in, sides shuffled then rotated; a win
                          counts only when all agree (default 2, or one per side)
  --seed S                Seed of the shuffle (default: random; the verdict records it)
  --marks                 Also mark every turn 1-10
  --timeout S             Seconds each call to the judge may take (default ${DEFAULT_JUDGE_TIMEOUT_MS / 1000})
  --host URL              The judge's Ollama server
  --json                  Print the verdict as JSON
  --adr DIR               Then a decision record (MADR) drafted by the judge model,
                          written as DIR's next NNNN-title.md (e.g. docs/decisions)
  (debate --judge MODEL judges the debate when it ends, with these defaults)

leaderboard options:
  --json                  Print JSON instead of the tables
  --no-color              Plain text

${TOURNAMENT_USAGE}

${WORKER_USAGE}

delete options:
  --yes                   Delete a debate that has branches without asking (the
                          branches stay, without a parent)

models options:
  --host URL              Ollama server

tones options:
  --tone-file FILE.json   Also list the tones in this file

every command:
  --library DIR           The debate library (default: $TALKING_MODELS_LIBRARY, else
                          ~/.local/share/talking-models on Linux, ~/Library/Application
                          Support/talking-models on macOS, %LOCALAPPDATA%\\talking-models
                          on Windows)
  -h, --help              Show this help
  -V, --version           Show the version

Examples:
  talking-models debate --topic "Tabs or spaces?" \\
    --speaker llama3.2:1b:Cynic --speaker qwen2.5:0.5b:Polite --exchanges 2 --out tabs.md
  talking-models continue 20260115-093012-a3f9c2 --exchanges 1
  talking-models branch 20260115-093012-a3f9c2 --at 2 --speaker - --speaker qwen2.5:0.5b:Adversary`;

const help = { type: 'boolean', short: 'h' } as const;
const host = { type: 'string' } as const;
const toneFile = { type: 'string' } as const;
const noColor = { type: 'boolean' } as const;
const library = { type: 'string' } as const;
const json = { type: 'boolean' } as const;

const RUN_OPTIONS = {
  host,
  'first-token-timeout': { type: 'string' },
  'stall-timeout': { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  interactive: { type: 'boolean' },
  'show-thinking': { type: 'boolean' },
  'context-window': { type: 'string' },
  'no-color': noColor,
  library,
  help,
} as const;

const personaFile = { type: 'string' } as const;

const DEBATE_OPTIONS = {
  ...RUN_OPTIONS,
  topic: { type: 'string' },
  speaker: { type: 'string', multiple: true },
  'speakers-file': { type: 'string' },
  exchanges: { type: 'string' },
  'tone-file': toneFile,
  'persona-file': personaFile,
  language: { type: 'string' },
  think: { type: 'string', multiple: true },
  judge: { type: 'string' },
  adr: { type: 'string' },
  order: { type: 'string' },
  seed: { type: 'string' },
  'stop-on': { type: 'string', multiple: true },
  'repetition-threshold': { type: 'string' },
  'embed-model': { type: 'string' },
  moderator: { type: 'string' },
  closing: { type: 'boolean' },
  material: { type: 'string', multiple: true },
  'material-diff': { type: 'string' },
} as const;

const CONTINUE_OPTIONS = { ...RUN_OPTIONS, exchanges: { type: 'string' } } as const;

const BRANCH_OPTIONS = {
  ...RUN_OPTIONS,
  at: { type: 'string' },
  speaker: { type: 'string', multiple: true },
  exchanges: { type: 'string' },
  note: { type: 'string' },
  'tone-file': toneFile,
  'persona-file': personaFile,
  think: { type: 'string', multiple: true },
} as const;

const LIST_OPTIONS = { json, 'no-color': noColor, library, help } as const;
const SHOW_OPTIONS = LIST_OPTIONS;
const EXPORT_OPTIONS = { format: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, 'no-thinking': { type: 'boolean' }, library, help } as const;
const IMPORT_OPTIONS = { library, help } as const;
const JUDGE_OPTIONS = {
  judge: { type: 'string' },
  orders: { type: 'string' },
  seed: { type: 'string' },
  marks: { type: 'boolean' },
  timeout: { type: 'string' },
  adr: { type: 'string' },
  host,
  json,
  'no-color': noColor,
  library,
  help,
} as const;
const LEADERBOARD_OPTIONS = { json, 'no-color': noColor, library, help } as const;
const DELETE_OPTIONS = { yes: { type: 'boolean', short: 'y' }, library, help } as const;
// --library is accepted everywhere, so a script or an alias can always pass it.
const MODELS_OPTIONS = { host, library, help } as const;
const TONES_OPTIONS = { 'tone-file': toneFile, 'no-color': noColor, library, help } as const;

/** Thrown inside a parser: becomes the ParseResult's message. */
class UsageProblem extends Error {}

function fail(message: string): ParseResult {
  return { ok: false, message };
}

function ok(command: CliCommand): ParseResult {
  return { ok: true, command };
}

/** Node's parseArgs messages add advice about `--`; the first sentence is the useful part. */
function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? message;
}

export function parseCommandLine(argv: readonly string[]): ParseResult {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') return ok({ kind: 'help' });
  if (first === '-V' || first === '--version') return ok({ kind: 'version' });
  try {
    const command = parseCommand(first, rest);
    return command === null ? fail(first.startsWith('-') ? `expected a command before ${first}` : `unknown command "${first}"`) : ok(command);
  } catch (error) {
    return fail(error instanceof UsageProblem ? error.message : firstSentence(error));
  }
}

function parseCommand(name: string, args: readonly string[]): CliCommand | null {
  switch (name) {
    case 'debate':
      return parseDebate(args);
    case 'continue':
      return parseContinue(args);
    case 'branch':
      return parseBranch(args);
    case 'list': {
      const { values } = parseArgs({ args: [...args], options: LIST_OPTIONS, strict: true });
      if (values.help) return { kind: 'help' };
      return { kind: 'list', json: values.json ?? false, noColor: values['no-color'] ?? false, library: libraryOf(values.library) };
    }
    case 'show': {
      const { values, positionals } = parseArgs({ args: [...args], options: SHOW_OPTIONS, strict: true, allowPositionals: true });
      if (values.help) return { kind: 'help' };
      return {
        kind: 'show',
        id: debateId('show', positionals),
        json: values.json ?? false,
        noColor: values['no-color'] ?? false,
        library: libraryOf(values.library),
      };
    }
    case 'export':
      return parseExport(args);
    case 'import': {
      const { values, positionals } = parseArgs({ args: [...args], options: IMPORT_OPTIONS, strict: true, allowPositionals: true });
      if (values.help) return { kind: 'help' };
      return { kind: 'import', file: onePositional('import', 'a JSON file to import (one made by `talking-models export --format json`)', positionals), library: libraryOf(values.library) };
    }
    case 'judge':
      return parseJudge(args);
    case 'tournament':
      return parseTournament(args);
    case 'worker':
      return parseWorker(args);
    case 'delete': {
      const { values, positionals } = parseArgs({ args: [...args], options: DELETE_OPTIONS, strict: true, allowPositionals: true });
      if (values.help) return { kind: 'help' };
      return { kind: 'delete', id: debateId('delete', positionals), yes: values.yes ?? false, library: libraryOf(values.library) };
    }
    case 'leaderboard': {
      const { values } = parseArgs({ args: [...args], options: LEADERBOARD_OPTIONS, strict: true });
      if (values.help) return { kind: 'help' };
      return { kind: 'leaderboard', json: values.json ?? false, noColor: values['no-color'] ?? false, library: libraryOf(values.library) };
    }
    case 'models': {
      const { values } = parseArgs({ args: [...args], options: MODELS_OPTIONS, strict: true });
      return values.help ? { kind: 'help' } : { kind: 'models', host: values.host };
    }
    case 'tones': {
      const { values } = parseArgs({ args: [...args], options: TONES_OPTIONS, strict: true });
      if (values.help) return { kind: 'help' };
      return { kind: 'tones', toneFile: values['tone-file'], noColor: values['no-color'] ?? false };
    }
    default:
      return null;
  }
}

function onePositional(command: string, what: string, positionals: readonly string[]): string {
  const [value, extra] = positionals;
  if (value === undefined || value.trim() === '') throw new UsageProblem(`${command} needs ${what}`);
  if (extra !== undefined) throw new UsageProblem(`${command} takes one argument; unexpected "${extra}"`);
  return value.trim();
}

function debateId(command: string, positionals: readonly string[]): string {
  return onePositional(command, 'a debate ID (`talking-models list` shows them)', positionals);
}

function libraryOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageProblem('--library needs a folder');
  return value;
}

/** A whole number from `least` to `most`, or undefined when the option was not given. */
function wholeNumber(flag: string, value: string | undefined, least: number, most: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageProblem(`${flag} takes a whole number, not "${value}"`);
  const number = Number(value.trim());
  if (number < least || number > most) throw new UsageProblem(`${flag} takes a whole number from ${least} to ${most}, not ${number}`);
  return number;
}

/** Longest timeout accepted, in seconds: a day. */
const MAX_TIMEOUT_SECONDS = 86_400;

/** A number of seconds (fractions allowed) as ms, or undefined when the option was not given. */
function seconds(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const number = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(number > 0 && number <= MAX_TIMEOUT_SECONDS)) {
    throw new UsageProblem(`${flag} takes a number of seconds from more than 0 to ${MAX_TIMEOUT_SECONDS}, e.g. 300, not "${value}"`);
  }
  return Math.round(number * 1000);
}

function runOptions(values: {
  host?: string | undefined;
  'first-token-timeout'?: string | undefined;
  'stall-timeout'?: string | undefined;
  out?: string | undefined;
  force?: boolean | undefined;
  interactive?: boolean | undefined;
  'show-thinking'?: boolean | undefined;
  'context-window'?: string | undefined;
  'no-color'?: boolean | undefined;
  library?: string | undefined;
}): RunOptions {
  return {
    host: values.host,
    out: values.out,
    force: values.force ?? false,
    noColor: values['no-color'] ?? false,
    interactive: values.interactive ?? false,
    library: libraryOf(values.library),
    firstTokenTimeoutMs: seconds('--first-token-timeout', values['first-token-timeout']),
    stallTimeoutMs: seconds('--stall-timeout', values['stall-timeout']),
    showThinking: values['show-thinking'] ?? false,
    contextWindow: wholeNumber('--context-window', values['context-window'], MIN_CONTEXT_WINDOW, MAX_CONTEXT_WINDOW),
  };
}

function thinkingChoice(values: readonly string[] | undefined): ThinkingChoice {
  if (values === undefined) return NO_THINKING_CHOICE;
  const parsed = parseThinkingChoice(values, MAX_SPEAKERS);
  if (!parsed.ok) throw new UsageProblem(parsed.message);
  return parsed.choice;
}

/**
 * ":Cynic" names a tone but no model, "@gpu-box" a host but no model (no Ollama model name starts
 * with either); a `,KEY=VALUE` setting must read.
 */
function checkSpeakerValues(speakers: readonly string[]): void {
  const modelless = speakers.find((speaker) => /^\s*(:|@|$)/.test(splitSpeakerValue(speaker).spec));
  if (modelless !== undefined) throw new UsageProblem(`--speaker needs a model name, e.g. llama3.2:1b:Cynic (got "${modelless.trim()}")`);
  for (const speaker of speakers) {
    const settings = parseSpeakerSettings(speaker);
    if (!settings.ok) throw new UsageProblem(settings.message);
  }
}

/** --language NAME: one line, capped (it goes into every speaker's prompt). */
function languageOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problem = languageProblem(value);
  if (problem !== null) throw new UsageProblem(`--language ${problem}`);
  return cleanLanguage(value);
}

function parseDebate(args: readonly string[]): CliCommand {
  const { values } = parseArgs({ args: withMaterialDiffValue(args), options: DEBATE_OPTIONS, strict: true });
  if (values.help) return { kind: 'help' };

  const topic = values.topic?.trim() ?? '';
  if (topic === '') throw new UsageProblem('debate needs --topic TEXT');
  const speakers = values.speaker ?? [];
  const speakersFile = values['speakers-file'];
  if (speakersFile !== undefined) {
    if (speakers.length > 0) throw new UsageProblem('give the speakers either as --speaker options or in --speakers-file, not both');
    if (speakersFile.trim() === '') throw new UsageProblem('--speakers-file needs a JSON file');
  } else if (speakers.length < MIN_SPEAKERS || speakers.length > MAX_SPEAKERS) {
    throw new UsageProblem(`debate needs ${MIN_SPEAKERS} to ${MAX_SPEAKERS} --speaker options, or --speakers-file FILE (got ${speakers.length})`);
  }
  checkSpeakerValues(speakers);

  // The range is the engine's to check (validateConfig), so the message matches the extension's.
  let exchanges = DEFAULT_EXCHANGES;
  if (values.exchanges !== undefined) {
    if (!/^\d+$/.test(values.exchanges)) throw new UsageProblem(`--exchanges takes a whole number, not "${values.exchanges}"`);
    exchanges = Number(values.exchanges);
  }

  const thinking = thinkingChoice(values.think);
  const moderator = moderatorModel(values.moderator);
  const judge = judgeModel(values.judge);
  const adrProblem = adrOptionProblem(values.adr, judge);
  if (adrProblem !== null) throw new UsageProblem(adrProblem);
  const order = turnOrder(values.order, values.seed);
  if (order?.kind === 'moderator' && moderator === undefined) throw new UsageProblem('--order moderator needs --moderator MODEL: the model that picks the speakers');
  const material = materialRequest(values.material, values['material-diff']);
  if (!material.ok) throw new UsageProblem(material.message);
  const stopOn = stopConditions(
    { names: values['stop-on'], threshold: values['repetition-threshold'], embedModel: values['embed-model'] },
    { moderator, judge },
  );
  return {
    kind: 'debate',
    topic,
    speakers,
    speakersFile,
    exchanges,
    toneFile: values['tone-file'],
    personaFile: values['persona-file'],
    language: languageOption(values.language),
    thinking,
    judge,
    adr: values.adr?.trim(),
    order,
    stopOn,
    moderator,
    closingStatements: values.closing ?? false,
    ...(material.request !== undefined && { material: material.request }),
    ...runOptions(values),
  };
}

/** --moderator MODEL[@HOST], as a speaker names its own server: the first '@' starts the host (model names have none). */
function moderatorModel(value: string | undefined): ModeratorConfig | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const at = trimmed.indexOf('@');
  const model = (at >= 0 ? trimmed.slice(0, at) : trimmed).trim();
  if (model === '' || model.startsWith('-')) throw new UsageProblem('--moderator needs a model name, e.g. --moderator gemma3:4b or gemma3:4b@http://gpu-box:11434');
  if (at < 0) return { model };
  const host = trimmed.slice(at + 1).trim();
  if (host === '') throw new UsageProblem(`--moderator ${trimmed}: give a server after "@", e.g. ${model}@http://gpu-box:11434`);
  return { model, host };
}

/** --order ORDER [--seed N]: undefined when neither is given (round-robin). */
function turnOrder(kind: string | undefined, seed: string | undefined): TurnOrder | undefined {
  if (kind === undefined) {
    if (seed !== undefined) throw new UsageProblem('--seed is the seed of --order random: give both');
    return undefined;
  }
  const known = TURN_ORDERS.find((order) => order === kind.trim().toLowerCase());
  if (known === undefined) throw new UsageProblem(`--order is one of ${TURN_ORDERS.join(', ')}, not "${kind}"`);
  if (seed !== undefined && known !== 'random') throw new UsageProblem(`--seed applies to --order random only, not ${known}`);
  const seedNumber = wholeNumber('--seed', seed, 0, MAX_SEED);
  return seedNumber === undefined ? { kind: known } : { kind: known, seed: seedNumber };
}

/** The stop conditions --stop-on names, each once; a comma list or the flag repeated. */
const STOP_CONDITIONS = ['repetition', 'consensus'] as const;

/** What --stop-on and the options refining it were given. */
interface StopOptions {
  names: readonly string[] | undefined;
  threshold: string | undefined;
  embedModel: string | undefined;
}

/** The models that can find a consensus: the AI moderator's, else the judge's. */
interface ConsensusModels {
  moderator: ModeratorConfig | undefined;
  judge: string | undefined;
}

function stopConditions(given: StopOptions, models: ConsensusModels): StopConditions | undefined {
  const chosen = new Set((given.names ?? []).flatMap((name) => name.split(',')).map((name) => name.trim().toLowerCase()).filter((name) => name !== ''));
  for (const name of chosen) {
    if (!(STOP_CONDITIONS as readonly string[]).includes(name)) throw new UsageProblem(`--stop-on takes ${STOP_CONDITIONS.join(', ')}, not "${name}"`);
  }
  const repetition = chosen.has('repetition') ? repetitionRule(given.threshold, given.embedModel) : undefined;
  if (repetition === undefined) {
    if (given.threshold !== undefined) throw new UsageProblem('--repetition-threshold needs --stop-on repetition');
    if (given.embedModel !== undefined) throw new UsageProblem('--embed-model needs --stop-on repetition');
  }
  const consensus = chosen.has('consensus') ? consensusRule(models) : undefined;
  if (repetition === undefined && consensus === undefined) return undefined;
  return { ...(repetition !== undefined && { repetition }), ...(consensus !== undefined && { consensus }) };
}

/** Word n-grams by default; with --embed-model, embedding similarity, whose threshold default is the embedding one. */
function repetitionRule(threshold: string | undefined, embedModel: string | undefined): RepetitionRule {
  const model = embedModel?.trim();
  if (model !== undefined && (model === '' || model.startsWith('-'))) throw new UsageProblem('--embed-model needs a model name, e.g. --embed-model nomic-embed-text');
  const rule: RepetitionRule = model === undefined ? DEFAULT_REPETITION_RULE : embeddingRepetitionRule(model);
  if (threshold === undefined) return rule;
  const share = Number(threshold.trim());
  if (!/^\d*\.?\d+$/.test(threshold.trim()) || !(share > 0 && share <= 1)) {
    throw new UsageProblem(`--repetition-threshold is a share from 0 to 1 (e.g. ${rule.threshold}), not "${threshold}"`);
  }
  return { ...rule, threshold: share };
}

/** Asked of the moderator when there is one (nothing to record), else of the judge's model. */
function consensusRule(models: ConsensusModels): ConsensusRule {
  if (models.moderator !== undefined) return {};
  if (models.judge !== undefined) return { model: models.judge };
  throw new UsageProblem('--stop-on consensus needs --moderator MODEL or --judge MODEL: the model that finds whether the speakers agree');
}

/** --judge MODEL: a model name, or undefined when not given. */
function judgeModel(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '' || value.trim().startsWith('-')) throw new UsageProblem('--judge needs a model name, e.g. --judge gemma3:4b');
  return value.trim();
}

function parseJudge(args: readonly string[]): CliCommand {
  const { values, positionals } = parseArgs({ args: [...args], options: JUDGE_OPTIONS, strict: true, allowPositionals: true });
  if (values.help) return { kind: 'help' };
  const id = debateId('judge', positionals);
  const judge = judgeModel(values.judge);
  if (judge === undefined) throw new UsageProblem('judge needs --judge MODEL: the model that gives the verdict');
  const adrProblem = adrOptionProblem(values.adr, judge);
  if (adrProblem !== null) throw new UsageProblem(adrProblem);
  return {
    kind: 'judge',
    id,
    judge,
    host: values.host,
    orders: wholeNumber('--orders', values.orders, 2, MAX_ORDERS),
    seed: wholeNumber('--seed', values.seed, 0, MAX_SEED),
    marks: values.marks ?? false,
    timeoutMs: seconds('--timeout', values.timeout),
    adr: values.adr?.trim(),
    json: values.json ?? false,
    noColor: values['no-color'] ?? false,
    library: libraryOf(values.library),
  };
}

function parseContinue(args: readonly string[]): CliCommand {
  const { values, positionals } = parseArgs({ args: [...args], options: CONTINUE_OPTIONS, strict: true, allowPositionals: true });
  if (values.help) return { kind: 'help' };
  return {
    kind: 'continue',
    id: debateId('continue', positionals),
    exchanges: wholeNumber('--exchanges', values.exchanges, MIN_EXCHANGES, MAX_EXCHANGES),
    ...runOptions(values),
  };
}

function parseBranch(args: readonly string[]): CliCommand {
  const { values, positionals } = parseArgs({ args: [...args], options: BRANCH_OPTIONS, strict: true, allowPositionals: true });
  if (values.help) return { kind: 'help' };
  const id = debateId('branch', positionals);
  if (values.at === undefined) throw new UsageProblem('branch needs --at K: the branch keeps turns 1 to K (`talking-models show ID` numbers them)');
  const at = wholeNumber('--at', values.at, 1, Number.MAX_SAFE_INTEGER) as number;
  const given = values.speaker ?? [];
  if (given.length > MAX_SPEAKERS) throw new UsageProblem(`branch takes at most ${MAX_SPEAKERS} --speaker options (got ${given.length})`);
  const speakers = given.map((value) => (value.trim() === KEEP_SPEAKER || value.trim() === '' ? null : value));
  checkSpeakerValues(speakers.filter((value): value is string => value !== null));
  const note = values.note?.trim();
  return {
    kind: 'branch',
    id,
    at,
    speakers,
    exchanges: wholeNumber('--exchanges', values.exchanges, MIN_EXCHANGES, MAX_TOTAL_EXCHANGES),
    note: note === undefined || note === '' ? undefined : note,
    toneFile: values['tone-file'],
    personaFile: values['persona-file'],
    thinking: thinkingChoice(values.think),
    ...runOptions(values),
  };
}

function parseExport(args: readonly string[]): CliCommand {
  const { values, positionals } = parseArgs({ args: [...args], options: EXPORT_OPTIONS, strict: true, allowPositionals: true });
  if (values.help) return { kind: 'help' };
  const id = debateId('export', positionals);
  const out = values.out?.trim() ?? '';
  if (out === '') throw new UsageProblem('export needs --out FILE');
  const format = exportFormat(values.format, out);
  return {
    kind: 'export',
    id,
    format,
    out: values.out as string,
    force: values.force ?? false,
    thinking: !(values['no-thinking'] ?? false),
    library: libraryOf(values.library),
  };
}

function exportFormat(given: string | undefined, out: string): ExportFormat {
  if (given !== undefined) {
    const format = given.trim().toLowerCase();
    if (format === 'md' || format === 'markdown') return 'md';
    if (format === 'json') return 'json';
    throw new UsageProblem(`--format takes md or json, not "${given}"`);
  }
  if (/\.(md|markdown)$/i.test(out)) return 'md';
  if (/\.json$/i.test(out)) return 'json';
  throw new UsageProblem('export needs --format md or --format json (or an --out file ending in .md or .json)');
}
