// A finished speaker turn's context meter: how much of the speaker's context window its prompt
// took ("prompt 1,840 / 8,192 tokens (1,620 cached)", as Ollama counted it), a warning when the
// prompt filled the window, and a note when earlier turns were left out or shortened to fit.
// Nothing for a turn recorded without the figures (older debates). A <meter> labelled by its
// words (contextMeterRules.ts).
import type { ContextTrim, TurnMetrics } from '../../engine/types';
import { contextTrimText, contextUseOf, contextUseText, fullWindowText } from './contextMeterRules';
import { h, icon } from './dom';
import * as l10n from './l10n';

const CONTEXT_METER_CLASS = 'context-meter';

/** The meter and notes of a finished turn, or null when there is nothing to show. */
export function contextMeterElement(metrics: TurnMetrics, trim: ContextTrim | undefined): HTMLElement | null {
  const use = contextUseOf(metrics);
  const trimText = contextTrimText(trim);
  if (use === null && trimText === null) return null;
  const parts: Node[] = [];
  if (use !== null) {
    // The label around the <meter> is its accessible name: the words a sighted reader sees beside it.
    parts.push(h('label', { class: 'context-meter-use' }, [
      h('meter', { min: 0, max: use.window, value: Math.min(use.prompt, use.window) }),
      h('span', { class: 'context-meter-text', text: contextUseText(use) }),
    ]));
    if (use.full) parts.push(h('span', { class: 'context-meter-warning' }, [icon('warning'), fullWindowText(use)]));
  }
  if (trimText !== null) parts.push(h('span', { class: 'context-trim-note' }, [icon('fold'), trimText]));
  return h('div', { class: `${CONTEXT_METER_CLASS}${use?.full === true ? ' context-meter-full' : ''}`, role: 'group', 'aria-label': l10n.t('Context window') }, parts);
}
