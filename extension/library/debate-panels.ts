// What the Debates view asks of the debate panels (the panel registry implements it,
// through extension/debate/panel-directory.ts), so the view needs no knowledge of webviews.
// A debate is shown in at most one panel of a window. What can't be done (the library
// won't open, the branch is refused) is told to the person by the panels themselves.
import type { SpeakerConfig } from '../../engine/types';

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
  /** Panels showing a debate that was deleted say so (what they show stays, to read or export). */
  debateDeleted(id: string): void;
}
