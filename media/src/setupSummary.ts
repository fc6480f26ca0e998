// The set-up folded to one line while a debate is shown (running or after it), so the
// transcript keeps the room: topic · speakers' models, tones and stances · exchanges (· a
// non-default order · the AI moderator · the stops · closing statements · the language: formRules.ts
// setupSummary), and an Edit button (a disclosure: aria-expanded, aria-controls) that
// opens the form.
import { h, icon } from './dom';
import { setupSummary, type FormDraft } from './formRules';
import type { LanguageModelOption } from '../../extension/contract/language-models';
import * as l10n from './l10n';

export interface SetupSummaryEvents {
  toggle(): void;
}

export class SetupSummary {
  readonly element: HTMLElement;
  private readonly text = h('span', { class: 'setup-summary-text' });
  private readonly chevron = icon('chevron-down');
  private readonly toggle: HTMLButtonElement;
  /** The chat models VS Code offers: a VS Code speaker is named by its model's name. */
  languageModels: readonly LanguageModelOption[] = [];
  /** The material attached, in a few words (materialSectionRules.ts materialSummary); null: none. */
  material: string | null = null;

  constructor(formId: string, events: SetupSummaryEvents) {
    this.toggle = h('button', {
      type: 'button', class: 'secondary setup-toggle', 'aria-expanded': 'false', 'aria-controls': formId, title: l10n.t('Show or hide the set-up'),
    }, [icon('edit'), l10n.t('Edit'), this.chevron]);
    this.toggle.addEventListener('click', () => events.toggle());
    this.element = h('div', { class: 'setup-summary', role: 'group', 'aria-label': l10n.t('Debate set-up'), hidden: true }, [
      icon('settings'), this.text, this.toggle,
    ]);
  }

  /** Shows the line (when the form can fold) with the form's state; `open` says whether the form is shown. */
  render(draft: FormDraft, visible: boolean, open: boolean): void {
    this.element.hidden = !visible;
    const text = [setupSummary(draft, this.languageModels), ...(this.material === null ? [] : [this.material])].join(' · ');
    this.text.textContent = text;
    // Cut to one line on screen: the whole set-up on hover.
    this.text.title = text;
    this.toggle.setAttribute('aria-expanded', String(open));
    this.chevron.className = `codicon codicon-chevron-${open ? 'up' : 'down'}`;
  }

  focus(): void {
    this.toggle.focus();
  }
}
