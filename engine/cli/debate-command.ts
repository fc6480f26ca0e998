// `talking-models debate`: runs the engine, streams its events to the terminal,
// and writes the markdown transcript with --out, whatever way the debate ends.

import { allTones, DEFAULT_TONE, runDebate, transcriptToMarkdown, validateConfig } from '../index';
import type { DebateConfig, DebateError, Tone, Transcript } from '../types';
import type { DebateCommand } from './args';
import { colorEnabled, createStyle } from './color';
import { createDebatePrinter } from './debate-printer';
import { CliError, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, type CliIo } from './io';
import { hostOption } from './ollama-access';
import { checkOutFile, writeOutFile } from './out-file';
import { oneLine } from './render';
import { parseSpeakerSpec } from './speaker-spec';
import { loadToneFile } from './tone-file';

/** Pure: the parsed command line as the engine's configuration. */
export function debateConfigFrom(command: DebateCommand, customTones: Tone[], host: string): DebateConfig {
  const tones = allTones(customTones);
  return {
    topic: command.topic,
    exchanges: command.exchanges,
    host,
    customTones,
    speakers: command.speakers.map((value, index) => ({
      name: `Speaker ${index + 1}`,
      ...parseSpeakerSpec(value, tones, DEFAULT_TONE),
    })),
  };
}

export async function runDebateCommand(command: DebateCommand, io: CliIo): Promise<number> {
  const customTones = await loadToneFile(command.toneFile);
  const config = debateConfigFrom(command, customTones, hostOption(command.host, io.env));
  const invalid = validateConfig(config);
  if (invalid) throw new CliError(invalid.message, EXIT_USAGE);
  if (command.out !== undefined) checkOutFile(command.out, command.force);

  const style = createStyle(colorEnabled({ noColorFlag: command.noColor, env: io.env, isTTY: io.stdoutIsTTY }));
  const print = createDebatePrinter(io.stdout, style);
  let firstError: DebateError | null = null;
  let transcript: Transcript | null = null;
  for await (const event of runDebate(config, { signal: io.signal })) {
    print(event);
    if (event.type === 'error') firstError ??= event.error;
    if (event.type === 'debate-end') transcript = event.transcript;
  }

  let savedTo = '';
  if (command.out !== undefined && transcript !== null) {
    writeOutFile(command.out, transcriptToMarkdown(transcript), command.force);
    savedTo = command.out;
  }
  if (io.signal.aborted) {
    io.stderr(`talking-models: stopped${savedTo ? `; the transcript so far is in ${savedTo}` : ''}\n`);
    return EXIT_INTERRUPTED;
  }
  if (firstError !== null) {
    const kept = savedTo ? ` (the transcript so far is in ${savedTo})` : '';
    io.stderr(`talking-models: ${oneLine(firstError.message)}${kept}\n`);
    return EXIT_FAILURE;
  }
  if (savedTo) io.stdout(`${style.dim(`Transcript written to ${savedTo}`)}\n`);
  return EXIT_OK;
}
