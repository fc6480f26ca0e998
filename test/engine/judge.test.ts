// Judging a debate against the Ollama simulator over real HTTP: structured output in the
// request, valid / invalid-then-valid / always-invalid / refused answers, blind requests (no
// name reaches the judge) in both orders, and the family warning.
import { describe, expect, it } from 'vitest';
import { judgeInputOf, type JudgeInput } from '../../engine/judge/blind-debate';
import { judgeDebate, type JudgeOptions } from '../../engine/judge/judge';
import type { SpeakerConfig } from '../../engine/types';
import { pickFirst, pickSideSaying, REFUSAL_TEXT, scriptedJudge, type JudgeStep, type WinnerPick } from '../simulator/judge-script';
import { DEFAULT_MODELS, type OllamaSimulator } from '../simulator/ollama-simulator';
import { ADA, BOB, makeTurn } from './fixtures';
import { chatBody, simulator } from './simulated-debate';

const JUDGE = 'gemma3:4b';
const speakers: SpeakerConfig[] = [ADA, BOB];

/** Ada makes the STRONG case; both address each other by name and mention their models. */
const DEBATE: JudgeInput = judgeInputOf(
  {
    topic: 'Is tea better than coffee? Ask Ada and Bob.',
    speakers,
    turns: [
      makeTurn(0, speakers, 'Bob, tea wins: STRONG evidence from llama3.2 studies.'),
      makeTurn(1, speakers, 'Ada, you are wrong. As qwen2.5:0.5b I say coffee.'),
      makeTurn(2, speakers, 'Bob has no evidence at all.'),
      makeTurn(3, speakers, 'Ada repeats herself, like every Cynic.'),
    ],
  },
  ['You are a cynic.', 'You are polite.'],
);

async function judgeSim(steps: JudgeStep[], pick: WinnerPick = pickSideSaying('STRONG'), family = 'gemma3'): Promise<OllamaSimulator> {
  return simulator({ models: [...DEFAULT_MODELS, scriptedJudge({ name: JUDGE, family, steps, pick })] });
}

function options(sim: OllamaSimulator, patch: Partial<JudgeOptions> = {}): JudgeOptions {
  return { judgeModel: JUDGE, host: sim.url, seed: 1234, now: () => new Date('2026-12-01T15:00:00.000Z'), ...patch };
}

function judgeRequests(sim: OllamaSimulator) {
  return sim.chatRequests(JUDGE).map((request) => chatBody(request.body));
}

