// The set-up's AI moderator: None, or a model that frames the question, summarises each round
// and may close the debate early. A select of the installed models (None first); a model chosen
// earlier that is not installed stays listed, marked, with the same status and Pull a speaker's
// model has (speakerRow.ts modelStatusParts).
import { h } from './dom';
import { modelStatusParts, type ModelsContext } from './speakerRow';
import * as l10n from './l10n';

export const AI_MODERATOR_ID = 'ai-moderator';
const HINT_ID = `${AI_MODERATOR_ID}-hint`;
const STATUS_ID = `${AI_MODERATOR_ID}-status`;
export const AI_MODERATOR_TEXT = l10n.t('Frames the question, summarises each round, may close the debate early.');

export interface AiModeratorEvents {
  change(): void;
  pull(model: string): void;
}

export class AiModeratorPicker {
  readonly element: HTMLElement;
  readonly select = h('select', { id: AI_MODERATOR_ID, 'aria-describedby': `${HINT_ID} ${STATUS_ID}`, title: AI_MODERATOR_TEXT });
  private readonly status = h('div', { id: STATUS_ID, class: 'field-hint' });
  private context: ModelsContext | null = null;

  constructor(model: string, private readonly events: AiModeratorEvents) {
    this.element = h('div', { class: 'field' }, [
      h('label', { for: AI_MODERATOR_ID, text: l10n.t('AI moderator') }),
      this.select,
      h('div', { id: HINT_ID, class: 'field-hint', text: AI_MODERATOR_TEXT }),
      this.status,
    ]);
    this.fillOptions(model);
    this.select.addEventListener('change', () => {
      this.renderStatus();
      events.change();
    });
  }

  /** The model chosen, '' for none. */
  get model(): string {
    return this.select.value;
  }

  set model(model: string) {
    this.fillOptions(model.trim());
    this.renderStatus();
  }

  update(context: ModelsContext): void {
    const modelsChanged = this.context?.models !== context.models;
    this.context = context;
    if (modelsChanged) this.fillOptions(this.model);
    this.renderStatus();
  }

  /** None, the installed models, and the chosen one when it is not among them. */
  private fillOptions(chosen: string): void {
    const installed = (this.context?.models ?? []).map((model) => model.name);
    const options = [h('option', { value: '', text: l10n.t('None') }), ...installed.map((name) => h('option', { value: name, text: name }))];
    if (chosen !== '' && !installed.includes(chosen)) {
      const known = this.context?.models != null;
      options.push(h('option', { value: chosen, text: known ? l10n.t('{0} (not installed)', chosen) : chosen }));
    }
    this.select.replaceChildren(...options);
    this.select.value = chosen;
  }

  private renderStatus(): void {
    const context = this.context;
    this.status.replaceChildren(...(context === null ? [] : modelStatusParts(this.model, context, (model) => this.events.pull(model), l10n.t('None: the debate runs without one.'))));
  }
}
