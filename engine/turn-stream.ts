// What one speaker's turn is, whichever backend's model speaks it: the request, the limits every
// turn keeps (first-token and stall timeouts, the reply cap), the timing of the first token and of
// the reasoning, and the turn recorded from how the stream ended (done, Stop, a timeout, the cap,
// a failure). A backend streams its model's pieces into a TurnStream and words its own failures.
import type { ChatMessage } from './context';
import { DEFAULT_MAX_REPLY_CHARS } from './limits';
import type { MeasuredTurn } from './metrics';
import { cutOffOf } from './run-cut-off';
import type { DebateError, SpeakerConfig, TurnMetrics, TurnReply } from './types';

export interface TurnRequest {
  speaker: SpeakerConfig;
  /** The Ollama host of an Ollama speaker (other backends ignore it). */
  host: string;
  messages: readonly ChatMessage[];
  /** The window the prompt was sized to (the backend's contextWindow; Ollama sends it as `num_ctx`). */
  contextWindow: number;
  firstTokenTimeoutMs: number;
  stallTimeoutMs: number;
  /** Most characters a reply may have: it is cut there, kept and marked (default DEFAULT_MAX_REPLY_CHARS). */
  maxReplyChars?: number;
  /** The run's signal: aborting it stops this turn and keeps what was said. */
  signal: AbortSignal;
  onToken: (text: string) => void;
  /** Reasoning as it streams (never part of the reply). */
  onThinking?: (text: string) => void;
}

export interface TurnResult {
  reply: TurnReply;
  /** Set when the turn failed; a stopped turn has none. */
  error: DebateError | null;
}

export const STOPPED_NOTE = 'Stopped by the user.';

/** The note of a reply cut at the reply cap (a complete turn: the debate goes on). */
export function cutNote(maxReplyChars: number): string {
  return `Cut at ${maxReplyChars.toLocaleString('en-US')} characters, the longest reply allowed; the model was stopped there.`;
}

/** How a backend words what went wrong with its model, in sentences a person can act on. */
export interface TurnFailureWords {
  /** No piece at all within the first-token timeout. */
  firstTokenTimeout(timeoutMs: number): DebateError;
  /** Pieces flowed, then nothing for the stall timeout. */
  stalled(timeoutMs: number): DebateError;
  /** Anything the model's request threw; `phase` is 'stream' once the model had started answering. */
  failure(error: unknown, phase: 'request' | 'stream'): DebateError;
}

/** One turn's stream as it arrives: the limits enforced, the pieces handed on, the timings kept. */
export class TurnStream {
  /** Aborted by Stop, a timeout or the cap: the backend ends its model's request with it. */
  readonly signal: AbortSignal;
  private readonly timeout = new AbortController();
  private readonly cap = new AbortController();
  private readonly maxReplyChars: number;
  private readonly startedAt = performance.now();
  /** The first reply piece: what time to first token measures. */
  private firstTokenAt: number | null = null;
  /** The first piece of either kind: reasoning is a sign of life too. */
  private firstLifeAt: number | null = null;
  private lastTokenAt = this.startedAt;
  private thinkingStartedAt: number | null = null;
  private thinkingEndedAt: number | null = null;
  private chunks = 0;
  private replyText = '';
  private thinking = '';
  private readonly firstTokenTimer: ReturnType<typeof setTimeout>;
  private readonly stallCheck: ReturnType<typeof setInterval>;

  constructor(private readonly request: TurnRequest) {
    this.maxReplyChars = request.maxReplyChars ?? DEFAULT_MAX_REPLY_CHARS;
    this.signal = AbortSignal.any([request.signal, this.timeout.signal, this.cap.signal]);
    this.firstTokenTimer = setTimeout(() => this.timeout.abort(), request.firstTokenTimeoutMs);
    // A silent stream once pieces flowed: checked by one coarse interval rather than a timer
    // re-armed per token, which would cost CPU on every token.
    this.stallCheck = setInterval(
      () => {
        if (this.firstLifeAt !== null && performance.now() - this.lastTokenAt > request.stallTimeoutMs) this.timeout.abort();
      },
      Math.min(1000, request.stallTimeoutMs / 4),
    );
  }

