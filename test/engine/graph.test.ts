import { describe, expect, it } from 'vitest';
import { Command, END, MemorySaver } from '@langchain/langgraph';
import { debateGraph, RECURSION_LIMIT } from '../../engine/graph/graph';
import { applyModeratorReply, MAX_NOTE_CHARS, moderatorReplyProblem, type ModeratorReply } from '../../engine/graph/moderator';
import { withRunContext, type RunContext } from '../../engine/graph/run-context';
import { MODERATOR_NODE, routeAfterTurn, routeFromModerator, speakerNodeName, standingOf, type RoutingState } from '../../engine/graph/routing';
import { upsertTurns, type DebateSpeaker, type DebateStateValue } from '../../engine/graph/state';
import { DEFAULT_CONTEXT_WINDOW, MAX_SPEAKERS, MAX_TOTAL_EXCHANGES } from '../../engine/limits';
import { joinTokens } from '../../engine/session';
import { advance, positionAfter, ROUND_ROBIN } from '../../engine/turn-order';
import type { DebateEvent } from '../../engine/types';
import { ADA, BOB, CY, makeNote, makeTurn } from './fixtures';
import { ContextWindows } from '../../engine/context-window';
import { OllamaBackend } from '../../engine/ollama-backend';

const SPEAKERS = [ADA, BOB, CY];
/** Speakers as the graph state keeps them, each with its tone's prompt. */
const recorded = (list: typeof SPEAKERS): DebateSpeaker[] => list.map((speaker) => ({ ...speaker, tonePrompt: `You are ${speaker.tone}.` }));

const at = (round: number, position: number, exchanges = 2): RoutingState => ({
  halt: null, round, position, exchanges, awaitingModerator: false, order: ROUND_ROBIN, speakers: recorded(SPEAKERS),
  turns: [], redo: null, aiModerator: null, closingStatements: false, framed: false, reviewedRound: 0, stopOn: {}, endJudge: null, judgedAt: -1,
});

describe('routeFromModerator', () => {
  it('sends the debate to whoever is next', () => {
    expect(routeFromModerator(at(1, 0))).toBe(speakerNodeName(0));
    expect(routeFromModerator(at(1, 2))).toBe(speakerNodeName(2));
    expect(routeFromModerator(at(2, 1))).toBe('speaker_2');
  });

  it('ends once the last planned exchange is over', () => {
    expect(routeFromModerator(at(2, 0, 2))).toBe(speakerNodeName(0));
    expect(routeFromModerator(at(3, 0, 2))).toBe(END);
  });

  it('ends at once when a turn or the moderator halted the debate, whatever is left', () => {
    expect(routeFromModerator({ ...at(1, 1, 5), halt: { outcome: 'stopped', reason: 'user' } })).toBe(END);
    expect(routeFromModerator({ ...at(1, 0, 5), halt: { outcome: 'complete', reason: 'moderator' } })).toBe(END);
  });
});

describe('routeAfterTurn', () => {
  it('goes straight on to the next speaker, or the end, when nobody asked for the moderator', () => {
    expect(routeAfterTurn(at(1, 1))).toBe(speakerNodeName(1));
    expect(routeAfterTurn(at(3, 0, 2))).toBe(END);
    expect(routeAfterTurn({ ...at(1, 1), halt: { outcome: 'stopped', reason: 'user' } })).toBe(END);
  });

  it('goes to the moderator when the person asked for a pause, even after the last exchange', () => {
    expect(routeAfterTurn({ ...at(1, 1), awaitingModerator: true })).toBe(MODERATOR_NODE);
    expect(routeAfterTurn({ ...at(3, 0, 2), awaitingModerator: true })).toBe(MODERATOR_NODE);
  });
});

describe('advance', () => {
  it('goes to the next speaker within the round, then to the first of the next round', () => {
    expect(advance({ round: 1, position: 0 }, 3)).toEqual({ round: 1, position: 1 });
    expect(advance({ round: 1, position: 1 }, 3)).toEqual({ round: 1, position: 2 });
    expect(advance({ round: 1, position: 2 }, 3)).toEqual({ round: 2, position: 0 });
  });

  it('moves a single speaker to the next round every turn', () => {
    expect(advance({ round: 4, position: 0 }, 1)).toEqual({ round: 5, position: 0 });
  });
});

