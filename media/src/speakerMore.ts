// A speaker row's "More" section, closed by default: display name, stance, role, temperature,
// context window, its own Ollama host and thinking (offered only as far as the speaker's model
// reasons: speakerMoreRules.ts thinkingChoicesFor); for a speaker a VS Code language model runs, the window, host and
// thinking (Ollama's alone) are off, saying why, and not sent. Its button is a disclosure (aria-expanded, aria-controls; Enter
// and Space, as any button) that says, closed, what is set. Values are read as typed; the form
// says what to fix on Start (formRules.ts validateDraft), opening the section to show the field.
import type { SpeakerOptionField } from '../../extension/contract/speaker-options';
import { MAX_HOST_CHARS, MAX_SPEAKER_NAME_CHARS } from '../../extension/contract/speaker-options';
import { thinkingSupport, type InstalledModel } from '../../extension/contract/installed-models';
import type { ThinkingSetting } from '../../engine/types';
import { MAX_CONTEXT_WINDOW, MAX_TEMPERATURE, MIN_CONTEXT_WINDOW, MIN_TEMPERATURE } from '../../engine/limits';
import { MAX_ROLE_LENGTH } from '../../engine/personas/role';
import { isStance } from '../../engine/personas/stance';
import { h, icon } from './dom';
import {
  extrasSummary, numberOf, STANCE_CHOICES, THINKING_CHOICES, thinkingChoicesFor, thinkingOf, thinkingValue,
} from './speakerMoreRules';
import type { SpeakerExtras } from '../../extension/contract/speaker-options';
import * as l10n from './l10n';

export const THINKING_HINT =
  l10n.t("For reasoning models. Ollama did not say whether this model reasons: one that doesn't refuses On and the levels, saying so; Off and Model default always work.");

/** The thinking hint once Ollama said the model reasons. */
const THINKING_KNOWN_HINT = l10n.t("This model reasons. Model default: as the model does by itself; reasoning is shown apart and never sent to the speakers.");

/** Why a setting only Ollama takes is off for a speaker a VS Code language model runs. */
const OLLAMA_ONLY_HINT = l10n.t('Off: for Ollama models only (this speaker uses a VS Code language model).');

/** The settings only Ollama takes. */
const OLLAMA_ONLY = ['contextSize', 'host', 'thinking'] as const;

export interface SpeakerMoreEvents {
  change(): void;
  /** The host field was left or confirmed with a new value (its models are then listed). */
  hostChange(): void;
}

/** One labelled field of the section: its label, control and a hint the control is described by. */
function field(control: HTMLElement, label: string, hint: string): HTMLElement {
  const hintId = `${control.id}-hint`;
  control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, [h('label', { for: control.id, text: label }), control, h('div', { id: hintId, class: 'field-hint', text: hint })]);
}

/** The section's controls, one per setting. */
interface Controls {
  name: HTMLInputElement;
  stance: HTMLSelectElement;
  role: HTMLInputElement;
  temperature: HTMLInputElement;
  contextSize: HTMLInputElement;
  host: HTMLInputElement;
  thinking: HTMLSelectElement;
}

export class SpeakerMore {
  readonly element: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly chevron = icon('chevron-right');
  private readonly summary: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly controls: Controls;
  private readonly thinkingField: HTMLElement;
  private readonly thinkingHint: HTMLElement;
  /** The thinking chosen, kept while the model can't take it (it comes back with a model that can). */
  private wantedThinking: ThinkingSetting | undefined;
  /** The hints of the Ollama-only settings, each with what it says for an Ollama model. */
  private readonly ollamaHints: Record<(typeof OLLAMA_ONLY)[number], { element: HTMLElement; text: string }>;
  /** A VS Code language model speaks: the Ollama-only settings are off. */
  private vsCode = false;

