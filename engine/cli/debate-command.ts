// `talking-models debate`: starts a debate in the library, streams it to the terminal,
// and writes the markdown transcript with --out, whatever way the debate ends.

import { allTones, DEFAULT_TONE, validateConfig } from '../index';
import type { DebateConfig, SpeakerConfig, Tone } from '../types';
import type { DebateCommand } from './args';
import { CliError, EXIT_USAGE, type CliIo } from './io';
import { hostOption, refuseToneMistakes } from './ollama-access';
import { combinedTones, loadPersonaFile } from './persona-file';
import { readMaterial } from './material-input';
import { createRunner } from './run-session';
import { adrAfter, checkAdrFolder, writeAdrFor } from './adr-output';
import { loadSpeakersFile } from './speakers-file';
import { parseSpeakerSpec } from './speaker-spec';
import { NO_THINKING_CHOICE, withThinking } from './thinking-option';
import { loadToneFile } from './tone-file';

type ConfigOptions = Pick<DebateCommand, 'topic' | 'exchanges' | 'speakers'> &
  Partial<Pick<DebateCommand, 'firstTokenTimeoutMs' | 'stallTimeoutMs' | 'thinking' | 'order' | 'stopOn' | 'moderator' | 'closingStatements' | 'judge' | 'language' | 'contextWindow'>>;

/** Pure: the `--speaker` values as speakers, named Speaker 1, 2… unless a value names its own. */
export function speakersFromFlags(values: readonly string[], tones: readonly Tone[]): SpeakerConfig[] {
  return values.map((value, index) => ({ name: `Speaker ${index + 1}`, ...parseSpeakerSpec(value, tones, DEFAULT_TONE) }));
}

/**
 * Pure: the parsed command line as the engine's configuration. `fileSpeakers`: the speakers of
 * --speakers-file, used instead of the --speaker values; --think applies to them as to those.
 */
export function debateConfigFrom(command: ConfigOptions, customTones: Tone[], host: string, fileSpeakers?: readonly SpeakerConfig[]): DebateConfig {
  const speakers = fileSpeakers ?? speakersFromFlags(command.speakers, allTones(customTones));
  return {
    topic: command.topic,
    exchanges: command.exchanges,
    host,
    customTones,
    ...(command.firstTokenTimeoutMs !== undefined && { firstTokenTimeoutMs: command.firstTokenTimeoutMs }),
    ...(command.stallTimeoutMs !== undefined && { stallTimeoutMs: command.stallTimeoutMs }),
    ...(command.contextWindow !== undefined && { contextWindow: command.contextWindow }),
    ...(command.language !== undefined && { language: command.language }),
    ...(command.order !== undefined && { order: command.order }),
    ...(command.stopOn !== undefined && { stopOn: command.stopOn }),
    ...(command.moderator !== undefined && { moderator: command.moderator }),
    ...(command.closingStatements === true && { closingStatements: true }),
    // The judge is the graph's last node: its verdict is saved with the debate as it ends.
    ...(command.judge !== undefined && { judge: { model: command.judge } }),
    speakers: withThinking(speakers, command.thinking ?? NO_THINKING_CHOICE),
  };
}

export async function runDebateCommand(command: DebateCommand, io: CliIo): Promise<number> {
  const customTones = combinedTones(await loadToneFile(command.toneFile), await loadPersonaFile(command.personaFile));
  const host = hostOption(command.host, io.env);
  const fileSpeakers = command.speakersFile === undefined ? undefined : await loadSpeakersFile(command.speakersFile, allTones(customTones), DEFAULT_TONE);
  const material = await readMaterial(command.material, io.cwd);
  const config = { ...debateConfigFrom(command, customTones, host, fileSpeakers), ...(material !== undefined && { material }) };
  const invalid = validateConfig(config);
  if (invalid) throw new CliError(invalid.message, EXIT_USAGE);
  if (command.adr !== undefined) checkAdrFolder(command.adr);
  // A library that can't be written does not stop a new debate: it runs, with a "not saved" warning.
  const runner = createRunner(command, io, true);
  await refuseToneMistakes(command.speakers, allTones(customTones), DEFAULT_TONE, host, io);
  const options = { signal: io.signal, pauseAfterEveryTurn: command.interactive };
  const run = runner.sessions.start(config, options);
  const code = await runner.follow(run, options);
  // The record comes after the verdict, from the judge's model (--adr needs --judge).
  const { adr, judge } = command;
  if (adr === undefined || judge === undefined) return code;
  return adrAfter(code, () => writeAdrFor(runner.sessions, run.id, { folder: adr, model: judge, host }, io, runner.style), io);
}
