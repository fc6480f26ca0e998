// A tournament's progress on stderr: on a terminal one line redrawn in place (and every second,
// for the estimate); otherwise a line per change, so a log reads as a history. Notes (a host
// that failed) go on lines of their own above the progress. Everything is made one line of
// safe text first: no control character from a model, a server or a file reaches the terminal.
import { progressLine, type RunningMatch, type TournamentProgress } from '../tournament/progress';
import type { CliIo } from './io';
import { oneLine } from './render';

/** How often a terminal's line is redrawn while nothing happens (the estimate moves on). */
const REDRAW_MS = 1000;

export interface ProgressPrinter {
  started(match: RunningMatch): void;
  /** `counted`: whether it ended judged or failed; null when it moves to another host or was stopped. */
  ended(key: string, counted: 'judged' | 'failed' | null): void;
  note(message: string): void;
  /** Ends the line (a terminal keeps the last state shown). */
  close(): void;
}

export function createProgressPrinter(io: Pick<CliIo, 'stderr' | 'stderrColumns'>, initial: { total: number; done: number }, now: () => number = Date.now): ProgressPrinter {
  const progress: TournamentProgress = { ...initial, failed: 0, running: [], doneThisRun: 0, startedAtMs: now() };
  const terminal = io.stderrColumns !== undefined;
  // One column short of the width: writing the last column wraps some terminals.
  const width = Math.max(20, (io.stderrColumns ?? 80) - 1);
  let last = '';
  const draw = (): void => {
    const line = oneLine(progressLine(progress, now()));
    if (terminal) io.stderr(`\r${line.slice(0, width)}\u001b[K`);
    else if (line.replace(/, ETA .*$/, '') !== last.replace(/, ETA .*$/, '')) io.stderr(`${line}\n`);
    last = line;
  };
  const timer = terminal ? setInterval(draw, REDRAW_MS) : null;
  timer?.unref();
  draw();
  return {
    started(match) {
      progress.running = [...progress.running, match];
      draw();
    },
    ended(key, counted) {
      progress.running = progress.running.filter((match) => match.key !== key);
      if (counted === 'judged') {
        progress.done += 1;
        progress.doneThisRun += 1;
      }
      if (counted === 'failed') progress.failed += 1;
      draw();
    },
    note(message) {
      io.stderr(`${terminal ? '\r\u001b[K' : ''}talking-models: ${oneLine(message)}\n`);
      if (terminal) draw();
    },
    close() {
      if (timer !== null) clearInterval(timer);
      if (terminal) io.stderr('\n');
    },
  };
}
