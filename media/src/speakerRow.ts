// One speaker in the setup form: a model combobox (installed models, or any
// name, with a one-click pull when it is not installed), a tone picker, and its
// closed "More" section (speakerMore.ts: name, stance, role, temperature, window, host, thinking).
// A speaker with its own Ollama host picks from that host's models, listed when the host is
// entered (a pull goes to the debate's host, so none is offered there). Under the model picker, the
// chat models VS Code offers (languageModelGroup.ts): one chosen, the Ollama model, its pull and
// Ollama's own settings are off, saying why.
import type { Tone } from '../../engine/types';
import type { SpeakerOptionField } from '../../extension/contract/speaker-options';
import type { SpeakerDraft } from './formRules';
import { SpeakerMore } from './speakerMore';
import type { PersonaOption } from '../../extension/contract/protocol';
import { fillPersonaTraits, toneOptions } from './personaPicker';
import { personaNamed } from './personaRules';
import { h, icon, iconButton } from './dom';
import { formatModelDetails } from './format';
import { findInstalledModel, type HostModelListing, type InstalledModel } from '../../extension/contract/installed-models';
import { pullStatusElement, type PullState } from './pullStatus';
import { isVsCodeSpeaker, VSCODE_LM_BACKEND, type LanguageModelOption } from '../../extension/contract/language-models';
import { LanguageModelGroup } from './languageModelGroup';
import * as l10n from './l10n';

export const MODELS_DATALIST_ID = 'installed-models';

/** What a model picker's status needs to know: the installed models (null while unknown), the host, the pulls under way. */
export interface ModelsContext {
  models: readonly InstalledModel[] | null;
  host: string;
  pulls: ReadonlyMap<string, PullState>;
}

export interface SpeakerContext extends ModelsContext {
  tones: readonly Tone[];
  /** The personas among the tones (talkingModels.personas); absent: none. */
  personas?: readonly PersonaOption[];
  canRemove: boolean;
  /** Speakers' own hosts (as typed, trimmed): being listed, or their listing. */
  hostModels: ReadonlyMap<string, HostModelsState>;
  /** The chat models VS Code offers (none: the group is not shown). */
  languageModels: readonly LanguageModelOption[];
}

/** A speaker's own host: its models being listed, or the listing (its models, or why there are none). */
export type HostModelsState = 'listing' | HostModelListing;

/**
 * What a model picker says under it about the model chosen (`typed`): nothing while the models are unknown,
 * `emptyHint` for none, an installed model's details, or "Not installed." with a Pull button and the pull's progress.
 */
