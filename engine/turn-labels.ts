// The words that say what a turn is beyond who spoke it: an AI moderator's purpose, a closing
// statement, what the moderator is doing. One wording for the terminal and the markdown export.
import type { ModeratorActivity, ModeratorPurpose } from './types';

/** Heads a speaker's closing statement in place of its exchange. */
export const CLOSING_STATEMENT_LABEL = 'Closing statement';

/** What an AI moderator's turn does: "framing the question", "summary of round 2", "closing the debate". */
export function moderatorPurposeLabel(purpose: ModeratorPurpose, exchange: number): string {
  switch (purpose) {
    case 'framing':
      return 'framing the question';
    case 'summary':
      return `summary of round ${exchange}`;
    case 'closing':
      return 'closing the debate';
    default: {
      const unknown: never = purpose;
      throw new Error(`Unknown moderator purpose ${String(unknown)}`);
    }
  }
}

/** What the AI moderator is at, to follow "Moderator (model)": "frames the debate", "reviews round 2", "picks the next speaker". */
export function moderatorActivityLabel(activity: ModeratorActivity, round: number): string {
  switch (activity) {
    case 'framing':
      return 'frames the debate';
    case 'review':
      return `reviews round ${round}`;
    case 'picking':
      return 'picks the next speaker';
    default: {
      const unknown: never = activity;
      throw new Error(`Unknown moderator activity ${String(unknown)}`);
    }
  }
}
