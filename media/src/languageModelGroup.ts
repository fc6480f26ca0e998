// A speaker's "VS Code language models" picker, under its Ollama model: the chat models VS Code
// offers (e.g. Copilot's), each with its vendor, family and window; choosing one makes the speaker
// a VS Code speaker (its Ollama-only settings are then off: speakerRow.ts, speakerMore.ts). A
// native select, so keyboard and screen readers work as with the other pickers; its status is its
// description. Hidden while VS Code offers none and the speaker uses none (nothing changes then);
// a model chosen that VS Code no longer offers stays listed, flagged as a missing Ollama model is.
import type { LanguageModelOption } from '../../extension/contract/language-models';
import { h, icon } from './dom';
import { languageModelChoice, languageModelDetails, languageModelLabel } from './languageModelRules';
import * as l10n from './l10n';

export interface LanguageModelGroupEvents {
  change(): void;
}

export class LanguageModelGroup {
  readonly element: HTMLElement;
  readonly select: HTMLSelectElement;
  private readonly status: HTMLElement;
  private models: readonly LanguageModelOption[] = [];

  /** `chosen`: the id of the VS Code model the speaker uses, '' for an Ollama model. */
  constructor(index: number, private chosen: string, events: LanguageModelGroupEvents) {
    const id = `speaker-${index}-vscode-model`;
    this.status = h('div', { id: `${id}-status`, class: 'field-hint' });
    this.select = h('select', {
      id, 'aria-label': l10n.t('{0} VS Code language model', l10n.t('Speaker {0}', index + 1)), 'aria-describedby': this.status.id,
    });
    this.element = h('div', { class: 'field language-model-field' }, [
      h('label', { for: id, text: l10n.t('VS Code language models') }), this.select, this.status,
    ]);
    this.select.addEventListener('change', () => {
      this.chosen = this.select.value;
      this.render();
      events.change();
    });
    this.render();
  }

  /** The id of the VS Code model chosen, '' for none (an Ollama model speaks). */
  get model(): string {
    return this.chosen;
  }

  setModels(models: readonly LanguageModelOption[]): void {
    if (models === this.models) return;
    this.models = models;
    this.render();
  }

  private render(): void {
    const choice = languageModelChoice(this.chosen, this.models);
    const options = [
      h('option', { value: '', text: l10n.t('None: the Ollama model above') }),
      ...this.models.map((model) => h('option', { value: model.id, text: languageModelLabel(model), title: languageModelDetails(model) })),
      ...(choice.kind === 'missing' ? [h('option', { value: choice.id, text: l10n.t('{0} (no longer offered)', choice.id) })] : []),
    ];
    this.select.replaceChildren(...options);
    this.select.value = choice.kind === 'ollama' ? '' : this.chosen.trim();
    this.element.hidden = this.models.length === 0 && choice.kind === 'ollama';
    this.status.replaceChildren(...this.statusParts());
  }

  private statusParts(): Node[] {
    const choice = languageModelChoice(this.chosen, this.models);
    switch (choice.kind) {
      case 'ollama':
        return [document.createTextNode(l10n.t('Or a chat model VS Code offers speaks instead.'))];
      case 'offered':
        return [
          h('span', { class: 'model-details' }, [icon('check'), languageModelDetails(choice.model)]),
          document.createTextNode(` ${l10n.t('VS Code asks your permission the first time it speaks.')}`),
        ];
      case 'missing':
        return [h('span', { class: 'model-missing' }, [icon('warning'), l10n.t('VS Code no longer offers this model: choose another, or None for an Ollama model.')])];
      default: {
        const unexpected: never = choice;
        return unexpected;
      }
    }
  }
}
