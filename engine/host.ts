// Which Ollama to talk to, and how a host written by a person becomes a URL.
import { EngineError } from './errors';
import { withoutPassword } from './text-safety';

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

/** A participant's own host (a speaker's, the moderator's, the judge's) when it names one, else the debate's. */
export function ownHostOr(own: string | undefined, debateHost: string): string {
  return own !== undefined && own.trim() !== '' ? own : debateHost;
}
const DEFAULT_PORT = '11434';

/** Addresses Ollama listens on ("all interfaces") but that a client cannot connect to. */
const LISTEN_ALL_ADDRESSES = new Set(['0.0.0.0', '[::]']);

/**
 * Turns "0.0.0.0:11434", "gpu-box", ":11434", "https://h/" into a URL with no
 * trailing slash, the way Ollama's own clients read OLLAMA_HOST: no scheme means
 * http and port 11434; an explicit scheme keeps that scheme's default port.
 * Returns null when the text is not an http(s) address.
 */
export function normalizeHost(raw: string): string | null {
  let text = raw.trim();
  if (text === '') return null;
  const hasScheme = text.includes('://');
  if (text.startsWith(':')) text = `127.0.0.1${text}`;
  let url: URL;
  try {
    url = new URL(hasScheme ? text : `http://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '' || url.search !== '' || url.hash !== '') return null;
  if (LISTEN_ALL_ADDRESSES.has(url.hostname)) url.hostname = '127.0.0.1';
  if (!hasScheme && url.port === '') url.port = DEFAULT_PORT;
  return url.toString().replace(/\/+$/, '');
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
