// The HTTP client every Ollama request goes through, against the simulator's misbehaving routes:
// per-call deadlines with the true diagnosis, redirects, error bodies, junk stream lines,
// answers that are not Ollama's, passwords in the host, and the reply cap.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { streamTurn } from '../../engine/chat-turn';
import { onDiagnostic } from '../../engine/diagnostics';
import { EngineError } from '../../engine/errors';
import { getVersion, listModels, showModel } from '../../engine/ollama-api';
import { NdjsonLineFilter, ollamaFetch } from '../../engine/ollama-fetch';
import { connectToHosts, preloadModels } from '../../engine/preload';
import { DEFAULT_MAX_REPLY_CHARS } from '../../engine/limits';
import type { DebateError } from '../../engine/types';
import type { OllamaSimulator } from '../simulator/ollama-simulator';
import { collect, debate, errorsOf, simulator, speakerTurns, transcriptOf } from './simulated-debate';

const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const SPEAKERS = [{ name: 'Ada', model: 'alpha:1b', tone: 'Cynic' }];

async function engineErrorOf(promise: Promise<unknown>): Promise<DebateError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EngineError) return error.detail;
    throw error;
  }
  throw new Error('expected an EngineError');
}

/** Everything ollama-js (or anything else) printed to the console during a test. */
let printed: string[];
let diagnostics: string[];
let stopListening: () => void;

beforeEach(() => {
  printed = [];
  for (const method of ['log', 'warn', 'error', 'info', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
  }
  diagnostics = [];
  stopListening = onDiagnostic((line) => diagnostics.push(line));
});

afterEach(() => {
  stopListening();
  vi.restoreAllMocks();
});

function target(sim: OllamaSimulator, model = 'alpha:1b') {
  return [{ host: sim.url, model }];
}

describe('each call has its own deadline and the true diagnosis', () => {
  it.each([
    ['/api/version never answers', '/api/version', { type: 'hang' } as const],
    ['/api/version sends headers, then nothing', '/api/version', { type: 'hang-after-headers' } as const],
  ])('%s: "answered nothing in N s", not "cannot reach"', async (_label, path, fault) => {
    const sim = await simulator({ models: [{ name: 'alpha:1b' }] });
    sim.setRouteFault(path, fault);
    const startedAt = performance.now();
    const error = await engineErrorOf(connectToHosts(target(sim), new AbortController().signal, 1000));
    expect(performance.now() - startedAt).toBeLessThan(3000);
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(
      `Ollama at ${sim.url} accepted the connection but answered nothing in 1 s: it may be stuck or overloaded, or another program listens there; restart Ollama or check the host setting.`,
    );
    expect(error.message).not.toContain('ollama serve');
  });

  it.each([
    ['/api/tags never answers', { type: 'hang' } as const],
    ['/api/tags sends headers, then nothing', { type: 'hang-after-headers' } as const],
  ])('%s: listing the models gives up after 10 s, saying so', async (_label, fault) => {
    const sim = await simulator();
    sim.setRouteFault('/api/tags', fault);
    const error = await engineErrorOf(listModels(sim.url));
    expect(error.message).toContain(`Ollama at ${sim.url} accepted the connection but answered nothing in 10 s`);
  }, 15_000);

  it('a model load that never ends fails after the first-token timeout, naming the model', async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b' }] });
    sim.setRouteFault('/api/generate', { type: 'hang' });
    const error = await engineErrorOf(preloadModels(target(sim), new AbortController().signal, 1000));
    expect(error).toMatchObject({ kind: 'first-token-timeout', model: 'alpha:1b' });
    expect(error.message).toBe(
      `Model "alpha:1b" did not finish loading on ${sim.url} within 1 s: the machine may be short of memory or busy, or the model too large; try a smaller model or raise the first-token timeout.`,
    );
    // The load request was closed, not left running.
    const load = sim.requests.find((request) => request.path === '/api/generate');
    expect((await sim.waitForRequestEnd(load?.id ?? -1)).clientClosedAt).not.toBeNull();
  });

  it('a slow model load within the first-token timeout is waited for', async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b' }], loadDelayMs: 1500 });
    await preloadModels(target(sim), new AbortController().signal, 5000);
    expect(sim.loadedModels()).toEqual(['alpha:1b']);
  });

  it('a deadline does not cut a long streamed answer: only the chat turn\'s own timers do', async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: 'one two three four five six seven eight' }], tokenDelayMs: 100 });
    const events = await collect(debate(sim, SPEAKERS, { firstTokenTimeoutMs: 2000, stallTimeoutMs: 2000 }));
    expect(errorsOf(events)).toEqual([]);
    expect(speakerTurns(transcriptOf(events).turns)[0]?.text).toBe('one two three four five six seven eight');
  });
});

