// The debate panel's limits, shared by the host's validation (protocol.ts) and
// the webview's form. Kept free of dependencies (no zod) so the webview can
// bundle it; the speaker bounds and the total exchanges are the engine's own.
export { MAX_SPEAKERS, MAX_TOTAL_EXCHANGES, MIN_SPEAKERS } from '../../engine/limits';

export const MIN_PANEL_EXCHANGES = 1;
/** Lower than the engine's bound: a panel debate is read as it streams. Continue adds at most as many at a time. */
export const MAX_PANEL_EXCHANGES = 10;
export const DEFAULT_PANEL_EXCHANGES = 3;
/** Rows the webview's form shows before the host sends the form from settings. */
export const DEFAULT_PANEL_SPEAKERS = 2;
export const MAX_TOPIC_CHARS = 4000;
export const MAX_MODEL_NAME_CHARS = 200;
/** The engine's own bound on a moderator's note (engine/graph/moderator.ts). */
export const MAX_MODERATOR_NOTE_CHARS = 4000;
