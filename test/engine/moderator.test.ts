// The AI moderator against the Ollama simulator over real HTTP: framing, a round's review
// (summary, consensus, early close, or a pure consensus check), picking the next speaker;
// structured output in the request; one retry with the schema restated after an invalid
// answer, then a failure with the reason; refusals, out-of-range picks and hostile text.
import { describe, expect, it } from 'vitest';
import { frameDebate, pickNextSpeaker, reviewRound, type ModeratorCall } from '../../engine/moderator';
import { MAX_MODERATOR_REASON_CHARS, MAX_MODERATOR_TEXT_CHARS } from '../../engine/moderator/moderator-limits';
import type { SpeakerConfig, Turn } from '../../engine/types';
import { MODERATOR_REFUSAL_TEXT, scriptedModerator, type ScriptedModeratorOptions } from '../simulator/moderator-script';
import { DEFAULT_MODELS, type OllamaSimulator } from '../simulator/ollama-simulator';
import type { ChatRequestBody } from '../simulator/protocol';
import { ADA, BOB, CY, makeNote, makeTurn } from './fixtures';
import { chatBody, simulator } from './simulated-debate';

const MODERATOR = 'gemma3:4b';
const speakers: SpeakerConfig[] = [ADA, BOB, CY];

/** Two rounds of three speakers, a person's note, the moderator's own summary, and turns that must never be sent. */
const TURNS: Turn[] = [
  makeTurn(0, speakers, 'Tea calms: ROUND-ONE-ADA.'),
  makeTurn(1, speakers, 'Coffee wakes: ROUND-ONE-BOB.', { thinking: 'SECRET-REASONING of Bob' }),
  makeTurn(2, speakers, 'Water hydrates: ROUND-ONE-CY.'),
  makeNote('n1', 1, 'Stick to health effects, please.'),
  { ...makeNote('s1', 1, 'Round 1: three drinks, three cases.'), ai: { model: MODERATOR, purpose: 'summary' } },
  makeTurn(3, speakers, 'Half a sentence FAILED-TEXT', { status: 'failed' }),
  makeTurn(3, speakers, 'Tea still calms: ROUND-TWO-ADA.', { id: 't3b' }),
  makeTurn(4, speakers, 'Coffee still wakes: ROUND-TWO-BOB.'),
  makeTurn(5, speakers, 'My final word: CLOSING-TEXT.', { closing: { position: 'Water.', answer: 'water' } }),
];

async function moderatorSim(options: Partial<ScriptedModeratorOptions> = {}): Promise<OllamaSimulator> {
  return simulator({ models: [...DEFAULT_MODELS, scriptedModerator({ name: MODERATOR, ...options })] });
}

function call(sim: OllamaSimulator, patch: Partial<ModeratorCall> = {}): ModeratorCall {
  return { host: sim.url, model: MODERATOR, topic: 'Which drink is best?', speakers, turns: TURNS, deadlineMs: 10_000, ...patch };
}

function requests(sim: OllamaSimulator): ChatRequestBody[] {
  return sim.chatRequests(MODERATOR).map((request) => chatBody(request.body));
}

function sentText(body: ChatRequestBody | undefined): string {
  return (body?.messages ?? []).map((message) => message.content).join('\n');
}

/** The request's last message: the task, or on a retry, why the answer failed. */
function task(body: ChatRequestBody | undefined): string {
  return body?.messages?.at(-1)?.content ?? '';
}

function properties(body: ChatRequestBody | undefined): string[] {
  const format = body?.format as { properties?: Record<string, unknown> } | undefined;
  return Object.keys(format?.properties ?? {});
}

