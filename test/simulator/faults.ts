/** Faults the simulator can inject into /api/chat, to test how clients cope with a misbehaving server. */
export type Fault =
  /** Answer with this status and `{"error": message}` before any chunk (and before loading the model). */
  | { type: 'http-error'; status: number; message: string }
  /** Destroy the socket after N content tokens. */
  | { type: 'drop-after'; tokens: number }
  /** Stop sending after N tokens but keep the socket open, until the client or close() ends it. */
  | { type: 'stall-after'; tokens: number }
  /** Send the NDJSON line {"error": message} after N tokens, then end the response. */
  | { type: 'error-line-after'; tokens: number; message: string }
  /** Send a raw line (not JSON, say) after N tokens, then go on with the reply. */
  | RawLineFault;

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
    case 'raw-line-after':
      return Math.max(0, Math.min(fault.tokens, replyTokens));
    default: {
      const unknown: never = fault;
      throw new Error(`unknown fault ${JSON.stringify(unknown)}`);
    }
  }
}

/** Faults for any path (/api/version, /api/tags, /api/generate...), applied before the route answers. */
export type RouteFault =
  /** Accept the request and never answer, until the client leaves or close() ends it. */
  | { type: 'hang' }
  /** Send a 200 with JSON headers, then nothing more. */
  | { type: 'hang-after-headers' }
  /** Answer with a redirect to `location`. */
  | { type: 'redirect'; status: 301 | 302 | 303 | 307 | 308; location: string }
  /** Answer with exactly this status, content type and body (junk, HTML, a huge dump). */
  | { type: 'raw'; status: number; contentType: string; body: string };

/** A fault for /api/chat that does not end the reply: this raw text (and '\n') goes out after N tokens, then the reply goes on. */
export interface RawLineFault {
  type: 'raw-line-after';
  tokens: number;
  line: string;
}
