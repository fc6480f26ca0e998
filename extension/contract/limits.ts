// The debate panel's limits, shared by the host's validation (protocol.ts) and
// the webview's form. Kept free of dependencies (no zod) so the webview can
// bundle it; the speaker and exchange bounds are the engine's own, so the panel
// and the CLI allow the same debates.
import { MAX_EXCHANGES, MAX_TOTAL_EXCHANGES, MIN_EXCHANGES } from '../../engine/limits';

export { MAX_SPEAKERS, MAX_TOTAL_EXCHANGES, MIN_SPEAKERS } from '../../engine/limits';

/** Exchanges one run may have (a new debate), or add (Continue): the engine's per-run bounds. */
export const MIN_PANEL_EXCHANGES = MIN_EXCHANGES;
export const MAX_PANEL_EXCHANGES = MAX_EXCHANGES;
export const DEFAULT_PANEL_EXCHANGES = 3;
/** Rows the webview's form shows before the host sends the form from settings. */
export const DEFAULT_PANEL_SPEAKERS = 2;
export const MAX_TOPIC_CHARS = 4000;
export const MAX_MODEL_NAME_CHARS = 200;
/** The engine's own bound on a moderator's note (engine/graph/moderator.ts). */
export const MAX_MODERATOR_NOTE_CHARS = 4000;

/**
 * The most exchanges Continue may add to a debate that has `exchanges` in all: one run's
 * bound, and no further than the total a debate may reach. 0 when it is there already.
 */
export function continueLimit(exchanges: number): number {
  return Math.max(0, Math.min(MAX_PANEL_EXCHANGES, MAX_TOTAL_EXCHANGES - exchanges));
}
