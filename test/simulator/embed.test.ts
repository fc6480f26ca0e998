/** POST /api/embed on the wire: Ollama's request and answer shapes, its refusals, and vectors that mean something. */
import { Ollama } from 'ollama';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMBEDDING_DIMENSIONS, embedText, normalized } from './embed';
import { postJson } from './http-helpers';
import { startSimulator, tokenize, type OllamaSimulator } from './ollama-simulator';

const EMBEDDER = { name: 'nomic-embed-text:latest', family: 'nomic-bert', parameterSize: '137M', embedding: true, contextLength: 64 };
const CHAT = { name: 'llama3.2:1b', reply: 'Hello.' };
const NANOS = expect.any(Number);

const ARGUMENT = 'Remote work raises output because people skip the commute and focus without the noise of an open office.';
const EDITED = 'Remote work raises output because people skip the long commute and focus without the noise of an open office.';
const UNRELATED = 'Juniors learn by overhearing seniors solve problems, and trust between teams grows from meeting in person.';

let sim: OllamaSimulator;

beforeEach(async () => {
  sim = await startSimulator({ models: [EMBEDDER, CHAT] });
});

afterEach(async () => {
  await sim.close();
});

async function embedCall(body: Record<string, unknown>) {
  const response = await postJson(`${sim.url}/api/embed`, body);
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);
}

function length(vector: readonly number[]): number {
  return Math.sqrt(dot(vector, vector));
}

describe('POST /api/embed', () => {
  it('embeds a single string: one normalised vector, the model as asked, timings in nanoseconds', async () => {
    const { status, type, body } = await embedCall({ model: 'nomic-embed-text', input: ARGUMENT });
    expect(status).toBe(200);
    expect(type).toBe('application/json; charset=utf-8');
    expect(body).toEqual({
      model: 'nomic-embed-text',
      embeddings: [expect.any(Array)],
      total_duration: NANOS,
      load_duration: NANOS,
      prompt_eval_count: tokenize(ARGUMENT).length,
    });
    const [vector] = body.embeddings as number[][];
    expect(vector).toHaveLength(EMBEDDING_DIMENSIONS);
    expect(length(vector ?? [])).toBeCloseTo(1, 10);
    expect(body.total_duration as number).toBeGreaterThanOrEqual(body.load_duration as number);
  });

  it('embeds a list in order; the same text the same vector, an edited one close, an unrelated one far', async () => {
    const { status, body } = await embedCall({ model: EMBEDDER.name, input: [ARGUMENT, EDITED, UNRELATED, ARGUMENT] });
    expect(status).toBe(200);
    const vectors = body.embeddings as number[][];
    expect(vectors).toHaveLength(4);
    const [argument = [], edited = [], unrelated = [], again = []] = vectors;
    expect(again).toEqual(argument);
    expect(dot(argument, edited)).toBeGreaterThan(0.9);
    expect(Math.abs(dot(argument, unrelated))).toBeLessThan(0.3);
    expect(body.prompt_eval_count).toBe([ARGUMENT, EDITED, UNRELATED, ARGUMENT].reduce((sum, text) => sum + tokenize(text).length, 0));
  });

  it('gives the same vectors in every run (nothing random)', async () => {
    const { body } = await embedCall({ model: EMBEDDER.name, input: [ARGUMENT] });
    expect(body.embeddings).toEqual([embedText(ARGUMENT)]);
    expect(embedText(ARGUMENT.toUpperCase())).toEqual(embedText(ARGUMENT));
  });

  it('cuts the vectors to `dimensions` and normalises them again, as Ollama does', async () => {
    const { body } = await embedCall({ model: EMBEDDER.name, input: ARGUMENT, dimensions: 64 });
    const [vector = []] = body.embeddings as number[][];
    expect(vector).toHaveLength(64);
    expect(length(vector)).toBeCloseTo(1, 10);
    expect(vector).toEqual(normalized(embedText(ARGUMENT).slice(0, 64)));
  });

  it.each([[''], [[]], [undefined]])('only loads the model for an empty input (%j): no vectors, the model in /api/ps', async (input) => {
    const { status, body } = await embedCall({ model: EMBEDDER.name, ...(input !== undefined && { input }) });
    expect(status).toBe(200);
    expect(body).toEqual({ model: EMBEDDER.name, embeddings: [] });
    expect(sim.loadedModels()).toEqual([EMBEDDER.name]);
  });

  it('cuts a text longer than the context by default; with truncate false refuses it (400)', async () => {
    const long = 'word '.repeat(100);
    const cut = await embedCall({ model: EMBEDDER.name, input: long });
    expect(cut.status).toBe(200);
    expect(cut.body.prompt_eval_count).toBe(EMBEDDER.contextLength);
    expect(cut.body.embeddings).toEqual([embedText(tokenize(long).slice(0, EMBEDDER.contextLength).join(''))]);
    const refused = await embedCall({ model: EMBEDDER.name, input: [ARGUMENT, long], truncate: false });
    expect(refused).toMatchObject({ status: 400, body: { error: 'the input length exceeds the context length' } });
  });

  it('answers 404 with Ollama’s words for a model that is not installed', async () => {
    const { status, body } = await embedCall({ model: 'mxbai-embed-large', input: ARGUMENT });
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'model "mxbai-embed-large" not found, try pulling it first' });
  });

  it('answers 501 for a model that is not an embedding model, once it has loaded it', async () => {
    const { status, body } = await embedCall({ model: CHAT.name, input: [ARGUMENT] });
    expect(status).toBe(501);
    expect(body).toEqual({ error: 'this model does not support embeddings' });
    expect(sim.loadedModels()).toEqual([CHAT.name]);
  });

  it.each([[42], [[ARGUMENT, 7]], [{ text: ARGUMENT }]])('refuses an input that is not text or a list of texts (%j) with 400', async (input) => {
    expect(await embedCall({ model: EMBEDDER.name, input })).toMatchObject({ status: 400, body: { error: 'invalid input type' } });
  });

  it('answers 400 without a model', async () => {
    expect(await embedCall({ input: ARGUMENT })).toMatchObject({ status: 400, body: { error: 'model is required' } });
  });

  it('records the request like any other', async () => {
    const sent = { model: EMBEDDER.name, input: [ARGUMENT, EDITED], truncate: true, keep_alive: '30m' };
    await embedCall(sent);
    const [record] = sim.requests.filter((request) => request.path === '/api/embed');
    expect(record).toMatchObject({ method: 'POST', path: '/api/embed', body: sent });
    expect(record?.finishedAt).not.toBeNull();
  });
});

