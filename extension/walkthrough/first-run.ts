// Whether to offer the walkthrough on the extension's first activation: once per person
// (remembered in the extension's global state), never when VS Code is told not to open
// walkthroughs by itself (`workbench.welcomePage.walkthroughs.openOnInstall`: test
// profiles set it), and not to someone whose Ollama already answers with a model.
import { isReady, type OllamaReadiness } from './ollama-readiness';

/** The global-state key remembering that the first-run decision was made. */
export const FIRST_RUN_DECIDED_KEY = 'talkingModels.firstRunWalkthroughDecided';
/** VS Code's own switch for opening an extension's walkthrough when it is installed. */
export const OPEN_WALKTHROUGHS_SETTING = 'workbench.welcomePage.walkthroughs.openOnInstall';

export interface FirstRunFacts {
  decidedBefore: boolean;
  /** The value of OPEN_WALKTHROUGHS_SETTING (true unless set). */
  openWalkthroughs: unknown;
  readiness: OllamaReadiness;
}

/**
 * `offer`: show the offer and remember; `set-up-already`: remember without offering (Ollama answers
 * with a model); `not-now`: neither (decided before, or walkthroughs are switched off, which may change).
 */
export type FirstRunDecision = 'offer' | 'set-up-already' | 'not-now';

export function firstRunDecision(facts: FirstRunFacts): FirstRunDecision {
  if (facts.decidedBefore || facts.openWalkthroughs === false) return 'not-now';
  return isReady(facts.readiness) ? 'set-up-already' : 'offer';
}
