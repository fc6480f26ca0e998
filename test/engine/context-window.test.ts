import { describe, expect, it } from 'vitest';
import { chooseContextWindow, ContextWindows, legacyBudgetNote, windowFromBudgetChars, windowSetting } from '../../engine/context-window';
import { DEFAULT_CONTEXT_BUDGET_CHARS, DEFAULT_CONTEXT_WINDOW, MAX_CONTEXT_WINDOW, MIN_CONTEXT_WINDOW } from '../../engine/limits';
import { chatBody, collect, debate, errorsOf, simulator, transcriptOf, turnsOf } from './simulated-debate';
import type { DebateEvent } from '../../engine/types';

const NOTHING_KNOWN = { loaded: null, max: null };

describe('chooseContextWindow', () => {
  it('uses the setting when Ollama says nothing', () => {
    expect(chooseContextWindow(8192, NOTHING_KNOWN)).toBe(8192);
  });

  it('uses the window the model is already loaded with when that is larger (no reload)', () => {
    expect(chooseContextWindow(8192, { loaded: 32768, max: 131072 })).toBe(32768);
    expect(chooseContextWindow(8192, { loaded: 4096, max: 131072 })).toBe(8192);
  });

  it("never goes above the model's context_length", () => {
    expect(chooseContextWindow(8192, { loaded: null, max: 4096 })).toBe(4096);
    expect(chooseContextWindow(8192, { loaded: 2048, max: 2048 })).toBe(2048);
    expect(chooseContextWindow(8192, { loaded: null, max: 256 })).toBe(256);
  });

  it("gives a speaker's own size first, within the model's limit", () => {
    expect(chooseContextWindow(8192, { loaded: 32768, max: 131072 }, 4096)).toBe(4096);
    expect(chooseContextWindow(8192, { loaded: null, max: 16384 }, 65536)).toBe(16384);
  });

  it('keeps the window between the smallest and largest accepted', () => {
    expect(chooseContextWindow(100, NOTHING_KNOWN)).toBe(MIN_CONTEXT_WINDOW);
    expect(chooseContextWindow(8192, NOTHING_KNOWN, 10)).toBe(MIN_CONTEXT_WINDOW);
    expect(chooseContextWindow(1e9, NOTHING_KNOWN)).toBe(MAX_CONTEXT_WINDOW);
  });
});

describe("the old character budget (records and settings from before windows in tokens)", () => {
  it('is ignored at its old default: nobody chose it', () => {
    expect(windowSetting({ contextBudgetChars: DEFAULT_CONTEXT_BUDGET_CHARS })).toEqual({ window: DEFAULT_CONTEXT_WINDOW, note: null });
    expect(windowSetting({})).toEqual({ window: DEFAULT_CONTEXT_WINDOW, note: null });
  });

  it.each([
    [2_000, 2048],
    [20_000, 7168],
    [100_000, 27648],
  ])('converts %i characters someone set to a window of %i tokens, with a note', (chars, window) => {
    expect(windowFromBudgetChars(chars)).toBe(window);
    expect(windowSetting({ contextBudgetChars: chars })).toEqual({ window, note: legacyBudgetNote(chars, window) });
    expect(legacyBudgetNote(chars, window)).toContain(`${chars.toLocaleString('en-US')} characters`);
  });

  it('gives way to a window in tokens when both are there', () => {
    expect(windowSetting({ contextWindow: 4096, contextBudgetChars: 20_000 })).toEqual({ window: 4096, note: null });
  });
});

