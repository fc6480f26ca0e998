/** Reasoning models on the wire: capabilities, `message.thinking` chunks, `think` on and off, and the refusal. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ndjsonLines, postJson } from './http-helpers';
import { startSimulator, tokenize, type OllamaSimulator } from './ollama-simulator';

const THINKER = { name: 'qwen3:0.6b', thinking: 'Let me weigh tea.', reply: 'Tea.' };
const PLAIN = { name: 'llama3.2:1b', reply: 'Coffee.' };
const INLINE = { name: 'r1:1.5b', reply: '<think>hidden</think>Shown.' };
const MESSAGES = [{ role: 'user', content: 'Tea or coffee?' }];

let sim: OllamaSimulator;

beforeEach(async () => {
  sim = await startSimulator({ models: [THINKER, PLAIN, INLINE] });
});

afterEach(async () => {
  await sim.close();
});

async function chat(body: Record<string, unknown>) {
  const response = await postJson(`${sim.url}/api/chat`, { messages: MESSAGES, ...body });
  return { status: response.status, lines: response.status === 200 ? await ndjsonLines(response) : [await response.json() as Record<string, unknown>] };
}

function messages(lines: Record<string, unknown>[]): { content: string; thinking?: string }[] {
  return lines.map((line) => line.message as { content: string; thinking?: string });
}

describe('a thinking model', () => {
  it('lists the thinking capability in /api/show; a plain model only completion', async () => {
    const show = async (model: string) => (await (await postJson(`${sim.url}/api/show`, { model })).json() as { capabilities: string[] }).capabilities;
    expect(await show(THINKER.name)).toEqual(['completion', 'thinking']);
    expect(await show(PLAIN.name)).toEqual(['completion']);
  });

  it.each([[undefined], [true], ['low'], ['medium'], ['high']])('streams message.thinking chunks before the content with think %s', async (think) => {
    const { status, lines } = await chat({ model: THINKER.name, ...(think !== undefined && { think }) });
    expect(status).toBe(200);
    const thinkingTokens = tokenize(THINKER.thinking);
    const chunks = messages(lines.slice(0, -1));
    expect(chunks.slice(0, thinkingTokens.length)).toEqual(thinkingTokens.map((thinking) => ({ role: 'assistant', content: '', thinking })));
    // Content chunks carry no thinking field at all, as Ollama sends them.
    expect(chunks.slice(thinkingTokens.length)).toEqual(tokenize(THINKER.reply).map((content) => ({ role: 'assistant', content })));
    expect(lines.at(-1)).toMatchObject({ done: true, eval_count: thinkingTokens.length + tokenize(THINKER.reply).length });
  });

  it('does not reason with think false', async () => {
    const { lines } = await chat({ model: THINKER.name, think: false });
    expect(messages(lines.slice(0, -1)).every((message) => message.thinking === undefined)).toBe(true);
    expect(messages(lines).map((message) => message.content).join('')).toBe(THINKER.reply);
  });

  it('puts the whole reasoning in message.thinking when not streaming', async () => {
    const response = await postJson(`${sim.url}/api/chat`, { model: THINKER.name, messages: MESSAGES, stream: false });
    expect(await response.json()).toMatchObject({ done: true, message: { role: 'assistant', content: 'Tea.', thinking: 'Let me weigh tea.' } });
  });
});

describe('a model without the thinking capability', () => {
  it.each([[true], ['high']])('is refused with 400 and Ollama\'s words when think is %s', async (think) => {
    const { status, lines } = await chat({ model: PLAIN.name, think });
    expect(status).toBe(400);
    expect(lines).toEqual([{ error: '"llama3.2:1b" does not support thinking' }]);
  });

  it('answers as usual with think false or unset', async () => {
    for (const think of [false, undefined]) {
      const { status, lines } = await chat({ model: PLAIN.name, ...(think !== undefined && { think }) });
      expect(status).toBe(200);
      expect(messages(lines).map((message) => message.content).join('')).toBe(PLAIN.reply);
    }
  });

  it('can be scripted to write its reasoning inline, in the content, as older templates do', async () => {
    const { lines } = await chat({ model: INLINE.name });
    expect(messages(lines).map((message) => message.content).join('')).toBe('<think>hidden</think>Shown.');
    expect(messages(lines).every((message) => message.thinking === undefined)).toBe(true);
  });
});
