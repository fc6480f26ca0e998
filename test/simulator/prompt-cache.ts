/**
 * Ollama's prompt cache, modelled (opt-in per simulator). Each loaded model keeps `slots`
 * (OLLAMA_NUM_PARALLEL) token sequences: the last prompt a slot evaluated plus the tokens it
 * generated. A request reuses the longest common prefix with its slot and evaluates only the
 * rest, at a cost per token. The rules follow Ollama's runners (runner/ollamarunner/cache.go,
 * runner/llamarunner/cache.go):
 * - slot choice: by default the free slot with the longest common prefix (findLongestCacheSlot,
 *   first slot on ties, so an empty slot loses to any slot sharing even one token); with
 *   OLLAMA_MULTIUSER_CACHE, a free slot whose whole content prefixes the prompt, else the least
 *   recently used free slot, which gets a copy of the longest common prefix (findBestCacheSlot);
 * - a prompt wholly in the cache still evaluates its last token ("leave one input to sample");
 * - no free slot: the request waits for one (the runner's semaphore of NUM_PARALLEL sequences);
 * - `prompt_eval_count` stays the whole prompt, cache included (ollama/ollama#5371), and
 *   `prompt_eval_cached_count` says how much of it came from the cache.
 */
import { normalizeModelName, type ChatMessageBody } from './protocol';
import { tokenize } from './tokenizer';

export interface PromptCacheOptions {
  /** Cache slots per loaded model, as OLLAMA_NUM_PARALLEL (default 1). */
  slots?: number;
  /** Milliseconds to evaluate one prompt token, before the first token (default 1). */
  msPerPromptToken?: number;
  /** Slot choice as with OLLAMA_MULTIUSER_CACHE=1 (default false, Ollama's default). */
  multiUserCache?: boolean;
}

/** What the cache did for one request with a prompt. */
export interface PromptEvaluation {
  /** The simulator's request id (RecordedRequest.id). */
  requestId: number;
  model: string;
  slot: number;
  /** The rendered prompt, role markers included: what `prompt_eval_count` reports. */
  promptTokens: number;
  /** Tokens reused from the slot. */
  cachedTokens: number;
  /** Tokens evaluated: promptTokens - cachedTokens. */
  evaluatedTokens: number;
}

export interface SlotLease extends PromptEvaluation {
  /** How long evaluating the prompt takes. */
  evaluationMs: number;
  /** The request is over: the slot keeps the prompt and the tokens generated, and is free again. */
  release(generated: readonly string[]): void;
}

export interface CacheSlot {
  tokens: readonly string[];
  inUse: boolean;
  /** A counter, not a time: which slot was taken longest ago (-1: never). */
  lastUsed: number;
}

/** The slot a prompt takes and how many of its leading tokens the slot already holds. */
export interface SlotChoice {
  index: number;
  reused: number;
}

// Llama 3's chat layout. Its markers are single tokens, as special tokens are in a real
// tokenizer, so a message's content tokenizes the same wherever it stands.
const BEGIN_OF_TEXT = '<|begin_of_text|>';
const END_OF_TURN = '<|eot_id|>';

function header(role: string): string[] {
  return ['<|start_header_id|>', role, '<|end_header_id|>', '\n\n'];
}

/** One message as the template lays it out: header, content, end of turn. */
export function renderMessage(message: Pick<ChatMessageBody, 'role' | 'content'>): string[] {
  return [...header(message.role), ...tokenize(message.content), END_OF_TURN];
}

/** The open assistant header the reply is generated after. */
export const GENERATION_PROMPT: readonly string[] = header('assistant');

/** The whole prompt a chat renders to (earlier reasoning is not part of it, as in Ollama's templates). */
export function renderChat(messages: readonly Pick<ChatMessageBody, 'role' | 'content'>[]): string[] {
  return [BEGIN_OF_TEXT, ...messages.flatMap(renderMessage), ...GENERATION_PROMPT];
}

export function commonPrefixLength(a: readonly string[], b: readonly string[]): number {
  const limit = Math.min(a.length, b.length);
  let count = 0;
  while (count < limit && a[count] === b[count]) count += 1;
  return count;
}

/** Which slot a prompt takes, as Ollama's runner picks it; null while every slot is busy. */
export function chooseSlot(slots: readonly CacheSlot[], prompt: readonly string[], multiUserCache: boolean): SlotChoice | null {
  return multiUserCache ? bestSlot(slots, prompt) : longestSlot(slots, prompt);
}

