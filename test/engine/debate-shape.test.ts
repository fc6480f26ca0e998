// A debate's shape against the Ollama simulator: simultaneous and moderator-picked rounds, the
// AI moderator's framing, summaries and early close, the consensus and embedding-repetition
// stops, closing statements with their vote, and the judge's verdict at the end. Judged by the events, the transcript and the
// exact requests each model received.
import { describe, expect, it } from 'vitest';
import { closingRequest, tallyVotes } from '../../engine/closing';
import { DebateSessions } from '../../engine/session';
import { MemoryDebateStore } from '../../engine/store';
import type { DebateEvent, ModeratorTurn, SpeakerConfig, Turn } from '../../engine/types';
import { scriptedJudge } from '../simulator/judge-script';
import { scriptedModerator } from '../simulator/moderator-script';
import type { ChatRequestBody, OllamaSimulator, SimModel } from '../simulator/ollama-simulator';
import { chatBody, collect, collectRun, debate, errorsOf, simulator, speakerTurns, transcriptOf, until } from './simulated-debate';

const ADA: SpeakerConfig = { name: 'Ada', model: 'alpha:1b', tone: 'Cynic' };
const BOB: SpeakerConfig = { name: 'Bob', model: 'beta:1b', tone: 'Polite' };
const CY: SpeakerConfig = { name: 'Cy', model: 'gamma:1b', tone: 'Rational' };

/** Every reply new and recognisable: "<label> reply <n> (<answer>)" for a turn, two lines for a closing statement. */
function speaker(name: string, label: string, answer = 'Yes'): SimModel {
  let count = 0;
  return {
    name,
    reply: (request: ChatRequestBody) => {
      const last = request.messages?.at(-1)?.content ?? '';
      if (last.startsWith(closingRequest(label, 'Is tea better than coffee?').slice(0, 20)) || last.includes('Position:')) {
        return `**Position:** ${label} stands firm on point ${count}.\nAnswer: ${answer}.`;
      }
      return `${label} reply ${++count} about a wholly separate matter number ${count * 7} in its own words ${label.repeat(count)}.`;
    },
  };
}

const MODERATOR = 'judge:2b';

/** The chat requests (model loads left out) a model received, oldest first. */
function requestsTo(sim: OllamaSimulator, model: string): ChatRequestBody[] {
  return sim.chatRequests(model).map((request) => chatBody(request.body)).filter((body) => (body.messages?.length ?? 0) > 0);
}

/** What a request carries, as one text. */
function textOf(body: ChatRequestBody): string {
  return (body.messages ?? []).map((message) => message.content).join('\n');
}

const moderatorTurns = (turns: readonly Turn[]): ModeratorTurn[] => turns.filter((turn): turn is ModeratorTurn => turn.kind === 'moderator');

