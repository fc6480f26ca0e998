// The progress line under the status: "Round 2 of 10 · turn 8 of 60 · about 3 min left".
// It keeps how long this run's finished turns took (the engine's own measure of each),
// so the estimate follows the models and machine at hand; while a run goes it refreshes
// the estimate now and then, as the turn under way uses up its share. The turns of a
// simultaneous round speak at once: counted together, and timed as one. Not a live region:
// the status line announces turns, this would only repeat them.
import type { Turn } from '../../engine/types';
import type { DebateView } from '../../extension/contract/protocol';
import { isRunningStatus } from '../../extension/contract/snapshot';
import { h } from './dom';
import { estimateTimeLeftMs, formatProgress, formatTimeLeft, liveProgress, stepsAfter } from './progressRules';

/** Often enough for "about N min", rarely enough to cost nothing. */
const REFRESH_MS = 10_000;

export class ProgressLine {
  private readonly counts = h('span', { class: 'progress-counts' });
  private readonly timeLeft = h('span', { class: 'progress-time-left', hidden: true });
  readonly element = h('div', { class: 'progress-line', hidden: true }, [this.counts, this.timeLeft]);
  private finishedTurnsMs: number[] = [];
  /** The live turns timed (a turn, or a simultaneous round's), and when the first of them began (performance.now()). */
  private timedTurnIds: ReadonlySet<string> = new Set();
  private liveSince = 0;
  private shown: DebateView | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  /** A run began: its own turns set the pace (an earlier run may have used other models). */
  runStarted(): void {
    this.finishedTurnsMs = [];
  }

  /** A turn ended in this run: a completed reply counts towards the average. */
  turnFinished(turn: Turn): void {
    if (turn.kind === 'speaker' && turn.status === 'complete') this.finishedTurnsMs.push(turn.metrics.durationMs);
  }

  render(view: DebateView): void {
    this.shown = view;
    const { transcript, liveTurns } = view;
    const running = isRunningStatus(view.status);
    const progress = transcript === null ? null : liveProgress(transcript, liveTurns, running);
    this.element.hidden = progress === null;
    // A turn (or round) that begins with none of the timed ones still live starts the clock again.
    if (!liveTurns.some((live) => this.timedTurnIds.has(live.turnId))) this.liveSince = performance.now();
    this.timedTurnIds = new Set(liveTurns.map((live) => live.turnId));
    const left = progress === null || !running ? null : estimateTimeLeftMs({
      finishedTurnsMs: this.finishedTurnsMs,
      turnsAfter: stepsAfter(progress, transcript?.order?.kind === 'simultaneous'),
      currentElapsedMs: liveTurns.length === 0 ? null : performance.now() - this.liveSince,
    });
    this.counts.textContent = progress === null ? '' : formatProgress(progress);
    this.timeLeft.hidden = left === null;
    this.timeLeft.textContent = left === null ? '' : formatTimeLeft(left);
    this.keepRefreshing(left !== null);
  }

  private keepRefreshing(on: boolean): void {
    if (on && this.timer === null) {
      this.timer = setInterval(() => {
        if (this.shown !== null) this.render(this.shown);
      }, REFRESH_MS);
    } else if (!on && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