  constructor(index: number, extras: SpeakerExtras, events: SpeakerMoreEvents) {
    const slot = l10n.t('Speaker {0}', index + 1);
    const id = `speaker-${index}`;
    const name = h('input', {
      id: `${id}-name`, type: 'text', 'aria-label': l10n.t('{0} name', slot), placeholder: slot, maxlength: MAX_SPEAKER_NAME_CHARS, autocomplete: 'off', spellcheck: 'false',
    });
    const stance = h('select', { id: `${id}-stance`, 'aria-label': l10n.t('{0} stance', slot) },
      STANCE_CHOICES.map(({ value, label }) => h('option', { value, text: label })));
    const role = h('input', {
      id: `${id}-role`, type: 'text', 'aria-label': l10n.t('{0} role', slot), placeholder: l10n.t('e.g. an economist'), maxlength: MAX_ROLE_LENGTH, autocomplete: 'off',
    });
    const temperature = h('input', {
      id: `${id}-temperature`, type: 'number', 'aria-label': l10n.t('{0} temperature', slot), min: MIN_TEMPERATURE, max: MAX_TEMPERATURE, step: 0.1,
      placeholder: l10n.t('default'), inputmode: 'decimal',
    });
    const contextSize = h('input', {
      id: `${id}-context-size`, type: 'number', 'aria-label': l10n.t('{0} context window', slot), min: MIN_CONTEXT_WINDOW, max: MAX_CONTEXT_WINDOW, step: 512,
      placeholder: l10n.t('setting'), inputmode: 'numeric',
    });
    const thinking = h('select', { id: `${id}-thinking`, 'aria-label': l10n.t('{0} thinking', slot) },
      THINKING_CHOICES.map(({ value, label }) => h('option', { value, text: label })));
    const host = h('input', {
      id: `${id}-host`, type: 'text', 'aria-label': l10n.t('{0} Ollama host', slot), placeholder: l10n.t("debate's host"), maxlength: MAX_HOST_CHARS,
      autocomplete: 'off', spellcheck: 'false', inputmode: 'url',
    });
    this.controls = { name, stance, role, temperature, contextSize, host, thinking };
    this.thinkingField = field(thinking, l10n.t('Thinking'), THINKING_HINT);
    this.thinkingHint = this.thinkingField.querySelector('.field-hint') as HTMLElement;
    const contextField = field(contextSize, l10n.t('Context window'), l10n.t('In tokens (num_ctx); empty: the talkingModels.contextWindow setting.'));
    const hostField = field(host, l10n.t('Ollama host'), l10n.t("Its own Ollama server, e.g. http://gpu-box:11434, with its own models; empty: the debate's host."));
    const hintOf = (element: HTMLElement) => {
      const hint = element.querySelector('.field-hint') as HTMLElement;
      return { element: hint, text: hint.textContent ?? '' };
    };
    this.ollamaHints = { contextSize: hintOf(contextField), host: hintOf(hostField), thinking: hintOf(this.thinkingField) };

    const panelId = `${id}-more`;
    this.summary = h('span', { id: `${panelId}-summary`, class: 'more-summary' });
    this.toggle = h('button', {
      type: 'button', class: 'link-button more-toggle', 'aria-expanded': 'false', 'aria-controls': panelId,
      'aria-label': l10n.t('More settings for {0}', slot), 'aria-describedby': this.summary.id,
    }, [this.chevron, l10n.t('More')]);
    this.panel = h('div', { id: panelId, class: 'speaker-more-fields', role: 'group', 'aria-label': l10n.t('More settings for {0}', slot), hidden: true }, [
      field(name, l10n.t('Name'), l10n.t('Shown on its turns; the others hear it by this name.')),
      field(stance, l10n.t('Stance'), l10n.t('The side it argues.')),
      field(role, l10n.t('Role'), l10n.t('The expertise it speaks from, on one line.')),
      field(temperature, l10n.t('Temperature'), l10n.t('{0} to {1}; empty: the model\'s default.', MIN_TEMPERATURE, MAX_TEMPERATURE)),
      contextField,
      hostField,
      this.thinkingField,
    ]);
    this.element = h('div', { class: 'speaker-more' }, [h('div', { class: 'more-toggle-row' }, [this.toggle, this.summary]), this.panel]);

    this.fill(extras);
    this.toggle.addEventListener('click', () => this.setOpen(this.panel.hidden));
    thinking.addEventListener('change', () => {
      this.wantedThinking = thinkingOf(thinking.value);
    });
    host.addEventListener('change', () => events.hostChange());
    for (const control of Object.values(this.controls)) {
      control.addEventListener(control instanceof HTMLSelectElement ? 'change' : 'input', () => {
        this.renderSummary();
        events.change();
      });
    }
  }

