import { describe, expect, it } from 'vitest';
import { EngineError } from '../../engine/errors';
import { getVersion, listModels, pullModel, showModel } from '../../engine/ollama-api';
import type { PullProgress } from '../../engine/types';
import { simulator } from './simulated-debate';

async function engineErrorOf(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('expected an EngineError');
}

describe('Ollama REST helpers', () => {
  it('lists installed models with their details', async () => {
    const sim = await simulator({ models: [{ name: 'llama3.2:1b', family: 'llama', parameterSize: '1.2B', quantization: 'Q8_0', sizeBytes: 1234 }] });
    const [model] = await listModels(sim.url);
    expect(model).toMatchObject({ name: 'llama3.2:1b', sizeBytes: 1234, parameterSize: '1.2B', quantization: 'Q8_0', family: 'llama' });
    expect(Number.isNaN(Date.parse(model.modifiedAt ?? ''))).toBe(false);
  });

  it('reads the version and a model’s details, context length included', async () => {
    const sim = await simulator({ version: '0.12.3', models: [{ name: 'qwen2.5:0.5b', family: 'qwen2', parameterSize: '494M', quantization: 'Q4_K_M', contextLength: 32768 }] });
    expect(await getVersion(sim.url)).toBe('0.12.3');
    expect(await showModel(sim.url, 'qwen2.5:0.5b')).toEqual({ parameterSize: '494M', quantization: 'Q4_K_M', family: 'qwen2', contextLength: 32768, capabilities: ['completion'] });
  });

  it("reads what a model can do from /api/show's capabilities: null from an Ollama too old to list them", async () => {
    const sim = await simulator({ models: [{ name: 'qwen3:0.6b', thinking: 'Hmm.' }, { name: 'old:1b', capabilities: null }, { name: 'tools:1b', capabilities: ['completion', 'tools'] }] });
    expect((await showModel(sim.url, 'qwen3:0.6b')).capabilities).toEqual(['completion', 'thinking']);
    expect((await showModel(sim.url, 'old:1b')).capabilities).toBeNull();
    expect((await showModel(sim.url, 'tools:1b')).capabilities).toEqual(['completion', 'tools']);
  });

  it('pulls a model reporting progress fractions, after which it is installed', async () => {
    const sim = await simulator({ models: [], pullableModels: [{ name: 'tiny:1b', sizeBytes: 10_000_000 }] });
    const progress: PullProgress[] = [];
    await pullModel(sim.url, 'tiny:1b', (p) => progress.push(p));
    const fractions = progress.flatMap((p) => (p.fraction === null ? [] : [p.fraction]));
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(progress[progress.length - 1].status).toBe('success');
    expect((await listModels(sim.url)).map((m) => m.name)).toEqual(['tiny:1b']);
  });

  it('throws EngineErrors a person can act on', async () => {
    const sim = await simulator({ models: [] });
    const missing = await engineErrorOf(showModel(sim.url, 'ghost:1b'));
    expect(missing.detail).toMatchObject({ kind: 'model-missing', model: 'ghost:1b' });
    const unpullable = await engineErrorOf(pullModel(sim.url, 'ghost:1b', () => undefined));
    expect(unpullable.detail.kind).toBe('http');
    const url = sim.url;
    await sim.close();
    const down = await engineErrorOf(listModels(url));
    expect(down.detail).toMatchObject({ kind: 'unreachable', host: url });
  });
});
