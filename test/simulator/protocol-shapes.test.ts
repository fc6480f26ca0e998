/** The exact wire format: field names, content types, NDJSON framing, error bodies. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ndjsonLines, postJson } from './http-helpers';
import { startSimulator, tokenize, type OllamaSimulator } from './ollama-simulator';

const ISO_DATE = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
const DIGEST = expect.stringMatching(/^[0-9a-f]{64}$/);
const NANOS = expect.any(Number);

/** The statistics every final chunk carries. */
function finalStats(promptEvalCount: number, evalCount: number) {
  return {
    total_duration: NANOS,
    load_duration: NANOS,
    prompt_eval_count: promptEvalCount,
    prompt_eval_duration: NANOS,
    eval_count: evalCount,
    eval_duration: NANOS,
  };
}

const MODEL = {
  name: 'llama3.2:1b',
  reply: 'Hello world! Ça va? 👋',
  family: 'llama',
  parameterSize: '1.2B',
  quantization: 'Q8_0',
  sizeBytes: 1_321_098_329,
};

let sim: OllamaSimulator;

beforeEach(async () => {
  sim = await startSimulator({ models: [MODEL, { name: 'qwen2.5:0.5b', family: 'qwen2', parameterSize: '494M' }] });
});

afterEach(async () => {
  await sim.close();
});

describe('metadata endpoints', () => {
  it('GET /api/version', async () => {
    const response = await fetch(`${sim.url}/api/version`);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ version: '0.12.0' });
  });

  it('GET /api/tags lists the installed models with Ollama field names', async () => {
    const response = await fetch(`${sim.url}/api/tags`);
    const body = (await response.json()) as { models: unknown[] };
    expect(body.models).toHaveLength(2);
    expect(body.models[0]).toEqual({
      name: 'llama3.2:1b',
      model: 'llama3.2:1b',
      modified_at: ISO_DATE,
      size: 1_321_098_329,
      digest: DIGEST,
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'llama',
        families: ['llama'],
        parameter_size: '1.2B',
        quantization_level: 'Q8_0',
      },
    });
  });

  it('POST /api/show describes a model, 404 for an unknown one', async () => {
    const found = await postJson(`${sim.url}/api/show`, { model: 'llama3.2:1b' });
    expect(found.status).toBe(200);
    const body = await found.json();
    expect(body).toEqual({
      license: '',
      modelfile: expect.stringContaining('FROM llama3.2:1b'),
      parameters: expect.any(String),
      template: expect.any(String),
      details: expect.objectContaining({ family: 'llama', parameter_size: '1.2B', quantization_level: 'Q8_0' }),
      model_info: {
        'general.architecture': 'llama',
        'general.parameter_count': 1_200_000_000,
        'llama.context_length': 8192,
      },
      capabilities: ['completion'],
      modified_at: ISO_DATE,
    });
    const missing = await postJson(`${sim.url}/api/show`, { model: 'nope:7b' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "model 'nope:7b' not found" });
  });

  it('GET /api/ps is empty until a model is used, then lists it with an expiry', async () => {
    expect(await (await fetch(`${sim.url}/api/ps`)).json()).toEqual({ models: [] });
    await postJson(`${sim.url}/api/generate`, { model: 'llama3.2:1b' }).then((r) => r.json());
    const body = (await (await fetch(`${sim.url}/api/ps`)).json()) as { models: unknown[] };
    expect(body.models).toEqual([
      {
        name: 'llama3.2:1b',
        model: 'llama3.2:1b',
        size: 1_321_098_329,
        digest: DIGEST,
        details: expect.objectContaining({ family: 'llama' }),
        expires_at: ISO_DATE,
        size_vram: 1_321_098_329,
        context_length: 8192,
      },
    ]);
  });

  it('a tag-less name means :latest', async () => {
    sim.addModel({ name: 'mistral:latest' });
    const response = await postJson(`${sim.url}/api/show`, { model: 'mistral' });
    expect(response.status).toBe(200);
  });
});

