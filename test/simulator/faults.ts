/** Faults the simulator can inject into /api/chat, to test how clients cope with a misbehaving server. */
export type Fault =
  /** Answer with this status and `{"error": message}` before any chunk (and before loading the model). */
  | { type: 'http-error'; status: number; message: string }
  /** Destroy the socket after N content tokens. */
  | { type: 'drop-after'; tokens: number }
  /** Stop sending after N tokens but keep the socket open, until the client or close() ends it. */
  | { type: 'stall-after'; tokens: number }
  /** Send the NDJSON line {"error": message} after N tokens, then end the response. */
  | { type: 'error-line-after'; tokens: number; message: string };

/**
 * How many content tokens go out before a mid-stream fault strikes: N, or all of them when
 * the reply is shorter (the fault then strikes before the final `done` chunk).
 */
export function tokensBeforeFault(fault: Fault, replyTokens: number): number {
  switch (fault.type) {
    case 'http-error':
      return 0;
    case 'drop-after':
    case 'stall-after':
    case 'error-line-after':
      return Math.max(0, Math.min(fault.tokens, replyTokens));
    default: {
      const unknown: never = fault;
      throw new Error(`unknown fault ${JSON.stringify(unknown)}`);
    }
  }
}
