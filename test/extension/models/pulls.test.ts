// The one pull flow against the Ollama protocol simulator: progress as it changes,
// the model listed again everywhere once installed, failures and cancelling.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PullProgress } from '../../../engine/types';
import { engineAccessor } from '../../../extension/engine-access';
import { ModelCatalog } from '../../../extension/models/model-catalog';
import { ModelPulls } from '../../../extension/models/pulls';
import { readSettings } from '../../../extension/settings';
import { startSimulator, type OllamaSimulator } from '../../simulator/ollama-simulator';
import { modelsOnlyEngine } from '../fake-engine';

describe('ModelPulls', () => {
  let simulator: OllamaSimulator;
  beforeEach(async () => {
    simulator = await startSimulator({ pullableModels: [{ name: 'phi3:mini', parameterSize: '3.8B', quantization: 'Q4_0', family: 'phi3' }] });
  });
  afterEach(async () => {
    await simulator.close();
  });

  function pulls() {
    const log = { info: vi.fn<(message: string) => void>(), warn: vi.fn<(message: string) => void>(), error: vi.fn<(message: string) => void>() };
    const settings = () => readSettings((key) => (key === 'ollamaHost' ? simulator.url : undefined));
    const engines = engineAccessor(settings, async () => modelsOnlyEngine());
    const catalog = new ModelCatalog(engines);
    return { log, catalog, pulls: new ModelPulls(engines, catalog, log) };
  }

  it('reports each change of stage or whole percent, then has every subscriber list the new model', async () => {
    const { log, catalog, pulls: flow } = pulls();
    const happened: string[] = [];
    const progress: PullProgress[] = [];
    catalog.subscribe((listing) => happened.push(`listed ${listing.ok ? listing.models.length : 'nothing'}`));
    const outcome = await flow.pull('phi3:mini', {
      progress: (update) => progress.push(update),
      pulled: (host) => happened.push(`pulled on ${host}`),
    }, new AbortController().signal);
    expect(outcome).toEqual({ kind: 'pulled', host: simulator.url });
    expect(happened).toEqual([`pulled on ${simulator.url}`, 'listed 3']);
    expect(progress[0]?.status).toBe('pulling manifest');
    const steps = progress.map((update) => `${update.status} ${update.fraction === null ? '-' : Math.floor(update.fraction * 100)}`);
    expect(new Set(steps).size).toBe(steps.length);
    expect(log.info).toHaveBeenCalledWith(`Pulled phi3:mini on ${simulator.url}.`);
  });

  it('fails with what went wrong for a model the registry does not have', async () => {
    const { log, pulls: flow } = pulls();
    const outcome = await flow.pull('no-such-model:7b', { progress: () => undefined, pulled: () => undefined }, new AbortController().signal);
    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && outcome.error.message).not.toBe('');
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('Pulling no-such-model:7b failed'));
  });

  it('cancels when its signal is aborted', async () => {
    simulator.setOptions({ tokenDelayMs: 20 });
    const { log, pulls: flow } = pulls();
    const abort = new AbortController();
    const outcome = await flow.pull('phi3:mini', { progress: () => abort.abort(), pulled: () => undefined }, abort.signal);
    expect(outcome).toEqual({ kind: 'cancelled' });
    expect(log.info).toHaveBeenCalledWith('Pull of phi3:mini cancelled.');
  });
});
