// "Export Decision Record" as the panel shows it, shared by the host and the webview: where it
// stands for the debate shown, and when the panel offers it (a debate that has stopped, with
// at least one complete speaker turn to record).
import type { Transcript } from '../../engine/types';
import type { DebateView } from './protocol';
import { isRunningStatus } from './snapshot';

/**
 * Idle; being made (the judge model chosen, drafting, writing); written (`location` as shown,
 * posted back in `open-export` to open it again); or why there is none.
 */
export type DecisionRecordState =
  | { kind: 'idle' }
  | { kind: 'working'; debateId: string }
  | { kind: 'written'; debateId: string; location: string }
  | { kind: 'failed'; debateId: string; reason: string };

/** Pure: whether a speaker said something complete: a record drafted from less would be made up. */
export function hasCompleteSpeakerTurn(transcript: Pick<Transcript, 'turns'>): boolean {
  return transcript.turns.some((turn) => turn.kind === 'speaker' && turn.status === 'complete' && turn.text.trim() !== '');
}

/**
 * Pure: whether the panel offers a decision record of the debate it shows: ended or stopped
 * (not running, nor paused for the moderator: its run still holds it), held by no other
 * window, and something said.
 */
export function offersDecisionRecord(view: Pick<DebateView, 'transcript' | 'status' | 'access'>): boolean {
  const { transcript, status, access } = view;
  return transcript !== null && !isRunningStatus(status) && status !== 'paused' && access.kind === 'writable' && hasCompleteSpeakerTurn(transcript);
}
