// The one HTTP client every request to Ollama goes through (ollama-js and ChatOllama take it as
// their `fetch`). It is built on node:http rather than the global fetch, so that nothing about a
// request is left to defaults nobody chose:
// - aborting the signal closes the connection at once, even while a model is still loading;
// - each call may have its own deadline (`deadlineMs`): a server that accepts the connection and
//   then says nothing fails with NoAnswerError after that long, not after minutes; and there is
//   no hidden timeout either (the global fetch gives up on response headers after 300 s, cutting
//   off a model load the person allowed longer);
// - a redirect is followed only within the same origin (scheme, host, port); one to another
//   origin fails with RedirectRefusedError, so a prompt is never re-sent to a server nobody chose;
// - an error body is read only up to a point and handed on as Ollama's `{"error": "..."}`, cut
//   to a readable line (ollama-js would otherwise print "Getting text from response");
// - in a streamed (NDJSON) body, a line that is not a JSON object is dropped and reported once as
//   a diagnostic (ollama-js would otherwise echo it to the console, escape codes and all);
// - a user name and password in the host URL become a Basic Authorization header.
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { reportDiagnostic } from './diagnostics';
import { NoAnswerError, readableServerText, RedirectRefusedError } from './errors';
import { cutText, stripUnsafe, withoutPassword } from './text-safety';

export interface OllamaFetchOptions {
  /** Aborting it ends the request at once. */
  signal?: AbortSignal;
  /** The whole call (connection, headers and body) must be done within this many ms. */
  deadlineMs?: number;
}

/** Redirects followed within one origin before giving up. */
export const MAX_REDIRECTS = 5;
/** Most bytes of an error body read (the rest is not waited for). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** A streamed line longer than this is not Ollama's: it is dropped as junk rather than buffered on. */
export const MAX_STREAM_LINE_CHARS = 1024 * 1024;

const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

/** A `fetch` for the ollama client: see the top of this file. */
export function ollamaFetch(options: OllamaFetchOptions = {}): typeof fetch {
  return (input, init) => fetchOnce(input, init ?? {}, options);
}

interface PlainRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

function requestUrl(input: Parameters<typeof fetch>[0]): URL {
  if (typeof input === 'string') return new URL(input);
  if (input instanceof URL) return new URL(input.href);
  return new URL(input.url);
}

function plainHeaders(headers: RequestInit['headers']): Record<string, string> {
  const plain: Record<string, string> = {};
  if (headers === undefined) return plain;
  new Headers(headers).forEach((value, key) => {
    plain[key] = value;
  });
  return plain;
}

function plainBody(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('ollamaFetch sends only string or byte bodies');
}

