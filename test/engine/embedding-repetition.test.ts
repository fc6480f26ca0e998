import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkEmbeddingModel,
  cosineSimilarity,
  DEFAULT_EMBEDDING_THRESHOLD,
  embeddingRepetitionNote,
  embeddingRepetitionRule,
  embedRequestBody,
  findEmbeddingRepetition,
  MAX_EMBEDDED_CHARS,
  mostSimilar,
  notAnEmbeddingModelError,
  readEmbeddings,
} from '../../engine/embedding-repetition';
import { EngineError } from '../../engine/errors';
import { KEEP_ALIVE } from '../../engine/limits';
import { DEFAULT_REPETITION_RULE, repetitionNote } from '../../engine/repetition';
import { startSimulator, type OllamaSimulator } from '../simulator/ollama-simulator';
import { ADA, BOB, makeNote, makeTurn } from './fixtures';
import { ARGUMENT, FRESH, OTHER_TOPIC, RESTATED } from './repetition-replies';

const SPEAKERS = [ADA, BOB];
const EMBED_MODEL = 'nomic-embed-text';

describe('cosineSimilarity', () => {
  it('is 1 for one direction whatever the length, 0 for unrelated, -1 for opposite', () => {
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [0, 5])).toBe(0);
    expect(cosineSimilarity([1, -2], [-1, 2])).toBeCloseTo(-1, 12);
    expect(cosineSimilarity([3, 4], [4, 3])).toBeCloseTo(24 / 25, 12);
  });

  it('is 0 when a vector is all zeros, never more than 1', () => {
    expect(cosineSimilarity([0, 0], [1, 1])).toBe(0);
    const v = [0.1, 0.2, 0.3, 0.7, 0.11];
    expect(cosineSimilarity(v, v)).toBeLessThanOrEqual(1);
  });

  it('refuses vectors of different lengths', () => {
    expect(() => cosineSimilarity([1, 2], [1, 2, 3])).toThrow(RangeError);
  });
});

describe('mostSimilar', () => {
  const reply = [1, 0, 0];
  const close = { turnId: 't0', vector: [0.95, 0.31, 0] };
  const closer = { turnId: 't2', vector: [0.99, 0.14, 0] };
  const far = { turnId: 't4', vector: [0, 1, 0] };

  it('picks the most similar earlier reply at or above the threshold', () => {
    expect(mostSimilar(reply, [close, closer, far], 0.9)).toEqual({ earlierTurnId: 't2', similarity: cosineSimilarity(reply, closer.vector) });
    expect(mostSimilar(reply, [far, close], 0.9)?.earlierTurnId).toBe('t0');
  });

  it('counts a similarity exactly at the threshold, none below it', () => {
    const exact = cosineSimilarity(reply, close.vector);
    expect(mostSimilar(reply, [close], exact)?.earlierTurnId).toBe('t0');
    expect(mostSimilar(reply, [close, far], exact + 1e-9)).toBeNull();
    expect(mostSimilar(reply, [], 0)).toBeNull();
  });

  it('keeps the first of equally similar replies', () => {
    expect(mostSimilar(reply, [{ turnId: 'a', vector: [2, 0, 0] }, { turnId: 'b', vector: [3, 0, 0] }], 0.5)?.earlierTurnId).toBe('a');
  });
});

describe('readEmbeddings', () => {
  it('takes exactly the vectors asked for, all of one length', () => {
    expect(readEmbeddings({ model: 'm', embeddings: [[1, 0], [0, 1]] }, 2)).toEqual([[1, 0], [0, 1]]);
  });

  it.each([
    ['no answer', null],
    ['no embeddings', { model: 'm' }],
    ['too few vectors', { embeddings: [[1, 0]] }],
    ['an empty vector', { embeddings: [[], []] }],
    ['vectors of different lengths', { embeddings: [[1, 0], [1]] }],
    ['a value that is not a number', { embeddings: [[1, '0'], [0, 1]] }],
    ['a value that is not finite', { embeddings: [[1, null], [0, 1]] }],
  ])('is null for %s', (_case, response) => {
    expect(readEmbeddings(response, 2)).toBeNull();
  });
});