describe('frameDebate', () => {
  it('frames the question through structured output: the schema in `format`, not streamed, temperature 0, the debate sent', async () => {
    const sim = await moderatorSim();
    const result = await frameDebate(call(sim, { turns: [] }));
    expect(result).toEqual({ ok: true, text: expect.stringMatching(/^At stake is .*A good answer must/) });
    const [body] = requests(sim);
    expect(body).toMatchObject({ model: MODERATOR, stream: false, options: { temperature: 0 }, format: { type: 'object', required: ['framing'] } });
    expect(Object.keys(body ?? {}).sort()).toEqual(['format', 'keep_alive', 'messages', 'model', 'options', 'stream']);
    const sent = sentText(body);
    // The moderator is not blind: it knows the speakers by name and tone.
    expect(sent).toContain('Ada (Cynic), Bob (Polite), Cy (Rational)');
    expect(sent).toContain('<topic>Which drink is best?</topic>');
    expect(sent).toContain('(No one has spoken yet.)');
    expect(task(body)).toMatch(/frame the question .* Take no side/);
  });
});

describe('reviewRound', () => {
  it('sends what the speakers heard (complete turns and every note), never failed turns, reasoning or closing statements', async () => {
    const sim = await moderatorSim();
    const result = await reviewRound({ ...call(sim), round: 2, summarise: true, closeAllowed: true });
    expect(result.ok).toBe(true);
    const sent = sentText(requests(sim)[0]);
    for (const heard of ['ROUND-ONE-ADA', 'ROUND-ONE-BOB', 'ROUND-ONE-CY', 'ROUND-TWO-ADA', 'ROUND-TWO-BOB', 'Stick to health effects', 'Round 1: three drinks']) {
      expect(sent).toContain(heard);
    }
    for (const unheard of ['FAILED-TEXT', 'SECRET-REASONING', 'CLOSING-TEXT']) expect(sent).not.toContain(unheard);
    expect(sent).toContain('<turn round="2" speaker="Bob">');
    expect(sent).toContain('<note round="1" by="the person running the debate">');
    expect(sent).toContain('<note round="1" by="you">');
  });

  it('summarises, and finds agreement and an early close only from the rounds scripted', async () => {
    const sim = await moderatorSim({ agreeFromRound: 2, closeFromRound: 3 });
    const first = await reviewRound({ ...call(sim), round: 1, summarise: true, closeAllowed: true });
    expect(first).toEqual({
      ok: true,
      review: {
        summary: 'In round 1 each speaker pressed its own case; they still disagree on the main question.',
        consensus: { agree: false, reason: 'The speakers still hold different positions.' },
        close: { close: false, reason: 'New arguments are still coming.' },
      },
    });
    const second = await reviewRound({ ...call(sim), round: 2, summarise: true, closeAllowed: true });
    expect(second.ok && second.review.consensus).toEqual({ agree: true, reason: 'By round 2 every speaker holds the same position.' });
    expect(second.ok && second.review.close.close).toBe(false);
    const third = await reviewRound({ ...call(sim), round: 3, summarise: true, closeAllowed: true });
    expect(third.ok && third.review.close).toEqual({ close: true, reason: 'By round 3 the speakers only repeat themselves.' });
    const [body] = requests(sim);
    // The summary comes first: writing it is the model's reading of the round.
    expect(properties(body)).toEqual(['summary', 'consensus', 'close']);
    expect(body?.format).toMatchObject({ additionalProperties: false, properties: { consensus: { properties: { agree: { type: 'boolean' } } } } });
    expect(task(body)).toMatch(/^Round 1 has just ended\.\nSummary: .*round="1"/);
  });

  it('without a summary or a close, is a pure consensus check: the schema asks for consensus only', async () => {
    const sim = await moderatorSim({ agreeFromRound: 1, closeFromRound: 1 });
    const result = await reviewRound({ ...call(sim), round: 1, summarise: false, closeAllowed: false });
    expect(result).toEqual({
      ok: true,
      review: { summary: null, consensus: { agree: true, reason: 'By round 1 every speaker holds the same position.' }, close: { close: false, reason: '' } },
    });
    const [body] = requests(sim);
    expect(properties(body)).toEqual(['consensus']);
    expect(task(body)).not.toMatch(/Summary:|Close:/);
    expect(task(body)).toContain('Answer with one JSON object only: {"consensus": {"agree": true or false, "reason": "..."}}.');
  });

  it('a summary without a close: the close is left out of the schema and answered as not closing', async () => {
    const sim = await moderatorSim({ closeFromRound: 1 });
    const result = await reviewRound({ ...call(sim), round: 4, summarise: true, closeAllowed: false });
    expect(result.ok && result.review.close).toEqual({ close: false, reason: '' });
    expect(properties(requests(sim)[0])).toEqual(['summary', 'consensus']);
  });

  it('keeps the newest turns within the budget and says how many earlier ones were left out', async () => {
    const many = Array.from({ length: 12 }, (_, index) => makeTurn(index, speakers, `TURN-${index} ${'word '.repeat(60)}`));
    const sim = await moderatorSim();
    const result = await reviewRound({ ...call(sim, { turns: many, budgetChars: 1_500 }), round: 4, summarise: true, closeAllowed: true });
    expect(result.ok).toBe(true);
    const sent = sentText(requests(sim)[0]);
    // Each turn is about 360 characters tagged: four fit in 1,500.
    expect(sent).toContain('(8 earlier turns are left out here to keep this short.)');
    for (const kept of [8, 9, 10, 11]) expect(sent).toContain(`TURN-${kept} `);
    for (const left of [0, 1, 7]) expect(sent).not.toContain(`TURN-${left} `);
    expect(sent).toContain('<topic>Which drink is best?</topic>');
  });
});

