/**
 * POST /api/pull: a scripted download with Ollama's progress lines (manifest, one
 * "pulling <digest>" series per layer with total/completed, verify, write, success).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Exchange } from './exchange';
import { errorBody, modelDigest, modelSizeBytes, type SimModel } from './protocol';

export const PULL_NOT_FOUND = 'pull model manifest: file does not exist';

export type PullStatus =
  | { status: string }
  | { status: string; digest: string; total: number }
  | { status: string; digest: string; total: number; completed: number };

/** Progress steps per layer: quarter by quarter, as a download would report them. */
const STEPS = 4;

/** The status lines a pull of `model` reports, in order, ending with success. */
export function pullStatuses(model: SimModel): PullStatus[] {
  const layers = [
    { digest: `sha256:${modelDigest(model.name)}`, total: modelSizeBytes(model) },
    // Ollama models also carry small layers (template, params, license).
    { digest: `sha256:${modelDigest(`${model.name}#params`)}`, total: 96 },
  ];
  const lines: PullStatus[] = [{ status: 'pulling manifest' }];
  for (const layer of layers) {
    const status = `pulling ${layer.digest.slice('sha256:'.length, 'sha256:'.length + 12)}`;
    // The first line of a layer has no `completed` yet, as documented.
    lines.push({ status, digest: layer.digest, total: layer.total });
    for (let step = 1; step <= STEPS; step += 1) {
      lines.push({ status, digest: layer.digest, total: layer.total, completed: Math.round((layer.total * step) / STEPS) });
    }
  }
  lines.push({ status: 'verifying sha256 digest' }, { status: 'writing manifest' }, { status: 'success' });
  return lines;
}

export interface PullEnvironment {
  /** Pause between progress lines (the simulator's token delay). */
  delayMs(): number;
  splitWrites(): boolean;
  install(model: SimModel): void;
}

/** `source` is the model to download, or null when the registry has no such model. */
export async function pull(exchange: Exchange, source: SimModel | null, stream: boolean, env: PullEnvironment): Promise<void> {
  if (!source) {
    if (stream) {
      await exchange.writeLine({ status: 'pulling manifest' }, env.splitWrites());
      await exchange.writeLine(errorBody(PULL_NOT_FOUND), env.splitWrites());
      exchange.endStream();
    } else {
      exchange.sendJson(500, errorBody(PULL_NOT_FOUND));
    }
    return;
  }
  try {
    for (const line of pullStatuses(source)) {
      const delay = env.delayMs();
      if (delay > 0) await sleep(delay, undefined, { signal: exchange.signal });
      if (line.status === 'success') env.install(source);
      if (stream) await exchange.writeLine(line, env.splitWrites());
    }
  } catch (error) {
    if (exchange.signal.aborted) return; // the client cancelled the pull
    throw error;
  }
  if (stream) exchange.endStream();
  else exchange.sendJson(200, { status: 'success' });
}