describe('embedRequestBody', () => {
  it('sends every text in one input list, cut by Ollama to the context and kept loaded for the debate', () => {
    expect(embedRequestBody(EMBED_MODEL, ['a', 'b'])).toEqual({ model: EMBED_MODEL, input: ['a', 'b'], truncate: true, keep_alive: KEEP_ALIVE });
  });

  it('cuts a runaway reply, never inside a character', () => {
    const [cut = ''] = embedRequestBody(EMBED_MODEL, ['x'.repeat(MAX_EMBEDDED_CHARS * 3)]).input;
    expect(cut).toHaveLength(MAX_EMBEDDED_CHARS);
    const [emoji = ''] = embedRequestBody(EMBED_MODEL, [`${'x'.repeat(MAX_EMBEDDED_CHARS - 1)}😀😀`]).input;
    expect(emoji).toBe('x'.repeat(MAX_EMBEDDED_CHARS - 1));
  });
});

describe('the rule and the note', () => {
  it('embeddingRepetitionRule uses the documented threshold unless given one', () => {
    expect(embeddingRepetitionRule(EMBED_MODEL)).toEqual({ threshold: DEFAULT_EMBEDDING_THRESHOLD, ngram: DEFAULT_REPETITION_RULE.ngram, embedModel: EMBED_MODEL });
    expect(embeddingRepetitionRule(EMBED_MODEL, 0.8).threshold).toBe(0.8);
    expect(DEFAULT_EMBEDDING_THRESHOLD).toBeGreaterThan(DEFAULT_REPETITION_RULE.threshold);
  });

  it('names the speaker, both exchanges and the similarity as a percentage, as the n-gram note does', () => {
    expect(embeddingRepetitionNote({ speaker: 'Ada', exchange: 3 }, { exchange: 1 }, 0.9462)).toBe(
      'Ada repeated their reply from exchange 1 in exchange 3 (95% similar in meaning).',
    );
    expect(repetitionNote({ speaker: 'Ada', exchange: 3 }, { exchange: 1 }, 0.9462)).toMatch(/^Ada repeated 95% of their reply from exchange 1 in exchange 3\.$/);
  });
});