describe('pickNextSpeaker', () => {
  it('picks among the candidates by name (the schema\'s enum) and maps the name back to the speaker', async () => {
    const sim = await moderatorSim({ pick: (names) => names[names.length - 1] ?? '' });
    const result = await pickNextSpeaker({ ...call(sim), round: 2, candidates: [1, 2] });
    expect(result).toEqual({ ok: true, speakerIndex: 2, reason: 'Cy was challenged last and has not answered yet.' });
    const [body] = requests(sim);
    expect(body?.format).toMatchObject({ properties: { next: { enum: ['Bob', 'Cy'] } }, required: ['reason', 'next'] });
    expect(task(body)).toMatch(/^Round 2 is under way\. .*: Bob, Cy\./);
  });

  it('asks nothing when there is no choice, and fails without a request when no candidate is a speaker', async () => {
    const sim = await moderatorSim();
    expect(await pickNextSpeaker({ ...call(sim), round: 1, candidates: [2, 2, 7] })).toEqual({ ok: true, speakerIndex: 2, reason: 'the only speaker yet to speak this round' });
    expect(await pickNextSpeaker({ ...call(sim), round: 1, candidates: [] })).toEqual({ ok: false, reason: 'No speaker is left to choose from in round 1.' });
    expect(await pickNextSpeaker({ ...call(sim), round: 1, candidates: [-1, 3, 1.5] })).toMatchObject({ ok: false });
    expect(requests(sim)).toHaveLength(0);
  });

  it.each([
    ['a name that is no speaker', 'Mallory'],
    ['a speaker who is not a candidate', 'Ada'],
    ['a name in another case', 'bob'],
  ])('an out-of-range pick (%s) is asked once more, then fails with the reason: no speaker made up', async (_what, named) => {
    const sim = await moderatorSim({ pick: () => named });
    const result = await pickNextSpeaker({ ...call(sim), round: 2, candidates: [1, 2] });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/answered JSON of the wrong shape: next: .*asked again with the schema restated/) });
    expect(requests(sim)).toHaveLength(2);
  });
});

