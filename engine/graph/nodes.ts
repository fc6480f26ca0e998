// The speaker nodes: each streams one reply (a turn of a round, or a closing statement) through
// its speaker's backend (Ollama, or one the process supplied) and records it, then checks the
// stop conditions. The moderator node is in moderator-node.ts.
import { randomUUID } from 'node:crypto';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { ownHostOr } from '../host';
import { closingRequest, parseClosing } from '../closing';
import { embeddingRepetitionNote, findEmbeddingRepetition } from '../embedding-repetition';
import { EngineError } from '../errors';
import { findRepetition, repetitionNote } from '../repetition';
import { notePromptUse, speakerPrompt } from '../speaker-prompt';
import { advance, previousSpeaker } from '../turn-order';
import { haltOnAbort } from './routing';
import type { SpeakerTurn, Turn, TurnReply } from '../types';
import { runContextOf, type RunContext } from './run-context';
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

/** The round a closing statement belongs to: the one the debate ended in. */
function closingExchange(turns: readonly Turn[]): number {
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i];
    if (turn?.kind === 'speaker' && turn.closing === undefined) return turn.exchange;
  }
  return 1;
}

/**
 * What a speaker hears: closing statements never (each closes on the debate itself), and in a
 * simultaneous round nothing of the round it speaks in (every speaker answers the previous round).
 */
function heardTurns(turns: readonly Turn[], state: DebateStateValue, closing: boolean): Turn[] {
  const sameRound = (turn: Turn) => !closing && state.order.kind === 'simultaneous' && turn.kind === 'speaker' && turn.exchange === state.round;
  return turns.filter((turn) => !(turn.kind === 'speaker' && turn.closing !== undefined) && !sameRound(turn));
}

export function speakerNode(speakerIndex: number) {
  return async (state: DebateStateValue, config: LangGraphRunnableConfig): Promise<DebateStateUpdate> => {
    const run = runContextOf(config);
    if (run.signal.aborted) return { halt: haltOnAbort(run.signal) };
    const speaker = state.speakers[speakerIndex];
    if (speaker === undefined) throw new RangeError(`No speaker at index ${speakerIndex}`);
    const redo = turnToRedo(state, speakerIndex);
    // Routing sends a speaker here after the rounds only for its closing statement.
    const closing = redo === null ? state.halt !== null || state.round > state.exchanges : redo.turn.closing !== undefined;
    const id = redo?.turn.id ?? newTurnId();
    const heard = heardTurns(redo === null ? state.turns : state.turns.slice(0, redo.at), state, closing);
    const tone = { name: speaker.tone, prompt: speaker.tonePrompt };
    const host = ownHostOr(speaker.host, run.defaultHost);
    const backend = run.speakerBackend(speaker);
    const prompt = speakerPrompt(run, speaker, {
      topic: state.topic, speakers: state.speakers, speakerIndex, tone, turns: heard,
      ...(closing && { finalRequest: closingRequest(speaker.name, state.topic) }),
      ...(!closing && state.order.kind === 'reply' && { answering: answeredSpeaker(state, speakerIndex) }),
    });
    const exchange = closing ? redo?.turn.exchange ?? closingExchange(state.turns) : redo?.turn.exchange ?? state.round;
    const heading = { speakerIndex, speaker: speaker.name, model: speaker.model, tone: speaker.tone, exchange };
    run.emit({ type: 'turn-start', turnId: id, ...heading, ...(closing && { closing: true as const }) });
    const { reply, error } = await backend.streamTurn({
      speaker,
      host,
      messages: prompt.messages,
      contextWindow: prompt.window,
      firstTokenTimeoutMs: run.firstTokenTimeoutMs,
      stallTimeoutMs: run.stallTimeoutMs,
      maxReplyChars: run.maxReplyChars,
      signal: run.signal,
      onToken: (text) => run.emit({ type: 'token', turnId: id, text }),
      onThinking: (text) => run.emit({ type: 'thinking', turnId: id, text }),
    });
    const alternatives = redo === null ? undefined : [...(redo.turn.alternatives ?? []), replyOf(redo.turn)];
    const turn: SpeakerTurn = {
      kind: 'speaker', id, ...heading, ...reply, ...(alternatives && { alternatives }),
      ...(closing && reply.status === 'complete' && { closing: parseClosing(reply.text) }),
      ...(prompt.trim && { contextTrim: prompt.trim }),
    };
    notePromptUse(run, speaker, prompt, reply.metrics);
    run.emit({ type: 'turn-end', turn });
    // Only what changed is written: every channel written is a line in the checkpoint log.
    const update: DebateStateUpdate = { turns: [turn] };
    if (state.redo !== null) update.redo = null;
    if (error !== null) {
      run.emit({ type: 'error', error });
      return { ...update, halt: { outcome: 'failed', reason: 'error', error } };
    }
    if (reply.status === 'stopped') return { ...update, halt: haltOnAbort(run.signal) };
    // A closing statement moves nothing on; neither does a simultaneous reply (the moderator node moves the round on once all are in).
    if (closing) return update;
    if (state.order.kind !== 'simultaneous') {
      const next = advance(state, state.speakers.length);
      if (next.round !== state.round) update.round = next.round;
      update.position = next.position;
    }
    const lastPlanned = state.order.kind === 'simultaneous' ? state.round >= state.exchanges : advance(state, state.speakers.length).round > state.exchanges;
    // A condition met by the last planned turn ends nothing early: the exchange count ended it.
    const stop = lastPlanned ? null : await stopConditionHalt(state, turn, run);
    if (stop !== null) return { ...update, halt: stop };
    // After the last planned turn the debate is over: a pause asked for now has nothing to wait before.
    if (!lastPlanned && run.takePauseRequest()) update.awaitingModerator = true;
    return update;
  };
}

