// The moderator node: everything that happens between turns. In order: a simultaneous round
// whose replies are all in moves on; the person moderating is waited for (LangGraph's
// interrupt) when they asked to pause; then the AI moderator, if the debate has one, frames
// the question, reviews the round that just ended (a summary, whether the speakers agree,
// whether to close early) and picks who speaks next in a moderator order. A consensus check
// without an AI moderator is the same review, asked of the consensus model, with no summary.
// The AI moderator is an aid: when its model can't answer, the person is warned and the
// debate goes on.
import { ownHostOr } from '../host';
import { interrupt, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { closingNote, DEFAULT_MODERATOR_TIMEOUT_MS, frameDebate, pickNextSpeaker, reviewRound, type ModeratorCall } from '../moderator';
import { pickCandidates, speakerAt, withPick } from '../turn-order';
import type { ModeratorActivity, ModeratorPurpose, ModeratorTurn } from '../types';
import { applyModeratorReply, type ModeratorPrompt, type ModeratorReply } from './moderator';
import { newTurnId } from './nodes';
import { haltOnAbort, pickDue, roundToReview, simultaneousRoundDone } from './routing';
import { runContextOf, type RunContext } from './run-context';
import { upsertTurns, type DebateStateUpdate, type DebateStateValue, type StateChange } from './state';

/** The node's changes so far, and the state as they leave it (each step reads the one before). */
class Changes {
  update: StateChange = {};

  constructor(public state: DebateStateValue) {}

  apply(change: StateChange): void {
    const added = change.turns ?? [];
    this.state = { ...this.state, ...change, turns: upsertTurns(this.state.turns, added) };
    this.update = { ...this.update, ...change, ...(added.length > 0 && { turns: [...(this.update.turns ?? []), ...added] }) };
  }
}

const ACTIVITY_WORDS: Record<ModeratorActivity, string> = {
  framing: 'frame the question',
  review: 'review the round',
  picking: 'pick the next speaker',
};

function aiTurn(model: string, purpose: ModeratorPurpose, exchange: number, text: string): ModeratorTurn {
  return { kind: 'moderator', id: newTurnId(), exchange, text, createdAt: new Date().toISOString(), ai: { model, purpose } };
}

export async function moderatorNode(state: DebateStateValue, config: LangGraphRunnableConfig): Promise<DebateStateUpdate> {
  const changes = new Changes(state);
  // Pure, so it is the same when the node runs again on resume.
  if (simultaneousRoundDone(changes.state)) changes.apply({ round: changes.state.round + 1, position: 0 });
  if (changes.state.awaitingModerator) {
    // Re-run from the start on resume: everything before interrupt() must stay free of side effects.
    const current = changes.state;
    const nextSpeaker = speakerAt(current.order, current.round, current.position, current.speakers.length);
    const reply = interrupt<ModeratorPrompt, ModeratorReply>({ round: current.round, nextSpeaker });
    const { update, note } = applyModeratorReply(current, reply, { id: newTurnId(), createdAt: new Date().toISOString() });
    // The note is shown as it is made, like any turn (only a resumed run gets here, with its run context).
    if (note !== null) runContextOf(config).emit({ type: 'turn-end', turn: note });
    changes.apply(update);
  }
  const run = runContextOf(config);
  await frame(changes, run);
  await review(changes, run);
  await pick(changes, run);
  return changes.update;
}

/** What every call to the moderator's model carries: the debate so far, on its host, within its deadline. */
function callFor(state: DebateStateValue, run: RunContext, model: string, host: string | undefined): ModeratorCall {
  return {
    host: ownHostOr(host, run.defaultHost),
    model,
    topic: state.topic,
    speakers: state.speakers.map(({ name, tone }) => ({ name, tone })),
    turns: state.turns,
    deadlineMs: DEFAULT_MODERATOR_TIMEOUT_MS,
    ...(run.language !== undefined && { language: run.language }),
    ...(run.material !== undefined && { material: run.material }),
    signal: run.signal,
  };
}

/** After a failed call: stop when the person stopped, else warn that the debate goes on without it. */
function afterFailure(changes: Changes, run: RunContext, model: string, activity: ModeratorActivity, reason: string): void {
  if (run.signal.aborted) {
    changes.apply({ halt: haltOnAbort(run.signal) });
    return;
  }
  run.emit({ type: 'warning', message: `The AI moderator (${model}) could not ${ACTIVITY_WORDS[activity]}: ${reason} The debate goes on.` });
}

function say(changes: Changes, run: RunContext, turn: ModeratorTurn): void {
  run.emit({ type: 'turn-end', turn });
  changes.apply({ turns: [turn] });
}

async function frame(changes: Changes, run: RunContext): Promise<void> {
  const { state } = changes;
  if (state.aiModerator === null || state.framed || state.halt !== null || state.round > state.exchanges) return;
  const { model, host } = state.aiModerator;
  run.emit({ type: 'moderator-start', activity: 'framing', model, round: state.round });
  const framed = await frameDebate(callFor(state, run, model, host));
  // Tried once: a model that can't frame the question is not asked again on every turn.
  changes.apply({ framed: true });
  if (framed.ok) say(changes, run, aiTurn(model, 'framing', state.round, framed.text));
  else afterFailure(changes, run, model, 'framing', framed.reason);
}

async function review(changes: Changes, run: RunContext): Promise<void> {
  const { state } = changes;
  const round = roundToReview(state);
  if (round === null || changes.state.halt !== null) return;
  const reviewer = state.aiModerator ?? (state.stopOn.consensus?.model === undefined ? null : { model: state.stopOn.consensus.model, host: state.stopOn.consensus.host });
  if (reviewer === null) return;
  const { model, host } = reviewer;
  const isModerator = state.aiModerator !== null;
  const goesOn = state.round <= state.exchanges;
  run.emit({ type: 'moderator-start', activity: 'review', model, round });
  const result = await reviewRound({ ...callFor(state, run, model, host), round, summarise: isModerator, closeAllowed: isModerator && goesOn });
  changes.apply({ reviewedRound: round });
  if (!result.ok) {
    afterFailure(changes, run, model, 'review', result.reason);
    return;
  }
  const { summary, consensus, close } = result.review;
  if (summary !== null) say(changes, run, aiTurn(model, 'summary', round, summary));
  if (!goesOn) return;
  if (consensus.agree && state.stopOn.consensus !== undefined) {
    changes.apply({ halt: { outcome: 'complete', reason: 'consensus', note: `${model} finds the speakers agree: ${consensus.reason}` } });
  } else if (close.close) {
    say(changes, run, aiTurn(model, 'closing', round, closingNote(close.reason)));
    changes.apply({ halt: { outcome: 'complete', reason: 'moderator', note: `The AI moderator (${model}) closed the debate: ${close.reason}` } });
  }
}

async function pick(changes: Changes, run: RunContext): Promise<void> {
  const { state } = changes;
  if (state.aiModerator === null || !pickDue(state)) return;
  const { model, host } = state.aiModerator;
  const candidates = pickCandidates(state.order, state.round, state.position, state.speakers.length);
  run.emit({ type: 'moderator-start', activity: 'picking', model, round: state.round });
  const picked = await pickNextSpeaker({ ...callFor(state, run, model, host), round: state.round, candidates });
  let speakerIndex: number;
  if (picked.ok) {
    speakerIndex = picked.speakerIndex;
  } else {
    afterFailure(changes, run, model, 'picking', picked.reason);
    if (run.signal.aborted) return;
    // Recorded all the same, so the round reads back the same order later.
    speakerIndex = candidates[0] ?? 0;
  }
  changes.apply({ order: withPick(state.order, state.round, speakerIndex) });
}