describe('a simultaneous order', () => {
  it('runs every speaker of a round at once, each hearing only earlier rounds (a blind first round)', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob'), speaker('gamma:1b', 'Cy')], tokenDelayMs: 3 });
    const events = await collect(debate(sim, [ADA, BOB, CY], { exchanges: 2, order: { kind: 'simultaneous' } }));
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'exchanges', order: { kind: 'simultaneous' } });
    const turns = speakerTurns(transcript.turns);
    expect(turns.map((turn) => turn.exchange)).toEqual([1, 1, 1, 2, 2, 2]);
    // All three started before the first one ended: they ran at once.
    const firstEnd = events.findIndex((event) => event.type === 'turn-end');
    expect(events.slice(0, firstEnd).filter((event) => event.type === 'turn-start')).toHaveLength(3);
    for (const [model, label] of [['alpha:1b', 'Ada'], ['beta:1b', 'Bob'], ['gamma:1b', 'Cy']] as const) {
      const [opening, second] = requestsTo(sim, model);
      // Round 1: nobody else's opening; round 2: everybody's round 1, and still nothing of round 2.
      for (const other of ['Ada', 'Bob', 'Cy'].filter((name) => name !== label)) {
        expect(textOf(opening!)).not.toContain(`${other} reply`);
        expect(textOf(second!)).toContain(`${other} reply 1`);
        expect(textOf(second!)).not.toContain(`${other} reply 2`);
      }
    }
  });

  it('runs only the speakers still owed a reply when a stopped round is continued', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), { name: 'beta:1b', reply: 'Bob says a great deal '.repeat(60) }], tokenDelayMs: 4 });
    const debates = new DebateSessions(new MemoryDebateStore());
    const stop = new AbortController();
    const run = debates.start(debate(sim, [ADA, BOB], { exchanges: 1, order: { kind: 'simultaneous' } }), { signal: stop.signal });
    const seen: DebateEvent[] = [];
    for await (const event of run.events) {
      seen.push(event);
      // Stop once Ada has finished and Bob is still talking.
      if (event.type === 'turn-end' && event.turn.kind === 'speaker' && event.turn.speaker === 'Ada') stop.abort();
    }
    const stopped = transcriptOf(seen);
    expect(stopped.outcome).toBe('stopped');
    expect(speakerTurns(stopped.turns).map((turn) => [turn.speaker, turn.status])).toEqual([['Ada', 'complete'], ['Bob', 'stopped']]);
    const adaAsked = requestsTo(sim, 'alpha:1b').length;
    const resumed = transcriptOf(await collectRun(debates.continue(run.id, undefined)));
    expect(resumed.outcome).toBe('complete');
    expect(speakerTurns(resumed.turns).filter((turn) => turn.status === 'complete').map((turn) => turn.speaker)).toEqual(['Ada', 'Bob']);
    expect(requestsTo(sim, 'alpha:1b')).toHaveLength(adaAsked);
  });
});

describe('an AI moderator', () => {
  it('frames the question, summarises each round, and is never mistaken for a speaker', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob'), scriptedModerator({ name: MODERATOR })] });
    const events = await collect(debate(sim, [ADA, BOB], { exchanges: 2, moderator: { model: MODERATOR } }));
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'exchanges', moderator: { model: MODERATOR } });
    const notes = moderatorTurns(transcript.turns);
    expect(notes.map((note) => [note.ai?.purpose, note.exchange])).toEqual([['framing', 1], ['summary', 1], ['summary', 2]]);
    expect(transcript.turns[0]).toMatchObject({ kind: 'moderator', ai: { model: MODERATOR, purpose: 'framing' } });
    expect(transcript.turns.map((turn) => (turn.kind === 'speaker' ? turn.speaker : turn.ai?.purpose))).toEqual(['framing', 'Ada', 'Bob', 'summary', 'Ada', 'Bob', 'summary']);
    // Speakers hear the framing and the summaries as the moderator's.
    const bobSecond = requestsTo(sim, 'beta:1b')[1]!;
    expect(textOf(bobSecond)).toContain(`Moderator: ${notes[1]!.text}`);
    const activities = events.flatMap((event) => (event.type === 'moderator-start' ? [`${event.activity} ${event.round}`] : []));
    expect(activities).toEqual(['framing 1', 'review 1', 'review 2']);
  });

  it('closes the debate early with its reason, as a moderator turn and the stop note', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob'), scriptedModerator({ name: MODERATOR, closeFromRound: 1 })] });
    const transcript = transcriptOf(await collect(debate(sim, [ADA, BOB], { exchanges: 4, moderator: { model: MODERATOR } })));
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'moderator' });
    expect(transcript.stopNote).toMatch(/closed the debate/);
    expect(speakerTurns(transcript.turns)).toHaveLength(2);
    expect(moderatorTurns(transcript.turns).at(-1)).toMatchObject({ ai: { purpose: 'closing' }, exchange: 1 });
  });

  it('warns and lets the debate go on when its model answers nothing usable', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob'), scriptedModerator({ name: MODERATOR, invalidAlways: true })] });
    const events = await collect(debate(sim, [ADA, BOB], { exchanges: 2, moderator: { model: MODERATOR } }));
    expect(transcriptOf(events)).toMatchObject({ outcome: 'complete', stopReason: 'exchanges' });
    expect(speakerTurns(transcriptOf(events).turns)).toHaveLength(4);
    const warnings = events.flatMap((event) => (event.type === 'warning' ? [event.message] : []));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/AI moderator \(judge:2b\) could not frame the question: .+ The debate goes on\./);
  });

  it('is loaded with the speakers: a missing moderator model is said before any turn', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob')] });
    const events = await collect(debate(sim, [ADA, BOB], { moderator: { model: 'absent:7b' } }));
    expect(errorsOf(events)).toEqual([expect.objectContaining({ kind: 'model-missing', model: 'absent:7b' })]);
    expect(events.some((event) => event.type === 'turn-start')).toBe(false);
  });
});

