/** Request recording, client aborts, waitForRequestEnd, and close(). */
import { ChatOllama } from '@langchain/ollama';
import { Ollama } from 'ollama';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postJson } from './http-helpers';
import { startSimulator, type OllamaSimulator } from './ollama-simulator';

const LONG_REPLY = Array.from({ length: 40 }, (_, index) => `word${index}`).join(' ');
let sim: OllamaSimulator;

beforeEach(async () => {
  sim = await startSimulator({ models: [{ name: 'a:1b', reply: LONG_REPLY }, { name: 'b:1b', reply: 'Short.' }] });
});

afterEach(async () => {
  await sim.close();
});

describe('recording', () => {
  it('records every request with method, path, parsed body and timestamps', async () => {
    const ollama = new Ollama({ host: sim.url });
    await ollama.list();
    await ollama.chat({
      model: 'b:1b',
      messages: [{ role: 'system', content: 'Be snarky.' }, { role: 'user', content: 'Topic' }],
      think: false,
      keep_alive: '30m',
      options: { temperature: 0.7, num_ctx: 4096 },
    });
    expect(sim.requests.map((record) => `${record.id} ${record.method} ${record.path}`)).toEqual([
      '1 GET /api/tags',
      '2 POST /api/chat',
    ]);
    const chat = sim.requests[1];
    expect(chat.body).toEqual({
      model: 'b:1b',
      messages: [{ role: 'system', content: 'Be snarky.' }, { role: 'user', content: 'Topic' }],
      think: false,
      keep_alive: '30m',
      options: { temperature: 0.7, num_ctx: 4096 },
      stream: false,
    });
    expect(sim.requests[0].body).toBeNull();
    expect(chat.firstByteAt).toBeGreaterThanOrEqual(chat.receivedAt);
    const ended = await sim.waitForRequestEnd(chat.id);
    expect(ended.finishedAt).toBeGreaterThanOrEqual(chat.firstByteAt!);
    expect(ended.clientClosedAt).toBeNull();
    expect(ended.serverClosedAt).toBeNull();
  });

  it('chatRequests filters POST /api/chat by model, tag-less names meaning :latest', async () => {
    sim.addModel({ name: 'c:latest', reply: 'C.' });
    for (const model of ['a:1b', 'b:1b', 'a:1b', 'c']) {
      await postJson(`${sim.url}/api/chat`, { model, messages: [{ role: 'user', content: 'x' }], stream: false }).then((r) => r.json());
    }
    await postJson(`${sim.url}/api/generate`, { model: 'a:1b' }).then((r) => r.json());
    expect(sim.chatRequests()).toHaveLength(4);
    expect(sim.chatRequests('a:1b').map((record) => record.id)).toEqual([1, 3]);
    expect(sim.chatRequests('c:latest')).toHaveLength(1);
  });
});

describe('client abort', () => {
  it('records clientClosedAt when the ollama client aborts a stream, and stops generating', async () => {
    sim.setOptions({ tokenDelayMs: 10 });
    const ollama = new Ollama({ host: sim.url });
    const stream = await ollama.chat({ model: 'a:1b', messages: [{ role: 'user', content: 'Go' }], stream: true });
    let received = 0;
    await expect(
      (async () => {
        for await (const chunk of stream) {
          received += 1;
          if (received === 3) stream.abort();
          expect(chunk.done).toBe(false);
        }
      })(),
    ).rejects.toThrow(/abort/i);
    const record = await sim.waitForRequestEnd(sim.chatRequests()[0].id);
    expect(record.clientClosedAt).not.toBeNull();
    expect(record.clientClosedAt!).toBeGreaterThan(record.firstByteAt!);
    expect(record.finishedAt).toBeNull();
    expect(record.serverClosedAt).toBeNull();
  });

  it('records clientClosedAt when ChatOllama\'s fetch carries the abort signal', async () => {
    sim.setOptions({ tokenDelayMs: 10 });
    const controller = new AbortController();
    // ChatOllama's own `signal` option stops the iteration but leaves the HTTP request running
    // (seen against this simulator: finishedAt set, no clientClosedAt); a fetch that carries the
    // signal closes the connection.
    const model = new ChatOllama({
      baseUrl: sim.url,
      model: 'a:1b',
      fetch: (input, init) =>
        fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal }),
    });
    let received = '';
    await expect(
      (async () => {
        for await (const chunk of await model.stream('Go', { signal: controller.signal })) {
          received += String(chunk.content);
          if (received.length > 10) controller.abort();
        }
      })(),
    ).rejects.toThrow();
    const record = await sim.waitForRequestEnd(sim.chatRequests()[0].id);
    expect(record.clientClosedAt).not.toBeNull();
    expect(record.finishedAt).toBeNull();
    expect(LONG_REPLY.startsWith(received)).toBe(true);
  });

  it('records an abort during the model load', async () => {
    sim.setOptions({ loadDelayMs: 2000 });
    const controller = new AbortController();
    const pending = postJson(`${sim.url}/api/chat`, { model: 'a:1b', messages: [{ role: 'user', content: 'x' }] }, controller.signal);
    const failed = expect(pending).rejects.toThrow();
    await expect.poll(() => sim.requests.length).toBe(1);
    controller.abort();
    await failed;
    const record = await sim.waitForRequestEnd(1);
    expect(record.clientClosedAt).not.toBeNull();
    expect(record.firstByteAt).toBeNull();
  });
});

describe('waitForRequestEnd', () => {
  it('waits for a request that has not arrived yet', async () => {
    const waiting = sim.waitForRequestEnd(1);
    await fetch(`${sim.url}/api/version`).then((r) => r.json());
    expect((await waiting).path).toBe('/api/version');
  });

  it('rejects after the timeout, saying what is still open', async () => {
    await expect(sim.waitForRequestEnd(99, 30)).rejects.toThrow('request 99 did not end within 30 ms (never received)');
  });
});

describe('close()', () => {
  it('ends open streams: the client sees the stream break and the record says the simulator cut it', async () => {
    sim.setFault('a:1b', { type: 'stall-after', tokens: 2 });
    const ollama = new Ollama({ host: sim.url });
    const stream = await ollama.chat({ model: 'a:1b', messages: [{ role: 'user', content: 'Go' }], stream: true });
    let received = 0;
    const reading = (async () => {
      for await (const chunk of stream) received += chunk.message.content.length > 0 ? 1 : 0;
    })();
    await expect.poll(() => received).toBe(2);
    const closing = sim.close();
    await expect(reading).rejects.toThrow();
    await closing;
    const record = await sim.waitForRequestEnd(sim.chatRequests()[0].id);
    expect(record.serverClosedAt).not.toBeNull();
    expect(record.finishedAt).toBeNull();
  });

  it('ends requests waiting for a model load, and refuses new connections', async () => {
    sim.setOptions({ loadDelayMs: 5000 });
    const pending = postJson(`${sim.url}/api/chat`, { model: 'a:1b', messages: [{ role: 'user', content: 'x' }] });
    const failed = expect(pending).rejects.toThrow();
    await expect.poll(() => sim.requests.length).toBe(1);
    await sim.close();
    await failed;
    expect(sim.requests[0].serverClosedAt).not.toBeNull();
    await expect(fetch(`${sim.url}/api/version`)).rejects.toThrow();
  });

  it('can be called twice', async () => {
    await sim.close();
    await expect(sim.close()).resolves.toBeUndefined();
  });
});