describe('findEmbeddingRepetition against the simulator', () => {
  let sim: OllamaSimulator;
  const rule = embeddingRepetitionRule(EMBED_MODEL);
  const first = makeTurn(0, SPEAKERS, ARGUMENT);
  const answer = makeTurn(1, SPEAKERS, OTHER_TOPIC);

  beforeEach(async () => {
    sim = await startSimulator({ models: [{ name: ADA.model }, { name: BOB.model }, { name: `${EMBED_MODEL}:latest`, family: 'nomic-bert', embedding: true }] });
  });

  afterEach(async () => {
    await sim.close();
  });

  const embedBodies = () => sim.requests.filter((request) => request.path === '/api/embed').map((request) => request.body as { model: string; input: string[] });

  it('finds a reply said again, verbatim or restated, in one /api/embed call with every text', async () => {
    const verbatim = makeTurn(2, SPEAKERS, ARGUMENT);
    const found = await findEmbeddingRepetition(verbatim, [first, answer], rule, { host: sim.url });
    expect(found).toEqual({ earlierTurnId: 't0', similarity: expect.closeTo(1, 6) });
    const restated = await findEmbeddingRepetition(makeTurn(2, SPEAKERS, RESTATED), [first, answer], rule, { host: sim.url });
    expect(restated?.earlierTurnId).toBe('t0');
    expect(restated?.similarity).toBeGreaterThanOrEqual(DEFAULT_EMBEDDING_THRESHOLD);
    expect(restated?.similarity).toBeLessThan(1);
    expect(embedBodies()).toEqual([
      { model: EMBED_MODEL, input: [ARGUMENT, ARGUMENT], truncate: true, keep_alive: KEEP_ALIVE },
      { model: EMBED_MODEL, input: [RESTATED, ARGUMENT], truncate: true, keep_alive: KEEP_ALIVE },
    ]);
  });

  it('does not call a fresh reply a repetition, and reports the closest of several earlier replies', async () => {
    expect(await findEmbeddingRepetition(makeTurn(2, SPEAKERS, FRESH), [first, answer], rule, { host: sim.url })).toBeNull();
    const third = makeTurn(4, SPEAKERS, RESTATED);
    const found = await findEmbeddingRepetition(makeTurn(6, SPEAKERS, ARGUMENT), [first, answer, makeTurn(2, SPEAKERS, FRESH), third], rule, { host: sim.url });
    expect(found).toEqual({ earlierTurnId: 't0', similarity: expect.closeTo(1, 6) });
    expect(embedBodies()[1]?.input).toEqual([ARGUMENT, ARGUMENT, FRESH, RESTATED]);
  });

  it('compares a speaker only with its own earlier replies', async () => {
    const echo = makeTurn(3, SPEAKERS, ARGUMENT);
    expect(await findEmbeddingRepetition(echo, [first, answer], rule, { host: sim.url })).toBeNull();
    expect(embedBodies().map((body) => body.input)).toEqual([[ARGUMENT, OTHER_TOPIC]]);
  });

  it('makes no call for an incomplete, too short or first reply, and skips incomplete earlier ones and notes', async () => {
    const stopped = makeTurn(2, SPEAKERS, ARGUMENT, { status: 'stopped' });
    const failed = makeTurn(2, SPEAKERS, ARGUMENT, { status: 'failed' });
    expect(await findEmbeddingRepetition(stopped, [first, answer], rule, { host: sim.url })).toBeNull();
    expect(await findEmbeddingRepetition(failed, [first, answer], rule, { host: sim.url })).toBeNull();
    const short = 'I agree with that completely and fully.';
    expect(await findEmbeddingRepetition(makeTurn(2, SPEAKERS, short), [makeTurn(0, SPEAKERS, short)], rule, { host: sim.url })).toBeNull();
    expect(await findEmbeddingRepetition(first, [first, answer], rule, { host: sim.url })).toBeNull();
    expect(embedBodies()).toEqual([]);
    const earlierStopped = makeTurn(0, SPEAKERS, ARGUMENT, { status: 'stopped' });
    const note = makeNote('m1', 1, ARGUMENT);
    const earlierFresh = makeTurn(2, SPEAKERS, FRESH);
    expect(await findEmbeddingRepetition(makeTurn(4, SPEAKERS, ARGUMENT), [earlierStopped, answer, note, earlierFresh], rule, { host: sim.url })).toBeNull();
    expect(embedBodies().map((body) => body.input)).toEqual([[ARGUMENT, FRESH]]);
  });

  it('follows the threshold it is given', async () => {
    const fresh = makeTurn(2, SPEAKERS, FRESH);
    const loose = await findEmbeddingRepetition(fresh, [first], embeddingRepetitionRule(EMBED_MODEL, -1), { host: sim.url });
    expect(loose?.earlierTurnId).toBe('t0');
    expect(loose?.similarity).toBeLessThan(DEFAULT_EMBEDDING_THRESHOLD);
  });

  it('says to pull a missing embedding model', async () => {
    const missing = embeddingRepetitionRule('mxbai-embed-large');
    const error = await findEmbeddingRepetition(makeTurn(2, SPEAKERS, ARGUMENT), [first], missing, { host: sim.url }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).detail).toMatchObject({ kind: 'model-missing', status: 404, model: 'mxbai-embed-large', host: sim.url });
    expect((error as EngineError).message).toContain('`ollama pull mxbai-embed-large`');
    expect((error as EngineError).message).toContain('repetition check');
  });

  it('says when the model is not an embedding model, and names one to pull', async () => {
    const chatModel = embeddingRepetitionRule(ADA.model);
    const error = await findEmbeddingRepetition(makeTurn(2, SPEAKERS, ARGUMENT), [first], chatModel, { host: sim.url }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).detail).toMatchObject({ kind: 'invalid-config', field: 'stopOn.repetition.embedModel', model: ADA.model, host: sim.url });
    expect((error as EngineError).message).toBe(
      `"${ADA.model}" on ${sim.url} is not an embedding model, so it cannot check for repetition: choose one, e.g. nomic-embed-text (\`ollama pull nomic-embed-text\`).`,
    );
  });

  it('rejects with the abort, not an EngineError, when stopped before or during the call', async () => {
    const before = new AbortController();
    before.abort();
    const early = await findEmbeddingRepetition(makeTurn(2, SPEAKERS, ARGUMENT), [first], rule, { host: sim.url, signal: before.signal }).catch((caught: unknown) => caught);
    expect(early).toBeInstanceOf(Error);
    expect(early).not.toBeInstanceOf(EngineError);
    expect((early as Error).name).toBe('AbortError');

    sim.setRouteFault('/api/embed', { type: 'hang' });
    const during = new AbortController();
    const pending = findEmbeddingRepetition(makeTurn(2, SPEAKERS, ARGUMENT), [first], rule, { host: sim.url, signal: during.signal }).catch((caught: unknown) => caught);
    await expect.poll(() => sim.requests.filter((request) => request.path === '/api/embed').length).toBe(1);
    during.abort();
    const late = await pending;
    expect(late).not.toBeInstanceOf(EngineError);
    expect((late as Error).name).toBe('AbortError');
    const [record] = sim.requests.filter((request) => request.path === '/api/embed');
    expect((await sim.waitForRequestEnd(record?.id ?? 0)).clientClosedAt).not.toBeNull();
  });

  it('gives up after its deadline on a server that says nothing', async () => {
    sim.setRouteFault('/api/embed', { type: 'hang' });
    const error = await findEmbeddingRepetition(makeTurn(2, SPEAKERS, ARGUMENT), [first], rule, { host: sim.url, deadlineMs: 200 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).detail.kind).toBe('unreachable');
    expect((error as EngineError).message).toContain('answered nothing');
  });

  it.each([
    ['no embeddings', '{"model":"nomic-embed-text"}'],
    ['one vector for two texts', '{"model":"nomic-embed-text","embeddings":[[1,0]]}'],
  ])('calls an answer with %s not Ollama’s', async (_case, body) => {
    sim.setRouteFault('/api/embed', { type: 'raw', status: 200, contentType: 'application/json', body });
    const error = await findEmbeddingRepetition(makeTurn(2, SPEAKERS, ARGUMENT), [first], rule, { host: sim.url }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).message).toContain('does not answer like Ollama');
  });
});