describe('an embedding model elsewhere in the API', () => {
  it('lists only the embedding capability in /api/show', async () => {
    const show = async (model: string) => ((await (await postJson(`${sim.url}/api/show`, { model })).json()) as { capabilities: string[] }).capabilities;
    expect(await show(EMBEDDER.name)).toEqual(['embedding']);
    expect(await show(CHAT.name)).toEqual(['completion']);
  });

  it('refuses chat and generate with 400, as Ollama does', async () => {
    const chat = await postJson(`${sim.url}/api/chat`, { model: 'nomic-embed-text', messages: [{ role: 'user', content: 'Hi' }] });
    expect(chat.status).toBe(400);
    expect(await chat.json()).toEqual({ error: '"nomic-embed-text" does not support chat' });
    const generate = await postJson(`${sim.url}/api/generate`, { model: 'nomic-embed-text', prompt: 'Hi' });
    expect(generate.status).toBe(400);
    expect(await generate.json()).toEqual({ error: '"nomic-embed-text" does not support generate' });
  });
});

describe('the ollama client (ollama-js)', () => {
  it('embed() reads the answer', async () => {
    const response = await new Ollama({ host: sim.url }).embed({ model: EMBEDDER.name, input: [ARGUMENT, UNRELATED] });
    expect(response.model).toBe(EMBEDDER.name);
    expect(response.embeddings).toEqual([embedText(ARGUMENT), embedText(UNRELATED)]);
    expect(response.prompt_eval_count).toBe(tokenize(ARGUMENT).length + tokenize(UNRELATED).length);
  });

  it('embed() of a chat model rejects with Ollama’s error and status', async () => {
    await expect(new Ollama({ host: sim.url }).embed({ model: CHAT.name, input: ARGUMENT })).rejects.toMatchObject({
      name: 'ResponseError',
      status_code: 501,
      message: 'this model does not support embeddings',
    });
  });
});