describe('redirects are followed only within the same origin', () => {
  it.each([307, 308, 302, 301])('a %i on /api/chat to another port is not followed, and nothing reaches that port', async (status) => {
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: 'Hi.' }] });
    const elsewhere = await simulator({ models: [{ name: 'alpha:1b', reply: 'Stolen.' }] });
    sim.setRouteFault('/api/chat', { type: 'redirect', status: status as 301, location: `${elsewhere.url}/api/chat` });
    const events = await collect(debate(sim, SPEAKERS));
    const [error] = errorsOf(events);
    expect(error?.message).toBe(
      `Ollama at ${sim.url} redirected the request to ${elsewhere.url}/api/chat, another server; it was not followed, so nothing was sent there. Set the host to the Ollama server's own address.`,
    );
    expect(elsewhere.requests).toHaveLength(0);
  });

  it.each([
    ['another host name', (sim: OllamaSimulator) => `http://localhost:${sim.port}/api/version`],
    ['another scheme', (sim: OllamaSimulator) => `https://127.0.0.1:${sim.port}/api/version`],
    ['another port', (_sim: OllamaSimulator) => 'http://127.0.0.1:9/api/version'],
  ])('/api/version redirected to %s is refused before anything is sent there', async (_label, location) => {
    const sim = await simulator();
    sim.setRouteFault('/api/version', { type: 'redirect', status: 302, location: location(sim) });
    const error = await engineErrorOf(connectToHosts(target(sim), new AbortController().signal));
    expect(error.message).toContain('it was not followed, so nothing was sent there');
  });

  it('the model list and the model load refuse one too', async () => {
    const sim = await simulator();
    const elsewhere = await simulator();
    sim.setRouteFault('/api/tags', { type: 'redirect', status: 301, location: `${elsewhere.url}/api/tags` });
    sim.setRouteFault('/api/generate', { type: 'redirect', status: 307, location: `${elsewhere.url}/api/generate` });
    expect((await engineErrorOf(listModels(sim.url))).message).toContain('it was not followed');
    expect((await engineErrorOf(preloadModels(target(sim, 'llama3.2:1b'), new AbortController().signal))).message).toContain('it was not followed');
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('a redirect within the same server is followed, POST and body kept on a 307', async () => {
    const sim = await simulator();
    sim.setRouteFault('/old/tags', { type: 'redirect', status: 301, location: '/api/tags' });
    sim.setRouteFault('/old/show', { type: 'redirect', status: 307, location: `${sim.url}/api/show` });
    const tags = await ollamaFetch()(`${sim.url}/old/tags`);
    expect(tags.status).toBe(200);
    expect(((await tags.json()) as { models: unknown[] }).models).toHaveLength(2);
    const show = await ollamaFetch()(`${sim.url}/old/show`, { method: 'POST', body: JSON.stringify({ model: 'llama3.2:1b' }) });
    expect(show.status).toBe(200);
    expect(sim.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/show', body: { model: 'llama3.2:1b' } });
  });
});

describe('what a server sends is never echoed raw', () => {
  const JUNK = `\u001b]0;pwned\u0007\u001b[2J${'junk \u001b[31mred\u001b[0m '.repeat(30_000)}`;

  it.each([
    ['a 438 KB text/plain dump with escape codes', 500, 'text/plain', JUNK],
    ['an HTML error page', 502, 'text/html', `<html><body><h1>502 Bad Gateway</h1>${'<p>nginx</p>'.repeat(5000)}</body></html>`],
    ['a JSON error with control characters', 500, 'application/json', JSON.stringify({ error: `out of memory\u001b[31m\u009b1m\u202e ${'x'.repeat(2000)}` })],
    ['an empty body', 503, 'text/plain', ''],
  ])('%s becomes one readable line, and nothing is printed', async (_label, status, contentType, body) => {
    const sim = await simulator({ models: [{ name: 'alpha:1b' }] });
    sim.setRouteFault('/api/chat', { type: 'raw', status, contentType, body });
    const events = await collect(debate(sim, SPEAKERS));
    const [error] = errorsOf(events);
    expect(error).toMatchObject({ kind: 'http', status });
    expect(error?.message).not.toMatch(UNSAFE);
    expect(error?.message.length).toBeLessThan(450);
    expect(error?.message).not.toContain('\n');
    expect(printed).toEqual([]);
  });

  it('lines of a stream that are not JSON are skipped, reported once, and the reply goes on', async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: 'One two three four five six.' }] });
    sim.setFault('alpha:1b', { type: 'raw-line-after', tokens: 2, line: `\u001b[31mnot json\u0007\n{"half": \n42\n[1,2]\n${'z'.repeat(438_000)}` });
    const events = await collect(debate(sim, SPEAKERS));
    expect(errorsOf(events)).toEqual([]);
    expect(speakerTurns(transcriptOf(events).turns)[0]?.text).toBe('One two three four five six.');
    expect(printed).toEqual([]);
    expect(diagnostics).toEqual([`${sim.url} sent a line that is not Ollama's JSON ("[31mnot json"); it was skipped, as is any other such line of that answer.`]);
  });

  it('a junk line longer than any of Ollama\'s is dropped without waiting for its end', async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: 'One two three.' }] });
    sim.setFault('alpha:1b', { type: 'raw-line-after', tokens: 1, line: 'y'.repeat(1.5 * 1024 * 1024) });
    const events = await collect(debate(sim, SPEAKERS));
    expect(speakerTurns(transcriptOf(events).turns)[0]?.text).toBe('One two three.');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.length).toBeLessThan(250);
  });
});

