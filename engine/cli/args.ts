// The command line, parsed into one typed command. Pure: no I/O, no process.

import { parseArgs } from 'node:util';
import { MAX_EXCHANGES, MAX_SPEAKERS, MIN_EXCHANGES, MIN_SPEAKERS } from '../limits';

export const DEFAULT_EXCHANGES = 3;

export interface DebateCommand {
  kind: 'debate';
  topic: string;
  /** Raw `MODEL[:TONE]` values; resolved once the tones (custom ones too) are known. */
  speakers: string[];
  exchanges: number;
  host: string | undefined;
  out: string | undefined;
  force: boolean;
  noColor: boolean;
  toneFile: string | undefined;
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | DebateCommand
  | { kind: 'models'; host: string | undefined }
  | { kind: 'tones'; toneFile: string | undefined; noColor: boolean };

export type ParseResult = { ok: true; command: CliCommand } | { ok: false; message: string };

export const USAGE = `Usage: talking-models <command> [options]

Local models served by Ollama debate each other, streamed to your terminal.

Commands:
  debate    Run a debate
  models    List the models installed in Ollama
  tones     List the tones a speaker can take, with their prompts

debate options:
  --topic TEXT            What the speakers debate (required)
  --speaker MODEL[:TONE][@HOST]
                          A speaker: an Ollama model, optionally followed by a tone
                          and a server of its own, e.g. llama3.2:1b:Cynic or
                          llama3.1:70b:Rational@http://gpu-box:11434 (give it ${MIN_SPEAKERS} to ${MAX_SPEAKERS} times)
  --exchanges N           Rounds, ${MIN_EXCHANGES} to ${MAX_EXCHANGES}; each speaker speaks once per round
                          (default ${DEFAULT_EXCHANGES})
  --host URL              Ollama server (default: $OLLAMA_HOST, else http://127.0.0.1:11434)
  --out FILE.md           Also write the transcript as markdown (kept on Ctrl+C and errors)
  --force                 Overwrite FILE.md if it already exists
  --tone-file FILE.json   Extra tones: a JSON array of {"name": ..., "prompt": ...}
  --no-color              Plain text (also with NO_COLOR set, or when not a terminal)

models options:
  --host URL              Ollama server

tones options:
  --tone-file FILE.json   Also list the tones in this file

  -h, --help              Show this help
  -V, --version           Show the version

Example:
  talking-models debate --topic "Tabs or spaces?" \\
    --speaker llama3.2:1b:Cynic --speaker qwen2.5:0.5b:Polite --exchanges 2 --out tabs.md`;

const help = { type: 'boolean', short: 'h' } as const;
const host = { type: 'string' } as const;
const toneFile = { type: 'string' } as const;
const noColor = { type: 'boolean' } as const;

const DEBATE_OPTIONS = {
  topic: { type: 'string' },
  speaker: { type: 'string', multiple: true },
  exchanges: { type: 'string' },
  host,
  out: { type: 'string' },
  force: { type: 'boolean' },
  'tone-file': toneFile,
  'no-color': noColor,
  help,
} as const;

const MODELS_OPTIONS = { host, help } as const;
const TONES_OPTIONS = { 'tone-file': toneFile, 'no-color': noColor, help } as const;

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
    switch (first) {
      case 'debate':
        return parseDebate(rest);
      case 'models': {
        const { values } = parseArgs({ args: [...rest], options: MODELS_OPTIONS, strict: true });
        return values.help ? ok({ kind: 'help' }) : ok({ kind: 'models', host: values.host });
      }
      case 'tones': {
        const { values } = parseArgs({ args: [...rest], options: TONES_OPTIONS, strict: true });
        if (values.help) return ok({ kind: 'help' });
        return ok({ kind: 'tones', toneFile: values['tone-file'], noColor: values['no-color'] ?? false });
      }
      default:
        return fail(first.startsWith('-') ? `expected a command before ${first}` : `unknown command "${first}"`);
    }
  } catch (error) {
    return fail(firstSentence(error));
  }
}

function parseDebate(args: readonly string[]): ParseResult {
  const { values } = parseArgs({ args: [...args], options: DEBATE_OPTIONS, strict: true });
  if (values.help) return ok({ kind: 'help' });

  const topic = values.topic?.trim() ?? '';
  if (topic === '') return fail('debate needs --topic TEXT');
  const speakers = values.speaker ?? [];
  if (speakers.length < MIN_SPEAKERS || speakers.length > MAX_SPEAKERS) {
    return fail(`debate needs ${MIN_SPEAKERS} to ${MAX_SPEAKERS} --speaker options (got ${speakers.length})`);
  }
  // ":Cynic" names a tone but no model, "@gpu-box" a host but no model (no Ollama model name starts with either).
  const modelless = speakers.find((speaker) => /^\s*(:|@|$)/.test(speaker));
  if (modelless !== undefined) return fail(`--speaker needs a model name, e.g. llama3.2:1b:Cynic (got "${modelless.trim()}")`);

  let exchanges = DEFAULT_EXCHANGES;
  if (values.exchanges !== undefined) {
    if (!/^\d+$/.test(values.exchanges)) return fail(`--exchanges takes a whole number, not "${values.exchanges}"`);
    exchanges = Number(values.exchanges);
  }

  return ok({
    kind: 'debate',
    topic,
    speakers,
    exchanges,
    host: values.host,
    out: values.out,
    force: values.force ?? false,
    noColor: values['no-color'] ?? false,
    toneFile: values['tone-file'],
  });
}