describe('standingOf', () => {
  const state = { halt: null, round: 2, exchanges: 3 };

  it('is paused while the moderator node waits for the person, whatever else holds', () => {
    expect(standingOf(state, [MODERATOR_NODE], true)).toEqual({ outcome: 'paused', stopReason: null });
    expect(standingOf({ ...state, halt: { outcome: 'stopped', reason: 'user' } }, [MODERATOR_NODE], true).outcome).toBe('paused');
  });

  it('takes a halt as it is', () => {
    expect(standingOf({ ...state, halt: { outcome: 'stopped', reason: 'user' } }, [], false)).toEqual({ outcome: 'stopped', stopReason: 'user' });
    expect(standingOf({ ...state, halt: { outcome: 'complete', reason: 'moderator' } }, [], false)).toEqual({ outcome: 'complete', stopReason: 'moderator' });
    const error = { kind: 'http' as const, message: 'HTTP 500' };
    expect(standingOf({ ...state, halt: { outcome: 'failed', reason: 'error', error } }, [], false)).toEqual({ outcome: 'failed', stopReason: 'error' });
    expect(standingOf({ ...state, halt: { outcome: 'interrupted', reason: null } }, [], false)).toEqual({ outcome: 'interrupted', stopReason: null });
  });

  it('is complete by the exchange count when nothing is left to run, interrupted when something is', () => {
    expect(standingOf({ ...state, round: 4 }, [], false)).toEqual({ outcome: 'complete', stopReason: 'exchanges' });
    expect(standingOf(state, [speakerNodeName(1)], false)).toEqual({ outcome: 'interrupted', stopReason: null });
  });
});

describe('moderatorReplyProblem', () => {
  const waiting = { speakers: recorded(SPEAKERS), round: 2, position: 1, order: ROUND_ROBIN };

  it('accepts an empty reply, a note, a next speaker, an end and exchanges in range', () => {
    const replies: ModeratorReply[] = [{}, { note: 'Be brief.' }, { nextSpeaker: 2 }, { end: true }, { exchanges: 2 }, { exchanges: MAX_TOTAL_EXCHANGES }];
    for (const reply of replies) expect(moderatorReplyProblem(reply, waiting)).toBeNull();
    expect(moderatorReplyProblem({ note: 'x'.repeat(MAX_NOTE_CHARS) }, waiting)).toBeNull();
  });

  it('refuses a note over the limit', () => {
    expect(moderatorReplyProblem({ note: 'x'.repeat(MAX_NOTE_CHARS + 1) }, waiting)).toContain(`${MAX_NOTE_CHARS} characters`);
  });

  it('refuses fewer exchanges than have begun, more than the most, or not a whole number', () => {
    expect(moderatorReplyProblem({ exchanges: 1 }, waiting)).toContain('from 2');
    expect(moderatorReplyProblem({ exchanges: MAX_TOTAL_EXCHANGES + 1 }, waiting)).toContain(`to ${MAX_TOTAL_EXCHANGES}`);
    expect(moderatorReplyProblem({ exchanges: 2.5 }, waiting)).not.toBeNull();
    expect(moderatorReplyProblem({ exchanges: 0 }, { ...waiting, round: 1, position: 0 })).toContain('from 1');
  });

  it('lets the exchanges end with the last finished round when the next one has not begun', () => {
    // Round 3 not begun (its first speaker is next): 2 exchanges means "stop here".
    expect(moderatorReplyProblem({ exchanges: 2 }, { ...waiting, round: 3, position: 0 })).toBeNull();
    // ...unless someone is chosen to speak next, which begins round 3.
    expect(moderatorReplyProblem({ exchanges: 2, nextSpeaker: 1 }, { ...waiting, round: 3, position: 0 })).toContain('from 3');
  });

  it('refuses a next speaker who is not one of the speakers', () => {
    for (const nextSpeaker of [-1, 3, 1.5]) expect(moderatorReplyProblem({ nextSpeaker }, waiting)).toContain('one of the 3 speakers');
  });
});

describe('applyModeratorReply', () => {
  const note = { id: 'm1', createdAt: '2025-01-01T00:00:00.000Z' };
  const inRound = { round: 1, order: ROUND_ROBIN, speakers: recorded(SPEAKERS) };

  it('records a trimmed note as a moderator turn of the current exchange, and stops waiting', () => {
    const turn = { kind: 'moderator', id: 'm1', exchange: 2, text: 'Talk about price.', createdAt: note.createdAt };
    expect(applyModeratorReply({ ...inRound, round: 2 }, { note: '  Talk about price.  ' }, note)).toEqual({ update: { awaitingModerator: false, turns: [turn] }, note: turn });
  });

  it('records nothing for an empty or blank note, and still stops waiting', () => {
    expect(applyModeratorReply(inRound, {}, note)).toEqual({ update: { awaitingModerator: false }, note: null });
    expect(applyModeratorReply(inRound, { note: '   ' }, note)).toEqual({ update: { awaitingModerator: false }, note: null });
  });

  it('sets the exchanges, the next speaker and the end as asked', () => {
    expect(applyModeratorReply(inRound, { exchanges: 5, nextSpeaker: 2 }, note).update).toEqual({ awaitingModerator: false, exchanges: 5, position: 2 });
    expect(applyModeratorReply(inRound, { end: true }, note).update).toEqual({ awaitingModerator: false, halt: { outcome: 'complete', reason: 'moderator' } });
    expect(applyModeratorReply(inRound, { end: false }, note).update).toEqual({ awaitingModerator: false });
  });
});

