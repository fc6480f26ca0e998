// Engine overhead against the Ollama simulator (run in a child process, so only the
// client side's CPU is counted), at zero token delay:
//   CPU microseconds per token: (a) the bare `ollama` client reading the stream,
//   (b) ChatOllama.stream alone, (c) the whole engine (graph, context, events);
//   the turn hand-off (last token of one turn -> next /api/chat received);
//   each speaker's first token when every model takes 2 s to load.

import { HumanMessage } from '@langchain/core/messages';
import { availableParallelism, loadavg } from 'node:os';
import { ChatOllama } from '@langchain/ollama';
import { Ollama } from 'ollama';
import { runDebate } from '../../engine/index';
import type { DebateConfig, DebateEvent } from '../../engine/types';
import { startRemoteSimulator, type RemoteSimulator } from './remote-simulator';
import type { ChatTiming } from './simulator-process';
import { cpuMicros, median, quantile } from './stats';

const TOKENS_PER_TURN = 2500;
const TURNS = 6;
const ROUNDS = 5;
/** The engine's CPU per token within this many times ChatOllama.stream's alone, judged on the median of the paired runs. */
const CPU_TARGET_RATIO = 1.3;
const HANDOFF_TARGET_MS = 5;
const LOAD_DELAY_MS = 2000;
const HANDOFF_TURNS = 30;
const HANDOFF_TURN_TOKENS = 200;

/** Word tokens, as the simulator splits text: each word after the first keeps its leading space. */
function longReply(words: number): string {
  return Array.from({ length: words }, (_, i) => `word${i % 97}`).join(' ');
}

async function bareClientTurns(host: string, model: string, turns: number): Promise<number> {
  const client = new Ollama({ host });
  let tokens = 0;
  for (let turn = 0; turn < turns; turn++) {
    const stream = await client.chat({ model, messages: [{ role: 'user', content: `Turn ${turn}` }], stream: true });
    for await (const part of stream) if (part.message.content !== '') tokens += 1;
  }
  return tokens;
}

/** `lastTokenAt` (optional) collects when each turn's last token arrived. */
async function chatOllamaTurns(host: string, model: string, turns: number, lastTokenAt: number[] = []): Promise<number> {
  const chat = new ChatOllama({ model, baseUrl: host });
  let tokens = 0;
  for (let turn = 0; turn < turns; turn++) {
    for await (const chunk of await chat.stream([new HumanMessage(`Turn ${turn}`)])) {
      if (typeof chunk.content === 'string' && chunk.content !== '') {
        tokens += 1;
        lastTokenAt[turn] = performance.now();
      }
    }
  }
  return tokens;
}

function debateConfig(host: string, models: string[], exchanges: number): DebateConfig {
  return {
    topic: 'Is a benchmark ever fair?',
    host,
    exchanges,
    speakers: models.map((model, index) => ({ name: `Speaker ${index + 1}`, model, tone: 'Rational' })),
  };
}

/**
 * Runs a debate to its end and returns the tokens generated (from each turn's
 * metrics: the engine may join adjacent token events, so events are not tokens).
 * Fails loudly if the engine reported an error (the figures would be meaningless).
 */
async function debate(config: DebateConfig, onEvent: (event: DebateEvent, at: number) => void = () => {}): Promise<number> {
  let tokens = 0;
  for await (const event of runDebate(config)) {
    onEvent(event, performance.now());
    if (event.type === 'turn-end' && event.turn.kind === 'speaker') tokens += event.turn.metrics.tokens;
    if (event.type === 'error') throw new Error(`engine error: ${event.error.message}`);
  }
  return tokens;
}

interface CpuFigure {
  label: string;
  perToken: number[];
}

async function measureCpu(label: string, run: () => Promise<number>): Promise<number> {
  const { micros, result: tokens } = await cpuMicros(run);
  // Every figure divides by the same token count, or the comparison means nothing.
  if (tokens !== TURNS * TOKENS_PER_TURN) throw new Error(`${label}: ${tokens} tokens, expected ${TURNS * TOKENS_PER_TURN}`);
  return micros / tokens;
}

interface CpuFigures {
  /** ChatOllama.stream before any graph ran: Node 20 runs AsyncLocalStorage on promise hooks, which LangGraph turns on for the whole process, for good. */
  beforeGraph: CpuFigure;
  /** (a), (b), (c), interleaved, all after the graph ran. */
  compared: CpuFigure[];
}

