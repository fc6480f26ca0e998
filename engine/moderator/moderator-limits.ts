// The AI moderator's numeric rules, apart from its I/O.

/** A moderator's answer is short, but its model may have to load first (as a speaker's first token may). */
export const DEFAULT_MODERATOR_TIMEOUT_MS = 120_000;
/** Most characters of the debate's turns one moderator request carries (the newest kept); about 3k tokens. */
export const DEFAULT_MODERATOR_BUDGET_CHARS = 12_000;
/** Most characters kept of a framing or a round's summary: a few sentences, never a model's runaway text. */
export const MAX_MODERATOR_TEXT_CHARS = 1_500;
/** Most characters kept of a reason (for agreeing, closing, picking): one sentence. */
export const MAX_MODERATOR_REASON_CHARS = 300;
