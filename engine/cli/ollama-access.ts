// The CLI's side of talking to Ollama: the --host option and failures, in the engine's actionable wording.

import { describeOllamaError, EngineError, resolveHost } from '../index';
import { CliError, EXIT_USAGE } from './io';

/** --host, else OLLAMA_HOST, else the default; a malformed address is a usage error. */
export function hostOption(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  try {
    return resolveHost(explicit, env);
  } catch (error) {
    if (error instanceof EngineError) throw new CliError(error.detail.message, EXIT_USAGE);
    throw error;
  }
}

export function ollamaFailureMessage(error: unknown, host: string): string {
  return error instanceof EngineError ? error.detail.message : describeOllamaError(error, { host }).message;
}
