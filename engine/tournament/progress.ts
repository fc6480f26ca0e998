// The progress line of a tournament, as people expect on long work: how many matches are done
// of how many, which are running where, and an estimate of the time left from this run's pace.
// Pure: the command line draws it (in place on a terminal, a line per change otherwise).

export interface RunningMatch {
  key: string;
  host: string;
}

export interface TournamentProgress {
  total: number;
  /** Matches judged, those finished by an earlier run included. */
  done: number;
  /** Matches that ended without a verdict in this run. */
  failed: number;
  running: readonly RunningMatch[];
  /** Matches judged in this run, and when it started (ms): the pace the estimate comes from. */
  doneThisRun: number;
  startedAtMs: number;
}

/** How many running matches the line names before "+N more". */
const RUNNING_NAMED = 3;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Pure: a duration as mm:ss (minutes past 59 keep counting: 75:04); unknown is --:--. */
export function formatEta(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '--:--';
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`;
}

/** Pure: the time left at this run's pace so far; null before its first match is done. */
export function etaMs(progress: TournamentProgress, nowMs: number): number | null {
  const left = progress.total - progress.done - progress.failed;
  if (left <= 0) return 0;
  if (progress.doneThisRun === 0) return null;
  return ((nowMs - progress.startedAtMs) / progress.doneThisRun) * left;
}

/** A host as the line shows it: without the scheme. */
function shortHost(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, '').replace(/\/$/, '');
}

/** Pure: e.g. "5/12 done, 1 failed, running: t01-a-vs-b-a on 127.0.0.1:11434, t02-… +2 more, ETA 01:23". */
export function progressLine(progress: TournamentProgress, nowMs: number): string {
  const parts = [`${progress.done}/${progress.total} done`];
  if (progress.failed > 0) parts.push(`${progress.failed} failed`);
  const named = progress.running.slice(0, RUNNING_NAMED).map((match) => `${match.key} on ${shortHost(match.host)}`);
  const more = progress.running.length - named.length;
  parts.push(`running: ${named.length === 0 ? 'none' : named.join(', ')}${more > 0 ? ` +${more} more` : ''}`);
  parts.push(`ETA ${formatEta(etaMs(progress, nowMs))}`);
  return parts.join(', ');
}