describe('a server that does not answer like Ollama is named as such', () => {
  it.each([
    ['an HTML page', { type: 'raw', status: 200, contentType: 'text/html', body: '<html>Welcome to nginx</html>' }],
    ['JSON without a model list', { type: 'raw', status: 200, contentType: 'application/json', body: '{"data": []}' }],
    ['models without names', { type: 'raw', status: 200, contentType: 'application/json', body: '{"models": [{"size": 1}]}' }],
    ['junk with escape codes', { type: 'raw', status: 200, contentType: 'application/octet-stream', body: '\u001b[2J\u0000\u0000garbage' }],
  ] as const)('/api/tags answering %s', async (_label, fault) => {
    const sim = await simulator();
    sim.setRouteFault('/api/tags', fault);
    const error = await engineErrorOf(listModels(sim.url));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(new RegExp(`^The server at ${sim.url.replace(/\./g, '\\.')} does not answer like Ollama \\(`));
    expect(printed).toEqual([]);
  });

  it.each([
    ['an HTML page', { type: 'raw', status: 200, contentType: 'text/html', body: '<html>It works!</html>' }],
    ['JSON without a version', { type: 'raw', status: 200, contentType: 'application/json', body: '{"status": "ok"}' }],
    ['a 404', { type: 'raw', status: 404, contentType: 'text/plain', body: 'Not Found' }],
  ] as const)('/api/version answering %s, before a debate and in getVersion', async (_label, fault) => {
    const sim = await simulator();
    sim.setRouteFault('/api/version', fault);
    const before = await engineErrorOf(connectToHosts(target(sim), new AbortController().signal));
    expect(before.message).toContain(`The server at ${sim.url} does not answer like Ollama`);
    if (fault.status === 200) expect((await engineErrorOf(getVersion(sim.url))).message).toContain('does not answer like Ollama');
  });
});

describe('a password in the host', () => {
  it('goes as a Basic Authorization header, not in the URL', async () => {
    const sim = await simulator();
    const host = `http://ada:s3cret%21@127.0.0.1:${sim.port}`;
    expect((await listModels(host)).length).toBe(2);
    await showModel(host, 'llama3.2:1b');
    for (const request of sim.requests) expect(request.headers.authorization).toBe(`Basic ${Buffer.from('ada:s3cret!').toString('base64')}`);
  });

  it('is never in a message: unreachable, redirected, no answer, not Ollama', async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b' }] });
    const host = `http://ada:s3cret@127.0.0.1:${sim.port}`;
    const messages: string[] = [];
    sim.setRouteFault('/api/version', { type: 'hang' });
    messages.push((await engineErrorOf(connectToHosts([{ host, model: 'alpha:1b' }], new AbortController().signal, 300))).message);
    sim.setRouteFault('/api/version', { type: 'redirect', status: 302, location: 'http://ada:s3cret@localhost:1/' });
    messages.push((await engineErrorOf(connectToHosts([{ host, model: 'alpha:1b' }], new AbortController().signal))).message);
    sim.setRouteFault('/api/tags', { type: 'raw', status: 200, contentType: 'text/html', body: 'hello' });
    messages.push((await engineErrorOf(listModels(host))).message);
    const url = sim.url;
    await sim.close();
    messages.push((await engineErrorOf(listModels(`http://ada:s3cret@${url.slice('http://'.length)}`))).message);
    expect(messages).toHaveLength(4);
    for (const message of messages) {
      expect(message).not.toContain('s3cret');
      expect(message).toContain('ada:***@');
    }
  });
});

