// The engine's own speaker backend: each speaker's model on its Ollama host (its own, else the
// debate's), prompted to the window context-window.ts chooses, loaded with that window before the
// first turn, and streamed by chat-turn.ts. One per run: the windows are what this run's hosts said.
import { streamTurn } from './chat-turn';
import type { ContextWindows } from './context-window';
import { ownHostOr, resolveHost } from './host';
import { connectToHosts, distinctTargets, preloadModels } from './preload';
import type { SpeakerBackend } from './speaker-backend';
import type { TurnRequest, TurnResult } from './turn-stream';
import type { SpeakerConfig } from './types';

/** A model only the debate's helpers use (the AI moderator, the consensus model): loaded with Ollama's own window. */
export interface HelperModel {
  host?: string;
  model: string;
}

export class OllamaBackend implements SpeakerBackend {
  constructor(
    private readonly defaultHost: string,
    private readonly windows: ContextWindows,
    private readonly loadTimeoutMs: number,
  ) {}

  prepare(speakers: readonly SpeakerConfig[], signal: AbortSignal): Promise<void> {
    return this.load(speakers, [], signal);
  }

  /**
   * Connects to each host, then loads the speakers' models with the windows their requests will send
   * (else the first turn would load them again) and the helpers' with Ollama's default, all in parallel.
   * `onLoading` hears which models load once every host answered.
   */
  async load(speakers: readonly SpeakerConfig[], helpers: readonly HelperModel[], signal: AbortSignal, onLoading?: (models: string[]) => void): Promise<void> {
    const targets = distinctTargets([...speakers, ...helpers].map((user) => ({ host: this.hostOf(user.host), model: user.model })));
    await connectToHosts(targets, signal);
    onLoading?.([...new Set(targets.map((target) => target.model))]);
    await this.windows.probe(targets, signal);
    const speakerTargets = speakers.map((speaker) => ({ host: this.hostOf(speaker.host), model: speaker.model, contextWindow: this.contextWindow(speaker) }));
    await preloadModels(distinctTargets([...speakerTargets, ...targets]), signal, this.loadTimeoutMs);
  }

  contextWindow(speaker: SpeakerConfig): number {
    return this.windows.of(this.hostOf(speaker.host), speaker.model, speaker.contextSize);
  }

  streamTurn(request: TurnRequest): Promise<TurnResult> {
    return streamTurn(request);
  }

  /** The host a model's requests go to: its own, else the debate's. */
  hostOf(host: string | undefined): string {
    return resolveHost(ownHostOr(host, this.defaultHost));
  }
}
