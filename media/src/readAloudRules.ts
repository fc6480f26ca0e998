// The rules of reading a debate aloud (readAloud.ts does the speaking): which turn comes
// next, and what the control and its live region say. Pure.
import { CLOSING_STATEMENT_LABEL, moderatorPurposeLabel } from '../../engine/turn-labels';
import type { Turn } from '../../engine/types';
import { speechText } from './speechText';
import * as l10n from './l10n';

/** Where reading aloud stands. */
export type ReadAloudState =
  /** Looking for the platform's voices (they may load a moment after the page). */
  | { kind: 'checking' }
  /** No voice to read with: the control is hidden and says why. */
  | { kind: 'unavailable'; reason: string }
  /** Not reading (nothing begun, or stopped). */
  | { kind: 'idle' }
  | { kind: 'reading'; turn: Turn }
  | { kind: 'paused'; turn: Turn }
  /** Every turn so far was read; the next one is read once it ends. */
  | { kind: 'waiting' }
  /** Read to the last turn of a debate that stands still. */
  | { kind: 'finished' }
  /** The speech engine gave up; reading can start again. */
  | { kind: 'failed'; reason: string };

export const NO_SYNTHESIS = l10n.t('Read aloud is not available: this system offers no speech synthesis to the panel.');
export const NO_VOICES = l10n.t('Read aloud is not available: this system has no speech voice installed.');

/** Pure: the first turn in transcript order not read yet (read, being read or skipped), with what it says; null when none is left. */
export function nextTurnToRead(turns: readonly Turn[], read: ReadonlySet<string>): { turn: Turn; text: string } | null {
  for (const turn of turns) {
    if (read.has(turn.id)) continue;
    const text = speechText(turn.text);
    // A turn that failed before its first word has nothing to say.
    if (text !== '') return { turn, text };
  }
  return null;
}

/** Pure: whose turn it is, as the live region says it ("Ada, exchange 2", "the moderator: summary of round 2"). */
export function turnDescription(turn: Turn): string {
  if (turn.kind === 'speaker') return `${turn.speaker}, ${turn.closing !== undefined ? CLOSING_STATEMENT_LABEL.toLowerCase() : l10n.t('exchange {0}', turn.exchange)}`;
  return turn.ai === undefined ? l10n.t('the moderator\'s note') : l10n.t('the moderator: {0}', moderatorPurposeLabel(turn.ai.purpose, turn.exchange));
}

/** Pure: what the control's status says (and its live region announces). */
export function readAloudStatusText(state: ReadAloudState): string {
  switch (state.kind) {
    case 'reading':
      return l10n.t('Reading {0}', turnDescription(state.turn));
    case 'paused':
      return l10n.t('Paused: {0}', turnDescription(state.turn));
    case 'waiting':
      return l10n.t('Reading the next turn when it ends…');
    case 'finished':
      return l10n.t('Read to the end.');
    case 'failed':
      return state.reason;
    case 'unavailable':
      return state.reason;
    case 'checking':
    case 'idle':
      return '';
  }
}

/** Pure: the one button that starts, pauses and resumes reading: what it does now. */
export function toggleAction(state: ReadAloudState): { action: 'play' | 'pause'; label: string; icon: string; title: string } {
  switch (state.kind) {
    case 'reading':
    case 'waiting':
      return { action: 'pause', label: l10n.t('Pause reading'), icon: 'debug-pause', title: l10n.t('Pause reading aloud') };
    case 'paused':
      return { action: 'play', label: l10n.t('Resume reading'), icon: 'play', title: l10n.t('Read on from the sentence that was paused') };
    case 'finished':
      return { action: 'play', label: l10n.t('Read again'), icon: 'play', title: l10n.t('Read the debate aloud again from its first turn') };
    default:
      return { action: 'play', label: l10n.t('Read aloud'), icon: 'play', title: l10n.t('Read the debate aloud, each speaker in its own voice, following new turns as they end') };
  }
}
