// The engine's public vocabulary: what a debate is configured with, what it
// records, and the one event union every consumer (CLI, panel, tests) reads.

/** One participant: its own model, tone and (optionally) its own Ollama host. */
export interface SpeakerConfig {
  /** Display name shown in the transcript, e.g. "Speaker 1" or "Ada". */
  name: string;
  /** Ollama model tag, e.g. "llama3.2:1b". */
  model: string;
  /** Name of a built-in or custom tone (matched case-insensitively). */
  tone: string;
  /** Ollama base URL for this speaker only (a GPU box on the network). */
  host?: string;
  /** Sampling temperature sent to Ollama (0 to 2). */
  temperature?: number;
  /** Model context window in tokens (Ollama's `num_ctx`). */
  contextSize?: number;
}

/** A persona: its prompt becomes the speaker's system message. */
export interface Tone {
  name: string;
  prompt: string;
}

export interface DebateConfig {
  topic: string;
  /** 1 to 6 speakers, who speak in this order within each exchange. */
  speakers: SpeakerConfig[];
  /** Number of rounds (1 to 20); each speaker speaks once per exchange. */
  exchanges: number;
  /** Host for speakers that name none; else OLLAMA_HOST, else http://127.0.0.1:11434. */
  host?: string;
  /** User-defined tones, usable by name alongside the built-in ones. */
  customTones?: Tone[];
  /** Most characters of earlier turns a request may carry (oldest dropped first). */
  contextBudgetChars?: number;
  /** How long a speaker may take to produce its first token, model load included. */
  firstTokenTimeoutMs?: number;
  /** How long a speaker may fall silent mid-reply before its turn fails (the partial reply is kept). */
  stallTimeoutMs?: number;
}

export type TurnStatus = 'complete' | 'stopped' | 'failed';

export interface TurnMetrics {
  /** From the request leaving to the first content token. */
  timeToFirstTokenMs: number | null;
  /** From the request leaving to the turn's end. */
  durationMs: number;
  /** Tokens generated (Ollama's `eval_count`; counted chunks when it is absent). */
  tokens: number;
  /** Ollama's own figure: eval_count / eval_duration; null when unknown. */
  tokensPerSecond: number | null;
  /** Ollama's `load_duration` in ms; null when unknown. */
  loadDurationMs: number | null;
  /** Ollama's `prompt_eval_count`; null when unknown. */
  promptTokens: number | null;
}

export interface Turn {
  /** 0-based position in the transcript. */
  index: number;
  /** 1-based exchange (round) this turn belongs to. */
  exchange: number;
  /** 0-based index into the debate's speakers. */
  speakerIndex: number;
  speaker: string;
  model: string;
  tone: string;
  text: string;
  status: TurnStatus;
  metrics: TurnMetrics;
  /** Why the turn is stopped or failed, in words a person can act on. */
  note?: string;
}

export type DebateOutcome = 'complete' | 'stopped' | 'failed';

export interface Transcript {
  topic: string;
  speakers: SpeakerConfig[];
  exchanges: number;
  /** ISO 8601 timestamps. */
  startedAt: string;
  endedAt: string | null;
  turns: Turn[];
  outcome: DebateOutcome | 'running';
}

export type DebateErrorKind =
  | 'invalid-config'
  | 'unreachable'
  | 'model-missing'
  | 'http'
  | 'stream-dropped'
  | 'first-token-timeout'
  | 'unknown';

export interface DebateError {
  kind: DebateErrorKind;
  /** One or two sentences a person can act on (names the host, the model, the fix). */
  message: string;
  speaker?: string;
  model?: string;
  host?: string;
  /** HTTP status for kind 'http' and 'model-missing'. */
  status?: number;
  /** For kind 'invalid-config': the offending field, e.g. "speakers[1].model". */
  field?: string;
}

export type DebateEvent =
  | { type: 'debate-start'; topic: string; speakers: SpeakerConfig[]; exchanges: number; startedAt: string }
  /** Every speaker's model is being loaded (in parallel) before the first turn. */
  | { type: 'models-loading'; models: string[] }
  | { type: 'turn-start'; turnIndex: number; speakerIndex: number; speaker: string; model: string; tone: string; exchange: number }
  | { type: 'token'; turnIndex: number; text: string }
  | { type: 'turn-end'; turn: Turn }
  | { type: 'error'; error: DebateError }
  /** Always the last event, whatever happened; carries everything recorded. */
  | { type: 'debate-end'; transcript: Transcript };

export interface RunOptions {
  /** Aborting ends the run promptly, closes the HTTP request, keeps the partial turn. */
  signal?: AbortSignal;
}

/** An installed model as listed by Ollama's /api/tags. */
export interface ModelInfo {
  name: string;
  sizeBytes: number;
  parameterSize: string | null;
  quantization: string | null;
  family: string | null;
  modifiedAt: string | null;
}

export interface PullProgress {
  status: string;
  /** 0..1 when Ollama reports byte counts, else null. */
  fraction: number | null;
  completedBytes: number | null;
  totalBytes: number | null;
}
