// `talking-models tones`: every tone a speaker can take, with its prompt.

import { allTones, DEFAULT_TONE } from '../index';
import { colorEnabled, createStyle } from './color';
import { EXIT_OK, type CliIo } from './io';
import { tonesList } from './render';
import { loadToneFile } from './tone-file';

export interface TonesCommand {
  toneFile: string | undefined;
  noColor: boolean;
}

export async function runTonesCommand(command: TonesCommand, io: CliIo): Promise<number> {
  const tones = allTones(await loadToneFile(command.toneFile));
  const style = createStyle(colorEnabled({ noColorFlag: command.noColor, env: io.env, isTTY: io.stdoutIsTTY }));
  io.stdout(`${tonesList(tones, DEFAULT_TONE, style)}\n`);
  return EXIT_OK;
}