describe('upsertTurns', () => {
  const [a, b, c] = [makeTurn(0, SPEAKERS, 'a'), makeTurn(1, SPEAKERS, 'b'), makeTurn(2, SPEAKERS, 'c')];

  it('appends new turns in order', () => {
    expect(upsertTurns([a], [b, c]).map((t) => t.id)).toEqual(['t0', 't1', 't2']);
    expect(upsertTurns([], [makeNote('m1', 1, 'hi')])).toEqual([makeNote('m1', 1, 'hi')]);
  });

  it('replaces a turn with the same id where it stands, without touching the earlier array', () => {
    const before = [a, b, c];
    const redone = { ...b, text: 'b again', alternatives: [{ text: 'b', status: 'complete' as const, metrics: b.metrics }] };
    const after = upsertTurns(before, [redone]);
    expect(after.map((t) => t.text)).toEqual(['a', 'b again', 'c']);
    expect(after[1]).toBe(redone);
    expect(before.map((t) => t.text)).toEqual(['a', 'b', 'c']);
  });

  it('handles a replacement and a new turn in one update', () => {
    expect(upsertTurns([a, b], [{ ...a, text: 'a2' }, c]).map((t) => t.text)).toEqual(['a2', 'b', 'c']);
  });
});

describe('positionAfter', () => {
  it('starts at the first speaker of the first exchange', () => {
    expect(positionAfter([], 2)).toEqual({ round: 1, position: 0 });
    expect(positionAfter([makeNote('m1', 1, 'Open with price.')], 2)).toEqual({ round: 1, position: 0 });
  });

  it('goes on after the last complete turn', () => {
    const turns = [makeTurn(0, SPEAKERS, 'a'), makeTurn(1, SPEAKERS, 'b')];
    expect(positionAfter(turns, 3)).toEqual({ round: 1, position: 2 });
    expect(positionAfter([...turns, makeTurn(2, SPEAKERS, 'c')], 3)).toEqual({ round: 2, position: 0 });
  });

  it('gives a stopped, failed or cut-off turn back to its speaker', () => {
    const turns = [makeTurn(0, SPEAKERS, 'a'), makeTurn(1, SPEAKERS, 'b', { status: 'stopped' })];
    expect(positionAfter(turns, 3)).toEqual({ round: 1, position: 1 });
    expect(positionAfter([makeTurn(0, SPEAKERS, '', { status: 'failed' })], 3)).toEqual({ round: 1, position: 0 });
  });

  it('looks past moderator notes to the last speaker turn', () => {
    const turns = [makeTurn(0, [ADA, BOB], 'a'), makeTurn(1, [ADA, BOB], 'b'), makeNote('m1', 2, 'Now costs.')];
    expect(positionAfter(turns, 2)).toEqual({ round: 2, position: 0 });
  });
});

describe('joinTokens', () => {
  const token = (turnId: string, text: string): DebateEvent => ({ type: 'token', turnId, text });

  it('joins adjacent tokens of the same turn only', () => {
    expect(joinTokens(token('a1', 'Hel'), token('a1', 'lo'))).toEqual(token('a1', 'Hello'));
    expect(joinTokens(token('a1', 'a'), token('b2', 'b'))).toBeNull();
    expect(joinTokens({ type: 'models-loading', models: [] }, token('a1', 'b'))).toBeNull();
    expect(joinTokens(token('a1', 'a'), { type: 'warning', message: 'not saved' })).toBeNull();
  });
});