/** The URL without its credentials, which become an Authorization header. */
function withCredentialsMoved(request: PlainRequest): PlainRequest {
  const { url } = request;
  if (url.username === '' && url.password === '') return request;
  const headers = { ...request.headers };
  if (headers.authorization === undefined) {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  return { ...request, url: bare, headers };
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException('This operation was aborted', 'AbortError');
}

async function fetchOnce(input: Parameters<typeof fetch>[0], init: RequestInit, options: OllamaFetchOptions): Promise<Response> {
  const signals = [init.signal, options.signal].filter((signal): signal is AbortSignal => signal !== undefined && signal !== null);
  const signal = signals.length === 0 ? undefined : AbortSignal.any(signals);
  if (signal?.aborted) throw abortError(signal);
  let request = withCredentialsMoved({
    url: requestUrl(input),
    method: (init.method ?? 'GET').toUpperCase(),
    headers: plainHeaders(init.headers),
    body: plainBody(init.body),
  });
  const deadline = options.deadlineMs === undefined ? null : new Deadline(options.deadlineMs);
  try {
    for (let redirects = 0; ; redirects++) {
      const answer = await send(request, signal, deadline);
      const location = answer.headers.location;
      if (answer.statusCode === undefined || answer.statusCode < 300 || answer.statusCode >= 400 || location === undefined) {
        return await toResponse(request, answer, deadline);
      }
      answer.resume();
      const target = new URL(location, request.url);
      if (target.origin !== request.url.origin || redirects >= MAX_REDIRECTS) {
        throw new RedirectRefusedError(answer.statusCode, withoutPassword(target.href));
      }
      // As fetch does: 303 (and 301/302 after a POST) go on as a GET without a body.
      const asGet = answer.statusCode === 303 || ((answer.statusCode === 301 || answer.statusCode === 302) && request.method === 'POST');
      request = asGet ? { url: target, method: 'GET', headers: withoutBodyHeaders(request.headers), body: undefined } : { ...request, url: target };
    }
  } catch (error) {
    deadline?.stop();
    throw error;
  }
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  const { 'content-type': _type, 'content-length': _length, ...rest } = headers;
  return rest;
}

/** One call's deadline, shared by its redirects and its body. */
class Deadline {
  private readonly timer: NodeJS.Timeout;
  private expired = false;
  private onExpire: (() => void) | null = null;
  connected = false;

  constructor(readonly ms: number) {
    this.timer = setTimeout(() => {
      this.expired = true;
      this.onExpire?.();
    }, ms);
  }

  /** Runs `expire` when the deadline passes (at once if it has); replaces the earlier one. */
  watch(expire: () => void): void {
    this.onExpire = expire;
    if (this.expired) expire();
  }

  error(): NoAnswerError {
    return new NoAnswerError(this.ms, this.connected);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.onExpire = null;
  }
}

/** Sends the request; resolves with the response once its headers are in. */
function send(request: PlainRequest, signal: AbortSignal | undefined, deadline: Deadline | null): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const https = request.url.protocol === 'https:';
    const headers = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    let outgoing: ClientRequest;
    try {
      outgoing = (https ? httpsRequest : httpRequest)(request.url, { method: request.method, headers, agent: https ? httpsAgent : httpAgent });
    } catch (error) {
      reject(new TypeError('fetch failed', { cause: error }));
      return;
    }
    let settled = false;
    const fail = (error: Error): void => {
      signal?.removeEventListener('abort', onAbort);
      if (!settled) reject(error);
      settled = true;
      outgoing.destroy(error);
    };
    const onAbort = (): void => fail(abortError(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    deadline?.watch(() => fail(deadline.error()));
    outgoing.on('socket', (socket) => {
      if (deadline === null) return;
      // A reused keep-alive socket is connected already.
      if (!socket.connecting) deadline.connected = true;
      else socket.once('connect', () => (deadline.connected = true));
    });
    outgoing.on('error', (error) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      reject(error.name === 'AbortError' || error instanceof NoAnswerError ? error : new TypeError('fetch failed', { cause: error }));
    });
    outgoing.on('response', (response) => {
      if (settled) {
        response.destroy();
        return;
      }
      settled = true;
      // From here on the body carries the abort: an abort destroys the response with the reason.
      signal?.removeEventListener('abort', onAbort);
      const onBodyAbort = (): void => {
        response.destroy(abortError(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onBodyAbort, { once: true });
      response.once('close', () => signal?.removeEventListener('abort', onBodyAbort));
      deadline?.watch(() => response.destroy(deadline.error()));
      resolve(response);
    });
    outgoing.end(request.body);
  });
}

function responseHeaders(answer: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(key, one);
  }
  return headers;
}

async function toResponse(request: PlainRequest, answer: IncomingMessage, deadline: Deadline | null): Promise<Response> {
  const status = answer.statusCode ?? 502;
  const init = { status, statusText: answer.statusMessage ?? '', headers: responseHeaders(answer) };
  answer.once('close', () => deadline?.stop());
  if (status < 200 || status >= 300) return errorResponse(answer, init);
  if (status === 204 || status === 205 || status === 304 || request.method === 'HEAD') {
    answer.resume();
    return new Response(null, init);
  }
  const streamed = init.headers.get('content-type')?.includes('ndjson') === true;
  return new Response(bodyStream(answer, streamed ? new NdjsonLineFilter(request.url.origin) : null), init);
}

