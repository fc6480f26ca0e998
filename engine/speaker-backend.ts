// Where a speaker's model runs. Ollama is the engine's own backend (the CLI and the extension);
// a host process may supply others (VS Code's language models, in the extension only). The
// speaker node streams through this interface, so it doesn't care which one answers.
import type { TurnRequest, TurnResult } from './turn-stream';
import type { DebateError, SpeakerBackendId, SpeakerConfig } from './types';

export interface SpeakerBackend {
  /** Before the first turn: checks each of these speakers' models can answer; throws an EngineError a person can act on. */
  prepare(speakers: readonly SpeakerConfig[], signal: AbortSignal): Promise<void>;
  /** The window, in tokens, a speaker's prompt is sized to (after prepare). */
  contextWindow(speaker: SpeakerConfig): number;
  /** Streams one turn; never throws (a failure is recorded in the result). */
  streamTurn(request: TurnRequest): Promise<TurnResult>;
}

/** The backends a process supplies besides Ollama, by the id a speaker names. */
export type SpeakerBackends = Partial<Record<SpeakerBackendId, SpeakerBackend>>;

/** The backend a speaker names among a process's: undefined when the process has none of that kind. */
export function speakerBackendOf(speaker: SpeakerConfig, ollama: SpeakerBackend, others: SpeakerBackends): SpeakerBackend | undefined {
  return speaker.backend === undefined ? ollama : others[speaker.backend];
}

/** What each backend id runs, and who can run it, for a person told this process can't. */
const BACKEND_WORDS: Record<SpeakerBackendId, { model: string; runner: string; where: string }> = {
  'vscode-lm': { model: "VS Code's language model", runner: 'the Talking Models extension', where: 'VS Code' },
};

/** A speaker whose backend this process lacks (the CLI continuing a debate with a VS Code model speaker). */
export function missingBackendError(speaker: SpeakerConfig, slot: number, backend: SpeakerBackendId): DebateError {
  const words = BACKEND_WORDS[backend];
  return {
    kind: 'invalid-config',
    field: `speakers[${slot}].backend`,
    speaker: speaker.name,
    model: speaker.model,
    message: `Speaker ${slot + 1} (${speaker.name}) speaks through ${words.model} "${speaker.model}", which only ${words.runner} can run: continue this debate in ${words.where}.`,
  };
}

/** The speakers each backend other than Ollama prepares, by backend, in first-use order. */
export function speakersByBackend(speakers: readonly SpeakerConfig[]): Map<SpeakerBackendId, SpeakerConfig[]> {
  const grouped = new Map<SpeakerBackendId, SpeakerConfig[]>();
  for (const speaker of speakers) {
    if (speaker.backend === undefined) continue;
    grouped.set(speaker.backend, [...(grouped.get(speaker.backend) ?? []), speaker]);
  }
  return grouped;
}