describe('the reply cap', () => {
  const words = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');

  it('cuts a reply at the cap, keeps it as a complete turn marked cut, and stops the model', async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: words }], tokenDelayMs: 2 });
    const result = await streamTurn({
      speaker: SPEAKERS[0] as { name: string; model: string; tone: string },
      host: sim.url,
      messages: [{ role: 'user', content: 'Talk.' }],
      contextWindow: 2048,
      firstTokenTimeoutMs: 5000,
      stallTimeoutMs: 5000,
      maxReplyChars: 100,
      signal: new AbortController().signal,
      onToken: () => undefined,
    });
    expect(result.error).toBeNull();
    expect(result.reply.status).toBe('complete');
    expect(result.reply.text).toBe(words.slice(0, 100));
    expect(result.reply.note).toBe('Cut at 100 characters, the longest reply allowed; the model was stopped there.');
    const [chat] = sim.chatRequests();
    expect((await sim.waitForRequestEnd(chat?.id ?? -1)).clientClosedAt).not.toBeNull();
  });

  it('leaves a reply within the cap alone; the default cap is 1,000,000 characters', async () => {
    expect(DEFAULT_MAX_REPLY_CHARS).toBe(1_000_000);
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: words }] });
    const events = await collect(debate(sim, SPEAKERS));
    const [turn] = speakerTurns(transcriptOf(events).turns);
    expect(turn?.text).toBe(words);
    expect(turn?.note).toBeUndefined();
  });
});

describe('NdjsonLineFilter', () => {
  const token = (content: string): string => JSON.stringify({ model: 'm', created_at: '2026-01-01T00:00:00Z', message: { role: 'assistant', content }, done: false });
  const run = (chunks: string[]): string => {
    const filter = new NdjsonLineFilter('http://127.0.0.1:11434');
    const out = chunks.map((chunk) => filter.push(Buffer.from(chunk))?.toString() ?? '').join('');
    return out + (filter.end()?.toString() ?? '');
  };

  it.each([
    ['one line per chunk', [`${token('a')}\n`, `${token('b')}\n`], `${token('a')}\n${token('b')}\n`],
    ['lines split anywhere', [token('ab').slice(0, 7), `${token('ab').slice(7)}\n${token('c').slice(0, 3)}`, `${token('c').slice(3)}\n`], `${token('ab')}\n${token('c')}\n`],
    ['a last line without a line feed', [`${token('a')}\n${token('b')}`], `${token('a')}\n${token('b')}`],
    ['escapes, quotes, emoji and CRLF', [`${token('"q" \\ \u2028 🎉 \u0007')}\r\n`], `${token('"q" \\ \u2028 🎉 \u0007')}\r\n`],
    ['other shapes of JSON object (the final chunk)', ['{"done":true,"eval_count":3}\n'], '{"done":true,"eval_count":3}\n'],
  ])('passes %s on untouched', (_label, chunks, out) => {
    expect(run(chunks)).toBe(out);
    expect(diagnostics).toEqual([]);
  });

  it.each([
    ['text', 'invalid json'],
    ['a cut object', '{"model":"m","created_at":"x","message":{"role":"assistant","content":"a"},"done":fal'],
    ['a bad escape in a token line', '{"model":"m","created_at":"x","message":{"role":"assistant","content":"\\uZZZZ"},"done":false}'],
    ['a raw control character in a token line', '{"model":"m","created_at":"x","message":{"role":"assistant","content":"a\u0001"},"done":false}'],
    ['a number', '42'],
    ['an array', '[{"done":true}]'],
    ['a string', '"done"'],
  ])('drops %s, reporting it once', (_label, junk) => {
    expect(run([`${token('a')}\n${junk}\n${token('b')}\n`, `${junk}\n`])).toBe(`${token('a')}\n${token('b')}\n`);
    expect(diagnostics).toHaveLength(1);
  });

  it('drops blank lines quietly', () => {
    expect(run([`\n${token('a')}\n\r\n  \n`])).toBe(`${token('a')}\n`);
    expect(diagnostics).toEqual([]);
  });
});