describe('num_ctx against the simulator', () => {
  const MODELS = [
    { name: 'alpha:1b', reply: 'Tea calms.', contextLength: 4096 },
    { name: 'beta:1b', reply: 'Coffee wakes.', contextLength: 131072 },
  ];
  const speakers = [
    { name: 'Ada', model: 'alpha:1b', tone: 'Cynic' },
    { name: 'Bob', model: 'beta:1b', tone: 'Polite' },
  ];

  function numCtxOf(body: unknown): unknown {
    const options = (body as { options?: Record<string, unknown> }).options;
    return options?.num_ctx;
  }

  it('sends the same window on the preload and on every chat request, capped at the model’s context_length', async () => {
    const sim = await simulator({ models: MODELS });
    const events = await collect(debate(sim, speakers, { exchanges: 2 }));
    expect(errorsOf(events)).toEqual([]);
    const preloads = sim.requests.filter((request) => request.path === '/api/generate');
    expect(preloads.map((request) => [(request.body as { model: string }).model, numCtxOf(request.body)])).toEqual([
      ['alpha:1b', 4096],
      ['beta:1b', DEFAULT_CONTEXT_WINDOW],
    ]);
    expect(sim.chatRequests().map((request) => [chatBody(request.body).model, numCtxOf(request.body)])).toEqual([
      ['alpha:1b', 4096],
      ['beta:1b', DEFAULT_CONTEXT_WINDOW],
      ['alpha:1b', 4096],
      ['beta:1b', DEFAULT_CONTEXT_WINDOW],
    ]);
    // Each turn says which window it ran in, what Ollama counted and what came from its cache.
    for (const turn of turnsOf(events)) {
      expect(turn.metrics.contextWindow).toBe(turn.model === 'alpha:1b' ? 4096 : DEFAULT_CONTEXT_WINDOW);
      expect(turn.metrics.promptTokens).toBeGreaterThan(0);
    }
  });

  it("takes the setting (contextWindow) and a speaker's own contextSize over it", async () => {
    const sim = await simulator({ models: MODELS });
    await collect(debate(sim, [speakers[0], { ...speakers[1], contextSize: 16384 }], { contextWindow: 2048 }));
    expect(sim.requests.filter((request) => request.path === '/api/generate').map((request) => numCtxOf(request.body))).toEqual([2048, 16384]);
    expect(sim.chatRequests().map((request) => numCtxOf(request.body))).toEqual([2048, 16384]);
  });

  it('keeps the larger window /api/ps shows a model already loaded with', async () => {
    const sim = await simulator({ models: MODELS });
    // Loaded before the debate: the simulator's /api/ps reports the model's whole context_length as its window.
    await fetch(`${sim.url}/api/generate`, { method: 'POST', body: JSON.stringify({ model: 'beta:1b', prompt: '', stream: false }) });
    const windows = new ContextWindows(DEFAULT_CONTEXT_WINDOW);
    await windows.probe([{ host: sim.url, model: 'beta:1b' }, { host: sim.url, model: 'alpha:1b' }], new AbortController().signal);
    expect(windows.of(sim.url, 'beta:1b')).toBe(131072);
    expect(windows.of(sim.url, 'alpha:1b')).toBe(4096);
    // However the host is written, and a tag-less name is ":latest".
    expect(windows.of(sim.url.replace('http://', ''), 'beta:1b')).toBe(131072);
  });

  it('falls back to the setting when Ollama cannot say (an unknown model, an unreachable host)', async () => {
    const sim = await simulator({ models: MODELS });
    const windows = new ContextWindows(6000);
    await windows.probe([{ host: sim.url, model: 'missing:1b' }, { host: 'http://127.0.0.1:9', model: 'alpha:1b' }], new AbortController().signal);
    expect(windows.of(sim.url, 'missing:1b')).toBe(6000);
    expect(windows.of('http://127.0.0.1:9', 'alpha:1b')).toBe(6000);
  });

  it("converts an old record's character budget, says so once per run, and sends the converted window", async () => {
    const sim = await simulator({ models: MODELS });
    const events: DebateEvent[] = await collect(debate(sim, [{ ...speakers[1] }], { contextBudgetChars: 20_000 }));
    const warnings = events.flatMap((event) => (event.type === 'warning' ? [event.message] : []));
    expect(warnings).toEqual([legacyBudgetNote(20_000, 7168)]);
    expect(numCtxOf(sim.chatRequests()[0]?.body)).toBe(7168);
    expect(transcriptOf(events).outcome).toBe('complete');
  });
});
