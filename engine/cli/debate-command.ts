// `talking-models debate`: starts a debate in the library, streams it to the terminal,
// and writes the markdown transcript with --out, whatever way the debate ends.

import { allTones, DEFAULT_TONE, validateConfig } from '../index';
import type { DebateConfig, Tone } from '../types';
import type { DebateCommand } from './args';
import { CliError, EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import { judgeAndSave } from './judge-command';
import { hostOption, refuseToneMistakes } from './ollama-access';
import { createRunner } from './run-session';
import { parseSpeakerSpec } from './speaker-spec';
import { NO_THINKING_CHOICE, withThinking } from './thinking-option';
import { loadToneFile } from './tone-file';

/** Pure: the parsed command line as the engine's configuration. */
export function debateConfigFrom(
  command: Pick<DebateCommand, 'topic' | 'exchanges' | 'speakers'> & Partial<Pick<DebateCommand, 'firstTokenTimeoutMs' | 'stallTimeoutMs' | 'thinking' | 'order' | 'stopOn'>>,
  customTones: Tone[],
  host: string,
): DebateConfig {
  const tones = allTones(customTones);
  return {
    topic: command.topic,
    exchanges: command.exchanges,
    host,
    customTones,
    ...(command.firstTokenTimeoutMs !== undefined && { firstTokenTimeoutMs: command.firstTokenTimeoutMs }),
    ...(command.stallTimeoutMs !== undefined && { stallTimeoutMs: command.stallTimeoutMs }),
    ...(command.order !== undefined && { order: command.order }),
    ...(command.stopOn !== undefined && { stopOn: command.stopOn }),
    speakers: withThinking(
      command.speakers.map((value, index) => ({ name: `Speaker ${index + 1}`, ...parseSpeakerSpec(value, tones, DEFAULT_TONE) })),
      command.thinking ?? NO_THINKING_CHOICE,
    ),
  };
}

export async function runDebateCommand(command: DebateCommand, io: CliIo): Promise<number> {
  const customTones = await loadToneFile(command.toneFile);
  const host = hostOption(command.host, io.env);
  const config = debateConfigFrom(command, customTones, host);
  const invalid = validateConfig(config);
  if (invalid) throw new CliError(invalid.message, EXIT_USAGE);
  // A library that can't be written does not stop a new debate: it runs, with a "not saved" warning.
  const runner = createRunner(command, io, true);
  await refuseToneMistakes(command.speakers, allTones(customTones), DEFAULT_TONE, host, io);
  const options = { signal: io.signal, pauseAfterEveryTurn: command.interactive };
  const run = runner.sessions.start(config, options);
  const code = await runner.follow(run, options);
  // --judge: a verdict on the debate as it ended; not on one that failed or was stopped.
  if (command.judge === undefined || code !== EXIT_OK) return code;
  io.stdout('\n');
  const request = { judge: command.judge, host, orders: undefined, seed: undefined, marks: false, timeoutMs: undefined, json: false };
  return judgeAndSave({ sessions: runner.sessions, library: runner.library, id: run.id }, request, io, runner.style);
}
