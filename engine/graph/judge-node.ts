// The judge node: when a debate with a judge ends well (its closing statements given), a judge
// model gives a blind verdict (engine/judge), saved with the debate. It runs once per ending:
// a continued debate is judged again when it ends again. A judge that can't answer gives no
// verdict, said with its reason; the debate stands as it ended either way.
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { ownHostOr } from '../host';
import { judgeDebate } from '../judge/judge';
import { runContextOf } from './run-context';
import type { DebateStateUpdate, DebateStateValue } from './state';

export async function judgeNode(state: DebateStateValue, config: LangGraphRunnableConfig): Promise<DebateStateUpdate> {
  const judged: DebateStateUpdate = { judgedAt: state.turns.length };
  if (state.endJudge === null) return judged;
  const run = runContextOf(config);
  if (run.signal.aborted) return judged;
  const { model, host, orders, markTurns } = state.endJudge;
  const judgeHost = ownHostOr(host, run.defaultHost);
  run.emit({ type: 'judge-start', model });
  const result = await judgeDebate(
    {
      topic: state.topic, speakers: state.speakers, turns: state.turns,
      ...(run.language !== undefined && { language: run.language }), ...(run.material !== undefined && { material: run.material }),
    },
    {
      judgeModel: model,
      host: judgeHost,
      speakerHosts: state.speakers.map((speaker) => ownHostOr(speaker.host, run.defaultHost)),
      ...(orders !== undefined && { orders }),
      ...(markTurns === true && { markTurns }),
      signal: run.signal,
    },
  );
  if (result.ok) {
    run.saveVerdict(result.verdict);
    run.emit({ type: 'verdict', verdict: result.verdict });
  } else {
    run.emit({ type: 'verdict-unavailable', model, reason: result.reason });
  }
  return judged;
}
