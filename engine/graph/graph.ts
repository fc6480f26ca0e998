// The debate as a LangGraph state machine: one node per speaker, in order,
// looping for the requested exchanges. The routing rules are pure functions so
// they can be tested without a model or a graph.
import { END, START, StateGraph } from '@langchain/langgraph';
import { DebateState, type DebateStateUpdate, type DebateStateValue, type Halt } from './state';
import type { Turn } from './types';

/** What a speaker's node produced: its turn (none if stopped before asking) and whether the debate must end. */
export interface TurnOutcome {
  turn: Turn | null;
  halt: Halt | null;
}

/** Runs one speaker's turn against the state so far; the side effects (HTTP, events) live here. */
export type TakeTurn = (state: DebateStateValue, speakerIndex: number) => Promise<TurnOutcome>;

export type RoutingState = Pick<DebateStateValue, 'halt' | 'exchange' | 'exchanges'> & { speakers: readonly unknown[] };

export function speakerNodeName(speakerIndex: number): string {
  return `speaker_${speakerIndex + 1}`;
}

/** Where to go after `speakerIndex` spoke: the next speaker, back to the first for another exchange, or the end. */
export function routeAfterSpeaker(state: RoutingState, speakerIndex: number): string {
  if (state.halt !== null) return END;
  if (speakerIndex + 1 < state.speakers.length) return speakerNodeName(speakerIndex + 1);
  return state.exchange <= state.exchanges ? speakerNodeName(0) : END;
}

/** The exchange counter after `speakerIndex` spoke: it advances once the round's last speaker is done. */
export function exchangeAfterSpeaker(state: Pick<RoutingState, 'exchange' | 'speakers'>, speakerIndex: number): number {
  return speakerIndex === state.speakers.length - 1 ? state.exchange + 1 : state.exchange;
}

/** Each node is one LangGraph superstep; the default limit (25) would cut a 6 x 20 debate short. */
export function recursionLimitFor(speakerCount: number, exchanges: number): number {
  return speakerCount * exchanges + 2;
}

export function buildDebateGraph(speakerCount: number, takeTurn: TakeTurn) {
  const nodeNames = Array.from({ length: speakerCount }, (_, i) => speakerNodeName(i));
  const speakerNode = (speakerIndex: number) => async (state: DebateStateValue): Promise<DebateStateUpdate> => {
    const { turn, halt } = await takeTurn(state, speakerIndex);
    return {
      transcript: turn === null ? [] : [turn],
      halt,
      exchange: exchangeAfterSpeaker(state, speakerIndex),
    };
  };
  const nodes = Object.fromEntries(nodeNames.map((name, speakerIndex) => [name, speakerNode(speakerIndex)]));
  const graph = new StateGraph(DebateState).addNode(nodes);
  graph.addEdge(START, speakerNodeName(0));
  nodeNames.forEach((name, speakerIndex) => {
    graph.addConditionalEdges(name, (state: DebateStateValue) => routeAfterSpeaker(state, speakerIndex), [...nodeNames, END]);
  });
  return graph.compile();
}