export function modelStatusParts(typed: string, context: ModelsContext, pull: ((model: string) => void) | null, emptyHint: string): Node[] {
  if (context.models === null) return [];
  const pulling = context.pulls.get(typed);
  const installed = findInstalledModel(context.models, typed);
  const parts: Node[] = [];
  if (typed.length === 0) {
    parts.push(document.createTextNode(emptyHint));
  } else if (installed !== undefined) {
    parts.push(h('span', { class: 'model-details' }, [icon('check'), formatModelDetails(installed)]));
  } else {
    parts.push(h('span', { class: 'model-missing', title: l10n.t('Not installed on {0}', context.host) }, [icon('warning'), l10n.t('Not installed.')]));
    if (pull === null) {
      parts.push(document.createTextNode(` ${l10n.t('Pull it on {0} with ollama pull {1}.', context.host, typed)}`));
    } else if (pulling?.kind !== 'progress') {
      const pullButton = h('button', { type: 'button', class: 'link-button', 'aria-label': l10n.t('Pull {0}', typed) }, [icon('cloud-download'), l10n.t('Pull')]);
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
  /** Lists the models on a speaker's own host (the form answers through `update`). */
  listHostModels(host: string): void;
}

export class SpeakerRow {
  readonly element: HTMLElement;
  readonly modelInput: HTMLInputElement;
  readonly toneSelect: HTMLSelectElement;
  private readonly removeButton: HTMLButtonElement;
  private readonly modelStatus: HTMLElement;
  private readonly toneDescription: HTMLElement;
  private readonly more: SpeakerMore;
  private readonly hostDatalist: HTMLDataListElement;
  private readonly languageModel: LanguageModelGroup;
  /** The own host whose models are shown: the host field as last left (typing alone lists nothing). */
  private listedHost: string;
  private context: SpeakerContext | null = null;

  constructor(private readonly index: number, speaker: SpeakerDraft, private readonly events: SpeakerRowEvents) {
    const name = l10n.t('Speaker {0}', index + 1);
    const id = `speaker-${index}`;
    this.modelInput = h('input', {
      id: `${id}-model`, type: 'text', list: MODELS_DATALIST_ID, 'aria-label': l10n.t('{0} model', name),
      'aria-describedby': `${id}-model-status`, placeholder: l10n.t('e.g. llama3.2:1b'), autocomplete: 'off', spellcheck: 'false',
    });
    // A VS Code speaker's model is the VS Code model's id: the Ollama picker starts empty.
    this.modelInput.value = isVsCodeSpeaker(speaker) ? '' : speaker.model;
    this.toneSelect = h('select', { id: `${id}-tone`, 'aria-label': l10n.t('{0} tone', name), 'aria-describedby': `${id}-tone-description` });
    this.toneSelect.append(h('option', { value: speaker.tone, text: speaker.tone }));
    this.removeButton = iconButton('trash', l10n.t('Remove {0}', name));
    this.modelStatus = h('div', { id: `${id}-model-status`, class: 'field-hint' });
    this.toneDescription = h('div', { id: `${id}-tone-description`, class: 'field-hint tone-description' });
    this.more = new SpeakerMore(index, speaker, { change: () => this.changed(), hostChange: () => this.hostChanged() });
    this.languageModel = new LanguageModelGroup(index, isVsCodeSpeaker(speaker) ? speaker.model : '', { change: () => this.backendChosen() });
    this.more.setVsCode(this.usesVsCode);
    this.listedHost = this.more.host;
    this.hostDatalist = h('datalist', { id: `${id}-host-models` });

    this.element = h('div', { class: `speaker-row accent-${index}`, role: 'group', 'aria-label': name }, [
      h('div', { class: 'speaker-row-header' }, [
        h('span', { class: 'speaker-swatch', 'aria-hidden': 'true' }),
        h('span', { class: 'speaker-title', text: name }),
        this.removeButton,
      ]),
      h('div', { class: 'speaker-fields' }, [
        h('div', { class: 'field' }, [h('label', { for: this.modelInput.id, text: l10n.t('Model') }), this.modelInput, this.modelStatus]),
        h('div', { class: 'field' }, [h('label', { for: this.toneSelect.id, text: l10n.t('Tone') }), this.toneSelect, this.toneDescription]),
        this.languageModel.element,
      ]),
      this.more.element,
      this.hostDatalist,
    ]);

    this.modelInput.addEventListener('input', () => this.changed());
    this.toneSelect.addEventListener('change', () => this.toneChosen());
    this.removeButton.addEventListener('click', () => events.remove(index));
  }

  get speaker(): SpeakerDraft {
    const tone = this.toneSelect.value;
    if (this.usesVsCode) return { model: this.languageModel.model, tone, ...this.more.extras, backend: VSCODE_LM_BACKEND };
    return { model: this.modelInput.value, tone, ...this.more.extras };
  }

  /** A VS Code language model speaks (chosen under the Ollama model). */
  private get usesVsCode(): boolean {
    return this.languageModel.model !== '';
  }

  /** The control of one of the speaker's settings, shown (its "More" section opened for its own). */
  control(part: 'model' | 'tone' | SpeakerOptionField): HTMLElement {
    if (part === 'model') return this.usesVsCode ? this.languageModel.select : this.modelInput;
    if (part === 'tone') return this.toneSelect;
    return this.more.control(part);
  }

  update(context: SpeakerContext): void {
    const toneChanged = this.context?.tones !== context.tones || this.context?.personas !== context.personas;
    this.context = context;
    this.removeButton.disabled = !context.canRemove;
    this.languageModel.setModels(context.languageModels);
    if (toneChanged) this.fillTones(context.tones);
    this.renderModelStatus();
    this.renderToneDescription();
  }

  /** Fills in a model the user did not type (a default); the form records it. */
  setModel(model: string): void {
    this.modelInput.value = model;
    this.renderModelStatus();
  }

  /** A persona chosen fills in its stance and role too. */
  private toneChosen(): void {
    const persona = personaNamed(this.context?.personas ?? [], this.toneSelect.value);
    if (persona !== undefined) fillPersonaTraits(persona, (part) => this.more.control(part));
    this.changed();
  }

  private hostChanged(): void {
    this.listedHost = this.more.host;
    this.changed();
  }

  /** A VS Code model chosen, or None: Ollama's own settings go off or come back (its own host listed again). */
  private backendChosen(): void {
    this.more.setVsCode(this.usesVsCode);
    this.listedHost = this.more.host;
    this.changed();
  }

  private changed(): void {
    this.renderModelStatus();
    this.renderToneDescription();
    this.events.change(this.index, this.speaker);
  }

  private fillTones(tones: readonly Tone[]): void {
    const selected = this.toneSelect.value;
    this.toneSelect.replaceChildren(...toneOptions(tones, this.context?.personas ?? [], selected));
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
    const own = this.listedHost;
    this.modelInput.setAttribute('list', own === '' ? MODELS_DATALIST_ID : this.hostDatalist.id);
    if (context === null) {
      this.modelStatus.replaceChildren();
      return;
    }
    this.modelInput.removeAttribute('aria-invalid');
    this.modelInput.disabled = this.usesVsCode;
    if (this.usesVsCode) {
      // The VS Code model's own status is under its picker; Ollama's capabilities don't apply.
      this.more.setModel(undefined);
      this.modelStatus.textContent = l10n.t('Off: a VS Code language model speaks (chosen below).');
      return;
    }
    const typed = this.modelInput.value.trim();
    if (own === '') {
      this.more.setModel(context.models === null ? undefined : findInstalledModel(context.models, typed));
      const hint = l10n.t('Pick an installed model or type a name to pull.');
      this.modelStatus.replaceChildren(...(context.models === null ? [] : modelStatusParts(typed, context, (model) => this.events.pull(model), hint)));
      return;
    }
    const state = context.hostModels.get(own);
    if (state === undefined) {
      // The form marks the host as being listed and updates every row, this one included.
      this.events.listHostModels(own);
      return;
    }
    this.modelStatus.replaceChildren(...this.ownHostStatus(own, state, typed, context.pulls));
  }

  /** The status under the model picker of a speaker on its own host; its datalist filled with that host's models. */
  private ownHostStatus(own: string, state: HostModelsState, typed: string, pulls: ReadonlyMap<string, PullState>): Node[] {
    if (state === 'listing') {
      this.more.setModel(undefined);
      return [icon('loading codicon-modifier-spin'), document.createTextNode(l10n.t('Looking for models on {0}…', own))];
    }
    if (!state.ok) {
      this.more.setModel(undefined);
      this.hostDatalist.replaceChildren();
      return [h('span', { class: 'model-missing' }, [icon('warning'), state.error.message])];
    }
    const listed = this.hostDatalist.dataset.listed === state.host && this.hostDatalist.dataset.count === String(state.models.length);
    if (!listed) {
      this.hostDatalist.replaceChildren(...state.models.map((model) => h('option', { value: model.name, label: formatModelDetails(model) })));
      this.hostDatalist.dataset.listed = state.host;
      this.hostDatalist.dataset.count = String(state.models.length);
    }
    this.more.setModel(findInstalledModel(state.models, typed));
    const hint = state.models.length === 1 ? l10n.t('1 model on {0}: pick it.', state.host) : l10n.t('{0} models on {1}: pick one.', state.models.length, state.host);
    return modelStatusParts(typed, { models: state.models, host: state.host, pulls }, null, hint);
  }
}
