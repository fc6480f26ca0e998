/** Compatibility with the real client libraries the engine uses: `ollama` and `@langchain/ollama`. */
import { ChatOllama } from '@langchain/ollama';
import { Ollama } from 'ollama';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, tokenize, type OllamaSimulator } from './ollama-simulator';

const REPLY = 'Rational minds disagree, politely.';
let sim: OllamaSimulator;
let ollama: Ollama;

beforeEach(async () => {
  sim = await startSimulator({
    models: [{ name: 'llama3.2:1b', reply: REPLY, family: 'llama', parameterSize: '1.2B', quantization: 'Q8_0', contextLength: 131072 }],
    pullableModels: [{ name: 'qwen2.5:0.5b', family: 'qwen2', parameterSize: '494M', sizeBytes: 397_821_319 }],
    version: '0.12.3',
  });
  ollama = new Ollama({ host: sim.url });
});

afterEach(async () => {
  await sim.close();
});

describe('ollama (ollama-js)', () => {
  it('version, list, show, ps', async () => {
    expect(await ollama.version()).toEqual({ version: '0.12.3' });
    const list = await ollama.list();
    expect(list.models.map((model) => model.name)).toEqual(['llama3.2:1b']);
    expect(list.models[0].details.parameter_size).toBe('1.2B');
    const show = await ollama.show({ model: 'llama3.2:1b' });
    expect(show.details.quantization_level).toBe('Q8_0');
    expect((show.model_info as unknown as Record<string, unknown>)['llama.context_length']).toBe(131072);
    expect((await ollama.ps()).models).toEqual([]);
  });

  it('chat stream: tokens concatenate to the reply; the last chunk carries the stats', async () => {
    const stream = await ollama.chat({ model: 'llama3.2:1b', messages: [{ role: 'user', content: 'Debate!' }], stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.message.content).join('')).toBe(REPLY);
    const last = chunks[chunks.length - 1];
    expect(last.done).toBe(true);
    expect(last.done_reason).toBe('stop');
    expect(last.eval_count).toBe(tokenize(REPLY).length);
    expect(last.prompt_eval_count).toBe(2);
    expect(last.eval_duration).toBeGreaterThan(0);
  });

  it('chat without streaming', async () => {
    const response = await ollama.chat({ model: 'llama3.2:1b', messages: [{ role: 'user', content: 'Debate!' }] });
    expect(response.message).toEqual({ role: 'assistant', content: REPLY });
    expect(response.total_duration).toBeGreaterThan(0);
  });

  it('generate: load, a prompt, unload', async () => {
    expect((await ollama.generate({ model: 'llama3.2:1b', prompt: '', keep_alive: '10m' })).done_reason).toBe('load');
    expect((await ollama.ps()).models.map((model) => model.name)).toEqual(['llama3.2:1b']);
    expect((await ollama.generate({ model: 'llama3.2:1b', prompt: 'Go' })).response).toBe(REPLY);
    expect((await ollama.generate({ model: 'llama3.2:1b', prompt: '', keep_alive: 0 })).done_reason).toBe('unload');
    expect((await ollama.ps()).models).toEqual([]);
  });

  it('pull with progress installs the model', async () => {
    const progress = [];
    for await (const line of await ollama.pull({ model: 'qwen2.5:0.5b', stream: true })) progress.push(line);
    expect(progress[0]).toEqual({ status: 'pulling manifest' });
    const downloads = progress.filter((line) => line.status.startsWith('pulling ') && line.digest);
    expect(downloads.length).toBeGreaterThan(2);
    const weights = downloads.filter((line) => line.total === 397_821_319);
    expect(weights[0].completed).toBeUndefined();
    expect(weights.at(-1)?.completed).toBe(397_821_319);
    expect(weights.map((line) => line.completed ?? 0)).toEqual([...weights.map((line) => line.completed ?? 0)].sort((a, b) => a - b));
    expect(progress.slice(-3).map((line) => line.status)).toEqual(['verifying sha256 digest', 'writing manifest', 'success']);
    expect((await ollama.list()).models.map((model) => model.name)).toContain('qwen2.5:0.5b');
  });

  it('pull without streaming answers one success object', async () => {
    expect(await ollama.pull({ model: 'qwen2.5:0.5b', stream: false })).toEqual({ status: 'success' });
  });

  it('pull of an unknown model fails: an error line when streaming, 500 otherwise', async () => {
    const statuses: string[] = [];
    const streamed = (async () => {
      for await (const line of await ollama.pull({ model: 'nonexistent:1b', stream: true })) statuses.push(line.status);
    })();
    await expect(streamed).rejects.toThrow('pull model manifest: file does not exist');
    expect(statuses).toEqual(['pulling manifest']);
    await expect(ollama.pull({ model: 'nonexistent:1b', stream: false })).rejects.toMatchObject({
      status_code: 500,
      error: 'pull model manifest: file does not exist',
    });
  });

  it('a missing model is a 404 ResponseError with Ollama\'s message', async () => {
    await expect(ollama.chat({ model: 'gemma3:4b', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      name: 'ResponseError',
      status_code: 404,
      error: 'model "gemma3:4b" not found, try pulling it first',
    });
  });
});

describe('ChatOllama (@langchain/ollama)', () => {
  it('invoke: content, usage_metadata and response_metadata from the final chunk', async () => {
    const model = new ChatOllama({ baseUrl: sim.url, model: 'llama3.2:1b', temperature: 0.3, numCtx: 2048 });
    const message = await model.invoke([
      ['system', 'Be rational.'],
      ['user', 'Is tea better than coffee?'],
    ]);
    expect(message.content).toBe(REPLY);
    const promptTokens = tokenize('Be rational.').length + tokenize('Is tea better than coffee?').length;
    expect(message.usage_metadata).toMatchObject({ input_tokens: promptTokens, output_tokens: tokenize(REPLY).length });
    expect(message.response_metadata).toMatchObject({
      model: 'llama3.2:1b',
      done: true,
      done_reason: 'stop',
      eval_count: tokenize(REPLY).length,
      total_duration: expect.any(Number),
      load_duration: expect.any(Number),
      eval_duration: expect.any(Number),
    });
    const sent = sim.chatRequests('llama3.2:1b')[0].body as Record<string, unknown>;
    expect(sent.messages).toEqual([
      { role: 'system', content: 'Be rational.' },
      { role: 'user', content: 'Is tea better than coffee?' },
    ]);
    expect(sent.options).toMatchObject({ temperature: 0.3, num_ctx: 2048 });
  });

  it('stream: the chunks concatenate to the reply and carry the usage', async () => {
    const model = new ChatOllama({ baseUrl: sim.url, model: 'llama3.2:1b' });
    const texts: string[] = [];
    let usage: unknown = null;
    let metadata: Record<string, unknown> = {};
    for await (const chunk of await model.stream('Hello')) {
      texts.push(String(chunk.content));
      if (chunk.usage_metadata) usage = chunk.usage_metadata;
      if (chunk.response_metadata.done) metadata = chunk.response_metadata;
    }
    expect(texts.join('')).toBe(REPLY);
    expect(usage).toMatchObject({ input_tokens: 1, output_tokens: tokenize(REPLY).length });
    expect(metadata).toMatchObject({ done_reason: 'stop', eval_count: tokenize(REPLY).length });
  });
});