async function cpuPerToken(sim: RemoteSimulator): Promise<CpuFigures> {
  const host = sim.url;
  const exchanges = TURNS / 2;
  const bare: [string, () => Promise<number>] = ['(a) ollama client stream', () => bareClientTurns(host, 'bench-a', TURNS)];
  const chatOllama: [string, () => Promise<number>] = ['(b) ChatOllama.stream', () => chatOllamaTurns(host, 'bench-a', TURNS)];
  const engine: [string, () => Promise<number>] = ['(c) engine runDebate', () => debate(debateConfig(host, ['bench-a', 'bench-b'], exchanges))];

  // Warm-up, not counted: one full run of each (JIT, module initialisation, connection pools).
  await bare[1]();
  await chatOllama[1]();
  const beforeGraph: CpuFigure = { label: '(b0) ChatOllama, no graph yet', perToken: [] };
  for (let round = 0; round < ROUNDS; round++) beforeGraph.perToken.push(await measureCpu(beforeGraph.label, chatOllama[1]));
  await engine[1]();

  const runs = [bare, chatOllama, engine];
  const compared: CpuFigure[] = runs.map(([label]) => ({ label, perToken: [] }));
  // Interleaved rounds, so a burst of load from elsewhere on the machine hits all three alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, [label, run]] of runs.entries()) compared[index]?.perToken.push(await measureCpu(label, run));
  }
  return { beforeGraph, compared };
}

/**
 * Hand-offs two ways. As the simulator sees them (a response finishing -> the next
 * request arriving, one clock), which at zero token delay also counts the client
 * still working through the tokens already sent; and from the client's last token
 * (this process) to the next request arriving (the child, moved onto this clock).
 */
interface HandOffSamples {
  serverSide: number[];
  fromLastToken: number[];
}

function handOffs(timings: readonly ChatTiming[], lastTokenAt: readonly number[], clockOffset: number): HandOffSamples {
  const sorted = [...timings].sort((a, b) => a.receivedAt - b.receivedAt);
  const samples: HandOffSamples = { serverSide: [], fromLastToken: [] };
  for (let i = 1; i < sorted.length; i++) {
    const previousEnd = sorted[i - 1]?.finishedAt;
    const next = sorted[i]?.receivedAt;
    const lastToken = lastTokenAt[i - 1];
    if (next === undefined) continue;
    if (previousEnd != null) samples.serverSide.push(next - previousEnd);
    if (lastToken !== undefined) samples.fromLastToken.push(next + clockOffset - lastToken);
  }
  return samples;
}

interface HandOffs {
  /** ChatOllama.stream turns back to back, no engine: the floor the engine is compared with. */
  chatOllama: HandOffSamples;
  engine: HandOffSamples;
}

async function handOffTimes(): Promise<HandOffs> {
  const reply = longReply(HANDOFF_TURN_TOKENS);
  const sim = await startRemoteSimulator({ models: [{ name: 'hand-a', reply }, { name: 'hand-b', reply }] });
  const clockOffset = sim.timeOrigin - performance.timeOrigin;
  try {
    const baselineLastTokens: number[] = [];
    await chatOllamaTurns(sim.url, 'hand-a', HANDOFF_TURNS, baselineLastTokens);
    const baselineCount = (await sim.chatTimings()).length;
    const engineLastTokens: number[] = [];
    // Turns are known by id; the hand-offs pair them in the order they were spoken.
    const turnOrder = new Map<string, number>();
    await debate(debateConfig(sim.url, ['hand-a', 'hand-b'], HANDOFF_TURNS / 2), (event, at) => {
      if (event.type === 'turn-start') turnOrder.set(event.turnId, turnOrder.size);
      if (event.type === 'token') engineLastTokens[turnOrder.get(event.turnId) ?? -1] = at;
    });
    const timings = await sim.chatTimings();
    return {
      chatOllama: handOffs(timings.slice(0, baselineCount), baselineLastTokens, clockOffset),
      engine: handOffs(timings.slice(baselineCount), engineLastTokens, clockOffset),
    };
  } finally {
    await sim.close();
  }
}

interface FirstToken {
  speaker: string;
  model: string;
  sinceStartMs: number;
  requestToTokenMs: number | null;
}

async function firstTokensWithSlowLoads(): Promise<FirstToken[]> {
  const models = ['load-a', 'load-b', 'load-c'];
  const sim = await startRemoteSimulator({
    loadDelayMs: LOAD_DELAY_MS,
    models: models.map((name) => ({ name, reply: longReply(20) })),
  });
  try {
    const start = performance.now();
    const firstTokenAt = new Map<string, number>();
    const results: FirstToken[] = [];
    await debate(debateConfig(sim.url, models, 1), (event, at) => {
      if (event.type === 'token' && !firstTokenAt.has(event.turnId)) firstTokenAt.set(event.turnId, at - start);
      if (event.type === 'turn-end' && event.turn.kind === 'speaker') {
        results.push({
          speaker: event.turn.speaker,
          model: event.turn.model,
          sinceStartMs: firstTokenAt.get(event.turn.id) ?? Number.NaN,
          requestToTokenMs: event.turn.metrics.timeToFirstTokenMs,
        });
      }
    });
    return results;
  } finally {
    await sim.close();
  }
}

