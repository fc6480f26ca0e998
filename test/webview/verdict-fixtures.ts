// Verdicts, judge states and closing statements as the host would send them, for the outcome
// section's webview tests.
import type { Verdict } from '../../engine/judge/verdict';
import type { SpeakerTurn } from '../../engine/types';
import type { HostMessage, JudgingState } from '../../extension/contract/protocol';
import { debate, transcript, turn } from './fixtures';

export const JUDGE_MODEL = 'gemma3:4b';

/** A verdict on the fixtures' two speakers: Speaker 1 wins in both orders unless told otherwise. */
export function verdict(overrides: Partial<Verdict> = {}): Verdict {
  return {
    judgeModel: JUDGE_MODEL,
    createdAt: '2025-11-25T09:05:00Z',
    seed: 4242,
    turnsJudged: 2,
    orders: [
      { sides: [1, 0], winner: 0, retried: false },
      { sides: [0, 1], winner: 0, retried: true },
    ],
    scores: [
      { speakerIndex: 0, speaker: 'Speaker 1', model: 'llama3.2:1b', scores: { argument: 8, evidence: 7.5, rebuttal: 7, tone: 9 }, overall: 7.9 },
      { speakerIndex: 1, speaker: 'Speaker 2', model: 'qwen2.5:7b', scores: { argument: 5, evidence: 4.5, rebuttal: 6, tone: 8 }, overall: 5.9 },
    ],
    winner: 0,
    rationale: 'Speaker 1 answered every objection; Speaker 2 repeated itself.',
    judgeFamily: { family: 'gemma3', source: 'show' },
    familyWarning: null,
    ...overrides,
  };
}

export const TWO_TURNS = [turn(0, 'Tabs: one keystroke, any width.'), turn(1, 'Spaces: the file looks the same everywhere.')];

/** The host showing a finished debate whole (as read from the library), with `verdicts`. */
export function judgedDebate(verdicts: Verdict[], turns: SpeakerTurn[] = TWO_TURNS): HostMessage {
  return debate({
    status: 'done',
    transcript: transcript({ turns, outcome: 'complete', stopReason: 'exchanges', endedAt: '2025-11-25T09:01:00Z', ...(verdicts.length > 0 && { verdicts }) }),
  });
}

export function judgeMessage(state: JudgingState, model = JUDGE_MODEL): HostMessage {
  return { type: 'judge', judge: { model, state } };
}

/** A closing statement turn of speaker `position % 2`, after the debate's turns. */
export function closingTurn(position: number, answer: string | null, speakerIndex?: number): SpeakerTurn {
  const base = turn(position, `Position: I hold my view.\nAnswer: ${answer ?? ''}`);
  const index = speakerIndex ?? base.speakerIndex;
  return { ...base, speakerIndex: index, speaker: `Speaker ${index + 1}`, closing: { position: 'I hold my view.', answer } };
}
