// The judge's numeric rules, apart from its I/O so the CLI's pure argument parser can use them.

/** A judge reads a whole debate and writes at length: its model may also have to load first. */
export const DEFAULT_JUDGE_TIMEOUT_MS = 300_000;
/** Most characters of the rationale kept. */
export const MAX_RATIONALE_CHARS = 2000;
