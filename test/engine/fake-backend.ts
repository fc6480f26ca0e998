// A speaker backend of our own for the engine's tests (and the extension's wiring test): answers
// with fixed pieces, one per macrotask, honours the run's signal, and keeps every request.
import { EngineError } from '../../engine/errors';
import type { SpeakerBackend } from '../../engine/speaker-backend';
import type { TurnRequest, TurnResult } from '../../engine/turn-stream';
import type { DebateError, SpeakerConfig, TurnMetrics } from '../../engine/types';

/** The figures the fake reports: recorded as they are. */
export const FAKE_METRICS: TurnMetrics = { timeToFirstTokenMs: 7, durationMs: 30, tokens: 3, tokensPerSecond: null, loadDurationMs: null, promptTokens: null, contextWindow: 4096 };

export interface FakeOptions {
  window?: number;
  pieces?: string[];
  /** Thrown by prepare. */
  refusal?: DebateError;
  /** Called after each piece is handed on (to stop mid-turn). */
  afterPiece?: (index: number) => void;
}

/** A backend of our own: answers with fixed pieces, one per macrotask, and keeps every request. */
export class FakeBackend implements SpeakerBackend {
  readonly prepared: SpeakerConfig[][] = [];
  readonly requests: TurnRequest[] = [];

  constructor(private readonly options: FakeOptions = {}) {}

  async prepare(speakers: readonly SpeakerConfig[]): Promise<void> {
    this.prepared.push([...speakers]);
    if (this.options.refusal !== undefined) throw new EngineError(this.options.refusal);
  }

  contextWindow(): number {
    return this.options.window ?? 4096;
  }

  async streamTurn(request: TurnRequest): Promise<TurnResult> {
    this.requests.push(request);
    let text = '';
    for (const [index, piece] of (this.options.pieces ?? ['Coffee ', 'wakes ', 'you.']).entries()) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (request.signal.aborted) break;
      text += piece;
      request.onToken(piece);
      this.options.afterPiece?.(index);
    }
    const metrics = { ...FAKE_METRICS, contextWindow: request.contextWindow };
    if (request.signal.aborted) return { reply: { text, status: 'stopped', metrics, note: 'Stopped.' }, error: null };
    return { reply: { text, status: 'complete', metrics }, error: null };
  }
}