  /** The settings as typed (a number field that holds no number reads NaN). */
  get extras(): SpeakerExtras {
    const { name, stance, role, temperature, contextSize, host, thinking } = this.controls;
    // Hidden, the field offers nothing: the model can't reason, so nothing is sent; nor for a VS Code model (Ollama's settings).
    const setting = this.thinkingField.hidden || this.vsCode ? undefined : thinkingOf(thinking.value);
    const degrees = numberIn(temperature);
    const tokens = this.vsCode ? undefined : numberIn(contextSize);
    return {
      ...(name.value !== '' && { name: name.value }),
      ...(isStance(stance.value) && { stance: stance.value }),
      ...(role.value !== '' && { role: role.value }),
      ...(degrees !== undefined && { temperature: degrees }),
      ...(tokens !== undefined && { contextSize: tokens }),
      ...(setting !== undefined && { thinking: setting }),
      ...(host.value !== '' && !this.vsCode && { host: host.value }),
    };
  }

  /** The host as typed, trimmed ('' for the debate's, and for a VS Code speaker, which has none). */
  get host(): string {
    return this.vsCode ? '' : this.controls.host.value.trim();
  }

  /**
   * Whether a VS Code language model speaks: its window, host and thinking (Ollama's alone) are then off, saying why, and not
   * sent; what was typed in them stays for an Ollama model chosen again.
   */
  setVsCode(vsCode: boolean): void {
    if (vsCode === this.vsCode) return;
    this.vsCode = vsCode;
    for (const part of OLLAMA_ONLY) {
      this.controls[part].disabled = vsCode;
      const hint = this.ollamaHints[part];
      hint.element.textContent = vsCode ? OLLAMA_ONLY_HINT : hint.text;
    }
    this.renderSummary();
  }

  /**
   * The speaker's model as listed (undefined: not installed, or the list unknown): the thinking field offers what it
   * takes, keeping the choice made when it is among them, and is hidden for a model Ollama says can't reason.
   */
  setModel(model: InstalledModel | undefined): void {
    const choices = thinkingChoicesFor(model);
    const select = this.controls.thinking;
    const values = choices.map((choice) => choice.value);
    if ([...select.options].map((option) => option.value).join('\n') !== values.join('\n')) {
      select.replaceChildren(...choices.map(({ value, label }) => h('option', { value, text: label })));
    }
    const wanted = thinkingValue(this.wantedThinking);
    select.value = values.includes(wanted) ? wanted : '';
    this.thinkingField.hidden = choices.length === 0;
    this.ollamaHints.thinking.text = thinkingSupport(model) === 'yes' ? THINKING_KNOWN_HINT : THINKING_HINT;
    if (!this.vsCode) this.thinkingHint.textContent = this.ollamaHints.thinking.text;
    this.renderSummary();
  }

  /** The control of a setting, the section opened so it can be seen and focused. */
  control(part: SpeakerOptionField): HTMLElement {
    this.setOpen(true);
    return this.controls[part];
  }

  private setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    this.chevron.className = `codicon codicon-chevron-${open ? 'down' : 'right'}`;
    this.renderSummary();
  }

  private fill(extras: SpeakerExtras): void {
    const { name, stance, role, temperature, contextSize, host, thinking } = this.controls;
    name.value = extras.name ?? '';
    host.value = extras.host ?? '';
    this.wantedThinking = extras.thinking;
    stance.value = extras.stance ?? '';
    role.value = extras.role ?? '';
    temperature.value = numberText(extras.temperature);
    contextSize.value = numberText(extras.contextSize);
    thinking.value = thinkingValue(extras.thinking);
    this.renderSummary();
  }

  /** Closed, the button is followed by what is set; open, the fields say it themselves. */
  private renderSummary(): void {
    this.summary.textContent = this.panel.hidden ? extrasSummary(this.extras) : '';
  }
}

/** A number field's value: absent when empty, NaN when what is typed is not a number (the browser then reports '' as its value). */
function numberIn(input: HTMLInputElement): number | undefined {
  return numberOf(input.value, input.validity.badInput);
}

function numberText(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '' : String(value);
}
