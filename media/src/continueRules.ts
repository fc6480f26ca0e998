// What Continue may add to a debate, in words: one run's bound, and the total a debate
// may reach (the engine refuses more; the panel says so before it is asked).
import { continueLimit, MAX_PANEL_EXCHANGES, MAX_TOTAL_EXCHANGES, MIN_PANEL_EXCHANGES } from '../../extension/contract/limits';
import * as l10n from './l10n';

/** The hint beside Continue's input for a debate of `exchanges` exchanges in all. */
export function continueLimitText(exchanges: number): string {
  const limit = continueLimit(exchanges);
  if (limit < MIN_PANEL_EXCHANGES) return l10n.t('This debate has {0} exchanges, the most a debate may have.', MAX_TOTAL_EXCHANGES);
  if (limit < MAX_PANEL_EXCHANGES) return l10n.t('(up to {0}: a debate has at most {1} exchanges)', limit, MAX_TOTAL_EXCHANGES);
  return l10n.t('(up to {0} at a time, {1} in all)', limit, MAX_TOTAL_EXCHANGES);
}
