import { describe, expect, it } from 'vitest';
import { describeOllamaError, EngineError, firstTokenTimeoutError, isAbortError } from '../../engine/errors';

const HOST = 'http://127.0.0.1:11434';

/** The shape ollama-js throws for a non-2xx answer (its class is not exported). */
function responseError(message: string, status: number): Error {
  return Object.assign(new Error(message), { name: 'ResponseError', error: message, status_code: status });
}

function socketError(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

describe('describeOllamaError', () => {
  it('maps a 404 "not found" to model-missing with the pull command', () => {
    const error = describeOllamaError(responseError('model "x:1b" not found, try pulling it first', 404), { host: HOST, model: 'x:1b', speaker: 'Ada' });
    expect(error).toEqual({
      kind: 'model-missing',
      status: 404,
      host: HOST,
      model: 'x:1b',
      speaker: 'Ada',
      message: `Model "x:1b" is not installed on ${HOST}: run \`ollama pull x:1b\`.`,
    });
  });

  it("keeps other statuses as http with Ollama's text", () => {
    const error = describeOllamaError(responseError('out of memory', 500), { host: HOST, speaker: 'Bob' });
    expect(error).toMatchObject({ kind: 'http', status: 500 });
    expect(error.message).toBe(`Ollama at ${HOST} answered HTTP 500 during Bob's turn: out of memory`);
  });

  it('maps refused and unknown hosts to unreachable', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND']) {
      expect(describeOllamaError(socketError(code), { host: HOST }).kind).toBe('unreachable');
    }
    const nested = new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]) });
    expect(describeOllamaError(nested, { host: HOST }).kind).toBe('unreachable');
  });

  it('maps a cut-off response to stream-dropped during the speaker’s turn', () => {
    const terminated = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    const error = describeOllamaError(terminated, { host: HOST, speaker: 'Ada', model: 'm' });
    expect(error.kind).toBe('stream-dropped');
    expect(error.message).toBe(`The connection to Ollama at ${HOST} dropped during Ada's turn; the partial reply is kept.`);
  });

  it("treats a plain Error once streaming as Ollama's error line, and anything else as unknown", () => {
    expect(describeOllamaError(new Error('runner crashed'), { host: HOST, phase: 'stream' })).toMatchObject({ kind: 'http' });
    expect(describeOllamaError(new RangeError('bug'), { host: HOST, phase: 'stream' }).kind).toBe('unknown');
    expect(describeOllamaError('weird', { host: HOST }).kind).toBe('unknown');
  });

  it('passes an EngineError through, adding the context', () => {
    const inner = new EngineError({ kind: 'invalid-config', message: 'bad', field: 'host' });
    expect(describeOllamaError(inner, { host: HOST })).toEqual({ kind: 'invalid-config', message: 'bad', field: 'host', host: HOST });
  });

  it('words the first-token timeout with the speaker, the model and a fix', () => {
    const error = firstTokenTimeoutError({ host: HOST, speaker: 'Ada', model: 'big:70b' }, 120_000);
    expect(error.kind).toBe('first-token-timeout');
    expect(error.message).toBe(`Ada (big:70b) produced no text within 120 s on ${HOST}: the model may still be loading or the machine is overloaded; try a smaller model or raise the first-token timeout.`);
  });

  it('recognises abort errors', () => {
    expect(isAbortError(new DOMException('x', 'AbortError'))).toBe(true);
    expect(isAbortError(new Error('x'))).toBe(false);
  });
});