describe('POST /api/chat', () => {
  const request = { model: 'llama3.2:1b', messages: [{ role: 'user', content: 'Say hello' }] };

  it('streams NDJSON: one chunk per token, then the final chunk with timing fields', async () => {
    const response = await postJson(`${sim.url}/api/chat`, request);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = await ndjsonLines(response);
    const tokens = tokenize(MODEL.reply);
    expect(lines).toHaveLength(tokens.length + 1);
    lines.slice(0, -1).forEach((line, index) => {
      expect(line).toEqual({
        model: 'llama3.2:1b',
        created_at: ISO_DATE,
        message: { role: 'assistant', content: tokens[index] },
        done: false,
      });
    });
    const final = lines[lines.length - 1];
    expect(final).toEqual({
      model: 'llama3.2:1b',
      created_at: ISO_DATE,
      message: { role: 'assistant', content: '' },
      done_reason: 'stop',
      done: true,
      ...finalStats(2, tokens.length),
    });
    expect(Object.keys(final)).toHaveLength(11);
  });

  it('answers `stream: false` with one JSON object holding the whole reply', async () => {
    const response = await postJson(`${sim.url}/api/chat`, { ...request, stream: false });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await response.json();
    expect(body).toEqual({
      model: 'llama3.2:1b',
      created_at: ISO_DATE,
      message: { role: 'assistant', content: MODEL.reply },
      done_reason: 'stop',
      done: true,
      ...finalStats(2, tokenize(MODEL.reply).length),
    });
  });

  it('reports timings as whole, positive nanoseconds that add up within the total', async () => {
    sim.setOptions({ tokenDelayMs: 5, loadDelayMs: 30 });
    const started = performance.now();
    const lines = await ndjsonLines(await postJson(`${sim.url}/api/chat`, request));
    const elapsedNs = (performance.now() - started) * 1e6;
    const final = lines[lines.length - 1] as Record<string, number>;
    for (const field of ['total_duration', 'load_duration', 'prompt_eval_duration', 'eval_duration']) {
      expect(Number.isInteger(final[field]), field).toBe(true);
      expect(final[field], field).toBeGreaterThan(0);
    }
    expect(final.load_duration).toBeGreaterThanOrEqual(29e6);
    expect(final.eval_duration).toBeGreaterThanOrEqual((tokenize(MODEL.reply).length - 1) * 4e6);
    expect(final.total_duration).toBeGreaterThanOrEqual(final.load_duration + final.prompt_eval_duration + final.eval_duration);
    expect(final.total_duration).toBeLessThanOrEqual(elapsedNs);
  });

  it('gives each model a default reply naming it and the call number', async () => {
    const body = { model: 'qwen2.5:0.5b', messages: [{ role: 'user', content: 'Hi' }], stream: false };
    const first = (await (await postJson(`${sim.url}/api/chat`, body)).json()) as { message: { content: string } };
    const second = (await (await postJson(`${sim.url}/api/chat`, body)).json()) as { message: { content: string } };
    expect(first.message.content).toBe('I am qwen2.5:0.5b, and this is my reply number 1.');
    expect(second.message.content).toBe('I am qwen2.5:0.5b, and this is my reply number 2.');
  });

  it('computes the reply from the request when the model has a reply function', async () => {
    sim.addModel({
      name: 'echo:1b',
      reply: (chat) => `You said: ${chat.messages?.at(-1)?.content ?? ''}`,
    });
    const response = await postJson(`${sim.url}/api/chat`, {
      model: 'echo:1b',
      messages: [{ role: 'user', content: 'ünïcode 🎉' }],
      stream: false,
    });
    expect(((await response.json()) as { message: { content: string } }).message.content).toBe('You said: ünïcode 🎉');
  });

  it('stops at options.num_predict tokens with done_reason "length"', async () => {
    const response = await postJson(`${sim.url}/api/chat`, { ...request, stream: false, options: { num_predict: 2 } });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.message).toEqual({ role: 'assistant', content: 'Hello world' });
    expect(body.done_reason).toBe('length');
    expect(body.eval_count).toBe(2);
  });

  it('answers an unknown model with 404 and Ollama\'s message', async () => {
    const response = await postJson(`${sim.url}/api/chat`, { ...request, model: 'x' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ error: 'model "x" not found, try pulling it first' });
  });

  it('loads with an empty message list, unloads with keep_alive 0', async () => {
    const load = await (await postJson(`${sim.url}/api/chat`, { model: 'llama3.2:1b', messages: [] })).json();
    expect(load).toEqual({
      model: 'llama3.2:1b',
      created_at: ISO_DATE,
      message: { role: 'assistant', content: '' },
      done_reason: 'load',
      done: true,
    });
    expect(sim.loadedModels()).toEqual(['llama3.2:1b']);
    const unload = (await (
      await postJson(`${sim.url}/api/chat`, { model: 'llama3.2:1b', messages: [], keep_alive: 0 })
    ).json()) as Record<string, unknown>;
    expect(unload.done_reason).toBe('unload');
    expect(sim.loadedModels()).toEqual([]);
  });

  it('rejects bad bodies with 400 and an error text', async () => {
    const noModel = await postJson(`${sim.url}/api/chat`, { messages: [] });
    expect(noModel.status).toBe(400);
    expect(await noModel.json()).toEqual({ error: 'model is required' });
    const notJson = await fetch(`${sim.url}/api/chat`, { method: 'POST', body: '{"model":' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'invalid JSON in request body' });
    expect(sim.requests.at(-1)?.body).toBe('{"model":');
  });
});

