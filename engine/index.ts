// The engine's entry point for the extension, which loads it lazily with import('../engine'):
// what a panel needs at run time. Pure rules (tones, limits, validation) may be imported
// from their own files, so the extension's activation does not load LangGraph.
export * from './types';
export { runDebate } from './run';
export { DebateSessions, type DebateRun, type BranchRequest, type ModeratorReply, type SessionRunOptions } from './session';
export { MemoryDebateStore, type DebateStore, type DebateRecord, type DebateSettings } from './store';
export { validateConfig } from './validate';
export { BUILT_IN_TONES, DEFAULT_TONE, MAX_CUSTOM_TONES, allTones, findTone, usableCustomTones, validateTones } from './tones';
export { DEFAULT_OLLAMA_HOST, resolveHost, normalizeHost } from './host';
export { listModels, getVersion, showModel, pullModel } from './ollama-api';
export { EngineError, describeOllamaError } from './errors';
export { transcriptToMarkdown, exportFileName } from './markdown';
export {
  MIN_SPEAKERS,
  MAX_SPEAKERS,
  MIN_EXCHANGES,
  MAX_EXCHANGES,
  MAX_TOTAL_EXCHANGES,
  MIN_TEMPERATURE,
  MAX_TEMPERATURE,
  DEFAULT_CONTEXT_BUDGET_CHARS,
  DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
  DEFAULT_STALL_TIMEOUT_MS,
  DEFAULT_MAX_REPLY_CHARS,
  OLLAMA_ANSWER_TIMEOUT_MS,
} from './limits';
export { onDiagnostic, type DiagnosticListener } from './diagnostics';
export { LibraryStore, openLibrary, type LibraryStoreOptions } from './library/library-store';
export type { LibraryEntry } from './library/library';
export { defaultLibraryFolder } from './library/paths';
export { exportDebateJson, importDebateJson, type ImportResult } from './library/transfer';
