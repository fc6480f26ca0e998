// The CLI's side of talking to Ollama: the --host option and failures, in the engine's actionable wording.

import { describeOllamaError, EngineError, listModels, resolveHost } from '../index';
import type { Tone } from '../types';
import { CliError, EXIT_USAGE, type CliIo } from './io';
import { oneLine } from './render';
import { parseSpeakerSpec, toneMistake } from './speaker-spec';

/** How long the check of --speaker values waits for a model list (the debate itself reports a slow server). */
const MODEL_LIST_WAIT_MS = 3000;

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

/** The installed models of `host`, or null when it does not say in time (the debate reports why later). */
async function installedModels(host: string, io: Pick<CliIo, 'signal'>): Promise<string[] | null> {
  try {
    const models = await listModels(host, AbortSignal.any([io.signal, AbortSignal.timeout(MODEL_LIST_WAIT_MS)]));
    return models.map((model) => model.name);
  } catch {
    return null;
  }
}

/**
 * Refuses (usage, exit 2) a `--speaker` whose last word was meant as a tone but names none,
 * e.g. `m1:latest:Bogus`, listing the tones, rather than running a debate with a model named
 * `m1:latest:Bogus`. Asks a speaker's host for its models only when the name alone can't tell.
 */
export async function refuseToneMistakes(values: readonly string[], tones: readonly Tone[], defaultTone: string, defaultHost: string, io: Pick<CliIo, 'signal' | 'env'>): Promise<void> {
  const lists = new Map<string, Promise<string[] | null>>();
  for (const value of values) {
    const spec = parseSpeakerSpec(value, tones, defaultTone);
    // Only a name ending in ":word" can hide a tone; the host is asked once for its models.
    if (!/:[^/:]*$/.test(spec.model)) continue;
    const host = spec.host === undefined ? defaultHost : hostOption(spec.host, io.env);
    if (!lists.has(host)) lists.set(host, installedModels(host, io));
    const mistake = toneMistake(spec, await (lists.get(host) as Promise<string[] | null>));
    if (mistake === null) continue;
    const names = tones.map((tone) => tone.name).join(', ');
    const what = mistake.certain
      ? `"${mistake.word}" is not a tone${mistake.installed ? ` (${mistake.model} is an installed model)` : ''}`
      : `"${mistake.word}" is not a tone, nor an installed tag of ${mistake.model} (if it is a tag: ollama pull ${spec.model})`;
    throw new CliError(oneLine(`--speaker ${value}: ${what}. The tones are ${names}; \`talking-models tones\` shows their prompts`), EXIT_USAGE);
  }
}