function longestSlot(slots: readonly CacheSlot[], prompt: readonly string[]): SlotChoice | null {
  let choice: SlotChoice | null = null;
  for (const [index, slot] of slots.entries()) {
    if (slot.inUse) continue;
    const reused = commonPrefixLength(slot.tokens, prompt);
    if (choice === null || reused > choice.reused) choice = { index, reused };
  }
  return choice;
}

function bestSlot(slots: readonly CacheSlot[], prompt: readonly string[]): SlotChoice | null {
  let longest: SlotChoice | null = null;
  let oldest: number | null = null;
  for (const [index, slot] of slots.entries()) {
    const reused = commonPrefixLength(slot.tokens, prompt);
    if (longest === null || reused > longest.reused) longest = { index, reused };
    if (!slot.inUse && (oldest === null || slot.lastUsed < (slots[oldest]?.lastUsed ?? 0))) oldest = index;
  }
  if (longest === null || oldest === null) return null;
  const holder = slots[longest.index];
  if (holder && !holder.inUse && longest.reused === holder.tokens.length) return longest;
  // The least recently used free slot takes over, with a copy of the longest common prefix.
  return { index: oldest, reused: longest.reused };
}

/** Tokens reused, never the whole prompt: the last one is evaluated to sample the reply from. */
function reusable(reused: number, promptLength: number): number {
  return reused >= promptLength ? Math.max(0, promptLength - 1) : reused;
}

export class PromptCache {
  private readonly slotsByModel = new Map<string, CacheSlot[]>();
  private readonly waiters = new Set<() => void>();
  private readonly evaluations: PromptEvaluation[] = [];
  private clock = 0;
  private readonly slotCount: number;
  private readonly msPerPromptToken: number;
  private readonly multiUserCache: boolean;

  constructor(options: PromptCacheOptions = {}) {
    this.slotCount = Math.max(1, Math.floor(options.slots ?? 1));
    this.msPerPromptToken = Math.max(0, options.msPerPromptToken ?? 1);
    this.multiUserCache = options.multiUserCache ?? false;
  }

  /** Every request's evaluation so far, oldest first. */
  get log(): readonly PromptEvaluation[] {
    return this.evaluations;
  }

  /** Takes a slot of `model` for this chat (waiting while all are busy); rejects if `signal` aborts first. */
  async lease(model: string, messages: readonly ChatMessageBody[], signal: AbortSignal, requestId: number): Promise<SlotLease> {
    const prompt = renderChat(messages);
    for (;;) {
      const lease = this.tryLease(model, prompt, requestId);
      if (lease) return lease;
      await this.slotFreed(signal);
    }
  }

  /** The model left memory: its slots go with it. */
  clear(model: string): void {
    this.slotsByModel.delete(normalizeModelName(model));
    this.wake();
  }

  private tryLease(model: string, prompt: readonly string[], requestId: number): SlotLease | null {
    const slots = this.slotsOf(model);
    const choice = chooseSlot(slots, prompt, this.multiUserCache);
    const slot = choice === null ? undefined : slots[choice.index];
    if (choice === null || slot === undefined) return null;
    const cachedTokens = reusable(choice.reused, prompt.length);
    slot.inUse = true;
    slot.lastUsed = this.clock++;
    slot.tokens = prompt.slice(0, cachedTokens);
    const evaluation: PromptEvaluation = {
      requestId,
      model,
      slot: choice.index,
      promptTokens: prompt.length,
      cachedTokens,
      evaluatedTokens: prompt.length - cachedTokens,
    };
    this.evaluations.push(evaluation);
    return {
      ...evaluation,
      evaluationMs: evaluation.evaluatedTokens * this.msPerPromptToken,
      release: (generated) => {
        slot.tokens = [...prompt, ...generated];
        slot.inUse = false;
        this.wake();
      },
    };
  }

  private slotsOf(model: string): CacheSlot[] {
    const key = normalizeModelName(model);
    let slots = this.slotsByModel.get(key);
    if (!slots) {
      slots = Array.from({ length: this.slotCount }, () => ({ tokens: [], inUse: false, lastUsed: -1 }));
      this.slotsByModel.set(key, slots);
    }
    return slots;
  }

  private slotFreed(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiters.delete(onFree);
        reject(signal.reason);
      };
      const onFree = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiters.add(onFree);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private wake(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const waiter of waiting) waiter();
  }
}
