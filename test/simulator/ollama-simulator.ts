/**
 * The Ollama protocol simulator: a real HTTP server on 127.0.0.1 speaking Ollama's REST API
 * (docs/api.md of ollama/ollama) with scripted replies, load and token delays, injected
 * faults and a record of every request. Every test that needs "an Ollama" starts one of these.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { embed } from './embed';
import { Exchange, hasEnded, type RecordedRequest } from './exchange';
import type { Fault, RouteFault } from './faults';
import { generate, type GenerationEnvironment } from './generation';
import { keepAliveMs } from './keep-alive';
import { ModelResidency } from './model-residency';
import { PromptCache, type PromptCacheOptions, type PromptEvaluation } from './prompt-cache';
import {
  asksToThink,
  completionUnsupportedMessage,
  errorBody,
  modelNotFoundMessage,
  normalizeModelName,
  psEntry,
  replyFinal,
  sameModel,
  showBody,
  tagsEntry,
  thinkingUnsupportedMessage,
  type ChatRequestBody,
  type ReplyShape,
  type SimModel,
} from './protocol';
import { pull } from './pull';
import {
  generateAsChat,
  modelName,
  parseChatRequest,
  parseGenerateRequest,
  parseStreamFlag,
  type Parsed,
} from './request-body';
import { tokenize } from './tokenizer';

export type { ChatMessageBody, ChatRequestBody, GenerateRequestBody, SimModel } from './protocol';
export type { Fault, RouteFault } from './faults';
export type { RecordedRequest } from './exchange';
export type { PromptCacheOptions, PromptEvaluation } from './prompt-cache';
export { tokenize } from './tokenizer';

export interface SimulatorOptions {
  /** Installed models (default: llama3.2:1b and qwen2.5:0.5b). */
  models?: SimModel[];
  /** Delay before each streamed token, and between pull progress lines (default 0). */
  tokenDelayMs?: number;
  /** Delay before the first token when a model is not loaded (default 0). */
  loadDelayMs?: number;
  /** Write each NDJSON line in several pieces, including splitting inside multi-byte UTF-8 characters. */
  splitWrites?: boolean;
  /** Models /api/pull can "download" (with progress); they are installed once pulled. */
  pullableModels?: SimModel[];
  /** Reported by /api/version (default '0.12.0'). */
  version?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Model Ollama's prompt cache (slots, longest common prefix, a cost per prompt token); off by default. */
  promptCache?: PromptCacheOptions;
}

type TunableOptions = Pick<SimulatorOptions, 'tokenDelayMs' | 'loadDelayMs' | 'splitWrites'>;

export interface OllamaSimulator {
  /** 'http://127.0.0.1:PORT' */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly RecordedRequest[];
  /** Only POST /api/chat, optionally for one model. */
  chatRequests(model?: string): RecordedRequest[];
  setOptions(partial: Partial<TunableOptions>): void;
  addModel(model: SimModel): void;
  removeModel(name: string): void;
  /** Fault applied to every following /api/chat for that model ('*' = any model) until cleared. */
  setFault(model: string, fault: Fault | null): void;
  /** Fault applied to every following request to `path` (e.g. '/api/version'), any method, until cleared. */
  setRouteFault(path: string, fault: RouteFault | null): void;
  /** What /api/ps reports. */
  loadedModels(): string[];
  /** What the prompt cache did for each request with a prompt, oldest first (empty unless `promptCache` is on). */
  promptEvaluations(): readonly PromptEvaluation[];
  /** Resolves when the request's client closed early or the response finished (rejects after timeoutMs). */
  waitForRequestEnd(id: number, timeoutMs?: number): Promise<RecordedRequest>;
  /** Closes every open connection too. */
  close(): Promise<void>;
}

export const DEFAULT_MODELS: readonly SimModel[] = [
  { name: 'llama3.2:1b', family: 'llama', parameterSize: '1.2B', quantization: 'Q8_0', sizeBytes: 1_321_098_329 },
  { name: 'qwen2.5:0.5b', family: 'qwen2', parameterSize: '494.03M', quantization: 'Q4_K_M', sizeBytes: 397_821_319 },
];

const DEFAULT_VERSION = '0.12.0';
const DEFAULT_WAIT_MS = 5000;
const ANY_MODEL = '*';

export async function startSimulator(options: SimulatorOptions = {}): Promise<OllamaSimulator> {
  const simulator = new Simulator(options);
  await simulator.listen(options.port ?? 0);
  return simulator;
}

