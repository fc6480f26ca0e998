// What a debate's set-up can only do with an AI moderator, as one rule both sides apply: the
// host's validation of a start request (protocol.ts) and the webview's form (formRules.ts).
// Free of dependencies (no zod) so the webview can bundle it.
import type { TurnOrder } from '../../engine/types';
import * as l10n from './l10n';

/** The set-up choices the rule reads, as the start request and the form's draft both hold them. */
export interface ModeratorChoices {
  order?: TurnOrder['kind'];
  /** The AI moderator's model; absent or blank: none. */
  moderatorModel?: string;
  stopOnConsensus?: boolean;
}

/** A choice that needs an AI moderator, and what to tell the person who made it without one. */
export interface UnmetModeratorNeed {
  choice: 'order' | 'consensus';
  message: string;
}

export const ORDER_NEEDS_MODERATOR = l10n.t('Moderator picks needs an AI moderator: choose one, or another order.');
export const CONSENSUS_NEEDS_MODERATOR = l10n.t('Stopping when the speakers agree needs an AI moderator to judge it: choose one.');

export function hasModerator(choices: Pick<ModeratorChoices, 'moderatorModel'>): boolean {
  return (choices.moderatorModel ?? '').trim() !== '';
}

/** The first choice made that needs an AI moderator when there is none, or null when the set-up holds together. */
export function unmetModeratorNeed(choices: ModeratorChoices): UnmetModeratorNeed | null {
  if (hasModerator(choices)) return null;
  if (choices.order === 'moderator') return { choice: 'order', message: ORDER_NEEDS_MODERATOR };
  if (choices.stopOnConsensus === true) return { choice: 'consensus', message: CONSENSUS_NEEDS_MODERATOR };
  return null;
}