/** The name of the speaker a "reply" order has this one answer: whoever spoke just before it, if not itself. */
function answeredSpeaker(state: DebateStateValue, speakerIndex: number): string | undefined {
  const previous = previousSpeaker(state.order, state.round, state.position, state.speakers.length);
  return previous === null || previous === speakerIndex ? undefined : state.speakers[previous]?.name;
}

/**
 * The halt of the first stop condition `turn` meets, if any (the exchange count is routing's;
 * consensus is the moderator node's, after the round). Embedding similarity asks Ollama: when
 * it can't answer, the person is warned and the debate goes on.
 */
async function stopConditionHalt(state: DebateStateValue, turn: SpeakerTurn, run: RunContext): Promise<Halt | null> {
  const rule = state.stopOn.repetition;
  if (rule === undefined) return null;
  const find = (earlierTurnId: string) => state.turns.find((candidate) => candidate.id === earlierTurnId);
  if (rule.embedModel === undefined) {
    const repetition = findRepetition(turn, state.turns, rule);
    const earlier = repetition === null ? undefined : find(repetition.earlierTurnId);
    if (repetition === null || earlier === undefined) return null;
    return { outcome: 'complete', reason: 'repetition', note: repetitionNote(turn, earlier, repetition.overlap) };
  }
  try {
    const similar = await findEmbeddingRepetition(turn, state.turns, { ...rule, embedModel: rule.embedModel }, { host: run.defaultHost, signal: run.signal });
    const earlier = similar === null ? undefined : find(similar.earlierTurnId);
    if (similar === null || earlier === undefined) return null;
    return { outcome: 'complete', reason: 'repetition', note: embeddingRepetitionNote(turn, earlier, similar.similarity) };
  } catch (error) {
    if (!run.signal.aborted) run.emit({ type: 'warning', message: `Repetition could not be checked with ${rule.embedModel}: ${error instanceof EngineError ? error.detail.message : String(error)}` });
    return null;
  }
}
