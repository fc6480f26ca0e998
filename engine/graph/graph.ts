// The debate as a LangGraph state machine: one node per speaker and a moderator
// node. After each turn the debate goes straight to the next speaker, or to the
// moderator when the person asked to pause: it waits for them with `interrupt()`,
// then routes to whoever speaks next or ends the debate. The graph is compiled once per speaker count and checkpointer;
// a debate is a thread. Routing rules are pure functions, tested without a model.
import type { BaseCheckpointSaver } from '@langchain/langgraph-checkpoint';
import { END, START, StateGraph } from '@langchain/langgraph';
import { MAX_SPEAKERS, MAX_TOTAL_EXCHANGES } from '../limits';
import { judgeNode } from './judge-node';
import { moderatorNode } from './moderator-node';
import { speakerNode } from './nodes';
import { JUDGE_NODE, MODERATOR_NODE, routeAfterTurn, routeFromModerator, speakerNodeName } from './routing';
import { DebateState } from './state';

/**
 * Each node is one LangGraph superstep, one per turn (two when the moderator node runs after it), plus the AI moderator's opening
 * and the closing statements. LangGraph's default (25) would cut a long debate short; the moderator may add exchanges mid-run,
 * so allow the most a debate can have.
 */
export const RECURSION_LIMIT = 2 * MAX_SPEAKERS * MAX_TOTAL_EXCHANGES + 4 * MAX_SPEAKERS + 10;

/** One graph per speaker count: a node per speaker, the moderator node between turns, the judge node at the end. */
function buildDebateGraph(speakerCount: number, checkpointer: BaseCheckpointSaver) {
  const speakerNames = Array.from({ length: speakerCount }, (_, i) => speakerNodeName(i));
  const graph = new StateGraph(DebateState).addNode(MODERATOR_NODE, moderatorNode).addNode(JUDGE_NODE, judgeNode);
  speakerNames.forEach((name, speakerIndex) => graph.addNode(name, speakerNode(speakerIndex)));
  const everyNode = [MODERATOR_NODE, JUDGE_NODE, ...speakerNames, END] as (typeof MODERATOR_NODE)[];
  graph.addConditionalEdges(START, routeAfterTurn, everyNode);
  for (const name of speakerNames) graph.addConditionalEdges(name as typeof MODERATOR_NODE, routeAfterTurn, everyNode);
  // A simultaneous round fans out: the route names every speaker still to reply, and they run as one superstep.
  graph.addConditionalEdges(MODERATOR_NODE, routeFromModerator, everyNode);
  // After the verdict the judge is not due any more: the route ends the debate.
  graph.addConditionalEdges(JUDGE_NODE as typeof MODERATOR_NODE, routeFromModerator, everyNode);
  return graph.compile({ checkpointer });
}

export type DebateGraph = ReturnType<typeof buildDebateGraph>;

const compiled = new WeakMap<BaseCheckpointSaver, Map<number, DebateGraph>>();

/** The compiled graph for this many speakers on this checkpointer, built on first use. */
export function debateGraph(speakerCount: number, checkpointer: BaseCheckpointSaver): DebateGraph {
  let bySize = compiled.get(checkpointer);
  if (bySize === undefined) {
    bySize = new Map();
    compiled.set(checkpointer, bySize);
  }
  let graph = bySize.get(speakerCount);
  if (graph === undefined) {
    graph = buildDebateGraph(speakerCount, checkpointer);
    bySize.set(speakerCount, graph);
  }
  return graph;
}
