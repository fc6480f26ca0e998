// How a host written by a person becomes an Ollama URL: pure, with no Node import, so the
// panel's form can check a speaker's host as the engine will read it (host.ts resolves it).

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

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
