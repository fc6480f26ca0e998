// The simulator's structured output: `format` must be "json" or a JSON Schema, as Ollama
// takes it, and a scripted judge answers by its steps, reading the sides from the schema.
import { afterEach, describe, expect, it } from 'vitest';
import { pickFirst, REFUSAL_TEXT, scriptedJudge } from './judge-script';
import { startSimulator, type OllamaSimulator } from './ollama-simulator';

let sim: OllamaSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

const SCHEMA = {
  type: 'object',
  properties: { scores: { type: 'object', properties: { A: {}, B: {} } }, winner: { enum: ['A', 'B', 'tie'] }, turnMarks: { type: 'object', properties: { A1: {}, B1: {} } } },
};

async function chat(format: unknown): Promise<{ status: number; content: string }> {
  const response = await fetch(`${sim?.url}/api/chat`, {
    method: 'POST',
    body: JSON.stringify({ model: 'judge:1b', stream: false, messages: [{ role: 'user', content: 'Judge.' }], ...(format !== undefined && { format }) }),
  });
  const body = (await response.json()) as { message?: { content: string }; error?: string };
  return { status: response.status, content: body.message?.content ?? body.error ?? '' };
}

describe('a scripted judge', () => {
  it('answers its steps in order, the last repeating: a verdict fitting the schema, invalid JSON, a refusal', async () => {
    sim = await startSimulator({ models: [scriptedJudge({ name: 'judge:1b', steps: ['valid', 'invalid-json', 'refusal', 'out-of-range'], pick: pickFirst })] });
    const valid = JSON.parse((await chat(SCHEMA)).content) as { scores: Record<string, unknown>; winner: string; turnMarks: Record<string, number> };
    expect(Object.keys(valid.scores)).toEqual(['A', 'B']);
    expect(valid.winner).toBe('A');
    expect(Object.keys(valid.turnMarks)).toEqual(['A1', 'B1']);
    const invalid = (await chat(SCHEMA)).content;
    expect(() => JSON.parse(invalid)).toThrow(SyntaxError);
    expect((await chat(SCHEMA)).content).toBe(REFUSAL_TEXT);
    const outOfRange = JSON.parse((await chat(SCHEMA)).content) as { scores: { A: { argument: number } } };
    expect(outOfRange.scores.A.argument).toBe(11);
    expect(JSON.parse((await chat(SCHEMA)).content)).toMatchObject({ scores: { A: { argument: 11 } } });
    expect((await chat(undefined)).content).toBe('Side A made the better case.');
  });

  it('refuses a `format` that is neither "json" nor a schema, as Ollama does', async () => {
    sim = await startSimulator({ models: [scriptedJudge({ name: 'judge:1b', steps: ['valid'] })] });
    for (const format of ['yaml', 42, ['a']]) expect(await chat(format)).toEqual({ status: 400, content: 'invalid format: expected "json" or a JSON schema' });
    expect((await chat('json')).status).toBe(200);
  });
});