describe('the compiled debate graph', () => {
  it('is compiled once per speaker count and checkpointer, and reused', () => {
    const saver = new MemorySaver();
    const two = debateGraph(2, saver);
    expect(debateGraph(2, saver)).toBe(two);
    expect(debateGraph(3, saver)).not.toBe(two);
    expect(debateGraph(3, saver)).toBe(debateGraph(3, saver));
    expect(debateGraph(2, new MemorySaver())).not.toBe(two);
  });

  it('allows as many steps as the longest debate takes (two nodes per turn)', () => {
    expect(RECURSION_LIMIT).toBeGreaterThanOrEqual(2 * MAX_SPEAKERS * MAX_TOTAL_EXCHANGES);
  });

  // The moderator node needs no model: seed a thread as a speaker would leave it, and drive the node through interrupt() and Command.
  const speakers = recorded([ADA, BOB]);
  /** A run context whose signal is already aborted: a speaker node that is reached halts at once, before any request. */
  const stoppedRun: RunContext = {
    defaultHost: 'http://127.0.0.1:9',
    speakerBackend: () => new OllamaBackend('http://127.0.0.1:9', new ContextWindows(DEFAULT_CONTEXT_WINDOW), 1000),
    calibrations: new Map(),
    firstTokenTimeoutMs: 1000,
    stallTimeoutMs: 1000,
    maxReplyChars: 1000,
    signal: AbortSignal.abort(),
    emit: () => undefined,
    saveVerdict: () => undefined,
    takePauseRequest: () => false,
  };

  async function waitingThread(threadId: string) {
    const graph = debateGraph(2, new MemorySaver());
    const config = { configurable: { thread_id: threadId } };
    const first = makeTurn(0, [ADA, BOB], 'Coffee wins.');
    await graph.updateState(config, { topic: 'Tea?', speakers, exchanges: 2, round: 1, position: 1, turns: [first], awaitingModerator: true }, speakerNodeName(0));
    expect((await graph.getState(config)).next).toEqual([MODERATOR_NODE]);
    await graph.invoke(null, { ...withRunContext(threadId, stoppedRun), recursionLimit: RECURSION_LIMIT });
    return { graph, config };
  }

  it('waits at the moderator node with interrupt() when a speaker asked for the moderator', async () => {
    const { graph, config } = await waitingThread('wait');
    const snapshot = await graph.getState(config);
    expect(snapshot.next).toEqual([MODERATOR_NODE]);
    expect(snapshot.tasks.flatMap((task) => task.interrupts.map((i) => i.value))).toEqual([{ round: 1, nextSpeaker: 1 }]);
  });

  it("applies the moderator's reply on resume: a note and an end halt the debate without another turn", async () => {
    const { graph, config } = await waitingThread('end');
    const updates: string[] = [];
    const reply: ModeratorReply = { note: 'Thank you both.', end: true };
    for await (const chunk of await graph.stream(new Command({ resume: reply }), { ...withRunContext('end', stoppedRun), streamMode: 'updates', recursionLimit: RECURSION_LIMIT })) {
      updates.push(...Object.keys(chunk));
    }
    expect(updates).toEqual([MODERATOR_NODE]);
    const snapshot = await graph.getState(config);
    const values = snapshot.values as DebateStateValue;
    expect(snapshot.next).toEqual([]);
    expect(values.halt).toEqual({ outcome: 'complete', reason: 'moderator' });
    expect(values.awaitingModerator).toBe(false);
    expect(values.turns.map((t) => [t.kind, t.text])).toEqual([['speaker', 'Coffee wins.'], ['moderator', 'Thank you both.']]);
    expect(standingOf(values, snapshot.next, false)).toEqual({ outcome: 'complete', stopReason: 'moderator' });
  });

  it('routes to the chosen next speaker on resume', async () => {
    const { graph } = await waitingThread('next');
    const updates: string[] = [];
    for await (const chunk of await graph.stream(new Command({ resume: { nextSpeaker: 0 } }), { ...withRunContext('next', stoppedRun), streamMode: 'updates', recursionLimit: RECURSION_LIMIT })) {
      updates.push(...Object.keys(chunk));
    }
    // Ada (speaker_1) was chosen over Bob, who was due; the aborted run then halts her turn before any request.
    expect(updates).toEqual([MODERATOR_NODE, speakerNodeName(0)]);
  });

  it('goes from a turn straight to the next speaker when nobody asked for the moderator, and ends after the last exchange', async () => {
    const graph = debateGraph(2, new MemorySaver());
    const config = { configurable: { thread_id: 'done' } };
    const turns = [0, 1, 2].map((i) => makeTurn(i, [ADA, BOB], `t${i}`));
    await graph.updateState(config, { topic: 'Tea?', speakers, exchanges: 2, round: 2, position: 1, turns }, speakerNodeName(0));
    expect((await graph.getState(config)).next).toEqual([speakerNodeName(1)]);
    await graph.updateState(config, { turns: [makeTurn(3, [ADA, BOB], 't3')], round: 3, position: 0 }, speakerNodeName(1));
    const snapshot = await graph.getState(config);
    expect(snapshot.next).toEqual([]);
    expect(snapshot.tasks.flatMap((task) => task.interrupts)).toEqual([]);
    expect(standingOf(snapshot.values as DebateStateValue, snapshot.next, false)).toEqual({ outcome: 'complete', stopReason: 'exchanges' });
  });
});