const fixed = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

async function main(): Promise<void> {
  const sim = await startRemoteSimulator({
    models: [{ name: 'bench-a', reply: longReply(TOKENS_PER_TURN) }, { name: 'bench-b', reply: longReply(TOKENS_PER_TURN) }],
  });
  let cpu: CpuFigures;
  try {
    cpu = await cpuPerToken(sim);
  } finally {
    await sim.close();
  }
  // CPU time per token still varies with contention (caches, shared cores): say how busy the machine was.
  console.log(`Machine: ${availableParallelism()} cores, load average ${fixed(loadavg()[0] ?? Number.NaN, 1)} (1 min)`);
  console.log(`CPU per token (client process only; ${TURNS} turns x ${TOKENS_PER_TURN} tokens, median of ${ROUNDS} runs)`);
  const cpuRow = (figure: CpuFigure, note = ''): void => {
    const runs = figure.perToken.map((value) => fixed(value)).join(' / ');
    console.log(`  ${figure.label.padEnd(30)} ${fixed(median(figure.perToken)).padStart(6)} us   (runs: ${runs})${note}`);
  };
  cpu.compared.forEach((figure) => cpuRow(figure));
  // Paired per round (b and c ran back to back under the same load), then the median.
  const [, chatOllama, engine] = cpu.compared;
  const ratios = (engine?.perToken ?? []).map((c, round) => c / (chatOllama?.perToken[round] ?? Number.NaN));
  const ratio = median(ratios);
  console.log(
    `  ${'c / b'.padEnd(30)} ${fixed(ratio, 2).padStart(6)}      (per run: ${ratios.map((r) => fixed(r, 2)).join(' / ')})` +
      `   target <= ${CPU_TARGET_RATIO}  ${verdict(ratio <= CPU_TARGET_RATIO)}`,
  );
  cpuRow(cpu.beforeGraph, '   before LangGraph turned on AsyncLocalStorage hooks');
  const engineVsFresh = median(engine?.perToken ?? []) / median(cpu.beforeGraph.perToken);
  console.log(`  ${'c / b0'.padEnd(30)} ${fixed(engineVsFresh, 2).padStart(6)}      (for information: the hooks' share is in b too)`);

  const gaps = await handOffTimes();
  const engineMedian = median(gaps.engine.fromLastToken);
  console.log(`\nTurn hand-off, ${HANDOFF_TURNS} turns of ${HANDOFF_TURN_TOKENS} tokens (ms)         median     p95`);
  const handOffRow = (label: string, samples: number[], note = ''): void => {
    console.log(`  ${label.padEnd(48)} ${fixed(median(samples), 2).padStart(6)}  ${fixed(quantile(samples, 0.95), 2).padStart(6)}${note}`);
  };
  handOffRow('ChatOllama alone: last token -> next request', gaps.chatOllama.fromLastToken);
  handOffRow('engine: last token -> next request', gaps.engine.fromLastToken, `   target median < ${HANDOFF_TARGET_MS}  ${verdict(engineMedian < HANDOFF_TARGET_MS)}`);
  handOffRow('ChatOllama alone: response end -> next request', gaps.chatOllama.serverSide);
  handOffRow('engine: response end -> next request', gaps.engine.serverSide, '   (includes the client catching up)');

  const firsts = await firstTokensWithSlowLoads();
  console.log(`\nFirst token of each speaker's first turn (model load ${LOAD_DELAY_MS} ms, 3 speakers, 3 models)`);
  for (const first of firsts) {
    console.log(
      `  ${first.speaker.padEnd(10)} ${first.model.padEnd(7)} since debate start ${fixed(first.sinceStartMs, 0).padStart(5)} ms` +
        `   request -> first token ${fixed(first.requestToTokenMs ?? Number.NaN, 0).padStart(5)} ms`,
    );
  }
  const last = firsts.at(-1)?.sinceStartMs ?? Number.NaN;
  // Sequential loads would put the third speaker past 3 load delays; parallel ones keep it near one.
  console.log(`  parallel preload: last speaker's first token at ${fixed(last, 0)} ms  ${verdict(last < 2 * LOAD_DELAY_MS)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