describe('a moderator order', () => {
  it('lets the AI moderator pick who speaks next among those yet to speak, and records its picks', async () => {
    // The moderator always picks the last candidate it is offered: Cy, Bob, Ada each round.
    const pickLast = (candidates: readonly string[]) => candidates.at(-1) ?? '';
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob'), speaker('gamma:1b', 'Cy'), scriptedModerator({ name: MODERATOR, pick: pickLast })] });
    const events = await collect(debate(sim, [ADA, BOB, CY], { exchanges: 2, order: { kind: 'moderator' }, moderator: { model: MODERATOR } }));
    const transcript = transcriptOf(events);
    expect(speakerTurns(transcript.turns).map((turn) => turn.speaker)).toEqual(['Cy', 'Bob', 'Ada', 'Cy', 'Bob', 'Ada']);
    // Two picks a round: the last speaker of a round is the only one left, and is not asked about.
    expect(transcript.order).toEqual({ kind: 'moderator', picks: [[2, 1], [2, 1]] });
    const picks = requestsTo(sim, MODERATOR).filter((body) => JSON.stringify(body.format).includes('"next"'));
    expect(picks).toHaveLength(4);
  });

  it('is refused without an AI moderator, before anything is asked', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob')] });
    const events = await collect(debate(sim, [ADA, BOB], { order: { kind: 'moderator' } }));
    expect(errorsOf(events)).toEqual([expect.objectContaining({ kind: 'invalid-config', field: 'order.kind' })]);
    expect(sim.chatRequests()).toHaveLength(0);
  });
});

describe('the consensus stop', () => {
  it('ends the debate after the round the AI moderator finds the speakers agree in', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob'), scriptedModerator({ name: MODERATOR, agreeFromRound: 2 })] });
    const transcript = transcriptOf(await collect(debate(sim, [ADA, BOB], { exchanges: 5, moderator: { model: MODERATOR }, stopOn: { consensus: {} } })));
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'consensus' });
    expect(transcript.stopNote).toMatch(/^judge:2b finds the speakers agree: /);
    expect(speakerTurns(transcript.turns)).toHaveLength(4);
  });

  it('asks the consensus model alone when there is no AI moderator: no summaries, no framing', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob'), scriptedModerator({ name: MODERATOR, agreeFromRound: 1 })] });
    const transcript = transcriptOf(await collect(debate(sim, [ADA, BOB], { exchanges: 3, stopOn: { consensus: { model: MODERATOR } } })));
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'consensus' });
    expect(moderatorTurns(transcript.turns)).toEqual([]);
    expect(speakerTurns(transcript.turns)).toHaveLength(2);
  });

  it('agreement found without the consensus stop ends nothing', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob'), scriptedModerator({ name: MODERATOR, agreeFromRound: 1 })] });
    const transcript = transcriptOf(await collect(debate(sim, [ADA, BOB], { exchanges: 2, moderator: { model: MODERATOR } })));
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'exchanges' });
  });
});

