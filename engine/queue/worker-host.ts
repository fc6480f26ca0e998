// The Ollama a worker ran a debate on, as the collecting machine should record it. Pure.
//
// A worker usually talks to its own Ollama at http://127.0.0.1:11434; every worker says so, and
// on the collecting machine that address is a different server (or none). The debate keeps the
// worker machine's name instead, so the leaderboard's speed per host tells the machines apart
// and a debate continued from the collecting machine goes to the Ollama that spoke it.
import type { DebateRecord } from '../store';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1|0\.0\.0\.0)$/i;

/** Pure: `host` with a loopback name replaced by `machine`; any other address as it is. */
export function hostSeenFromAfar(host: string, machine: string): string {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    return host;
  }
  if (!LOOPBACK.test(url.hostname) || machine.trim() === '') return host;
  url.hostname = machine.trim();
  return url.toString().replace(/\/$/, '');
}

/** Pure: the record with its debate's host seen from afar (speakers' own hosts are the tournament's: none). */
export function recordSeenFromAfar(record: DebateRecord, machine: string): DebateRecord {
  const host = record.settings.host;
  return host === undefined ? record : { ...record, settings: { ...record.settings, host: hostSeenFromAfar(host, machine) } };
}
