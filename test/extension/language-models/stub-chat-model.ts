// A LanguageModelChat of our own: streams its reply in text chunks, can refuse or fail with a
// LanguageModelError-like error, honours (or, as a lingering provider would, ignores) the
// cancellation token, and keeps every request it was sent.
import type * as vscode from 'vscode';

export interface StubBehaviour {
  chunks?: string[];
  chunkDelayMs?: number;
  /** Thrown by sendRequest itself, before any answer. */
  refuseWith?: Error;
  /** Thrown by the stream after this many chunks. */
  failAfter?: { chunks: number; error: Error };
  /** Sends no chunk at all: waits until cancelled. */
  silent?: boolean;
  /** Keeps its stream open after the cancellation, as a provider that lingers. */
  ignoresCancellation?: boolean;
  /** What countTokens answers (an Error: it throws). */
  tokenCount?: number | Error;
}

export interface StubRequest {
  messages: unknown[];
  options: vscode.LanguageModelChatRequestOptions | undefined;
  token: vscode.CancellationToken | undefined;
}

/** The error VS Code's cancellation raises. */
class CancelledError extends Error {
  constructor() {
    super('Canceled');
    this.name = 'Canceled';
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class StubChatModel implements vscode.LanguageModelChat {
  readonly vendor = 'test';
  readonly family = 'stub';
  readonly version = '1';
  readonly requests: StubRequest[] = [];
  readonly countedTexts: string[] = [];

  constructor(
    readonly id: string,
    readonly name: string,
    readonly maxInputTokens: number,
    private readonly behaviour: StubBehaviour = {},
  ) {}

  async sendRequest(messages: vscode.LanguageModelChatMessage[], options?: vscode.LanguageModelChatRequestOptions, token?: vscode.CancellationToken): Promise<vscode.LanguageModelChatResponse> {
    this.requests.push({ messages: [...messages], options, token });
    await wait(1);
    if (this.behaviour.refuseWith !== undefined) throw this.behaviour.refuseWith;
    const text = this.pieces(token);
    return { text, stream: text };
  }

  async countTokens(text: string | vscode.LanguageModelChatMessage): Promise<number> {
    this.countedTexts.push(typeof text === 'string' ? text : '');
    const count = this.behaviour.tokenCount ?? 5;
    if (count instanceof Error) throw count;
    return count;
  }

  private async *pieces(token: vscode.CancellationToken | undefined): AsyncGenerator<string> {
    const { chunks = [], chunkDelayMs = 1, failAfter, silent, ignoresCancellation } = this.behaviour;
    const cancelled = () => token?.isCancellationRequested === true && ignoresCancellation !== true;
    if (silent === true) {
      for (let i = 0; i < 2000; i++) {
        await wait(5);
        if (cancelled()) throw new CancelledError();
      }
    }
    for (const [index, chunk] of chunks.entries()) {
      if (failAfter !== undefined && index === failAfter.chunks) throw failAfter.error;
      await wait(chunkDelayMs);
      if (cancelled()) throw new CancelledError();
      yield chunk;
    }
    // Lingers two seconds past its last chunk (bounded, so no test leaves it running).
    if (ignoresCancellation === true) for (let i = 0; i < 40; i++) await wait(50);
  }
}
