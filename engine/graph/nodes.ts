// The graph's nodes. A speaker node streams one reply and records it; the
// moderator node waits for the person (LangGraph's interrupt) only when they
// asked to pause, so it never calls a model and re-running it on resume is free.
import { randomUUID } from 'node:crypto';
import { interrupt, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { streamTurn } from '../chat-turn';
import { buildSpeakerContext } from '../context';
import { findRepetition, repetitionNote } from '../repetition';
import { advance, previousSpeaker, speakerAt } from '../turn-order';
import { haltOnAbort } from './routing';
import type { SpeakerTurn, Turn, TurnReply } from '../types';
import { applyModeratorReply, type ModeratorPrompt, type ModeratorReply } from './moderator';
import { runContextOf } from './run-context';
import type { DebateStateUpdate, DebateStateValue, Halt } from './state';

export function newTurnId(): string {
  return randomUUID().slice(0, 8);
}

/** A turn's reply alone (its reasoning included), as kept among its alternatives. */
export function replyOf(turn: SpeakerTurn): TurnReply {
  const { text, status, metrics, note, thinking, thinkingMs } = turn;
  return {
    text,
    status,
    metrics,
    ...(note !== undefined && { note }),
    ...(thinking !== undefined && { thinking }),
    ...(thinkingMs !== undefined && { thinkingMs }),
  };
}

/** The turn being spoken again (Regenerate), if it is this speaker's. */
function turnToRedo(state: DebateStateValue, speakerIndex: number): { turn: SpeakerTurn; at: number } | null {
  if (state.redo === null) return null;
  const at = state.turns.findIndex((turn) => turn.id === state.redo);
  const turn: Turn | undefined = state.turns[at];
  return turn?.kind === 'speaker' && turn.speakerIndex === speakerIndex ? { turn, at } : null;
}

export function speakerNode(speakerIndex: number) {
  return async (state: DebateStateValue, config: LangGraphRunnableConfig): Promise<DebateStateUpdate> => {
    const run = runContextOf(config);
    if (run.signal.aborted) return { halt: haltOnAbort(run.signal) };
    const speaker = state.speakers[speakerIndex];
    if (speaker === undefined) throw new RangeError(`No speaker at index ${speakerIndex}`);
    const redo = turnToRedo(state, speakerIndex);
    const id = redo?.turn.id ?? newTurnId();
    const heard = redo === null ? state.turns : state.turns.slice(0, redo.at);
    const tone = { name: speaker.tone, prompt: speaker.tonePrompt };
    const { messages } = buildSpeakerContext({
      topic: state.topic, speakers: state.speakers, speakerIndex, tone, turns: heard, budgetChars: run.contextBudgetChars,
      ...(state.order.kind === 'reply' && { answering: answeredSpeaker(state, speakerIndex) }),
    });
    const heading = { speakerIndex, speaker: speaker.name, model: speaker.model, tone: speaker.tone, exchange: state.round };
    run.emit({ type: 'turn-start', turnId: id, ...heading });
    const { reply, error } = await streamTurn({
      speaker,
      host: speaker.host !== undefined && speaker.host.trim() !== '' ? speaker.host : run.defaultHost,
      messages,
      firstTokenTimeoutMs: run.firstTokenTimeoutMs,
      stallTimeoutMs: run.stallTimeoutMs,
      maxReplyChars: run.maxReplyChars,
      signal: run.signal,
      onToken: (text) => run.emit({ type: 'token', turnId: id, text }),
      onThinking: (text) => run.emit({ type: 'thinking', turnId: id, text }),
    });
    const alternatives = redo === null ? undefined : [...(redo.turn.alternatives ?? []), replyOf(redo.turn)];
    const turn: SpeakerTurn = { kind: 'speaker', id, ...heading, ...reply, ...(alternatives && { alternatives }) };
    run.emit({ type: 'turn-end', turn });
    // Only what changed is written: every channel written is a line in the checkpoint log.
    const update: DebateStateUpdate = { turns: [turn] };
    if (state.redo !== null) update.redo = null;
    if (error !== null) {
      run.emit({ type: 'error', error });
      return { ...update, halt: { outcome: 'failed', reason: 'error', error } };
    }
    if (reply.status === 'stopped') return { ...update, halt: haltOnAbort(run.signal) };
    const next = advance(state, state.speakers.length);
    if (next.round !== state.round) update.round = next.round;
    update.position = next.position;
    // A condition met by the last planned turn ends nothing early: the exchange count ended it.
    const stop = next.round <= state.exchanges ? stopConditionHalt(state, turn) : null;
    if (stop !== null) return { ...update, halt: stop };
    // After the last planned turn the debate is over: a pause asked for now has nothing to wait before.
    if (run.takePauseRequest() && next.round <= state.exchanges) update.awaitingModerator = true;
    return update;
  };
}

/** The name of the speaker a "reply" order has this one answer: whoever spoke just before it, if not itself. */
function answeredSpeaker(state: DebateStateValue, speakerIndex: number): string | undefined {
  const previous = previousSpeaker(state.order, state.round, state.position, state.speakers.length);
  return previous === null || previous === speakerIndex ? undefined : state.speakers[previous]?.name;
}

/** The halt of the first stop condition `turn` meets, if any (the exchange count is routing's). */
function stopConditionHalt(state: DebateStateValue, turn: SpeakerTurn): Halt | null {
  const rule = state.stopOn.repetition;
  if (rule === undefined) return null;
  const repetition = findRepetition(turn, state.turns, rule);
  const earlier = repetition === null ? undefined : state.turns.find((candidate) => candidate.id === repetition.earlierTurnId);
  if (repetition === null || earlier === undefined) return null;
  return { outcome: 'complete', reason: 'repetition', note: repetitionNote(turn, earlier, repetition.overlap) };
}

export function moderatorNode(state: DebateStateValue, config: LangGraphRunnableConfig): DebateStateUpdate {
  if (!state.awaitingModerator) return {};
  // Re-run from the start on resume: everything before interrupt() must stay free of side effects.
  const nextSpeaker = speakerAt(state.order, state.round, state.position, state.speakers.length);
  const reply = interrupt<ModeratorPrompt, ModeratorReply>({ round: state.round, nextSpeaker });
  const { update, note } = applyModeratorReply(state, reply, { id: newTurnId(), createdAt: new Date().toISOString() });
  // The note is shown as it is made, like any turn (only a resumed run gets here, with its run context).
  if (note !== null) runContextOf(config).emit({ type: 'turn-end', turn: note });
  return update;
}