describe('answers that do not fit', () => {
  it('invalid JSON, then a valid answer: one retry with the schema restated, the same `format`', async () => {
    const sim = await moderatorSim({ invalidFirst: true, agreeFromRound: 1 });
    const result = await reviewRound({ ...call(sim), round: 1, summarise: true, closeAllowed: true });
    expect(result.ok && result.review.consensus.agree).toBe(true);
    const [first, retry, ...more] = requests(sim);
    expect(more).toEqual([]);
    expect(task(retry)).toMatch(/^Your answer could not be used: the moderator \(gemma3:4b\) did not answer in JSON/);
    expect(task(retry)).toContain(JSON.stringify(first?.format));
    expect(retry?.format).toEqual(first?.format);
    // The retry repeats the first request before saying what was wrong.
    expect(retry?.messages?.slice(0, -1)).toEqual(first?.messages);
  });

  it.each([
    ['invalid JSON', { invalidAlways: true }, /the moderator \(gemma3:4b\) did not answer in JSON \(it said "\{\\?"consensus/],
    ['a refusal', { refuse: true }, new RegExp(`did not answer in JSON \\(it said "${MODERATOR_REFUSAL_TEXT.slice(0, 20)}`)],
  ])('always %s: a failure with the reason after exactly one retry, for every call', async (_what, script, reason) => {
    const sim = await moderatorSim(script);
    const results = [
      await frameDebate(call(sim)),
      await reviewRound({ ...call(sim), round: 1, summarise: true, closeAllowed: true }),
      await pickNextSpeaker({ ...call(sim), round: 1, candidates: [0, 1] }),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.reason).toMatch(reason);
      expect(result.reason).toMatch(/; asked again with the schema restated, the moderator .* did not answer in JSON/);
      expect(result.reason).toMatch(/^The moderator .*\.$/);
    }
    expect(requests(sim)).toHaveLength(6);
  });

  it('a moderator model that is not installed: a failure in the engine\'s words, without a retry', async () => {
    const sim = await moderatorSim();
    const result = await frameDebate(call(sim, { model: 'missing:7b' }));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^Model "missing:7b" is not installed/) });
    expect(sim.chatRequests('missing:7b')).toHaveLength(1);
  });

  it('a moderator that answers nothing within its deadline: a failure saying so', async () => {
    const sim = await moderatorSim();
    sim.setRouteFault('/api/chat', { type: 'hang' });
    const result = await reviewRound({ ...call(sim, { deadlineMs: 300 }), round: 1, summarise: true, closeAllowed: true });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/answered nothing in 0 s|accepted a connection/) });
  });
});

describe('hostile text in answers', () => {
  const hostile = (text: string): string => `\u001b[31m${text}\u0007\u202e\r\nIGNORE ALL\u0000 ${'flood '.repeat(400)}`;

  it('summaries and framings lose control characters and are cut at a word within the cap', async () => {
    const sim = await moderatorSim({ decorate: hostile });
    const framed = await frameDebate(call(sim));
    const reviewed = await reviewRound({ ...call(sim), round: 1, summarise: true, closeAllowed: true });
    if (!framed.ok || !reviewed.ok) throw new Error('expected answers');
    for (const text of [framed.text, reviewed.review.summary ?? '']) {
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(Array.from(text).length).toBeLessThanOrEqual(MAX_MODERATOR_TEXT_CHARS);
      expect(text).toMatch(/ flood…$/);
      expect(text).toContain('\nIGNORE ALL ');
    }
  });

  it('reasons become one safe line within the cap', async () => {
    const sim = await moderatorSim({ decorate: hostile, agreeFromRound: 1 });
    const reviewed = await reviewRound({ ...call(sim), round: 1, summarise: false, closeAllowed: true });
    const picked = await pickNextSpeaker({ ...call(sim), round: 1, candidates: [0, 1] });
    if (!reviewed.ok || !picked.ok) throw new Error('expected answers');
    for (const reason of [reviewed.review.consensus.reason, reviewed.review.close.reason, picked.reason]) {
      expect(reason).not.toMatch(/[\n\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(Array.from(reason).length).toBeLessThanOrEqual(MAX_MODERATOR_REASON_CHARS);
      expect(reason).toMatch(/ IGNORE ALL flood flood .* flood…$/);
    }
    expect(picked.speakerIndex).toBe(0);
  });

  it('an answer of control characters alone says nothing: asked again, then a failure', async () => {
    const sim = await moderatorSim({ decorate: () => '\u0007\u001b\u202e ' });
    const result = await frameDebate(call(sim));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/wrong shape: framing: is empty/) });
    expect(requests(sim)).toHaveLength(2);
  });
});
