/**
 * Ollama's `keep_alive`: a number of seconds, or a Go duration string ("5m", "1h30m", "300ms").
 * Negative means "keep loaded forever", 0 means "unload as soon as the request is done".
 */
export const DEFAULT_KEEP_ALIVE_MS = 5 * 60 * 1000;

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds to stay loaded after a request; Infinity for "forever". Unparseable values get the default. */
export function keepAliveMs(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_KEEP_ALIVE_MS;
  if (typeof value === 'number') return fromSeconds(value);
  if (typeof value !== 'string') return DEFAULT_KEEP_ALIVE_MS;
  const trimmed = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return fromSeconds(Number(trimmed));
  return parseGoDuration(trimmed) ?? DEFAULT_KEEP_ALIVE_MS;
}

function fromSeconds(seconds: number): number {
  if (!Number.isFinite(seconds)) return DEFAULT_KEEP_ALIVE_MS;
  return seconds < 0 ? Infinity : seconds * 1000;
}

function parseGoDuration(text: string): number | null {
  const match = /^(-?)((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/.exec(text);
  if (!match) return null;
  let total = 0;
  for (const part of match[2].matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * (UNIT_MS[part[2]] ?? 0);
  }
  return match[1] === '-' ? Infinity : total;
}
