// The opening of everything that talks to Ollama (a debate, a model listing, a pull):
// resolve the host from the settings, then load the engine (on first use: activation
// stays light). Either step's failure comes back as an error a person can act on.
import type { DebateError, ModelInfo, PullProgress, Transcript } from '../engine/types';
import type { LibraryStore, LibraryStoreOptions } from '../engine/library/library-store';
import type { ImportResult } from '../engine/library/transfer';
import type { DebateSessions, SessionOptions } from '../engine/session';
import type { SpeakerBackends } from '../engine/speaker-backend';
import { errorMessage } from './log';
import { effectiveHost, type ExtensionSettings } from './settings';
import * as l10n from './contract/l10n';

/** A library folder opened for running debates (the engine's openLibrary). */
export interface LibraryServices {
  store: LibraryStore;
  sessions: DebateSessions;
}

/** The part of the engine the extension uses (loaded on first use). */
export interface DebateEngine {
  openLibrary(folder: string, options: LibraryStoreOptions, sessionOptions?: SessionOptions): LibraryServices;
  defaultLibraryFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string;
  exportDebateJson(sessions: DebateSessions, id: string): Promise<string>;
  importDebateJson(sessions: DebateSessions, text: string): Promise<ImportResult>;
  transcriptToMarkdown(transcript: Transcript): string;
  /** Where the engine's one-line diagnostics go; returns the way to stop. */
  onDiagnostic(listener: (line: string) => void): () => void;
  listModels(host: string, signal?: AbortSignal): Promise<ModelInfo[]>;
  /** A model's details from /api/show; its `capabilities` tell the panel whether it reasons. */
  showModel(host: string, model: string): Promise<{ capabilities: string[] | null }>;
  pullModel(host: string, model: string, onProgress: (progress: PullProgress) => void, signal?: AbortSignal): Promise<void>;
  describeOllamaError(error: unknown, context: { host: string; model?: string }): DebateError;
}

export type EngineAccess = { ok: true; host: string; engine: DebateEngine } | { ok: false; error: DebateError };

/** Resolves the configured host and loads the engine, as every caller needs both. */
export type EngineAccessor = () => Promise<EngineAccess>;

export async function accessEngine(settings: ExtensionSettings, loadEngine: () => Promise<DebateEngine>): Promise<EngineAccess> {
  const resolved = effectiveHost(settings);
  if (!resolved.ok) return resolved;
  try {
    return { ok: true, host: resolved.host, engine: await loadEngine() };
  } catch (error) {
    return { ok: false, error: { kind: 'unknown', message: l10n.t('The debate engine could not load: {0}', errorMessage(error)) } };
  }
}

/** The accessor for settings read afresh on every call (they change while panels are open). */
export function engineAccessor(settings: () => ExtensionSettings, loadEngine: () => Promise<DebateEngine>): EngineAccessor {
  return () => accessEngine(settings(), loadEngine);
}

/** The engine whose libraries run debates with this extension host's speaker backends (VS Code's language models). */
export function withSpeakerBackends(engine: DebateEngine, speakerBackends: SpeakerBackends): DebateEngine {
  return { ...engine, openLibrary: (folder, options) => engine.openLibrary(folder, options, { speakerBackends }) };
}
