import { describe, expect, it } from 'vitest';
import { ContextWindows } from '../../engine/context-window';
import type { RunContext } from '../../engine/graph/run-context';
import { OllamaBackend } from '../../engine/ollama-backend';
import { readTimings, turnMetrics } from '../../engine/metrics';
import { isTruncated, notePromptUse, speakerPrompt, tooSmallWarning, truncatedWarning } from '../../engine/speaker-prompt';
import { estimatePromptTokens, type TokenCalibration } from '../../engine/token-budget';
import type { DebateEvent, TurnMetrics } from '../../engine/types';
import { ADA, BOB, METRICS, makeTurn } from './fixtures';
import { collect, debate, simulator, turnsOf } from './simulated-debate';

const HOST = 'http://127.0.0.1:11434';
const CYNIC = { name: 'Cynic', prompt: 'You are a cynic.' };

function runWith(window: number, calibrations = new Map<string, TokenCalibration>()): { run: RunContext; events: DebateEvent[] } {
  const events: DebateEvent[] = [];
  const run: RunContext = {
    defaultHost: HOST,
    speakerBackend: () => new OllamaBackend(HOST, new ContextWindows(window), 1000),
    calibrations,
    firstTokenTimeoutMs: 1000,
    stallTimeoutMs: 1000,
    maxReplyChars: 1000,
    signal: new AbortController().signal,
    emit: (event) => events.push(event),
    saveVerdict: () => undefined,
    takePauseRequest: () => false,
  };
  return { run, events };
}

const request = (turns = [makeTurn(1, [ADA, BOB], 'Tea.')], topic = 'Tea or coffee?') => ({ topic, speakers: [ADA, BOB], speakerIndex: 0, tone: CYNIC, turns });

describe('speakerPrompt', () => {
  it('sizes the prompt to the speaker’s window and says nothing was left out', () => {
    const { run, events } = runWith(4096);
    const prompt = speakerPrompt(run, ADA, request());
    expect(prompt.window).toBe(4096);
    expect(prompt.trim).toBeUndefined();
    expect(prompt.messages.at(-1)).toEqual({ role: 'user', content: 'Bob (Polite): Tea.' });
    expect(events).toEqual([]);
  });

  it("uses the speaker's own context size", () => {
    const { run } = runWith(4096);
    expect(speakerPrompt(run, { ...ADA, contextSize: 2048 }, request()).window).toBe(2048);
  });

  it('reports the turns left out and shortened, for the turn to carry', () => {
    const { run } = runWith(1024);
    const turns = Array.from({ length: 12 }, (_, i) => makeTurn(i, [ADA, BOB], `turn ${i} ${'text '.repeat(60)}`));
    turns.push(makeTurn(12, [ADA, BOB], 'huge '.repeat(3000)));
    const prompt = speakerPrompt(run, BOB, { ...request(turns), speakerIndex: 1 });
    expect(prompt.trim?.leftOutTurns).toBeGreaterThan(0);
    expect(prompt.trim?.shortenedTurns).toBe(1);
  });

  it('warns when the system message and topic leave no room for a reply', () => {
    const { run, events } = runWith(512);
    speakerPrompt(run, ADA, request([], 'Why? '.repeat(800)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'warning' });
    expect(events[0]?.type === 'warning' && events[0].message).toContain("do not fit llama3.2:1b's context window of 512 tokens");
  });

  it('counts in the calibrated tokens of the model: one that needs more tokens keeps fewer turns', () => {
    const turns = Array.from({ length: 20 }, (_, i) => makeTurn(i, [ADA, BOB], `turn ${i} ${'text '.repeat(40)}`));
    const plain = speakerPrompt(runWith(2048).run, ADA, request(turns));
    const costly = speakerPrompt(runWith(2048, new Map([['llama3.2:1b', { estimated: 100, actual: 200 }]])).run, ADA, request(turns));
    expect(costly.trim?.leftOutTurns ?? 0).toBeGreaterThan(plain.trim?.leftOutTurns ?? 0);
  });
});

describe('notePromptUse', () => {
  const metrics = (promptTokens: number | null): TurnMetrics => ({ ...METRICS, promptTokens });

  it("calibrates the model's estimate from Ollama's count of the prompt", () => {
    const { run } = runWith(4096);
    const prompt = speakerPrompt(run, ADA, request());
    const estimate = estimatePromptTokens(prompt.messages);
    notePromptUse(run, ADA, prompt, metrics(estimate * 2));
    expect(run.calibrations.get('llama3.2:1b')).toEqual({ estimated: estimate, actual: estimate * 2 });
    notePromptUse(run, ADA, prompt, metrics(null));
    expect(run.calibrations.get('llama3.2:1b')).toEqual({ estimated: estimate, actual: estimate * 2 });
  });

  it.each([
    [4096, true],
    [5000, true],
    [4095, false],
    [null, false],
  ])('with %s prompt tokens in a 4096 window, warns that Ollama truncated: %s', (count, truncated) => {
    const { run, events } = runWith(4096);
    const prompt = speakerPrompt(run, ADA, request());
    notePromptUse(run, ADA, prompt, metrics(count));
    expect(isTruncated(count, 4096)).toBe(truncated);
    expect(events).toEqual(truncated ? [{ type: 'warning', message: truncatedWarning(ADA, 4096) }] : []);
    // A truncated count is the window, not the prompt: it teaches the calibration nothing.
    if (truncated) expect(run.calibrations.size).toBe(0);
  });

  it('words its warnings with the speaker, the model and the window', () => {
    expect(truncatedWarning(ADA, 2048)).toBe(
      "Ollama cut Ada's prompt to llama3.2:1b's context window of 2,048 tokens: the start of what it was sent (its instructions included) may be lost. Raise the context window.",
    );
    expect(tooSmallWarning(ADA, 900, 1024)).toContain("Ada's prompt (about 900 tokens) and a reply of 256 tokens");
  });
});

describe('turn metrics', () => {
  it("carry Ollama's cached share of the prompt and the window the request was sent with", () => {
    const timings = readTimings({ done: true, prompt_eval_count: 500, prompt_eval_cached_count: 420, eval_count: 10 });
    const measured = { startedAt: 0, firstTokenAt: 5, endedAt: 10, chunks: 10 };
    expect(turnMetrics(measured, timings, 8192)).toMatchObject({ promptTokens: 500, cachedPromptTokens: 420, contextWindow: 8192 });
    const older = turnMetrics(measured, readTimings({ done: true, prompt_eval_count: 500 }));
    expect('cachedPromptTokens' in older || 'contextWindow' in older).toBe(false);
  });

  it("come from a real debate against the simulator's prompt cache", async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: 'Tea calms the mind.' }], promptCache: { slots: 1, msPerPromptToken: 0 } });
    const events = await collect(debate(sim, [{ name: 'Ada', model: 'alpha:1b', tone: 'Cynic' }], { exchanges: 3, contextWindow: 2048 }));
    const turns = turnsOf(events);
    expect(turns.map((turn) => turn.metrics.contextWindow)).toEqual([2048, 2048, 2048]);
    expect(turns.map((turn) => turn.metrics.promptTokens)).toEqual(sim.promptEvaluations().map((entry) => entry.promptTokens));
    expect(turns.map((turn) => turn.metrics.cachedPromptTokens)).toEqual(sim.promptEvaluations().map((entry) => entry.cachedTokens));
    // Each later request extends the one before: most of it comes from the cache.
    expect(turns[2]?.metrics.cachedPromptTokens).toBeGreaterThan((turns[2]?.metrics.promptTokens ?? 0) / 2);
  });
});
