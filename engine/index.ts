// The engine's public surface: everything the CLI and the extension may import.
export * from './types';
export { runDebate } from './run';
export { validateConfig } from './validate';
export { BUILT_IN_TONES, DEFAULT_TONE, allTones, findTone, validateTones } from './tones';
export { DEFAULT_OLLAMA_HOST, resolveHost, normalizeHost } from './host';
export { listModels, getVersion, showModel, pullModel } from './ollama-api';
export { EngineError, describeOllamaError } from './errors';
export { transcriptToMarkdown, exportFileName } from './markdown';
export {
  MIN_SPEAKERS,
  MAX_SPEAKERS,
  MIN_EXCHANGES,
  MAX_EXCHANGES,
  MIN_TEMPERATURE,
  MAX_TEMPERATURE,
  DEFAULT_CONTEXT_BUDGET_CHARS,
  DEFAULT_FIRST_TOKEN_TIMEOUT_MS,
} from './limits';
