// What the Debates view asks of the debate panels (the panel registry implements it,
// through extension/debate/panel-directory.ts), so the view needs no knowledge of webviews.
// A debate is shown in at most one panel of a window. What can't be done (the library
// won't open, the branch is refused) is told to the person by the panels themselves.
import type { SpeakerConfig } from '../../engine/types';
import type { JudgeOutcome } from '../judge/judge-runner';
import type { JudgeRunHooks } from '../judge/panel-judge';

export interface DebatePanels {
  /** Shows the debate: in the panel already showing it, else in a new one. Resolves once it is read from the library. */
  openDebate(id: string): Promise<void>;
  /** Opens the debate and continues it by `exchanges` (undefined: finish the planned ones). Resolves when that run ends. */
  continueDebate(id: string, exchanges?: number): Promise<void>;
  /**
   * Branches the debate after its first `atTurn` turns and opens the branch in a new panel, running
   * to its planned exchanges (a branch after the last planned turn opens and waits). Resolves when that run ends.
   * `speakers` replaces the debate's speakers slot by slot (undefined keeps a slot as it was).
   */
  branchDebate(id: string, atTurn: number, speakers?: (SpeakerConfig | undefined)[]): Promise<void>;
  /**
   * Opens the debate and has `model` judge it there (the panel shows the progress, then the verdict
   * card); `hooks` add a progress report and a cancel of the caller's. Resolves with how it ended.
   */
  judgeDebate(id: string, model: string, hooks?: JudgeRunHooks): Promise<JudgeOutcome>;
  /** Panels showing a debate that was deleted say so (what they show stays, to read or export). */
  debateDeleted(id: string): void;
}
