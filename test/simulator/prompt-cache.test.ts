/** The prompt cache model: slots, longest common prefix, Ollama's slot choice, and what the wire reports. */
import { afterEach, describe, expect, it } from 'vitest';
import { ndjsonLines, postJson } from './http-helpers';
import { startSimulator, type ChatMessageBody, type OllamaSimulator } from './ollama-simulator';
import { GENERATION_PROMPT, PromptCache, renderChat, renderMessage, type SlotLease } from './prompt-cache';
import { tokenize } from './tokenizer';

const MODEL = 'a:1b';
const system = (name: string): ChatMessageBody => ({ role: 'system', content: `You are ${name}, in a debate about bread.` });
const user = (content: string): ChatMessageBody => ({ role: 'user', content });
const assistant = (content: string): ChatMessageBody => ({ role: 'assistant', content });
/** Two speakers' opening prompts on one model. */
const ada = [system('Ada'), user('The topic: bread.')];
const bob = [system('Bob'), user('The topic: bread.')];
/** BOS, the system header, "You", " are": what two speakers' prompts share before their names differ. */
const SHARED_BY_TWO_SPEAKERS = 1 + 4 + 2;

let nextRequestId = 1;

function lease(cache: PromptCache, messages: ChatMessageBody[], signal = new AbortController().signal): Promise<SlotLease> {
  return cache.lease(MODEL, messages, signal, nextRequestId++);
}

/** One whole request: take a slot, "generate" `reply`, give the slot back. */
async function turn(cache: PromptCache, messages: ChatMessageBody[], reply: string): Promise<SlotLease> {
  const taken = await lease(cache, messages);
  taken.release(tokenize(reply));
  return taken;
}

