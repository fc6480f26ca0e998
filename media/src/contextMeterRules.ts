// The words of a turn's context meter (contextMeter.ts), as pure functions (no DOM) so they are
// unit-tested: the figures read from a turn's metrics, when the window counts as full (Ollama
// then cuts the prompt's start without saying so), and the note on earlier turns left out or
// shortened to fit.
import type { ContextTrim, TurnMetrics } from '../../engine/types';
import * as l10n from './l10n';

/** A prompt this share of the window or more has evidently filled it: Ollama may have truncated it. */
export const FULL_WINDOW_SHARE = 0.95;

/** What the meter shows: the prompt's tokens (the cached ones among them when Ollama said) against the window. */
export interface ContextUse {
  prompt: number;
  window: number;
  cached: number | null;
  full: boolean;
}

/** The figures of a turn's metrics, or null when the turn was recorded without them. */
export function contextUseOf(metrics: Pick<TurnMetrics, 'promptTokens' | 'cachedPromptTokens' | 'contextWindow'>): ContextUse | null {
  const { promptTokens, cachedPromptTokens, contextWindow } = metrics;
  if (promptTokens === null || contextWindow === undefined || !(contextWindow > 0)) return null;
  return { prompt: promptTokens, window: contextWindow, cached: cachedPromptTokens ?? null, full: promptTokens >= FULL_WINDOW_SHARE * contextWindow };
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** E.g. "prompt 1,840 / 8,192 tokens (1,620 cached)". */
export function contextUseText(use: ContextUse): string {
  const cached = use.cached === null ? '' : ` (${count(use.cached)} cached)`;
  return `prompt ${count(use.prompt)} / ${count(use.window)} tokens${cached}`;
}

/** What a full window means for the reply. */
export function fullWindowText(use: ContextUse): string {
  return l10n.t('The prompt filled {0}% of the window: Ollama may have cut its start.', Math.round((use.prompt / use.window) * 100));
}

/** E.g. "3 earlier turns left out and 1 shortened to fit"; null when the request sent the debate whole. */
export function contextTrimText(trim: ContextTrim | undefined): string | null {
  const leftOut = trim?.leftOutTurns ?? 0;
  const shortened = trim?.shortenedTurns ?? 0;
  const turns = (n: number) => (n === 1 ? l10n.t('1 earlier turn') : l10n.t('{0} earlier turns', n));
  if (leftOut > 0 && shortened > 0) return l10n.t('{0} left out and {1} shortened to fit', turns(leftOut), shortened);
  if (leftOut > 0) return l10n.t('{0} left out to fit', turns(leftOut));
  if (shortened > 0) return l10n.t('{0} shortened to fit', turns(shortened));
  return null;
}
