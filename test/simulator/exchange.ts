/**
 * One HTTP request/response pair as the simulator sees it: writes the answer and keeps the
 * request's record (first byte, normal finish, client hang-up, simulator cut) up to date.
 */
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { writeLine } from './ndjson-writer';

export interface RecordedRequest {
  id: number;
  method: string;
  /** e.g. '/api/chat' (no query string). */
  path: string;
  /** The request's headers, names in lower case. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON body; null if none; the raw text if it was not valid JSON. */
  body: unknown;
  /** performance.now() */
  receivedAt: number;
  /** performance.now() when the client closed the connection before the response finished; null otherwise. */
  clientClosedAt: number | null;
  /** performance.now() when the response finished normally; null otherwise. */
  finishedAt: number | null;
  /** When the first response byte was written. */
  firstByteAt: number | null;
  /** performance.now() when the simulator cut the connection (a drop-after fault, or close() with the response open); null otherwise. */
  serverClosedAt: number | null;
}

export function hasEnded(record: RecordedRequest): boolean {
  return record.clientClosedAt !== null || record.finishedAt !== null || record.serverClosedAt !== null;
}

export class Exchange {
  /** Aborted when the client hangs up or the simulator cuts the connection: stop working on the answer. */
  readonly signal: AbortSignal;
  private readonly ended = new AbortController();
  private cutByServer = false;

  constructor(
    readonly record: RecordedRequest,
    private readonly res: ServerResponse,
    onEnd: (record: RecordedRequest) => void,
  ) {
    this.signal = this.ended.signal;
    res.on('finish', () => {
      record.finishedAt = performance.now();
    });
    res.on('close', () => {
      if (record.finishedAt === null) {
        if (this.cutByServer) record.serverClosedAt = performance.now();
        else record.clientClosedAt = performance.now();
      }
      this.ended.abort();
      onEnd(record);
    });
  }

  get isOpen(): boolean {
    return !this.res.destroyed && !this.res.writableEnded;
  }

  sendJson(status: number, body: unknown): void {
    this.send(status, 'application/json; charset=utf-8', JSON.stringify(body));
  }

  sendText(status: number, text: string): void {
    this.send(status, 'text/plain; charset=utf-8', text);
  }

  /** Sets the NDJSON headers; like Ollama they leave with the first line, not before. */
  startStream(): void {
    if (!this.res.headersSent) this.res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
  }

  async writeLine(value: unknown, split: boolean): Promise<void> {
    if (!this.isOpen) return;
    this.startStream();
    this.markFirstByte();
    await writeLine(this.res, value, split);
  }

  /** Writes text as it is, in the NDJSON stream (a line that is not JSON, say). */
  async writeRaw(text: string): Promise<void> {
    if (!this.isOpen) return;
    this.startStream();
    this.markFirstByte();
    await new Promise<void>((resolve) => this.res.write(text, () => resolve()));
  }

  /** Sends the status and headers, and nothing more (a server that hangs mid-answer). */
  sendHeadersOnly(status: number, contentType: string): void {
    if (!this.isOpen) return;
    this.markFirstByte();
    this.res.writeHead(status, { 'Content-Type': contentType });
    this.res.flushHeaders();
  }

  /** A redirect to `location`, with an empty body. */
  sendRedirect(status: number, location: string): void {
    if (!this.isOpen) return;
    this.markFirstByte();
    this.res.writeHead(status, { Location: location, 'Content-Length': 0 });
    this.res.end();
  }

  /** Exactly this status, content type and body. */
  sendRaw(status: number, contentType: string, body: string): void {
    this.send(status, contentType, body);
  }

  endStream(): void {
    if (this.isOpen) this.res.end();
  }

  /**
   * Closes the connection mid-response, as a crashed server would: what was already written
   * still arrives, then the socket closes without the end of the HTTP response.
   */
  cut(): void {
    if (this.res.destroyed) return;
    this.cutByServer = true;
    const socket = this.res.socket;
    if (!socket) {
      this.res.destroy();
      return;
    }
    // end() flushes the bytes Node is still holding (it corks within a tick) before the FIN.
    socket.end(() => socket.destroy());
  }

  private send(status: number, contentType: string, text: string): void {
    if (!this.isOpen) return;
    const body = Buffer.from(text, 'utf8');
    this.markFirstByte();
    this.res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length });
    this.res.end(body);
  }

  private markFirstByte(): void {
    this.record.firstByteAt ??= performance.now();
  }
}
