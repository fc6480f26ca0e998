// Turns that start fast (issue 9): real debates through the engine (runDebate) against the
// simulator with Ollama's prompt cache modelled (test/simulator/prompt-cache.ts), long replies,
// a small context window so its budget is reached within the run, 1 ms per prompt token. Per scenario:
//   prompt work: tokens evaluated / tokens new to the model (goal 1.15x on distinct models,
//   1.5x for two speakers on one model);
//   time to first token of the late turns (median of the last few) / of the third turn (goal 1.3x).
// "New to the model": tokens of the messages a model had not read in an earlier request (its own
// reply, sent back as an assistant message, counts only for the end-of-turn marker after it,
// which Ollama never caches), plus the reply's open header: what a perfect cache would still
// evaluate, whatever the prompt's layout. On one model, another speaker's reply counts as new
// to the listener: it was generated inside the other speaker's prompt, not this one.

import { availableParallelism, loadavg } from 'node:os';
import { runDebate } from '../../engine/index';
import type { DebateConfig } from '../../engine/types';
import { seededRandom } from '../../engine/seeded-random';
import { startSimulator, type ChatMessageBody, type PromptCacheOptions } from '../simulator/ollama-simulator';
import { GENERATION_PROMPT, renderMessage } from '../simulator/prompt-cache';
import { generatedText } from './generated-text';
import { median } from './stats';

/**
 * The debates run: 14 turns in a 2,048-token window (its budget for earlier turns is about six
 * replies, reached by the eighth turn). BENCH_EXCHANGES and BENCH_WINDOW change them, to see
 * several of the large trimming steps (e.g. BENCH_EXCHANGES=14 BENCH_WINDOW=1536).
 */
const SETUP = { exchanges: Number(process.env.BENCH_EXCHANGES ?? 7), replyChars: 900, contextWindow: Number(process.env.BENCH_WINDOW ?? 2048), msPerPromptToken: 1 } as const;
/** Late turns: the median of this many last turns' first tokens, against the third turn's (goal 1.3x). */
const LATE_TURNS = 4;
const TTFT_GOAL = 1.3;

interface Scenario {
  label: string;
  models: [string, string];
  cache: PromptCacheOptions;
  workGoal: number;
}

// With Ollama's default slot choice a second slot stays empty for one-at-a-time requests (any
// shared prefix beats an empty slot); OLLAMA_MULTIUSER_CACHE=1 takes the least recently used one.
const SCENARIOS: Scenario[] = [
  { label: 'two speakers, distinct models', models: ['bench-a', 'bench-b'], cache: { slots: 1 }, workGoal: 1.15 },
  { label: 'two speakers, one model, one slot', models: ['bench-a', 'bench-a'], cache: { slots: 1 }, workGoal: 1.5 },
  { label: 'two speakers, one model, OLLAMA_NUM_PARALLEL=2', models: ['bench-a', 'bench-a'], cache: { slots: 2 }, workGoal: 1.5 },
  {
    label: 'two speakers, one model, OLLAMA_NUM_PARALLEL=2 + OLLAMA_MULTIUSER_CACHE=1',
    models: ['bench-a', 'bench-a'],
    cache: { slots: 2, multiUserCache: true },
    workGoal: 1.5,
  },
];

/** One speaker request as the model saw it, and what it answered. */
interface Request {
  model: string;
  messages: readonly ChatMessageBody[];
  reply: string;
  evaluated: number;
  promptTokens: number;
  firstTokenMs: number | null;
}

interface ScenarioResult {
  requests: Request[];
  /** Tokens new to the model, per request. */
  fresh: number[];
  /** The first turn whose request left out an earlier reply (null: the budget was never reached). */
  budgetReachedAt: number | null;
}

/** Distinct replies of the set-up's length, the same on every run. */
function replies(seed: number): () => string {
  const next = seededRandom(seed);
  return () => generatedText(next, SETUP.replyChars).trim();
}

function messagesOf(body: unknown): ChatMessageBody[] {
  if (typeof body !== 'object' || body === null) return [];
  const messages = (body as { messages?: unknown }).messages;
  return Array.isArray(messages) ? (messages as ChatMessageBody[]) : [];
}

async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const models = [...new Set(scenario.models)];
  const sim = await startSimulator({
    models: models.map((name, index) => ({ name, reply: replies(index + 1) })),
    promptCache: { ...scenario.cache, msPerPromptToken: SETUP.msPerPromptToken },
  });
  try {
    const config: DebateConfig = {
      topic: 'Should cities ban cars from their centres?',
      host: sim.url,
      exchanges: SETUP.exchanges,
      contextWindow: SETUP.contextWindow,
      speakers: scenario.models.map((model, index) => ({ name: ['Ada', 'Bob'][index] ?? `Speaker ${index + 1}`, model, tone: 'Rational' })),
    };
    const turns: { model: string; text: string; firstTokenMs: number | null }[] = [];
    for await (const event of runDebate(config)) {
      if (event.type === 'error') throw new Error(`engine error: ${event.error.message}`);
      if (event.type === 'turn-end' && event.turn.kind === 'speaker') {
        turns.push({ model: event.turn.model, text: event.turn.text, firstTokenMs: event.turn.metrics.timeToFirstTokenMs });
      }
    }
    const asked = sim.chatRequests().filter((record) => messagesOf(record.body).length > 0);
    const evaluations = new Map(sim.promptEvaluations().map((entry) => [entry.requestId, entry]));
    if (asked.length !== turns.length) throw new Error(`${asked.length} requests for ${turns.length} turns: the pairing would be wrong`);
    const requests = asked.map((record, index): Request => {
      const turn = turns[index];
      const evaluation = evaluations.get(record.id);
      if (!turn || !evaluation) throw new Error(`request ${record.id} has no turn or no cache record`);
      return {
        model: turn.model,
        messages: messagesOf(record.body),
        reply: turn.text,
        evaluated: evaluation.evaluatedTokens,
        promptTokens: evaluation.promptTokens,
        firstTokenMs: turn.firstTokenMs,
      };
    });
    return { requests, fresh: freshTokens(requests), budgetReachedAt: budgetReachedAt(requests) };
  } finally {
    await sim.close();
  }
}

