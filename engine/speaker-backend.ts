// Where a speaker's model runs. Ollama is the engine's own backend (the CLI and the extension);
// a host process may supply others (VS Code's language models, in the extension only). The
// speaker node streams through this interface, so it doesn't care which one answers.
import type { TurnRequest, TurnResult } from './chat-turn';
import type { SpeakerBackendId, SpeakerConfig } from './types';

export interface SpeakerBackend {
  /** Before the first turn: checks each of these speakers' models can answer; throws an EngineError a person can act on. */
  prepare(speakers: readonly SpeakerConfig[], signal: AbortSignal): Promise<void>;
  /** The window, in tokens, a speaker's prompt is sized to. */
  contextWindow(speaker: SpeakerConfig): number;
  /** Streams one turn; never throws (a failure is recorded in the result). */
  streamTurn(request: TurnRequest): Promise<TurnResult>;
}

/** The backends a process supplies besides Ollama, by the id a speaker names. */
export type SpeakerBackends = Partial<Record<SpeakerBackendId, SpeakerBackend>>;