describe('POST /api/generate', () => {
  it('an empty prompt loads the model and answers one object with done_reason "load"', async () => {
    const response = await postJson(`${sim.url}/api/generate`, { model: 'llama3.2:1b' });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({
      model: 'llama3.2:1b',
      created_at: ISO_DATE,
      response: '',
      done_reason: 'load',
      done: true,
    });
    expect(sim.loadedModels()).toEqual(['llama3.2:1b']);
  });

  it('keep_alive 0 unloads it with done_reason "unload"', async () => {
    await postJson(`${sim.url}/api/generate`, { model: 'llama3.2:1b' }).then((r) => r.json());
    const response = await postJson(`${sim.url}/api/generate`, { model: 'llama3.2:1b', keep_alive: 0 });
    expect(((await response.json()) as Record<string, unknown>).done_reason).toBe('unload');
    expect(sim.loadedModels()).toEqual([]);
  });

  it('a real prompt streams `response` chunks like chat', async () => {
    const lines = await ndjsonLines(await postJson(`${sim.url}/api/generate`, { model: 'llama3.2:1b', prompt: 'Hi there' }));
    expect(lines.slice(0, -1).map((line) => line.response).join('')).toBe(MODEL.reply);
    expect(lines[0]).toEqual({ model: 'llama3.2:1b', created_at: ISO_DATE, response: 'Hello', done: false });
    expect(lines.at(-1)).toEqual({
      model: 'llama3.2:1b',
      created_at: ISO_DATE,
      response: '',
      done: true,
      done_reason: 'stop',
      ...finalStats(2, tokenize(MODEL.reply).length),
    });
  });

  it('unknown model: 404', async () => {
    const response = await postJson(`${sim.url}/api/generate`, { model: 'ghost' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'model "ghost" not found, try pulling it first' });
  });
});

describe('other paths', () => {
  it('answers unknown paths with a plain-text 404 like Ollama', async () => {
    const response = await fetch(`${sim.url}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('404 page not found');
    expect((await fetch(`${sim.url}/api/chat`)).status).toBe(404);
  });

  it('says "Ollama is running" at the root', async () => {
    expect(await (await fetch(`${sim.url}/`)).text()).toBe('Ollama is running');
  });
});
