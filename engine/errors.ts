// Every failure the engine reports becomes a DebateError: a kind a program can
// switch on and a sentence a person can act on.
import { cutText, stripUnsafe, withoutPassword } from './text-safety';
import type { DebateError } from './types';

export class EngineError extends Error {
  readonly detail: DebateError;

  constructor(detail: DebateError) {
    super(detail.message);
    this.name = 'EngineError';
    this.detail = detail;
  }
}

/**
 * A call to Ollama that got no complete answer within its own deadline. `connected` tells
 * "something accepted the connection and then said nothing" from "nothing accepted it".
 */
export class NoAnswerError extends Error {
  constructor(
    readonly afterMs: number,
    readonly connected: boolean,
  ) {
    super(`no answer within ${afterMs} ms (${connected ? 'connected' : 'not connected'})`);
    this.name = 'NoAnswerError';
  }
}

/** A redirect to another origin: not followed, so a prompt never goes to a server nobody chose. */
export class RedirectRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly location: string,
  ) {
    super(`redirected (HTTP ${status}) to ${withoutPassword(location)}`);
    this.name = 'RedirectRefusedError';
  }
}

/** Most characters of a server's own words (an error body) quoted in a message. */
export const MAX_QUOTED_CHARS = 300;

/** A server's words as one readable line: no control characters, whitespace collapsed, cut to MAX_QUOTED_CHARS. */
export function readableServerText(text: string): string {
  return cutText(stripUnsafe(text).replace(/\s+/g, ' ').trim(), MAX_QUOTED_CHARS);
}

export interface ErrorContext {
  host: string;
  model?: string;
  speaker?: string;
}

/** Socket-level codes that mean "nothing is listening there" rather than "it broke mid-way". */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
/** Codes and messages undici uses when an open response is cut off. */
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_ABORTED']);
const DROPPED_MESSAGES = ['terminated', 'other side closed', 'Did not receive done or success response in stream.'];

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function errorCause(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : String(error);
}

/** ollama-js throws ResponseError (not exported) for non-2xx answers; recognise it by shape. */
function responseStatus(error: unknown): number | undefined {
  if (!(error instanceof Error) || error.name !== 'ResponseError') return undefined;
  const status = (error as { status_code?: unknown }).status_code;
  return typeof status === 'number' ? status : undefined;
}

function codesInChain(error: unknown): string[] {
  const codes: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 5; current = errorCause(current), depth++) {
    const code = errorCode(current);
    if (code !== undefined) codes.push(code);
    if (current instanceof AggregateError) current.errors.forEach((inner) => codes.push(...codesInChain(inner)));
  }
  return codes;
}

function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'fetch failed';
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function during(context: ErrorContext): string {
  return context.speaker === undefined ? '' : ` during ${context.speaker}'s turn`;
}

/** A host as it may be shown: never with its password. */
function shown(host: string): string {
  return withoutPassword(host);
}

function withContext(context: ErrorContext, detail: DebateError): DebateError {
  const located: DebateError = { ...detail, host: shown(context.host) };
  if (context.model !== undefined) located.model = context.model;
  if (context.speaker !== undefined) located.speaker = context.speaker;
  return located;
}

export function unreachableError(context: ErrorContext): DebateError {
  return withContext(context, {
    kind: 'unreachable',
    message: `Cannot reach Ollama at ${shown(context.host)}: start it with \`ollama serve\` or check the host setting.`,
  });
}

export function modelMissingError(context: ErrorContext & { model: string }, status = 404): DebateError {
  return withContext(context, {
    kind: 'model-missing',
    status,
    message: `Model "${context.model}" is not installed on ${shown(context.host)}: run \`ollama pull ${context.model}\`.`,
  });
}

/** Something answered at the host, but not as Ollama does (HTML, junk, another API): the host setting points elsewhere. */
export function notOllamaError(context: ErrorContext, what: string): DebateError {
  return withContext(context, {
    kind: 'unreachable',
    message: `The server at ${shown(context.host)} does not answer like Ollama (${what}): check that the host setting points to Ollama, e.g. http://127.0.0.1:11434.`,
  });
}

/** No answer within a call's own deadline: say so, rather than "cannot reach" after minutes. */
export function noAnswerError(context: ErrorContext, error: NoAnswerError): DebateError {
  const seconds = Math.round(error.afterMs / 1000);
  return withContext(context, {
    kind: 'unreachable',
    message: error.connected
      ? `Ollama at ${shown(context.host)} accepted the connection but answered nothing in ${seconds} s${during(context)}: it may be stuck or overloaded, or another program listens there; restart Ollama or check the host setting.`
      : `Nothing at ${shown(context.host)} accepted a connection within ${seconds} s: check the host setting and that Ollama is running (\`ollama serve\`).`,
  });
}