describe('closing statements', () => {
  it('end the debate with each speaker’s position and answer, tallied as a vote, none hearing another’s', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada', 'Yes'), speaker('beta:1b', 'Bob', 'yes'), speaker('gamma:1b', 'Cy', 'No')] });
    const transcript = transcriptOf(await collect(debate(sim, [ADA, BOB, CY], { exchanges: 1, closingStatements: true })));
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'exchanges', closingStatements: true });
    const closings = speakerTurns(transcript.turns).filter((turn) => turn.closing !== undefined);
    expect(closings.map((turn) => [turn.speaker, turn.exchange, turn.closing?.answer])).toEqual([['Ada', 1, 'Yes.'], ['Bob', 1, 'yes.'], ['Cy', 1, 'No.']]);
    expect(closings[0]!.closing!.position).toBe('Ada stands firm on point 1.');
    const cyClosing = requestsTo(sim, 'gamma:1b').at(-1)!;
    expect(cyClosing.messages?.at(-1)?.content).toBe(closingRequest('Cy', 'Is tea better than coffee?'));
    expect(textOf(cyClosing)).not.toContain('Ada stands firm');
    expect(tallyVotes(transcript.turns, transcript.speakers).majority).toBe('Yes.');
  });

  it('follow an early end, and a continued debate closes again after its new rounds', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob'), scriptedModerator({ name: MODERATOR, closeFromRound: 1 })] });
    const debates = new DebateSessions(new MemoryDebateStore());
    const run = debates.start(debate(sim, [ADA, BOB], { exchanges: 3, moderator: { model: MODERATOR }, closingStatements: true }));
    const first = transcriptOf(await collectRun(run));
    expect(first).toMatchObject({ outcome: 'complete', stopReason: 'moderator' });
    expect(speakerTurns(first.turns).map((turn) => (turn.closing ? `${turn.speaker} closes` : turn.speaker))).toEqual(['Ada', 'Bob', 'Ada closes', 'Bob closes']);
  });
});

describe('the repetition stop by embedding similarity', () => {
  it('ends the debate when a speaker says again what it said, as Ollama’s embeddings find it', async () => {
    const sim = await simulator({
      models: [{ name: 'alpha:1b', reply: 'Tea is calmer, cheaper and kinder to the stomach than coffee will ever be for most people.' }, speaker('beta:1b', 'Bob'), { name: 'embed:1', embedding: true }],
    });
    const transcript = transcriptOf(await collect(debate(sim, [ADA, BOB], { exchanges: 4, stopOn: { repetition: { threshold: 0.92, ngram: 3, embedModel: 'embed:1' } } })));
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'repetition' });
    expect(speakerTurns(transcript.turns)).toHaveLength(3);
    expect(transcript.stopNote).toMatch(/Ada/);
    expect(sim.requests.some((request) => request.path === '/api/embed')).toBe(true);
  });

  it('says before any turn that the embedding model is missing, or is not one', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob')] });
    for (const [embedModel, kind] of [['absent-embed', 'model-missing'], ['beta:1b', 'invalid-config']] as const) {
      const events = await collect(debate(sim, [ADA, BOB], { exchanges: 2, stopOn: { repetition: { threshold: 0.92, ngram: 3, embedModel } } }));
      expect(errorsOf(events)).toEqual([expect.objectContaining({ kind })]);
      expect(errorsOf(events)[0]?.message).toContain(embedModel);
      expect(events.some((event) => event.type === 'turn-start')).toBe(false);
    }
  });

  it('warns and goes on when Ollama can not embed mid-debate', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob'), { name: 'embed:1', embedding: true }] });
    const run = collect(debate(sim, [ADA, BOB], { exchanges: 3, stopOn: { repetition: { threshold: 0.92, ngram: 3, embedModel: 'embed:1' } } }));
    // Once the debate is under way the embedding model disappears.
    await until(() => sim.chatRequests('beta:1b').length > 1);
    sim.removeModel('embed:1');
    const events = await run;
    expect(transcriptOf(events)).toMatchObject({ outcome: 'complete', stopReason: 'exchanges' });
    expect(events.some((event) => event.type === 'warning' && event.message.startsWith('Repetition could not be checked with embed:1'))).toBe(true);
  });
});