/** Reads up to MAX_ERROR_BODY_BYTES of the body; the rest is not waited for. */
function readSome(answer: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      answer.removeAllListeners('data');
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    answer.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_ERROR_BODY_BYTES) {
        done();
        answer.destroy();
      }
    });
    answer.once('end', done);
    answer.once('error', done);
    answer.once('close', done);
  });
}

/** An error answer as Ollama's own `{"error": "..."}`, whatever the server sent, cut to one readable line. */
async function errorResponse(answer: IncomingMessage, init: ResponseInit & { headers: Headers }): Promise<Response> {
  const text = await readSome(answer);
  let message = text;
  try {
    const json: unknown = JSON.parse(text);
    const error = typeof json === 'object' && json !== null ? (json as { error?: unknown }).error : undefined;
    if (typeof error === 'string') message = error;
  } catch {
    // Not JSON: the text itself (an HTML page, a proxy's message) is the message.
  }
  const readable = readableServerText(message);
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.delete('content-length');
  headers.delete('content-encoding');
  return new Response(JSON.stringify({ error: readable === '' ? `HTTP ${init.status}` : readable }), { ...init, headers });
}

/**
 * The response body as a web stream, read straight from the socket's chunks (one stream, no
 * adapter and no transform stage in between: this runs for every token). With a filter, only
 * the lines it passes go on. An abort or a deadline destroys the response: the stream errors.
 */
function bodyStream(answer: IncomingMessage, filter: NdjsonLineFilter | null): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      answer.on('data', (chunk: Buffer) => {
        if (done) return;
        const passed = filter === null ? chunk : filter.push(chunk);
        if (passed !== null && passed.length > 0) controller.enqueue(passed);
        if ((controller.desiredSize ?? 1) <= 0) answer.pause();
      });
      answer.once('end', () => {
        if (done) return;
        done = true;
        const rest = filter?.end() ?? null;
        if (rest !== null && rest.length > 0) controller.enqueue(rest);
        controller.close();
      });
      answer.once('error', (error) => {
        if (done) return;
        done = true;
        controller.error(error);
      });
      answer.once('close', () => {
        if (done) return;
        // Closed before its end without an error of its own: the connection was cut.
        done = true;
        controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      });
    },
    pull() {
      answer.resume();
    },
    cancel(reason) {
      done = true;
      answer.destroy(reason instanceof Error ? reason : undefined);
    },
    // Room for a burst of tokens before the socket is paused: pausing and resuming it per token costs more than the tokens.
  }, new CountQueuingStrategy({ highWaterMark: STREAM_QUEUE_CHUNKS }));
}

/** Chunks a response body may queue, unread, before its socket is paused. */
const STREAM_QUEUE_CHUNKS = 64;

const NEWLINE = 0x0a;

/**
 * Splits a streamed body into lines and passes on those that are JSON objects, as bytes, untouched
 * (a chunk of whole valid lines, the usual case, is passed on as it is); any other line is dropped,
 * and the first one reported once as a diagnostic.
 */
export class NdjsonLineFilter {
  /** The start of a line whose end has not arrived yet. */
  private partial: Buffer[] = [];
  private partialLength = 0;
  private skippingLongLine = false;
  private reported = false;

  constructor(private readonly origin: string) {}

