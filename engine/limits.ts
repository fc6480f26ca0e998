// The numeric rules of a debate in one place, shared by validation, the graph and the UI.
export const MIN_SPEAKERS = 1;
export const MAX_SPEAKERS = 6;
export const MIN_EXCHANGES = 1;
export const MAX_EXCHANGES = 20;
/** Continue may take a debate past MAX_EXCHANGES, up to this many exchanges in all. */
export const MAX_TOTAL_EXCHANGES = 100;
export const MIN_TEMPERATURE = 0;
export const MAX_TEMPERATURE = 2;
/**
 * The old character budget's default (talkingModels.contextBudget, `contextBudgetChars`), replaced by a
 * window in tokens: a record or setting holding this value never chose it, so it converts to nothing.
 */
export const DEFAULT_CONTEXT_BUDGET_CHARS = 12_000;
/** The context window (Ollama's `num_ctx`) sent with every request when nothing larger is known to fit. */
export const DEFAULT_CONTEXT_WINDOW = 8192;
/** Smallest window accepted: below it the system message and a reply hardly fit. */
export const MIN_CONTEXT_WINDOW = 512;
/** Largest window accepted from a setting (the largest models' own limit today). */
export const MAX_CONTEXT_WINDOW = 1_048_576;
/** Generous because the first token of a cold model includes loading it from disk. */
export const DEFAULT_FIRST_TOKEN_TIMEOUT_MS = 120_000;
/** Once a model is talking, tokens come many times a second: a minute of silence means it is stuck. */
export const DEFAULT_STALL_TIMEOUT_MS = 60_000;
/** Most characters of one reply: a model that never stops is cut there (the turn is kept, marked). */
export const DEFAULT_MAX_REPLY_CHARS = 1_000_000;
/**
 * How long a short call to Ollama (version, model list, model details) may take in all. They
 * answer in milliseconds; a server that accepts the connection and says nothing is stuck.
 */
export const OLLAMA_ANSWER_TIMEOUT_MS = 10_000;
/** How long Ollama keeps each model loaded after our last request: long enough for a whole debate. */
export const KEEP_ALIVE = '30m';
