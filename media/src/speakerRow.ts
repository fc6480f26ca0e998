// One speaker in the setup form: a model combobox (installed models, or any
// name, with a one-click pull when it is not installed), a tone picker, and its
// closed "More" section (speakerMore.ts: name, stance, role, temperature, window, thinking).
import type { ModelInfo, Tone } from '../../engine/types';
import type { SpeakerOptionField } from '../../extension/contract/speaker-options';
import type { SpeakerDraft } from './formRules';
import { SpeakerMore } from './speakerMore';
import { h, icon, iconButton } from './dom';
import { formatModelDetails } from './format';
import { findInstalledModel } from '../../extension/contract/installed-models';
import { pullStatusElement, type PullState } from './pullStatus';

export const MODELS_DATALIST_ID = 'installed-models';

/** What a model picker's status needs to know: the installed models (null while unknown), the host, the pulls under way. */
export interface ModelsContext {
  models: readonly ModelInfo[] | null;
  host: string;
  pulls: ReadonlyMap<string, PullState>;
}

export interface SpeakerContext extends ModelsContext {
  tones: readonly Tone[];
  canRemove: boolean;
}

/**
 * What a model picker says under it about the model chosen (`typed`): nothing while the models are unknown,
 * `emptyHint` for none, an installed model's details, or "Not installed." with a Pull button and the pull's progress.
 */
export function modelStatusParts(typed: string, context: ModelsContext, pull: (model: string) => void, emptyHint: string): Node[] {
  if (context.models === null) return [];
  const pulling = context.pulls.get(typed);
  const installed = findInstalledModel(context.models, typed);
  const parts: Node[] = [];
  if (typed.length === 0) {
    parts.push(document.createTextNode(emptyHint));
  } else if (installed !== undefined) {
    parts.push(h('span', { class: 'model-details' }, [icon('check'), formatModelDetails(installed)]));
  } else {
    parts.push(h('span', { class: 'model-missing', title: `Not installed on ${context.host}` }, [icon('warning'), 'Not installed.']));
    if (pulling?.kind !== 'progress') {
      const pullButton = h('button', { type: 'button', class: 'link-button', 'aria-label': `Pull ${typed}` }, [icon('cloud-download'), 'Pull']);
      pullButton.addEventListener('click', () => pull(typed));
      parts.push(pullButton);
    }
  }
  if (pulling !== undefined) parts.push(pullStatusElement(typed, pulling));
  return parts;
}

export interface SpeakerRowEvents {
  change(index: number, speaker: SpeakerDraft): void;
  remove(index: number): void;
  pull(model: string): void;
}

export class SpeakerRow {
  readonly element: HTMLElement;
  readonly modelInput: HTMLInputElement;
  readonly toneSelect: HTMLSelectElement;
  private readonly removeButton: HTMLButtonElement;
  private readonly modelStatus: HTMLElement;
  private readonly toneDescription: HTMLElement;
  private readonly more: SpeakerMore;
  private context: SpeakerContext | null = null;

  constructor(private readonly index: number, speaker: SpeakerDraft, private readonly events: SpeakerRowEvents) {
    const name = `Speaker ${index + 1}`;
    const id = `speaker-${index}`;
    this.modelInput = h('input', {
      id: `${id}-model`, type: 'text', list: MODELS_DATALIST_ID, 'aria-label': `${name} model`,
      'aria-describedby': `${id}-model-status`, placeholder: 'e.g. llama3.2:1b', autocomplete: 'off', spellcheck: 'false',
    });
    this.modelInput.value = speaker.model;
    this.toneSelect = h('select', { id: `${id}-tone`, 'aria-label': `${name} tone`, 'aria-describedby': `${id}-tone-description` });
    this.toneSelect.append(h('option', { value: speaker.tone, text: speaker.tone }));
    this.removeButton = iconButton('trash', `Remove ${name}`);
    this.modelStatus = h('div', { id: `${id}-model-status`, class: 'field-hint' });
    this.toneDescription = h('div', { id: `${id}-tone-description`, class: 'field-hint tone-description' });
    this.more = new SpeakerMore(index, speaker, { change: () => this.changed() });

    this.element = h('div', { class: `speaker-row accent-${index}`, role: 'group', 'aria-label': name }, [
      h('div', { class: 'speaker-row-header' }, [
        h('span', { class: 'speaker-swatch', 'aria-hidden': 'true' }),
        h('span', { class: 'speaker-title', text: name }),
        this.removeButton,
      ]),
      h('div', { class: 'speaker-fields' }, [
        h('div', { class: 'field' }, [h('label', { for: this.modelInput.id, text: 'Model' }), this.modelInput, this.modelStatus]),
        h('div', { class: 'field' }, [h('label', { for: this.toneSelect.id, text: 'Tone' }), this.toneSelect, this.toneDescription]),
      ]),
      this.more.element,
    ]);

    this.modelInput.addEventListener('input', () => this.changed());
    this.toneSelect.addEventListener('change', () => this.changed());
    this.removeButton.addEventListener('click', () => events.remove(index));
  }

  get speaker(): SpeakerDraft {
    return { model: this.modelInput.value, tone: this.toneSelect.value, ...this.more.extras };
  }

  /** The control of one of the speaker's settings, shown (its "More" section opened for its own). */
  control(part: 'model' | 'tone' | SpeakerOptionField): HTMLElement {
    if (part === 'model') return this.modelInput;
    if (part === 'tone') return this.toneSelect;
    return this.more.control(part);
  }

  update(context: SpeakerContext): void {
    const toneChanged = this.context?.tones !== context.tones;
    this.context = context;
    this.removeButton.disabled = !context.canRemove;
    if (toneChanged) this.fillTones(context.tones);
    this.renderModelStatus();
    this.renderToneDescription();
  }

  /** Fills in a model the user did not type (a default); the form records it. */
  setModel(model: string): void {
    this.modelInput.value = model;
    this.renderModelStatus();
  }

  private changed(): void {
    this.renderModelStatus();
    this.renderToneDescription();
    this.events.change(this.index, this.speaker);
  }

  private fillTones(tones: readonly Tone[]): void {
    const selected = this.toneSelect.value;
    const options = tones.map((tone) => h('option', { value: tone.name, text: tone.name, title: tone.prompt }));
    // A tone saved earlier may since have been removed from the settings: keep it visible rather than silently switch.
    if (selected.length > 0 && !tones.some((tone) => tone.name === selected)) {
      options.unshift(h('option', { value: selected, text: `${selected} (not defined)`, title: 'This tone is no longer in the settings.' }));
    }
    this.toneSelect.replaceChildren(...options);
    this.toneSelect.value = selected.length > 0 ? selected : (tones[0]?.name ?? '');
  }

  private renderToneDescription(): void {
    const tone = this.context?.tones.find((candidate) => candidate.name === this.toneSelect.value);
    this.toneDescription.textContent = tone?.prompt ?? '';
    this.toneDescription.title = tone?.prompt ?? '';
    this.toneSelect.title = tone?.prompt ?? '';
  }

  private renderModelStatus(): void {
    const context = this.context;
    if (context === null || context.models === null) {
      this.modelStatus.replaceChildren();
      return;
    }
    this.modelInput.removeAttribute('aria-invalid');
    const typed = this.modelInput.value.trim();
    this.modelStatus.replaceChildren(...modelStatusParts(typed, context, (model) => this.events.pull(model), 'Pick an installed model or type a name to pull.'));
  }
}
