// The model catalog against the Ollama protocol simulator: one listing per host at a
// time, a timeout, errors described, and subscribers told after a refresh.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../../engine/types';
import { engineAccessor } from '../../../extension/engine-access';
import { ModelCatalog, type ModelListing } from '../../../extension/models/model-catalog';
import { readSettings } from '../../../extension/settings';
import { startSimulator, type OllamaSimulator } from '../../simulator/ollama-simulator';
import { modelsOnlyEngine } from '../fake-engine';

const settingsFor = (host: string) => () => readSettings((key) => (key === 'ollamaHost' ? host : undefined));
const names = (listing: ModelListing): string[] => (listing.ok ? listing.models.map((model: ModelInfo) => model.name) : []);

describe('ModelCatalog', () => {
  let simulator: OllamaSimulator;
  beforeEach(async () => {
    simulator = await startSimulator();
  });
  afterEach(async () => {
    await simulator.close();
  });

  const catalogOn = (host: string, timeoutMs?: number) =>
    new ModelCatalog(engineAccessor(settingsFor(host), async () => modelsOnlyEngine()), timeoutMs);
  const listings = () => simulator.requests.filter((request) => request.path === '/api/tags').length;

  it('lists the models installed on the configured host', async () => {
    const listing = await catalogOn(simulator.url).list();
    expect(listing).toMatchObject({ ok: true, host: simulator.url });
    expect(names(listing)).toEqual(['llama3.2:1b', 'qwen2.5:0.5b']);
  });

  it('shares one listing between callers asking together, and lists afresh afterwards', async () => {
    const catalog = catalogOn(simulator.url);
    const [first, second] = await Promise.all([catalog.list(), catalog.list()]);
    expect(second).toBe(first);
    expect(listings()).toBe(1);
    await catalog.list();
    expect(listings()).toBe(2);
  });

  it('describes a host that is not there, and one whose setting is malformed', async () => {
    const gone = await startSimulator();
    await gone.close();
    const unreachable = await catalogOn(gone.url).list();
    expect(unreachable).toMatchObject({ ok: false, host: gone.url, error: { kind: 'unreachable' } });
    expect(await catalogOn('http://[::1').list()).toMatchObject({ ok: false, host: null, error: { kind: 'invalid-config' } });
  });

  it('gives up on a host that does not answer in time', async () => {
    const silent = modelsOnlyEngine();
    silent.listModels = (_host, signal) => new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    const catalog = new ModelCatalog(engineAccessor(settingsFor(simulator.url), async () => silent), 20);
    const listing = await catalog.list();
    expect(listing).toMatchObject({ ok: false, host: simulator.url });
    expect(listing.ok ? '' : listing.error.message).not.toBe('');
  });

  it('reports an engine that does not load', async () => {
    const catalog = new ModelCatalog(engineAccessor(settingsFor(simulator.url), () => Promise.reject(new Error('bundle missing'))));
    expect(await catalog.list()).toMatchObject({ ok: false, host: null, error: { kind: 'unknown', message: expect.stringContaining('bundle missing') } });
  });

  it('tells every subscriber what a refresh found, until it unsubscribes', async () => {
    const catalog = catalogOn(simulator.url);
    const seen: string[][] = [];
    const unsubscribe = catalog.subscribe((listing) => seen.push(names(listing)));
    simulator.addModel({ name: 'phi3:mini' });
    await catalog.refresh();
    unsubscribe();
    await catalog.refresh();
    await catalog.list();
    expect(seen).toEqual([['llama3.2:1b', 'qwen2.5:0.5b', 'phi3:mini']]);
  });
});