describe('prompt cache model', () => {
  it('evaluates an identical prompt again only for its last token, as Ollama leaves one to sample from', async () => {
    const cache = new PromptCache();
    const messages = [system('Ada'), user('Is toast better than bread?')];
    const first = await turn(cache, messages, 'Yes.');
    expect(first).toMatchObject({ promptTokens: renderChat(messages).length, cachedTokens: 0, evaluatedTokens: renderChat(messages).length });
    const again = await turn(cache, messages, 'Yes.');
    expect(again).toMatchObject({ cachedTokens: renderChat(messages).length - 1, evaluatedTokens: 1 });
  });

  it('evaluates only what was appended when the conversation grows: its own reply is already cached', async () => {
    const cache = new PromptCache();
    const opening = [system('Ada'), user('Is toast better than bread?')];
    const reply = 'Toast is bread, improved by fire.';
    await turn(cache, opening, reply);
    const follow = user('Bob: fire ruins the crumb.');
    const grown = await turn(cache, [...opening, assistant(reply), follow], 'No.');
    // The end-of-turn marker after the reply was never generated, so it is evaluated too.
    expect(grown.evaluatedTokens).toBe(1 + renderMessage(follow).length + GENERATION_PROMPT.length);
    expect(grown.cachedTokens).toBe(grown.promptTokens - grown.evaluatedTokens);
  });

  it('evaluates everything again from the first difference when the start of the prompt shifts', async () => {
    const cache = new PromptCache();
    const turns = [user('First point about crust.'), user('Second point about crumb.'), user('Third point about butter.')];
    await turn(cache, turns, 'Noted.');
    // The oldest message dropped: only BOS and the next message's identical "user" header still match.
    const shifted = await turn(cache, turns.slice(1), 'Noted.');
    expect(shifted.cachedTokens).toBe(1 + 4);
    expect(shifted.evaluatedTokens).toBe(renderChat(turns.slice(1)).length - 5);
  });

  it('keeps the system prompt and topic but evaluates every later turn again when the oldest turn is dropped', async () => {
    const cache = new PromptCache();
    const frame = [system('Ada'), user('The topic: bread.')];
    const history = [user('Bob: crust first.'), user('Cy: crumb first.'), user('Bob: butter decides.')];
    await turn(cache, [...frame, ...history], 'Noted.');
    const trimmed = await turn(cache, [...frame, ...history.slice(1)], 'Noted.');
    const keptFrame = 1 + renderMessage(frame[0]!).length + renderMessage(frame[1]!).length;
    expect(trimmed.cachedTokens).toBe(keptFrame + 4);
    expect(trimmed.evaluatedTokens).toBe(renderChat([...frame, ...history.slice(1)]).length - keptFrame - 4);
  });

  it('lets two prompts alternating on one slot evict each other', async () => {
    const cache = new PromptCache({ slots: 1 });
    await turn(cache, ada, 'Ada speaks.');
    const bobTurn = await turn(cache, bob, 'Bob speaks.');
    const adaAgain = await turn(cache, [...ada, assistant('Ada speaks.'), user('Bob: Bob speaks.')], 'Ada again.');
    expect(bobTurn.cachedTokens).toBe(SHARED_BY_TWO_SPEAKERS);
    expect(adaAgain.cachedTokens).toBe(SHARED_BY_TWO_SPEAKERS);
    expect(adaAgain.slot).toBe(0);
  });

  it("keeps both conversations in two slots with OLLAMA_MULTIUSER_CACHE, the second starting from a copy of the shared prefix", async () => {
    const cache = new PromptCache({ slots: 2, multiUserCache: true });
    await turn(cache, ada, 'Ada speaks.');
    const bobFirst = await turn(cache, bob, 'Bob speaks.');
    expect(bobFirst).toMatchObject({ slot: 1, cachedTokens: SHARED_BY_TWO_SPEAKERS });
    const next = user('The other: more.');
    const adaAgain = await turn(cache, [...ada, assistant('Ada speaks.'), next], 'Ada again.');
    const bobAgain = await turn(cache, [...bob, assistant('Bob speaks.'), next], 'Bob again.');
    const appended = 1 + renderMessage(next).length + GENERATION_PROMPT.length;
    expect([adaAgain.slot, adaAgain.evaluatedTokens]).toEqual([0, appended]);
    expect([bobAgain.slot, bobAgain.evaluatedTokens]).toEqual([1, appended]);
  });

  it("leaves a second slot unused by one-at-a-time requests under Ollama's default choice: any shared prefix beats an empty slot", async () => {
    const cache = new PromptCache({ slots: 2 });
    await turn(cache, ada, 'Ada speaks.');
    const bobTurn = await turn(cache, bob, 'Bob speaks.');
    const adaAgain = await turn(cache, [...ada, assistant('Ada speaks.')], 'Ada again.');
    expect([bobTurn.slot, adaAgain.slot]).toEqual([0, 0]);
    expect(adaAgain.cachedTokens).toBe(SHARED_BY_TWO_SPEAKERS);
  });

  it('gives concurrent requests separate slots, which then keep their conversations under the default choice', async () => {
    const cache = new PromptCache({ slots: 2 });
    const [adaFirst, bobFirst] = await Promise.all([lease(cache, ada), lease(cache, bob)]);
    expect([adaFirst.slot, bobFirst.slot]).toEqual([0, 1]);
    adaFirst.release(tokenize('Ada speaks.'));
    bobFirst.release(tokenize('Bob speaks.'));
    const adaAgain = await turn(cache, [...ada, assistant('Ada speaks.')], 'Ada again.');
    const bobAgain = await turn(cache, [...bob, assistant('Bob speaks.')], 'Bob again.');
    expect([adaAgain.slot, adaAgain.evaluatedTokens]).toEqual([0, 1 + GENERATION_PROMPT.length]);
    expect([bobAgain.slot, bobAgain.evaluatedTokens]).toEqual([1, 1 + GENERATION_PROMPT.length]);
  });

  it('makes a request wait while every slot is busy, and lets it go if its client leaves', async () => {
    const cache = new PromptCache({ slots: 1 });
    const busy = await lease(cache, [user('One.')]);
    let waited = false;
    const waiting = lease(cache, [user('Two.')]).then((taken) => {
      waited = true;
      return taken;
    });
    const client = new AbortController();
    const leaving = lease(cache, [user('Three.')], client.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(waited).toBe(false);
    client.abort(new Error('client left'));
    await expect(leaving).rejects.toThrow('client left');
    busy.release([]);
    expect((await waiting).slot).toBe(0);
  });

  it("forgets a model's slots when it leaves memory, and only that model's", async () => {
    const cache = new PromptCache();
    const messages = [user('Bread?')];
    await turn(cache, messages, 'Yes.');
    await cache.lease('b:1b', messages, new AbortController().signal, nextRequestId++).then((taken) => taken.release([]));
    cache.clear(MODEL);
    expect((await turn(cache, messages, 'Yes.')).cachedTokens).toBe(0);
    const other = await cache.lease('b:1b', messages, new AbortController().signal, nextRequestId++);
    expect(other.evaluatedTokens).toBe(1);
  });
});

describe('prompt cache in the simulator', () => {
  let sim: OllamaSimulator;

  afterEach(async () => {
    await sim.close();
  });

  const LONG = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
  const messages = [system('Ada'), user(LONG)];

  async function chat(extra: Record<string, unknown> = {}): Promise<Record<string, number>> {
    const lines = await ndjsonLines(await postJson(`${sim.url}/api/chat`, { model: MODEL, messages, ...extra }));
    return lines[lines.length - 1] as Record<string, number>;
  }

  it('waits the evaluation before the first token and reports the whole prompt, the cached part apart', async () => {
    const msPerToken = 4;
    sim = await startSimulator({ models: [{ name: MODEL, reply: 'Fine.' }], promptCache: { msPerPromptToken: msPerToken } });
    const promptTokens = renderChat(messages).length;

    const cold = await chat();
    expect(cold).toMatchObject({ prompt_eval_count: promptTokens, prompt_eval_cached_count: 0 });
    expect(cold.prompt_eval_duration).toBeGreaterThanOrEqual((promptTokens * msPerToken - 1) * 1e6);
    const coldRecord = sim.chatRequests()[0]!;
    expect(coldRecord.firstByteAt! - coldRecord.receivedAt).toBeGreaterThanOrEqual(promptTokens * msPerToken - 1);

    const warm = await chat();
    expect(warm).toMatchObject({ prompt_eval_count: promptTokens, prompt_eval_cached_count: promptTokens - 1 });
    const warmRecord = sim.chatRequests()[1]!;
    expect(warmRecord.firstByteAt! - warmRecord.receivedAt).toBeLessThan((promptTokens * msPerToken) / 2);
    expect(sim.promptEvaluations().map((entry) => [entry.requestId, entry.evaluatedTokens])).toEqual([
      [coldRecord.id, promptTokens],
      [warmRecord.id, 1],
    ]);
  });

  it('starts from an empty cache after an unload (keep_alive 0) and after keep_alive runs out', async () => {
    sim = await startSimulator({ models: [{ name: MODEL, reply: 'Fine.' }], promptCache: { msPerPromptToken: 0 } });
    await chat();
    await postJson(`${sim.url}/api/chat`, { model: MODEL, messages: [], keep_alive: 0 }).then((response) => response.json());
    expect(sim.loadedModels()).toEqual([]);
    expect(await chat({ keep_alive: '30ms' })).toMatchObject({ prompt_eval_cached_count: 0 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await chat()).toMatchObject({ prompt_eval_cached_count: 0 });
    expect(await chat()).toMatchObject({ prompt_eval_cached_count: renderChat(messages).length - 1 });
  });

  it('is off unless asked for: content tokens only, no cached count, nothing logged', async () => {
    sim = await startSimulator({ models: [{ name: MODEL, reply: 'Fine.' }] });
    const final = await chat();
    expect(final.prompt_eval_count).toBe(tokenize(messages[0]!.content).length + tokenize(LONG).length);
    expect(final).not.toHaveProperty('prompt_eval_cached_count');
    expect(sim.promptEvaluations()).toEqual([]);
  });
});
