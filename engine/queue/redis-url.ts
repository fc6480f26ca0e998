// A --queue value: a Redis URL, checked, and shown without its password. Pure.

/** Pure: what is wrong with a --queue value, or null. */
export function redisUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `--queue takes a Redis URL like redis://host:6379 (or redis://:password@host:6379), not "${displayRedisUrl(url)}"`;
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    return `--queue takes a redis:// or rediss:// URL, not "${displayRedisUrl(url)}"`;
  }
  if (parsed.hostname === '') return `--queue ${displayRedisUrl(url)} names no host`;
  return null;
}

/** Pure: the URL as it may be printed: a password is never shown. */
export function displayRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}