describe('judgeDebate against the simulator', () => {
  it('gives a verdict through structured output: the schema in `format`, not streamed, temperature 0', async () => {
    const sim = await judgeSim(['valid']);
    const result = await judgeDebate(DEBATE, options(sim));
    if (!result.ok) throw new Error(result.reason);
    const { verdict } = result;
    expect(verdict.winner).toBe(0);
    expect(verdict.scores.map((side) => [side.speaker, side.overall])).toEqual([['Ada', 8], ['Bob', 5]]);
    expect(verdict.seed).toBe(1234);
    expect(verdict.turnsJudged).toBe(4);
    expect(verdict.rationale).toBe('Ada answered the others best.');
    expect(verdict.orders.map((order) => order.retried)).toEqual([false, false]);
    expect(verdict.createdAt).toBe('2026-12-01T15:00:00.000Z');
    const [body] = judgeRequests(sim);
    expect(body).toMatchObject({ model: JUDGE, stream: false, options: { temperature: 0 } });
    expect(body?.format).toMatchObject({ type: 'object', properties: { winner: { enum: ['A', 'B', 'tie'] } } });
    // Exactly what ollama-js was handed: no think, no extra fields.
    expect(Object.keys(body ?? {}).sort()).toEqual(['format', 'keep_alive', 'messages', 'model', 'options', 'stream']);
  });

  it('asks both orders, and no speaker name or model name reaches the judge', async () => {
    const sim = await judgeSim(['valid']);
    const result = await judgeDebate(DEBATE, options(sim));
    expect(result.ok).toBe(true);
    const bodies = judgeRequests(sim);
    expect(bodies).toHaveLength(2);
    for (const body of bodies) {
      const sent = JSON.stringify(body).toLowerCase().replace(JUDGE, '');
      for (const leak of ['ada', 'bob', 'llama', 'qwen', 'cynic', 'polite', 'speaker']) expect(sent).not.toContain(leak);
    }
    // The side first in one order is second in the other.
    const firstSide = (index: number) => /## Side A\n[^\n]*\n<turn id="A1" round="1">\n([^\n]*)/.exec(bodies[index]?.messages?.[1]?.content ?? '')?.[1];
    expect(new Set([firstSide(0), firstSide(1)]).size).toBe(2);
    if (!result.ok) return;
    expect(result.verdict.orders.map((order) => order.sides)).toEqual([result.verdict.orders[0]?.sides, [...(result.verdict.orders[0]?.sides ?? [])].reverse()]);
  });

  it('counts no win when the orders disagree (a judge that always picks side A): a tie', async () => {
    const sim = await judgeSim(['valid'], pickFirst);
    const result = await judgeDebate(DEBATE, options(sim));
    if (!result.ok) throw new Error(result.reason);
    expect(result.verdict.winner).toBeNull();
    expect(result.verdict.orders.map((order) => order.winner).sort()).toEqual([0, 1]);
    // Each speaker won once: their averaged scores are equal.
    expect(result.verdict.scores.map((side) => side.overall)).toEqual([6.5, 6.5]);
  });

  it('retries once with the schema restated after an invalid answer, then takes the valid one', async () => {
    const sim = await judgeSim(['invalid-json', 'valid']);
    const result = await judgeDebate(DEBATE, options(sim));
    if (!result.ok) throw new Error(result.reason);
    expect(result.verdict.winner).toBe(0);
    expect(result.verdict.orders.map((order) => order.retried)).toEqual([true, false]);
    const bodies = judgeRequests(sim);
    expect(bodies).toHaveLength(3);
    const retry = bodies[1]?.messages ?? [];
    const last = retry[retry.length - 1]?.content ?? '';
    expect(last).toContain('did not answer in JSON');
    expect(last).toContain(JSON.stringify(bodies[0]?.format));
    expect(bodies[1]?.format).toEqual(bodies[0]?.format);
  });

  it.each([
    ['invalid JSON', 'invalid-json' as const, /did not answer in JSON/],
    ['a refusal', 'refusal' as const, new RegExp(REFUSAL_TEXT.slice(0, 20).replace(/'/g, "'"))],
    ['a score out of range', 'out-of-range' as const, /scores\.[AB]\.argument/],
  ])('always %s: "verdict unavailable" with the reason, after exactly one retry, nothing made up', async (_what, step, reason) => {
    const sim = await judgeSim([step]);
    const result = await judgeDebate(DEBATE, options(sim));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(/^verdict unavailable: in order 1 of 2, /);
    expect(result.reason).toMatch(/asked again with the schema restated/);
    expect(result.reason).toMatch(reason);
    expect(judgeRequests(sim)).toHaveLength(2);
  });

  it('a judge that is not installed: unavailable at once, in the engine\'s words, without a retry', async () => {
    const sim = await simulator();
    const result = await judgeDebate(DEBATE, options(sim, { judgeModel: 'missing:7b' }));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^verdict unavailable: in order 1 of 2: Model "missing:7b" is not installed/) });
    expect(sim.chatRequests('missing:7b')).toHaveLength(1);
  });

  it('a judge that answers nothing within its deadline: unavailable, saying so', async () => {
    const sim = await judgeSim(['valid']);
    sim.setRouteFault('/api/chat', { type: 'hang' });
    const result = await judgeDebate(DEBATE, options(sim, { timeoutMs: 300 }));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/answered nothing in 0 s|accepted a connection/) });
  });

  it('marks every turn when asked, averaged across orders', async () => {
    const sim = await judgeSim(['valid']);
    const result = await judgeDebate(DEBATE, options(sim, { markTurns: true }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.verdict.turnMarks?.map((mark) => mark.turnId).sort()).toEqual(['t0', 't1', 't2', 't3']);
    expect(judgeRequests(sim)[0]?.format).toMatchObject({ properties: { turnMarks: { required: ['A1', 'A2', 'B1', 'B2'] } } });
  });

  it('judges three speakers in three rotated orders', async () => {
    const three: SpeakerConfig[] = [ADA, BOB, { name: 'Cy', model: 'qwen2.5:0.5b', tone: 'Rational' }];
    const input = judgeInputOf({ topic: 'Tea?', speakers: three, turns: [0, 1, 2].map((index) => makeTurn(index, three, index === 2 ? 'STRONG point.' : 'A point.')) }, []);
    const sim = await judgeSim(['valid']);
    const result = await judgeDebate(input, options(sim));
    if (!result.ok) throw new Error(result.reason);
    expect(result.verdict.orders).toHaveLength(3);
    expect(result.verdict.winner).toBe(2);
    for (let position = 0; position < 3; position++) {
      expect(result.verdict.orders.map((order) => order.sides[position]).sort()).toEqual([0, 1, 2]);
    }
  });

  it('warns when the judge is of a speaker\'s family (from /api/show), and says when the family came from the name', async () => {
    const sim = await judgeSim(['valid'], pickSideSaying('STRONG'), 'llama');
    const result = await judgeDebate(DEBATE, options(sim));
    if (!result.ok) throw new Error(result.reason);
    expect(result.verdict.judgeFamily).toEqual({ family: 'llama', source: 'show' });
    expect(result.verdict.familyWarning).toMatch(/of the llama family .*as is Ada \(llama3\.2:1b/);
    const unknown = await judgeDebate(DEBATE, options(sim, { lookupFamily: async () => null }));
    if (!unknown.ok) throw new Error(unknown.reason);
    expect(unknown.verdict.judgeFamily).toEqual({ family: 'gemma3', source: 'name' });
    expect(unknown.verdict.familyWarning).toBeNull();
  });

  it('needs two speakers who spoke, and enough orders', async () => {
    const sim = await judgeSim(['valid']);
    const alone = judgeInputOf({ topic: 'x', speakers, turns: [makeTurn(0, speakers, 'Only me.')] }, []);
    expect(await judgeDebate(alone, options(sim))).toEqual({ ok: false, reason: expect.stringMatching(/two speakers/) });
    expect(await judgeDebate(DEBATE, options(sim, { orders: 3 }))).toEqual({ ok: false, reason: expect.stringMatching(/multiple/) });
    expect(judgeRequests(sim)).toHaveLength(0);
  });
});
