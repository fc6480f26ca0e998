/** splitWrites: NDJSON lines cut across network writes, even inside multi-byte characters. */
import { ChatOllama } from '@langchain/ollama';
import { Ollama } from 'ollama';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endsInsideCharacter, rawPost } from './http-helpers';
import { startSimulator, tokenize, type OllamaSimulator } from './ollama-simulator';

const REPLY = 'Ça va très bien 👋🏽! Voilà: naïve café, 日本語, and 👨‍👩‍👧 family. ✅';
let sim: OllamaSimulator;

beforeEach(async () => {
  sim = await startSimulator({ models: [{ name: 'intl:1b', reply: REPLY }], splitWrites: true });
});

afterEach(async () => {
  await sim.close();
});

const request = { model: 'intl:1b', messages: [{ role: 'user', content: 'Bonjour' }] };

describe('split writes', () => {
  it('delivers lines in pieces, some ending inside a UTF-8 character, which rejoin into valid NDJSON', async () => {
    const raw = await rawPost(`${sim.url}/api/chat`, request);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toBe('application/x-ndjson');
    const tokens = tokenize(REPLY);
    // Several network reads per line, not one per line.
    expect(raw.chunks.length).toBeGreaterThan(2 * (tokens.length + 1));
    expect(raw.chunks.some((chunk) => endsInsideCharacter(chunk))).toBe(true);
    expect(raw.chunks.some((chunk) => chunk.toString('utf8') === '\n')).toBe(true);

    const body = Buffer.concat(raw.chunks).toString('utf8');
    const lines = body.split('\n');
    expect(lines.pop()).toBe('');
    const parsed = lines.map((line) => JSON.parse(line) as { message: { content: string }; done: boolean });
    expect(parsed.map((line) => line.message.content).join('')).toBe(REPLY);
    expect(parsed.at(-1)?.done).toBe(true);
  });

  it('the ollama client reassembles the text byte for byte, emoji intact', async () => {
    const ollama = new Ollama({ host: sim.url });
    const stream = await ollama.chat({ ...request, stream: true });
    const pieces: string[] = [];
    for await (const chunk of stream) pieces.push(chunk.message.content);
    const text = pieces.join('');
    expect(text).toBe(REPLY);
    expect(Buffer.from(text, 'utf8').equals(Buffer.from(REPLY, 'utf8'))).toBe(true);
    expect(text).not.toContain('\uFFFD');
    expect(pieces.slice(0, -1)).toEqual(tokenize(REPLY));
  });

  it('ChatOllama streams the same text', async () => {
    const model = new ChatOllama({ baseUrl: sim.url, model: 'intl:1b' });
    let text = '';
    for await (const chunk of await model.stream('Bonjour')) text += String(chunk.content);
    expect(text).toBe(REPLY);
  });

  it('splits pull progress lines too', async () => {
    await sim.close();
    sim = await startSimulator({ models: [], pullableModels: [{ name: 'tiny:1b' }], splitWrites: true });
    const ollama = new Ollama({ host: sim.url });
    const statuses: string[] = [];
    for await (const progress of await ollama.pull({ model: 'tiny:1b', stream: true })) statuses.push(progress.status);
    expect(statuses.at(-1)).toBe('success');
  });
});