/** Per request, the tokens of messages its model had not read before (its own replies aside). */
function freshTokens(requests: readonly Request[]): number[] {
  const read = new Map<string, Set<string>>();
  const written = new Map<string, string[]>();
  return requests.map(({ model, messages, reply }) => {
    const seen = read.get(model) ?? new Set<string>();
    const own = written.get(model) ?? [];
    // A model's first request also reads the begin-of-text token.
    let count = (read.has(model) ? 0 : 1) + GENERATION_PROMPT.length;
    for (const message of messages) {
      const key = `${message.role}\n${message.content}`;
      if (seen.has(key)) continue;
      seen.add(key);
      count += unreadTokens(message, own);
    }
    read.set(model, seen);
    written.set(model, [...own, reply]);
    return count;
  });
}

function unreadTokens(message: ChatMessageBody, written: readonly string[]): number {
  // Its own reply: only the end-of-turn marker after it was never in the cache.
  if (message.role === 'assistant' && written.includes(message.content)) return 1;
  return renderMessage(message).length;
}

/** The first turn (1-based) whose request carries fewer of the earlier replies than were spoken. */
function budgetReachedAt(requests: readonly Request[]): number | null {
  for (const [index, request] of requests.entries()) {
    const carried = requests.slice(0, index).filter((earlier) => request.messages.some((message) => message.content.endsWith(earlier.reply)));
    if (carried.length < index) return index + 1;
  }
  return null;
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const verdict = (value: number, goal: number): string => (value <= goal ? 'ok' : 'MISSED');

function report(scenario: Scenario, result: ScenarioResult, seconds: number): void {
  const { requests, fresh } = result;
  const evaluated = sum(requests.map((request) => request.evaluated));
  const prompted = sum(requests.map((request) => request.promptTokens));
  const newTokens = sum(fresh);
  const work = evaluated / newTokens;
  const firstTokens = requests.map((request) => request.firstTokenMs ?? Number.NaN);
  const third = firstTokens[2] ?? Number.NaN;
  const late = median(firstTokens.slice(-LATE_TURNS));
  const ttft = late / third;
  // The same ratio in prompt tokens evaluated: what the time follows, without the machine's noise.
  const evaluatedRatio = median(requests.slice(-LATE_TURNS).map((request) => request.evaluated)) / (requests[2]?.evaluated ?? Number.NaN);
  console.log(`\n${scenario.label}  (${requests.length} turns, budget reached at turn ${result.budgetReachedAt ?? 'never'}, ${fixed(seconds, 1)} s)`);
  console.log(
    `  prompt tokens evaluated / new to the model   ${fixed(work).padStart(6)}x   (${evaluated} / ${newTokens}; prompts total ${prompted})` +
      `   goal <= ${scenario.workGoal}x  ${verdict(work, scenario.workGoal)}`,
  );
  console.log(
    `  first token, late turns / third turn         ${fixed(ttft).padStart(6)}x   (median of last ${LATE_TURNS}: ${fixed(late, 0)} ms; turn 3: ${fixed(third, 0)} ms; in tokens evaluated ${fixed(evaluatedRatio)}x)` +
      `   goal <= ${TTFT_GOAL}x  ${verdict(ttft, TTFT_GOAL)}`,
  );
  console.log(`  evaluated per turn   ${requests.map((request) => request.evaluated).join(' ')}`);
  console.log(`  new per turn         ${fresh.join(' ')}`);
  console.log(`  first token ms       ${firstTokens.map((ms) => fixed(ms, 0)).join(' ')}`);
}

async function main(): Promise<void> {
  console.log(
    `Prompt cache: ${SETUP.exchanges} exchanges, replies of ~${SETUP.replyChars} characters, context window ${SETUP.contextWindow} tokens, ` +
      `${SETUP.msPerPromptToken} ms per prompt token, generation instant`,
  );
  // Times carry the machine's noise (the third turn is one sample); the token figures do not.
  console.log(`Machine: ${availableParallelism()} cores, load average ${fixed(loadavg()[0] ?? Number.NaN, 1)} (1 min)`);
  for (const scenario of SCENARIOS) {
    const started = performance.now();
    const result = await runScenario(scenario);
    report(scenario, result, (performance.now() - started) / 1000);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
