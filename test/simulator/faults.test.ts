/** Every injected fault, seen through the raw wire and through the ollama client. */
import { Ollama } from 'ollama';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ndjsonLines, postJson } from './http-helpers';
import { startSimulator, type OllamaSimulator } from './ollama-simulator';
import { tokensBeforeFault } from './faults';

const REPLY = 'One two three four five six.';
let sim: OllamaSimulator;
let ollama: Ollama;

beforeEach(async () => {
  sim = await startSimulator({ models: [{ name: 'a:1b', reply: REPLY }, { name: 'b:1b', reply: REPLY }] });
  ollama = new Ollama({ host: sim.url });
});

afterEach(async () => {
  await sim.close();
});

const messages = [{ role: 'user', content: 'Count' }];

/** Streams a chat through the ollama client, returning the text received and the error that ended it (if any). */
async function streamChat(model: string): Promise<{ text: string; error: Error | null }> {
  let text = '';
  try {
    const stream = await ollama.chat({ model, messages, stream: true });
    for await (const chunk of stream) text += chunk.message.content;
    return { text, error: null };
  } catch (error) {
    return { text, error: error as Error };
  }
}

describe('http-error', () => {
  it('answers the status and {"error"} before any chunk, without loading the model', async () => {
    sim.setFault('a:1b', { type: 'http-error', status: 500, message: 'llama runner process has terminated' });
    const response = await postJson(`${sim.url}/api/chat`, { model: 'a:1b', messages });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ error: 'llama runner process has terminated' });
    expect(sim.loadedModels()).toEqual([]);

    await expect(ollama.chat({ model: 'a:1b', messages })).rejects.toMatchObject({
      name: 'ResponseError',
      status_code: 500,
      error: 'llama runner process has terminated',
    });
  });
});

describe('drop-after', () => {
  it('destroys the socket after N tokens; the client gets those tokens then an error', async () => {
    sim.setFault('a:1b', { type: 'drop-after', tokens: 2 });
    const { text, error } = await streamChat('a:1b');
    expect(text).toBe('One two');
    expect(error).not.toBeNull();
    const record = await sim.waitForRequestEnd(sim.chatRequests('a:1b')[0].id);
    expect(record.serverClosedAt).not.toBeNull();
    expect(record.finishedAt).toBeNull();
    expect(record.clientClosedAt).toBeNull();
  });

  it('with 0 tokens, drops before any byte', async () => {
    sim.setFault('a:1b', { type: 'drop-after', tokens: 0 });
    await expect(postJson(`${sim.url}/api/chat`, { model: 'a:1b', messages })).rejects.toThrow();
    const record = await sim.waitForRequestEnd(sim.chatRequests()[0].id);
    expect(record.firstByteAt).toBeNull();
    expect(record.serverClosedAt).not.toBeNull();
  });
});

describe('stall-after', () => {
  it('sends N tokens and then nothing, keeping the socket open until the client gives up', async () => {
    sim.setFault('a:1b', { type: 'stall-after', tokens: 3 });
    const stream = await ollama.chat({ model: 'a:1b', messages, stream: true });
    const received: string[] = [];
    const reading = (async () => {
      for await (const chunk of stream) received.push(chunk.message.content);
    })();
    await expect.poll(() => received.length).toBe(3);
    const id = sim.chatRequests()[0].id;
    // Still open: no end within a short wait.
    await expect(sim.waitForRequestEnd(id, 100)).rejects.toThrow(/did not end within 100 ms/);
    stream.abort();
    await expect(reading).rejects.toThrow();
    const record = await sim.waitForRequestEnd(id);
    expect(received.join('')).toBe('One two three');
    expect(record.clientClosedAt).not.toBeNull();
    expect(record.finishedAt).toBeNull();
  });
});

describe('error-line-after', () => {
  it('streams N tokens, then an {"error"} line, then ends the response', async () => {
    sim.setFault('a:1b', { type: 'error-line-after', tokens: 1, message: 'out of memory' });
    const response = await postJson(`${sim.url}/api/chat`, { model: 'a:1b', messages });
    expect(response.status).toBe(200);
    const lines = await ndjsonLines(response);
    expect(lines).toHaveLength(2);
    expect((lines[0].message as { content: string }).content).toBe('One');
    expect(lines[1]).toEqual({ error: 'out of memory' });
    expect((await sim.waitForRequestEnd(sim.chatRequests()[0].id)).finishedAt).not.toBeNull();

    const { text, error } = await streamChat('a:1b');
    expect(text).toBe('One');
    expect(error?.message).toBe('out of memory');
  });

  it('without streaming, answers 500 with the error', async () => {
    sim.setFault('a:1b', { type: 'error-line-after', tokens: 1, message: 'out of memory' });
    const response = await postJson(`${sim.url}/api/chat`, { model: 'a:1b', messages, stream: false });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'out of memory' });
  });
});

describe('fault scope', () => {
  it('applies to one model, or to every model with "*", until cleared', async () => {
    sim.setFault('a:1b', { type: 'http-error', status: 503, message: 'busy' });
    expect((await postJson(`${sim.url}/api/chat`, { model: 'a:1b', messages })).status).toBe(503);
    expect((await streamChat('b:1b')).text).toBe(REPLY);

    sim.setFault('*', { type: 'http-error', status: 500, message: 'down' });
    expect((await postJson(`${sim.url}/api/chat`, { model: 'b:1b', messages })).status).toBe(500);
    // A model's own fault wins over the wildcard.
    expect((await postJson(`${sim.url}/api/chat`, { model: 'a:1b', messages })).status).toBe(503);

    sim.setFault('a:1b', null);
    sim.setFault('*', null);
    expect((await streamChat('a:1b')).text).toBe(REPLY);
  });

  it('leaves other endpoints alone', async () => {
    sim.setFault('*', { type: 'http-error', status: 500, message: 'down' });
    expect((await ollama.list()).models).toHaveLength(2);
    expect((await ollama.generate({ model: 'a:1b', prompt: '' })).done_reason).toBe('load');
  });

  it('strikes before the final chunk when N is past the end of the reply', () => {
    expect(tokensBeforeFault({ type: 'drop-after', tokens: 50 }, 6)).toBe(6);
    expect(tokensBeforeFault({ type: 'stall-after', tokens: 2 }, 6)).toBe(2);
    expect(tokensBeforeFault({ type: 'http-error', status: 500, message: 'x' }, 6)).toBe(0);
  });
});
