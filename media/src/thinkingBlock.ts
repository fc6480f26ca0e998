// A reasoning model's reasoning in a turn card: a collapsed <details> (keyboard and screen
// reader accessible as it is), "Thinking…" while it streams, "Thought for 12.4 s" once the
// reply began. The reasoning is untrusted model output: it goes in as text, never as markup,
// and never into the reply's body.
import { formatDuration } from '../../engine/format';
import { h, icon } from './dom';
import * as l10n from './l10n';

export const THINKING_CLASS = 'thinking';

/** Where the reasoning stands: still streaming, or over (with how long it took, when known). */
export type ThinkingState = { kind: 'streaming' } | { kind: 'done'; ms: number | undefined };

export class ThinkingBlock {
  readonly element: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly text: HTMLElement;
  /** How much of the reasoning is in the DOM: new text is appended, not re-set. */
  private shown = '';
  private label = '';

  constructor(open = false) {
    this.summary = h('summary', { class: 'thinking-summary' });
    this.text = h('div', { class: 'thinking-text' });
    this.element = h('details', { class: THINKING_CLASS }, [this.summary, this.text]);
    this.element.open = open;
  }

  /** The reasoning so far (it only grows while streaming) and where it stands. */
  update(reasoning: string, state: ThinkingState): void {
    if (reasoning.startsWith(this.shown)) {
      const added = reasoning.slice(this.shown.length);
      if (added !== '') this.text.append(document.createTextNode(added));
    } else {
      this.text.textContent = reasoning;
    }
    this.shown = reasoning;
    const label = state.kind === 'streaming' ? l10n.t('Thinking…') : state.ms === undefined ? l10n.t('Thought') : l10n.t('Thought for {0}', formatDuration(state.ms));
    if (label === this.label) return;
    this.label = label;
    const glyph = state.kind === 'streaming' ? icon('loading codicon-modifier-spin') : icon('lightbulb');
    this.summary.replaceChildren(glyph, h('span', { text: label }));
    this.element.classList.toggle('thinking-live', state.kind === 'streaming');
  }
}

/** A card's reasoning block, if it has one. */
export function thinkingBlockOf(article: HTMLElement): HTMLDetailsElement | null {
  return article.querySelector(`:scope > details.${THINKING_CLASS}`);
}