export function redirectRefusedError(context: ErrorContext, error: RedirectRefusedError): DebateError {
  return withContext(context, {
    kind: 'http',
    status: error.status,
    message: `Ollama at ${shown(context.host)} redirected the request to ${withoutPassword(error.location)}, another server; it was not followed, so nothing was sent there. Set the host to the Ollama server's own address.`,
  });
}

export function streamDroppedError(context: ErrorContext): DebateError {
  const who = context.speaker === undefined ? 'the reply' : `${context.speaker}'s turn`;
  return withContext(context, {
    kind: 'stream-dropped',
    message: `The connection to Ollama at ${shown(context.host)} dropped during ${who}; the partial reply is kept.`,
  });
}

/** "Ada (llama3.2:1b)", or "The model" when no speaker is known. */
function speakerAndModel(context: ErrorContext): string {
  return context.speaker === undefined ? 'The model' : `${context.speaker} (${context.model ?? 'model'})`;
}

export function firstTokenTimeoutError(context: ErrorContext, timeoutMs: number): DebateError {
  const who = speakerAndModel(context);
  return withContext(context, {
    kind: 'first-token-timeout',
    message: `${who} produced no text within ${Math.round(timeoutMs / 1000)} s on ${shown(context.host)}: the model may still be loading or the machine is overloaded; try a smaller model or raise the first-token timeout.`,
  });
}

export function stalledStreamError(context: ErrorContext, timeoutMs: number): DebateError {
  const who = speakerAndModel(context);
  return withContext(context, {
    kind: 'stream-dropped',
    message: `${who} stopped sending mid-reply: nothing from ${shown(context.host)} for ${Math.round(timeoutMs / 1000)} s, so the turn was ended and the partial reply is kept. Ollama may be overloaded; start again or try a smaller model.`,
  });
}

/** Ollama's 404 for chat/generate/show means the model is not installed ("model 'x' not found"). */
function isModelNotFound(status: number, text: string): boolean {
  return status === 404 && /not found/i.test(text);
}

/**
 * Classifies anything thrown while talking to Ollama. `phase: 'stream'` says the
 * response had already started, so a plain Error is Ollama's own `{"error": ...}`
 * line and a socket error is a dropped connection.
 */
export function describeOllamaError(
  error: unknown,
  context: ErrorContext & { phase?: 'request' | 'stream' },
): DebateError {
  if (error instanceof EngineError) return withContext(context, error.detail);
  const cause = errorCause(error);
  if (error instanceof NoAnswerError) return noAnswerError(context, error);
  if (cause instanceof NoAnswerError) return noAnswerError(context, cause);
  if (error instanceof RedirectRefusedError) return redirectRefusedError(context, error);
  if (cause instanceof RedirectRefusedError) return redirectRefusedError(context, cause);
  // A body that is not JSON where Ollama always sends JSON: something else answers there.
  if (error instanceof SyntaxError) return notOllamaError(context, 'its answer is not JSON');
  const status = responseStatus(error);
  const text = readableServerText(errorMessage(error));
  if (status !== undefined) {
    if (context.model !== undefined && isModelNotFound(status, text)) {
      return modelMissingError({ ...context, model: context.model }, status);
    }
    return withContext(context, {
      kind: 'http',
      status,
      message: `Ollama at ${shown(context.host)} answered HTTP ${status}${during(context)}: ${text}`,
    });
  }
  const codes = codesInChain(error);
  if (codes.some((code) => UNREACHABLE_CODES.has(code))) return unreachableError(context);
  // "fetch failed" means no response at all. Outside a turn that is Ollama gone away (a pooled
  // socket to a stopped server fails this way rather than with ECONNREFUSED).
  if (isFetchFailure(error) && context.speaker === undefined) return unreachableError(context);
  if (codes.some((code) => DROPPED_CODES.has(code)) || DROPPED_MESSAGES.includes(text)) {
    return streamDroppedError(context);
  }
  if (isFetchFailure(error)) return unreachableError(context);
  if (context.phase === 'stream' && error instanceof Error && error.constructor === Error) {
    return withContext(context, {
      kind: 'http',
      message: `Ollama at ${shown(context.host)} reported an error${during(context)}: ${text}`,
    });
  }
  return withContext(context, {
    kind: 'unknown',
    message: `Unexpected failure talking to Ollama at ${shown(context.host)}${during(context)}: ${text}`,
  });
}