  /** The reply so far. */
  get text(): string {
    return this.replyText;
  }

  /** Whether the reply reached the cap (the backend stops reading its stream). */
  get capped(): boolean {
    return this.cap.signal.aborted;
  }

  /** One piece of the model's answer arrived: counted, as the token count when the model gives none. */
  countChunk(): void {
    this.chunks++;
  }

  /** A piece of reasoning or reply: within the cap, a sign of life, recorded and handed on. */
  add(kind: 'thinking' | 'reply', whole: string): void {
    const piece = this.withinCap(whole);
    if (piece === '') return;
    const now = performance.now();
    if (this.firstLifeAt === null) {
      this.firstLifeAt = now;
      clearTimeout(this.firstTokenTimer);
    }
    this.lastTokenAt = now;
    if (kind === 'thinking') {
      this.thinkingStartedAt ??= now;
      this.thinking += piece;
      this.request.onThinking?.(piece);
      return;
    }
    this.firstTokenAt ??= now;
    if (this.thinkingStartedAt !== null) this.thinkingEndedAt ??= now;
    this.replyText += piece;
    this.request.onToken(piece);
  }

  /** The stream ended, however: the timers stop. */
  end(): void {
    clearTimeout(this.firstTokenTimer);
    clearInterval(this.stallCheck);
  }

  /** The turn as it ended; `metrics` turns what was measured into the backend's figures. */
  result(failure: unknown, words: TurnFailureWords, metrics: (measured: MeasuredTurn) => TurnMetrics): TurnResult {
    this.end();
    const endedAt = performance.now();
    const reasoning = reasoningFields(this.thinking, this.thinkingStartedAt, this.thinkingEndedAt ?? endedAt);
    const said = { text: this.replyText, metrics: metrics({ startedAt: this.startedAt, firstTokenAt: this.firstTokenAt, endedAt, chunks: this.chunks }), ...reasoning };
    const { signal } = this.request;
    if (signal.aborted) return { reply: { ...said, status: 'stopped', note: cutOffOf(signal)?.note ?? STOPPED_NOTE }, error: null };
    if (this.capped) return { reply: { ...said, status: 'complete', note: cutNote(this.maxReplyChars) }, error: null };
    let error: DebateError | null = null;
    if (this.timeout.signal.aborted) {
      error = this.firstLifeAt === null ? words.firstTokenTimeout(this.request.firstTokenTimeoutMs) : words.stalled(this.request.stallTimeoutMs);
    } else if (failure !== null) {
      error = words.failure(failure, this.firstLifeAt === null ? 'request' : 'stream');
    }
    return error === null ? { reply: { ...said, status: 'complete' }, error: null } : { reply: { ...said, status: 'failed', note: error.message }, error };
  }

  /** The part of a piece within the cap (reply and reasoning together); past it, the model is stopped. */
  private withinCap(piece: string): string {
    const room = this.maxReplyChars - this.replyText.length - this.thinking.length;
    if (piece.length <= room) return piece;
    // Closing the request stops generation.
    this.cap.abort();
    return piece.slice(0, Math.max(0, room)).replace(/[\uD800-\uDBFF]$/, '');
  }
}

/** The turn's reasoning fields: none when the model did not reason. */
function reasoningFields(thinking: string, startedAt: number | null, endedAt: number): Pick<TurnReply, 'thinking' | 'thinkingMs'> {
  const trimmed = thinking.trim();
  if (trimmed === '' || startedAt === null) return {};
  return { thinking: trimmed, thinkingMs: Math.max(0, Math.round(endedAt - startedAt)) };
}