class Simulator implements OllamaSimulator {
  private readonly server: Server;
  private readonly installed = new Map<string, SimModel>();
  private readonly pullable: readonly SimModel[];
  private readonly faults = new Map<string, Fault>();
  private readonly routeFaults = new Map<string, RouteFault>();
  private readonly records: RecordedRequest[] = [];
  private readonly open = new Set<Exchange>();
  private readonly endWaiters = new Map<number, Set<() => void>>();
  private readonly replyCounts = new Map<string, number>();
  private readonly shutdown = new AbortController();
  private readonly residency: ModelResidency;
  private readonly promptCache: PromptCache | null;
  private readonly startedAt = new Date();
  private readonly version: string;
  private tunables: Required<TunableOptions>;
  private address: AddressInfo | null = null;
  private closed: Promise<void> | null = null;
  /** Set by close() while the last open requests are still recording their end. */
  private allEnded: (() => void) | null = null;

  constructor(options: SimulatorOptions) {
    for (const model of options.models ?? DEFAULT_MODELS) this.addModel(model);
    this.pullable = options.pullableModels ?? [];
    this.version = options.version ?? DEFAULT_VERSION;
    this.tunables = {
      tokenDelayMs: options.tokenDelayMs ?? 0,
      loadDelayMs: options.loadDelayMs ?? 0,
      splitWrites: options.splitWrites ?? false,
    };
    this.promptCache = options.promptCache ? new PromptCache(options.promptCache) : null;
    this.residency = new ModelResidency(() => this.tunables.loadDelayMs, this.shutdown.signal, (name) => this.promptCache?.clear(name));
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.failRequest(res, error));
    });
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.address = this.server.address() as AddressInfo;
        resolve();
      });
    });
  }

  get port(): number {
    if (!this.address) throw new Error('the simulator is not listening');
    return this.address.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get requests(): readonly RecordedRequest[] {
    return this.records;
  }

  chatRequests(model?: string): RecordedRequest[] {
    return this.records.filter(
      (record) =>
        record.method === 'POST' &&
        record.path === '/api/chat' &&
        (model === undefined || requestedModel(record.body, model)),
    );
  }

  setOptions(partial: Partial<TunableOptions>): void {
    this.tunables = {
      tokenDelayMs: partial.tokenDelayMs ?? this.tunables.tokenDelayMs,
      loadDelayMs: partial.loadDelayMs ?? this.tunables.loadDelayMs,
      splitWrites: partial.splitWrites ?? this.tunables.splitWrites,
    };
  }

  addModel(model: SimModel): void {
    this.installed.set(normalizeModelName(model.name), model);
  }

  removeModel(name: string): void {
    this.installed.delete(normalizeModelName(name));
    this.residency.unload(name);
  }

  setFault(model: string, fault: Fault | null): void {
    const key = model === ANY_MODEL ? ANY_MODEL : normalizeModelName(model);
    if (fault) this.faults.set(key, fault);
    else this.faults.delete(key);
  }

  setRouteFault(path: string, fault: RouteFault | null): void {
    if (fault) this.routeFaults.set(path, fault);
    else this.routeFaults.delete(path);
  }

  loadedModels(): string[] {
    return this.residency.loaded().map((model) => model.name);
  }

  promptEvaluations(): readonly PromptEvaluation[] {
    return this.promptCache?.log ?? [];
  }

  waitForRequestEnd(id: number, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const record = this.records.find((candidate) => candidate.id === id);
        if (!record || !hasEnded(record)) return false;
        clearTimeout(timer);
        this.endWaiters.get(id)?.delete(check);
        resolve(record);
        return true;
      };
      const timer = setTimeout(() => {
        this.endWaiters.get(id)?.delete(check);
        const record = this.records.find((candidate) => candidate.id === id);
        const state = record ? `${record.method} ${record.path} still open` : 'never received';
        reject(new Error(`request ${id} did not end within ${timeoutMs} ms (${state})`));
      }, timeoutMs);
      if (check()) return;
      const waiters = this.endWaiters.get(id) ?? new Set<() => void>();
      waiters.add(check);
      this.endWaiters.set(id, waiters);
    });
  }

  /** Resolves once the server is closed and every open request's record says how it ended. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.shutdown.abort();
      for (const exchange of this.open) exchange.cut();
      this.server.close(() => {
        if (this.open.size === 0) resolve();
        else this.allEnded = resolve;
      });
      this.server.closeAllConnections();
    });
    return this.closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const text = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const parsed = parseBody(text);
    const record: RecordedRequest = {
      id: this.records.length + 1,
      method: req.method ?? 'GET',
      path,
      headers: { ...req.headers },
      body: parsed.body,
      receivedAt,
      clientClosedAt: null,
      finishedAt: null,
      firstByteAt: null,
      serverClosedAt: null,
    };
    this.records.push(record);
    const exchange = new Exchange(record, res, (ended) => this.ended(exchange, ended));
    this.open.add(exchange);
    if (this.shutdown.signal.aborted) {
      exchange.cut();
      return;
    }
    const routeFault = this.routeFaults.get(path);
    if (routeFault) {
      strikeRoute(routeFault, exchange);
      return;
    }
    if (!parsed.valid) {
      exchange.sendJson(400, errorBody('invalid JSON in request body'));
      return;
    }
    await this.route(`${record.method} ${path}`, exchange);
  }

  private async route(route: string, exchange: Exchange): Promise<void> {
    const body = exchange.record.body;
    switch (route) {
      case 'GET /':
      case 'HEAD /':
        exchange.sendText(200, 'Ollama is running');
        return;
      case 'GET /api/version':
        exchange.sendJson(200, { version: this.version });
        return;
      case 'GET /api/tags':
        exchange.sendJson(200, { models: [...this.installed.values()].map((model) => tagsEntry(model, this.startedAt)) });
        return;
      case 'GET /api/ps':
        exchange.sendJson(200, { models: this.psModels() });
        return;
      case 'POST /api/show':
        this.show(exchange, body);
        return;
      case 'POST /api/pull':
        await this.pull(exchange, body);
        return;
      case 'POST /api/generate':
        await this.generate(exchange, body);
        return;
      case 'POST /api/chat':
        await this.chat(exchange, body);
        return;
      case 'POST /api/embed':
        await embed(exchange, body, { model: (name) => this.installed.get(normalizeModelName(name)), residency: this.residency });
        return;
      default:
        exchange.sendText(404, '404 page not found');
    }
  }

  private psModels() {
    const nowMs = performance.now();
    const wallNow = Date.now();
    return this.residency.loaded().flatMap(({ name, expiresAt }) => {
      const model = this.installed.get(normalizeModelName(name));
      if (!model) return [];
      // Ollama reports "forever" as a date centuries away.
      const expiry = Number.isFinite(expiresAt) ? new Date(wallNow + (expiresAt - nowMs)) : FOREVER;
      return [psEntry(model, expiry)];
    });
  }

  private show(exchange: Exchange, body: unknown): void {
    const name = modelName(body);
    if (!name.ok) return exchange.sendJson(400, errorBody(name.error));
    const model = this.installed.get(normalizeModelName(name.value));
    if (!model) return exchange.sendJson(404, errorBody(`model '${name.value}' not found`));
    exchange.sendJson(200, showBody(model, this.startedAt));
  }

  private async pull(exchange: Exchange, body: unknown): Promise<void> {
    const name = modelName(body);
    if (!name.ok) return exchange.sendJson(400, errorBody(name.error));
    const source =
      this.pullable.find((model) => sameModel(model.name, name.value)) ??
      this.installed.get(normalizeModelName(name.value)) ??
      null;
    await pull(exchange, source, parseStreamFlag(body), {
      delayMs: () => this.tunables.tokenDelayMs,
      splitWrites: () => this.tunables.splitWrites,
      install: (model) => this.addModel(model),
    });
  }

  private async generate(exchange: Exchange, body: unknown): Promise<void> {
    const parsed = parseGenerateRequest(body);
    await this.reply(exchange, 'generate', parsed.ok ? { ok: true, value: generateAsChat(parsed.value) } : parsed);
  }

  private async chat(exchange: Exchange, body: unknown): Promise<void> {
    await this.reply(exchange, 'chat', parseChatRequest(body));
  }

  /** /api/chat and /api/generate alike: 400, 404, load/unload, or a generated reply (faults: chat only). */
  private async reply(exchange: Exchange, shape: ReplyShape, parsed: Parsed<ChatRequestBody>): Promise<void> {
    if (!parsed.ok) return exchange.sendJson(400, errorBody(parsed.error));
    const request = parsed.value;
    const model = this.installed.get(normalizeModelName(request.model));
    if (!model) return exchange.sendJson(404, errorBody(modelNotFoundMessage(request.model)));
    if (asksToThink(request.think) && model.thinking === undefined) return exchange.sendJson(400, errorBody(thinkingUnsupportedMessage(request.model)));
    if (model.embedding === true) return exchange.sendJson(400, errorBody(completionUnsupportedMessage(request.model, shape)));
    const keepAlive = keepAliveMs(request.keep_alive);
    if (!request.messages || request.messages.length === 0) {
      await this.loadOrUnload(exchange, model, request.model, keepAlive, shape);
      return;
    }
    const fault =
      shape === 'chat' ? (this.faults.get(normalizeModelName(request.model)) ?? this.faults.get(ANY_MODEL) ?? null) : null;
    await generate(
      {
        ...this.replyPlan(model, request),
        exchange,
        shape,
        requestedName: request.model,
        messages: request.messages ?? [],
        stream: request.stream ?? true,
        keepAliveMs: keepAlive,
        fault,
      },
      this.environment(),
    );
  }

  /** An empty prompt (or message list) loads the model; with keep_alive 0 it unloads it. */
  private async loadOrUnload(
    exchange: Exchange,
    model: SimModel,
    requestedName: string,
    keepAlive: number,
    shape: ReplyShape,
  ): Promise<void> {
    let reason: 'load' | 'unload' = 'unload';
    if (keepAlive <= 0) {
      this.residency.unload(model.name);
    } else {
      try {
        await this.residency.acquire(model.name, keepAlive, exchange.signal);
      } catch (error) {
        if (exchange.signal.aborted) return;
        throw error;
      }
      this.residency.release(model.name, keepAlive);
      reason = 'load';
    }
    exchange.sendJson(200, replyFinal(shape, requestedName, '', reason, null));
  }

  private replyPlan(model: SimModel, request: ChatRequestBody) {
    const count = (this.replyCounts.get(model.name) ?? 0) + 1;
    this.replyCounts.set(model.name, count);
    const text = replyText(model, request, count);
    const all = tokenize(text);
    const limit = numPredict(request.options);
    const tokens = limit !== null && limit < all.length ? all.slice(0, limit) : all;
    const promptTokens = (request.messages ?? []).reduce((sum, message) => sum + tokenize(message.content).length, 0);
    // A thinking model reasons unless told not to (`think: false`), as Ollama's do by default.
    const thinkingTokens = request.think === false ? [] : tokenize(thinkingText(model, request));
    return { model, thinkingTokens, tokens, doneReason: tokens.length < all.length ? ('length' as const) : ('stop' as const), promptTokens };
  }

  private environment(): GenerationEnvironment {
    return {
      residency: this.residency,
      tokenDelayMs: () => this.tunables.tokenDelayMs,
      splitWrites: () => this.tunables.splitWrites,
      promptCache: this.promptCache,
    };
  }

  private ended(exchange: Exchange, record: RecordedRequest): void {
    this.open.delete(exchange);
    for (const waiter of [...(this.endWaiters.get(record.id) ?? [])]) waiter();
    this.endWaiters.delete(record.id);
    if (this.open.size === 0) this.allEnded?.();
  }

  /** A bug in the simulator itself: answer 500 so the test sees it rather than a hang. */
  private failRequest(res: ServerResponse, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (!res.headersSent) {
      res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(errorBody(`simulator error: ${message}`)));
    } else {
      res.destroy();
    }
  }
}