describe('a judge at the end', () => {
  const JUDGE = 'gemma3:4b';

  it('judges the debate once it has ended well, after the closing statements, and saves the verdict with it', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob'), scriptedJudge({ name: JUDGE, steps: ['valid'] })] });
    const debates = new DebateSessions(new MemoryDebateStore());
    const run = debates.start(debate(sim, [ADA, BOB], { exchanges: 1, closingStatements: true, judge: { model: JUDGE } }));
    const events = await collectRun(run);
    const transcript = transcriptOf(events);
    expect(transcript).toMatchObject({ outcome: 'complete', stopReason: 'exchanges', judge: { model: JUDGE } });
    expect(transcript.verdicts).toHaveLength(1);
    expect(transcript.verdicts![0]).toMatchObject({ judgeModel: JUDGE, turnsJudged: 4 });
    const kinds = events.map((event) => event.type);
    expect(kinds.indexOf('judge-start')).toBeGreaterThan(kinds.lastIndexOf('turn-end'));
    expect(events.find((event) => event.type === 'verdict')).toMatchObject({ verdict: { judgeModel: JUDGE } });
    // Saved with the debate: read back from the store.
    expect((await debates.transcript(run.id)).verdicts).toHaveLength(1);
    // Blind: no speaker or model name reached the judge.
    for (const request of requestsTo(sim, JUDGE)) {
      for (const leak of ['Ada', 'Bob', 'alpha', 'beta']) expect(textOf(request)).not.toContain(leak);
    }
    // Continued, it is judged again when it ends again.
    const again = transcriptOf(await collectRun(debates.continue(run.id, 1)));
    expect(again.verdicts).toHaveLength(2);
  });

  it('says why there is no verdict, and the debate stands as it ended', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob'), scriptedJudge({ name: JUDGE, steps: ['refusal'] })] });
    const events = await collect(debate(sim, [ADA, BOB], { exchanges: 1, judge: { model: JUDGE } }));
    expect(transcriptOf(events)).toMatchObject({ outcome: 'complete', stopReason: 'exchanges' });
    expect(transcriptOf(events).verdicts).toBeUndefined();
    const unavailable = events.find((event) => event.type === 'verdict-unavailable');
    expect(unavailable).toMatchObject({ model: JUDGE, reason: expect.stringMatching(/^verdict unavailable: /) });
  });

  it('does not judge a stopped debate, and a missing judge model is said before any turn', async () => {
    const sim = await simulator({ models: [speaker('alpha:1b', 'Ada'), { name: 'beta:1b', reply: 'Bob talks on '.repeat(80) }, scriptedJudge({ name: JUDGE, steps: ['valid'] })], tokenDelayMs: 3 });
    const stop = new AbortController();
    const run = new DebateSessions(new MemoryDebateStore()).start(debate(sim, [ADA, BOB], { exchanges: 2, judge: { model: JUDGE } }), { signal: stop.signal });
    const seen: DebateEvent[] = [];
    for await (const event of run.events) {
      seen.push(event);
      if (event.type === 'turn-start' && event.speaker === 'Bob') stop.abort();
    }
    expect(transcriptOf(seen).outcome).toBe('stopped');
    expect(seen.some((event) => event.type === 'judge-start')).toBe(false);
    expect(requestsTo(sim, JUDGE)).toHaveLength(0);
    const missing = await collect(debate(sim, [ADA, BOB], { judge: { model: 'absent-judge:1b' } }));
    expect(errorsOf(missing)).toEqual([expect.objectContaining({ kind: 'model-missing', model: 'absent-judge:1b' })]);
    expect(missing.some((event) => event.type === 'turn-start')).toBe(false);
  });
});
