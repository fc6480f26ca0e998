// `talking-models models`: the installed models, one aligned row each.

import { listModels } from '../index';
import type { ModelInfo } from '../types';
import { CliError, EXIT_OK, stoppedExitCode, type CliIo } from './io';
import { hostOption, ollamaFailureMessage } from './ollama-access';
import { withoutPassword } from '../text-safety';
import { modelsTable, oneLine } from './render';

export interface ModelsCommand {
  host: string | undefined;
}

export async function runModelsCommand(command: ModelsCommand, io: CliIo): Promise<number> {
  const host = hostOption(command.host, io.env);
  let models: ModelInfo[];
  try {
    models = await listModels(host, io.signal);
  } catch (error) {
    if (io.signal.aborted) return stoppedExitCode(io.signal);
    throw new CliError(ollamaFailureMessage(error, host));
  }
  io.stdout(
    models.length === 0
      ? `No models are installed on ${oneLine(withoutPassword(host))}. Install one with: ollama pull llama3.2:1b\n`
      : `${modelsTable(models)}\n`,
  );
  return EXIT_OK;
}