  /** The complete, valid lines `chunk` ends (with their line feeds); null when it ends none. */
  push(chunk: Buffer): Buffer | null {
    // The usual chunk, once per token: one whole line. Passed on as it is, nothing allocated but its text.
    const last = chunk.length - 1;
    if (this.partialLength === 0 && !this.skippingLongLine && chunk[last] === NEWLINE && chunk.indexOf(NEWLINE) === last) {
      if (isJsonObject(chunk.toString('utf8', 0, last))) return chunk;
    }
    let start = 0;
    let end = chunk.indexOf(NEWLINE);
    if (end < 0) {
      this.keep(chunk);
      return null;
    }
    const passed: Buffer[] = [];
    // The first line may have begun in earlier chunks.
    if (this.partialLength > 0 || this.skippingLongLine) {
      const line = this.partialLength > 0 ? Buffer.concat([...this.partial, chunk.subarray(0, end)]) : chunk.subarray(0, 0);
      const skip = this.skippingLongLine;
      this.partial = [];
      this.partialLength = 0;
      this.skippingLongLine = false;
      if (!skip && this.check(line)) passed.push(line, LINE_FEED);
      start = end + 1;
      end = chunk.indexOf(NEWLINE, start);
    }
    // Whole lines of this chunk: passed on as one slice while they are valid.
    let runStart = start;
    while (end >= 0) {
      if (!this.check(chunk.subarray(start, end))) {
        if (start > runStart) passed.push(chunk.subarray(runStart, start));
        runStart = end + 1;
      }
      start = end + 1;
      end = chunk.indexOf(NEWLINE, start);
    }
    if (start > runStart) passed.push(chunk.subarray(runStart, start));
    this.keep(chunk.subarray(start));
    if (passed.length === 0) return null;
    return passed.length === 1 ? (passed[0] as Buffer) : Buffer.concat(passed);
  }

  /** What is left at the end of the body: a last line without a line feed, if valid. */
  end(): Buffer | null {
    if (this.partialLength === 0 || this.skippingLongLine) return null;
    const line = Buffer.concat(this.partial);
    this.partial = [];
    this.partialLength = 0;
    return this.check(line) ? line : null;
  }

  private keep(rest: Buffer): void {
    if (rest.length === 0 || this.skippingLongLine) return;
    this.partial.push(rest);
    this.partialLength += rest.length;
    if (this.partialLength > MAX_STREAM_LINE_CHARS) {
      this.junk(Buffer.concat(this.partial).toString('utf8', 0, 200));
      this.partial = [];
      this.partialLength = 0;
      this.skippingLongLine = true;
    }
  }

  /** Whether a line is one Ollama sends (blank lines are dropped quietly). */
  private check(line: Buffer): boolean {
    const text = line.toString('utf8');
    if (isJsonObject(text)) return true;
    if (text.trim() !== '') this.junk(text);
    return false;
  }

  private junk(line: string): void {
    if (this.reported) return;
    this.reported = true;
    const excerpt = cutText(stripUnsafe(line).replace(/\s+/g, ' ').trim(), 60);
    reportDiagnostic(`${withoutPassword(this.origin)} sent a line that is not Ollama's JSON ("${excerpt}"); it was skipped, as is any other such line of that answer.`);
  }
}

const LINE_FEED = Buffer.from('\n');

/** A JSON string: no raw control character or quote, escapes as JSON has them. */
const JSON_STRING = '"(?:[^"\\\\\\u0000-\\u001f]|\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4}))*"';
/** A token of /api/chat exactly as Ollama writes it: valid JSON for sure, so not worth parsing (four times faster). */
const CHAT_TOKEN_LINE = new RegExp(
  `^\\{"model":${JSON_STRING},"created_at":${JSON_STRING},"message":\\{"role":"assistant","content":${JSON_STRING}\\},"done":false\\}$`,
);

/** Whether one NDJSON line is what Ollama sends: a JSON object. */
function isJsonObject(line: string): boolean {
  if (CHAT_TOKEN_LINE.test(line)) return true;
  // Not an object: not worth parsing (and JSON.parse of a number or a string would pass).
  if (line.charCodeAt(0) !== 0x7b) return false;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