describe('checkEmbeddingModel, before a debate', () => {
  let sim: OllamaSimulator;

  beforeEach(async () => {
    sim = await startSimulator({ models: [{ name: ADA.model }, { name: `${EMBED_MODEL}:latest`, embedding: true }] });
  });

  afterEach(async () => {
    await sim.close();
  });

  const failure = (model: string) => checkEmbeddingModel(model, { host: sim.url }).then(() => null, (caught: unknown) => caught);

  it('passes an installed embedding model, asking /api/show (no model load)', async () => {
    await expect(checkEmbeddingModel(EMBED_MODEL, { host: sim.url })).resolves.toBeUndefined();
    expect(sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/show']);
    expect(sim.loadedModels()).toEqual([]);
  });

  it('says to pull a missing one', async () => {
    const error = await failure('mxbai-embed-large');
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).detail.kind).toBe('model-missing');
    expect((error as EngineError).message).toContain('`ollama pull mxbai-embed-large`');
  });

  it('refuses a chat model', async () => {
    const error = await failure(ADA.model);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).detail).toEqual(notAnEmbeddingModelError({ host: sim.url, model: ADA.model }));
  });

  it('trusts an Ollama too old to list capabilities', async () => {
    sim.setRouteFault('/api/show', { type: 'raw', status: 200, contentType: 'application/json', body: '{"details":{"family":"bert"}}' });
    await expect(checkEmbeddingModel(ADA.model, { host: sim.url })).resolves.toBeUndefined();
  });

  it('rejects with the abort when stopped', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await checkEmbeddingModel(EMBED_MODEL, { host: sim.url, signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(EngineError);
    expect((error as Error).name).toBe('AbortError');
  });
});
