// What installed models can do, as the panel lists them: /api/show's capabilities added to each
// model (on the simulator over real HTTP), asked once per host, model and digest, unknown when
// Ollama can't say; and a speaker's own host listed from what a person typed.
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../../engine/types';
import { engineAccessor } from '../../../extension/engine-access';
import { ModelCapabilities } from '../../../extension/models/model-capabilities';
import { ModelCatalog, type ModelListing } from '../../../extension/models/model-catalog';
import { readSettings } from '../../../extension/settings';
import { startSimulator, type OllamaSimulator, type SimulatorOptions } from '../../simulator/ollama-simulator';
import { modelsOnlyEngine } from '../fake-engine';

const running: OllamaSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

async function simulator(options: SimulatorOptions = {}): Promise<OllamaSimulator> {
  const sim = await startSimulator(options);
  running.push(sim);
  return sim;
}

const REASONING: SimulatorOptions = {
  models: [
    { name: 'llama3.2:1b', family: 'llama' },
    { name: 'qwen3:0.6b', family: 'qwen3', thinking: 'Let me think.' },
    { name: 'gpt-oss:20b', family: 'gptoss', thinking: 'Reasoning.' },
    { name: 'old-ollama:1b', capabilities: null },
  ],
};

const catalogOn = (host: string) => new ModelCatalog(engineAccessor(() => readSettings((key) => (key === 'ollamaHost' ? host : undefined)), async () => modelsOnlyEngine()));
const capabilitiesOf = (listing: ModelListing) => (listing.ok ? Object.fromEntries(listing.models.map((model) => [model.name, model.capabilities])) : {});
const shows = (sim: OllamaSimulator) => sim.requests.filter((request) => request.path === '/api/show').length;

function model(name: string, digest?: string): ModelInfo {
  return { name, sizeBytes: 1, parameterSize: null, quantization: null, family: null, modifiedAt: null, ...(digest !== undefined && { digest }) };
}

describe('the capabilities of listed models', () => {
  it('adds what /api/show lists to each model, and leaves it out where Ollama does not say', async () => {
    const sim = await simulator(REASONING);
    const listing = await catalogOn(sim.url).list();
    expect(capabilitiesOf(listing)).toEqual({
      'llama3.2:1b': ['completion'],
      'qwen3:0.6b': ['completion', 'thinking'],
      'gpt-oss:20b': ['completion', 'thinking'],
      'old-ollama:1b': undefined,
    });
    expect(listing.ok && listing.models.every((entry) => typeof entry.digest === 'string' && entry.digest.length > 0)).toBe(true);
  });

  it('asks /api/show once per model and digest: a second listing asks nothing again, a model pulled again is asked again', async () => {
    const sim = await simulator(REASONING);
    const catalog = catalogOn(sim.url);
    await catalog.list();
    expect(shows(sim)).toBe(4);
    // The old Ollama's answer without capabilities is kept too: the status bar lists every 30 s.
    await catalog.list();
    expect(shows(sim)).toBe(4);

    const asked: string[] = [];
    const capabilities = new ModelCapabilities(async (host, name) => {
      asked.push(`${host} ${name}`);
      return ['completion'];
    });
    await capabilities.of('h1', [model('a:1b', 'd1'), model('b:1b', 'd1')]);
    await capabilities.of('h1', [model('a:1b', 'd1'), model('b:1b', 'd2')]);
    await capabilities.of('h2', [model('a:1b', 'd1')]);
    expect(asked).toEqual(['h1 a:1b', 'h1 b:1b', 'h1 b:1b', 'h2 a:1b']);
  });

  it('treats a failed /api/show as unknown, keeps the listing, and asks again next time', async () => {
    let calls = 0;
    const capabilities = new ModelCapabilities(async () => {
      calls += 1;
      if (calls === 1) throw new Error('connection reset');
      return ['completion', 'thinking'];
    });
    const [first] = await capabilities.of('h', [model('qwen3:0.6b', 'd')]);
    expect(first).toEqual(model('qwen3:0.6b', 'd'));
    expect(first && 'capabilities' in first).toBe(false);
    const [second] = await capabilities.of('h', [model('qwen3:0.6b', 'd')]);
    expect(second?.capabilities).toEqual(['completion', 'thinking']);
  });

  it('keeps the models in their order and asks at most four at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const capabilities = new ModelCapabilities(async (_host, name) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return [name];
    });
    const names = Array.from({ length: 10 }, (_, at) => `m${at}:1b`);
    const found = await capabilities.of('h', names.map((name) => model(name, name)));
    expect(found.map((entry) => entry.capabilities?.[0])).toEqual(names);
    expect(most).toBe(4);
  });
});

describe("a speaker's own host", () => {
  it("lists that host's models (not the debate's), with their capabilities", async () => {
    const debateHost = await simulator();
    const own = await simulator(REASONING);
    const typed = own.url.replace('http://', '');
    const listing = await catalogOn(debateHost.url).listHost(typed);
    expect(listing).toMatchObject({ ok: true, host: own.url });
    expect(Object.keys(capabilitiesOf(listing))).toEqual(['llama3.2:1b', 'qwen3:0.6b', 'gpt-oss:20b', 'old-ollama:1b']);
    expect(debateHost.requests.filter((request) => request.path === '/api/tags')).toHaveLength(0);
  });

  it('says a typed address is not one, without asking anything, for several malformed addresses', async () => {
    const debateHost = await simulator();
    for (const typed of ['ftp://gpu-box', 'http://', 'http://gpu-box:11434/?x=1', 'http://user:secret@[::1']) {
      const listing = await catalogOn(debateHost.url).listHost(typed);
      expect(listing.ok).toBe(false);
      if (listing.ok) continue;
      expect(listing.error.kind).toBe('invalid-config');
      expect(listing.error.message).toContain('is not an Ollama address');
      expect(listing.error.message).not.toContain('secret');
    }
    expect(debateHost.requests).toHaveLength(0);
  });

  it('says a host that does not answer is unreachable, naming it', async () => {
    const gone = await startSimulator();
    await gone.close();
    const debateHost = await simulator();
    const listing = await catalogOn(debateHost.url).listHost(gone.url);
    expect(listing).toMatchObject({ ok: false, host: gone.url, error: { kind: 'unreachable' } });
    expect(listing.ok ? '' : listing.error.message).toContain(gone.url.replace('http://', ''));
  });
});
