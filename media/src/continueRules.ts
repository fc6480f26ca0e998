// What Continue may add to a debate, in words: one run's bound, and the total a debate
// may reach (the engine refuses more; the panel says so before it is asked).
import { continueLimit, MAX_PANEL_EXCHANGES, MAX_TOTAL_EXCHANGES, MIN_PANEL_EXCHANGES } from '../../extension/contract/limits';

/** The hint beside Continue's input for a debate of `exchanges` exchanges in all. */
export function continueLimitText(exchanges: number): string {
  const limit = continueLimit(exchanges);
  if (limit < MIN_PANEL_EXCHANGES) return `This debate has ${MAX_TOTAL_EXCHANGES} exchanges, the most a debate may have.`;
  if (limit < MAX_PANEL_EXCHANGES) return `(up to ${limit}: a debate has at most ${MAX_TOTAL_EXCHANGES} exchanges)`;
  return `(up to ${limit} at a time, ${MAX_TOTAL_EXCHANGES} in all)`;
}
