// A verdict as the judge tests build it: plain data, no I/O.
import type { Verdict } from '../../engine/judge/verdict';

/** Ada (llama3.2:1b) beat Bob (qwen2.5:0.5b) in both orders, the second answer after a retry. */
export function sampleVerdict(patch: Partial<Verdict> = {}): Verdict {
  const scores = { argument: 8, evidence: 7, rebuttal: 6.5, tone: 9 };
  return {
    judgeModel: 'gemma3:4b',
    createdAt: '2026-12-01T15:00:00.000Z',
    seed: 4242,
    turnsJudged: 2,
    orders: [{ sides: [0, 1], winner: 0, retried: false }, { sides: [1, 0], winner: 0, retried: true }],
    scores: [
      { speakerIndex: 0, speaker: 'Ada', model: 'llama3.2:1b', scores, overall: 7.6 },
      { speakerIndex: 1, speaker: 'Bob', model: 'qwen2.5:0.5b', scores: { argument: 5, evidence: 5, rebuttal: 5, tone: 5 }, overall: 5 },
    ],
    winner: 0,
    rationale: 'Ada gave evidence; Bob did not.',
    turnMarks: [{ turnId: 't0', speakerIndex: 0, mark: 8 }, { turnId: 't1', speakerIndex: 1, mark: 4.5 }],
    judgeFamily: { family: 'gemma3', source: 'show' },
    familyWarning: null,
    ...patch,
  };
}
