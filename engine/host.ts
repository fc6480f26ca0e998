// Which Ollama to talk to, and how a host written by a person becomes a URL.
import { EngineError } from './errors';
import { withoutPassword } from './text-safety';
import { DEFAULT_OLLAMA_HOST, normalizeHost } from './host-address';

export { DEFAULT_OLLAMA_HOST, normalizeHost } from './host-address';

/** A participant's own host (a speaker's, the moderator's, the judge's) when it names one, else the debate's. */
export function ownHostOr(own: string | undefined, debateHost: string): string {
  return own !== undefined && own.trim() !== '' ? own : debateHost;
}

/** The host to use: the explicit setting, else OLLAMA_HOST, else the local default. Throws EngineError on a malformed value. */
export function resolveHost(explicit?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  const candidates: Array<[string | null | undefined, string]> = [
    [explicit, 'host'],
    [env.OLLAMA_HOST, 'OLLAMA_HOST'],
  ];
  for (const [value, field] of candidates) {
    if (value === undefined || value === null || value.trim() === '') continue;
    const host = normalizeHost(value);
    if (host === null) {
      throw new EngineError({
        kind: 'invalid-config',
        field,
        message: `${field} "${withoutPassword(value)}" is not a valid Ollama address: use a URL like ${DEFAULT_OLLAMA_HOST}.`,
      });
    }
    return host;
  }
  return DEFAULT_OLLAMA_HOST;
}
