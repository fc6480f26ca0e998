// A speaker row's "More" section, closed by default: display name, stance, role, temperature,
// context window and thinking. Its button is a disclosure (aria-expanded, aria-controls; Enter
// and Space, as any button) that says, closed, what is set. Values are read as typed; the form
// says what to fix on Start (formRules.ts validateDraft), opening the section to show the field.
import type { SpeakerOptionField } from '../../extension/contract/speaker-options';
import { MAX_SPEAKER_NAME_CHARS } from '../../extension/contract/speaker-options';
import { MAX_CONTEXT_WINDOW, MAX_TEMPERATURE, MIN_CONTEXT_WINDOW, MIN_TEMPERATURE } from '../../engine/limits';
import { MAX_ROLE_LENGTH } from '../../engine/personas/role';
import { isStance } from '../../engine/personas/stance';
import { h, icon } from './dom';
import {
  extrasSummary, numberOf, STANCE_CHOICES, THINKING_CHOICES, thinkingOf, thinkingValue, type SpeakerExtras,
} from './speakerMoreRules';

export const THINKING_HINT =
  "For reasoning models. The panel can't tell yet which installed models reason: one that doesn't refuses On and the levels, saying so; Off and Model default always work.";

export interface SpeakerMoreEvents {
  change(): void;
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
  thinking: HTMLSelectElement;
}

export class SpeakerMore {
  readonly element: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly chevron = icon('chevron-right');
  private readonly summary: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly controls: Controls;

  constructor(index: number, extras: SpeakerExtras, events: SpeakerMoreEvents) {
    const slot = `Speaker ${index + 1}`;
    const id = `speaker-${index}`;
    const name = h('input', {
      id: `${id}-name`, type: 'text', 'aria-label': `${slot} name`, placeholder: slot, maxlength: MAX_SPEAKER_NAME_CHARS, autocomplete: 'off', spellcheck: 'false',
    });
    const stance = h('select', { id: `${id}-stance`, 'aria-label': `${slot} stance` },
      STANCE_CHOICES.map(({ value, label }) => h('option', { value, text: label })));
    const role = h('input', {
      id: `${id}-role`, type: 'text', 'aria-label': `${slot} role`, placeholder: 'e.g. an economist', maxlength: MAX_ROLE_LENGTH, autocomplete: 'off',
    });
    const temperature = h('input', {
      id: `${id}-temperature`, type: 'number', 'aria-label': `${slot} temperature`, min: MIN_TEMPERATURE, max: MAX_TEMPERATURE, step: 0.1,
      placeholder: 'default', inputmode: 'decimal',
    });
    const contextSize = h('input', {
      id: `${id}-context-size`, type: 'number', 'aria-label': `${slot} context window`, min: MIN_CONTEXT_WINDOW, max: MAX_CONTEXT_WINDOW, step: 512,
      placeholder: 'setting', inputmode: 'numeric',
    });
    const thinking = h('select', { id: `${id}-thinking`, 'aria-label': `${slot} thinking` },
      THINKING_CHOICES.map(({ value, label }) => h('option', { value, text: label })));
    this.controls = { name, stance, role, temperature, contextSize, thinking };

    const panelId = `${id}-more`;
    this.summary = h('span', { id: `${panelId}-summary`, class: 'more-summary' });
    this.toggle = h('button', {
      type: 'button', class: 'link-button more-toggle', 'aria-expanded': 'false', 'aria-controls': panelId,
      'aria-label': `More settings for ${slot}`, 'aria-describedby': this.summary.id,
    }, [this.chevron, 'More']);
    this.panel = h('div', { id: panelId, class: 'speaker-more-fields', role: 'group', 'aria-label': `More settings for ${slot}`, hidden: true }, [
      field(name, 'Name', 'Shown on its turns; the others hear it by this name.'),
      field(stance, 'Stance', 'The side it argues.'),
      field(role, 'Role', 'The expertise it speaks from, on one line.'),
      field(temperature, 'Temperature', `${MIN_TEMPERATURE} to ${MAX_TEMPERATURE}; empty: the model's default.`),
      field(contextSize, 'Context window', 'In tokens (num_ctx); empty: the talkingModels.contextWindow setting.'),
      field(thinking, 'Thinking', THINKING_HINT),
    ]);
    this.element = h('div', { class: 'speaker-more' }, [h('div', { class: 'more-toggle-row' }, [this.toggle, this.summary]), this.panel]);

    this.fill(extras);
    this.toggle.addEventListener('click', () => this.setOpen(this.panel.hidden));
    for (const control of Object.values(this.controls)) {
      control.addEventListener(control instanceof HTMLSelectElement ? 'change' : 'input', () => {
        this.renderSummary();
        events.change();
      });
    }
  }

  /** The settings as typed (a number field that holds no number reads NaN). */
  get extras(): SpeakerExtras {
    const { name, stance, role, temperature, contextSize, thinking } = this.controls;
    const setting = thinkingOf(thinking.value);
    const degrees = numberIn(temperature);
    const tokens = numberIn(contextSize);
    return {
      ...(name.value !== '' && { name: name.value }),
      ...(isStance(stance.value) && { stance: stance.value }),
      ...(role.value !== '' && { role: role.value }),
      ...(degrees !== undefined && { temperature: degrees }),
      ...(tokens !== undefined && { contextSize: tokens }),
      ...(setting !== undefined && { thinking: setting }),
    };
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
    const { name, stance, role, temperature, contextSize, thinking } = this.controls;
    name.value = extras.name ?? '';
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
