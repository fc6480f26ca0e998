/** Model residency: load delay, /api/ps, keep_alive, shared loads, token delay. */
import { Ollama } from 'ollama';
import { afterEach, describe, expect, it } from 'vitest';
import { ndjsonLines, postJson } from './http-helpers';
import { startSimulator, type OllamaSimulator } from './ollama-simulator';

const LOAD_MS = 150;
let sim: OllamaSimulator;

afterEach(async () => {
  await sim.close();
});

function chat(model: string, extra: Record<string, unknown> = {}) {
  return postJson(`${sim.url}/api/chat`, { model, messages: [{ role: 'user', content: 'Hi' }], ...extra });
}

function finalChunk(lines: Record<string, unknown>[]): Record<string, number> {
  return lines[lines.length - 1] as Record<string, number>;
}

describe('loading', () => {
  it('waits the load delay before the first chunk of a model that is not loaded, then keeps it loaded', async () => {
    sim = await startSimulator({ models: [{ name: 'a:1b', reply: 'One two.' }], loadDelayMs: LOAD_MS });
    expect(sim.loadedModels()).toEqual([]);

    const cold = await ndjsonLines(await chat('a:1b'));
    const coldRecord = sim.chatRequests('a:1b')[0];
    expect(coldRecord.firstByteAt! - coldRecord.receivedAt).toBeGreaterThanOrEqual(LOAD_MS - 1);
    expect(finalChunk(cold).load_duration).toBeGreaterThanOrEqual((LOAD_MS - 1) * 1e6);
    expect(sim.loadedModels()).toEqual(['a:1b']);

    const warm = await ndjsonLines(await chat('a:1b'));
    expect(finalChunk(warm).load_duration).toBeLessThan(LOAD_MS * 1e6);
  });

  it('lists a model in /api/ps only once its load has finished', async () => {
    sim = await startSimulator({ models: [{ name: 'a:1b' }], loadDelayMs: LOAD_MS });
    const pending = chat('a:1b').then(ndjsonLines);
    await expect.poll(() => sim.requests.length).toBe(1);
    expect(sim.loadedModels()).toEqual([]);
    await pending;
    const ps = (await (await fetch(`${sim.url}/api/ps`)).json()) as { models: { name: string }[] };
    expect(ps.models.map((model) => model.name)).toEqual(['a:1b']);
  });

  it('lets concurrent requests share one load', async () => {
    sim = await startSimulator({ models: [{ name: 'a:1b' }], loadDelayMs: LOAD_MS });
    const first = chat('a:1b').then(ndjsonLines);
    await expect.poll(() => sim.requests.length).toBe(1);
    // A load of its own would now take a minute (the test would time out): the others must join the first.
    sim.setOptions({ loadDelayMs: 60_000 });
    const [a, b, c] = await Promise.all([first, chat('a:1b').then(ndjsonLines), postJson(`${sim.url}/api/generate`, { model: 'a:1b' }).then((r) => r.json())]);
    expect([a, b].map((lines) => finalChunk(lines).done)).toEqual([true, true]);
    expect(c).toMatchObject({ model: 'a:1b', done: true });
    expect(sim.loadedModels()).toEqual(['a:1b']);
  });

  it('loads models independently: a second model pays its own load', async () => {
    sim = await startSimulator({ models: [{ name: 'a:1b' }, { name: 'b:1b' }], loadDelayMs: LOAD_MS });
    const ollama = new Ollama({ host: sim.url });
    await ollama.generate({ model: 'a:1b', prompt: '' });
    expect(sim.loadedModels()).toEqual(['a:1b']);
    const b = await ollama.chat({ model: 'b:1b', messages: [{ role: 'user', content: 'x' }] });
    expect(b.load_duration).toBeGreaterThanOrEqual((LOAD_MS - 1) * 1e6);
    expect(sim.loadedModels().sort()).toEqual(['a:1b', 'b:1b']);
  });

  it('unloads after a chat with keep_alive 0', async () => {
    sim = await startSimulator({ models: [{ name: 'a:1b' }] });
    await ndjsonLines(await chat('a:1b', { keep_alive: 0 }));
    expect(sim.loadedModels()).toEqual([]);
  });

  it('unloads when keep_alive expires, and reports expires_at from it', async () => {
    sim = await startSimulator({ models: [{ name: 'a:1b' }, { name: 'b:1b' }] });
    await ndjsonLines(await chat('a:1b', { keep_alive: '80ms' }));
    await ndjsonLines(await chat('b:1b', { keep_alive: '10m' }));
    const ps = (await (await fetch(`${sim.url}/api/ps`)).json()) as { models: { name: string; expires_at: string }[] };
    const b = ps.models.find((model) => model.name === 'b:1b');
    const minutesAhead = (Date.parse(b!.expires_at) - Date.now()) / 60_000;
    expect(minutesAhead).toBeGreaterThan(9);
    expect(minutesAhead).toBeLessThanOrEqual(10);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(sim.loadedModels()).toEqual(['b:1b']);
  });

  it('keeps a model with a negative keep_alive forever', async () => {
    sim = await startSimulator({ models: [{ name: 'a:1b' }] });
    await ndjsonLines(await chat('a:1b', { keep_alive: -1 }));
    const ps = (await (await fetch(`${sim.url}/api/ps`)).json()) as { models: { expires_at: string }[] };
    expect(new Date(ps.models[0].expires_at).getUTCFullYear()).toBeGreaterThan(2200);
  });

  it('forgets a removed model: gone from tags and ps, chat gets 404', async () => {
    sim = await startSimulator({ models: [{ name: 'a:1b' }] });
    await ndjsonLines(await chat('a:1b'));
    sim.removeModel('a:1b');
    expect(sim.loadedModels()).toEqual([]);
    expect(await (await fetch(`${sim.url}/api/tags`)).json()).toEqual({ models: [] });
    expect((await chat('a:1b')).status).toBe(404);
  });
});

describe('token delay', () => {
  it('spaces tokens by tokenDelayMs, and setOptions changes it for later requests', async () => {
    sim = await startSimulator({ models: [{ name: 'a:1b', reply: 'one two three four five' }], tokenDelayMs: 20 });
    const slow = finalChunk(await ndjsonLines(await chat('a:1b')));
    expect(slow.eval_count).toBe(5);
    expect(slow.eval_duration).toBeGreaterThanOrEqual(4 * 19e6);

    sim.setOptions({ tokenDelayMs: 0 });
    const fast = finalChunk(await ndjsonLines(await chat('a:1b')));
    expect(fast.eval_duration).toBeLessThan(slow.eval_duration);
  });

  it('applies a new load delay from setOptions', async () => {
    sim = await startSimulator({ models: [{ name: 'a:1b' }] });
    sim.setOptions({ loadDelayMs: LOAD_MS });
    const final = finalChunk(await ndjsonLines(await chat('a:1b')));
    expect(final.load_duration).toBeGreaterThanOrEqual((LOAD_MS - 1) * 1e6);
  });
});