const FOREVER = new Date(Date.UTC(2318, 0, 1));

/** A route fault: answer wrongly, or not at all (the exchange stays open until the client leaves or close()). */
function strikeRoute(fault: RouteFault, exchange: Exchange): void {
  switch (fault.type) {
    case 'hang':
      return;
    case 'hang-after-headers':
      exchange.sendHeadersOnly(200, 'application/json; charset=utf-8');
      return;
    case 'redirect':
      exchange.sendRedirect(fault.status, fault.location);
      return;
    case 'raw':
      exchange.sendRaw(fault.status, fault.contentType, fault.body);
      return;
    default: {
      const unknown: never = fault;
      throw new Error(`unknown route fault ${JSON.stringify(unknown)}`);
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The parsed JSON, null for no body; invalid JSON is kept as its raw text for the record. */
function parseBody(text: string): { body: unknown; valid: boolean } {
  if (text.trim() === '') return { body: null, valid: true };
  try {
    return { body: JSON.parse(text) as unknown, valid: true };
  } catch {
    return { body: text, valid: false };
  }
}

function requestedModel(body: unknown, model: string): boolean {
  const name = modelName(body);
  return name.ok && sameModel(name.value, model);
}

function replyText(model: SimModel, request: ChatRequestBody, count: number): string {
  if (typeof model.reply === 'function') return model.reply(request);
  return model.reply ?? `I am ${model.name}, and this is my reply number ${count}.`;
}

function thinkingText(model: SimModel, request: ChatRequestBody): string {
  return typeof model.thinking === 'function' ? model.thinking(request) : (model.thinking ?? '');
}

function numPredict(options: Record<string, unknown> | undefined): number | null {
  const value = options?.num_predict;
  return typeof value === 'number' && value >= 0 ? Math.floor(value) : null;
}
