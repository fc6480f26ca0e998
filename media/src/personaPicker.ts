// The tone picker with personas: the tones, then (when settings define any) the personas in a
// group of their own, each option's tooltip saying what it fills in. Choosing a persona makes it
// the speaker's tone and fills in its stance and role (speakerRow.ts calls fillPersonaTraits).
import type { Tone } from '../../engine/types';
import type { PersonaOption } from '../../extension/contract/protocol';
import type { SpeakerOptionField } from '../../extension/contract/speaker-options';
import { h } from './dom';
import { personaNamed } from './personaRules';
import { extrasSummary } from './speakerMoreRules';
import * as l10n from './l10n';

function toneOption(tone: Tone, title = tone.prompt): HTMLOptionElement {
  return h('option', { value: tone.name, text: tone.name, title });
}

/**
 * The picker's options: a tone saved earlier but no longer defined first (kept visible rather
 * than silently switched), then the tones, then the personas under "Personas".
 */
export function toneOptions(tones: readonly Tone[], personas: readonly PersonaOption[], selected: string): HTMLElement[] {
  const missing = selected.length > 0 && !tones.some((tone) => tone.name === selected)
    ? [h('option', { value: selected, text: l10n.t('{0} (not defined)', selected), title: l10n.t('This tone is no longer in the settings.') })]
    : [];
  const plain = tones.filter((tone) => personaNamed(personas, tone.name) === undefined);
  const personaTones = tones.flatMap((tone) => {
    const persona = personaNamed(personas, tone.name);
    if (persona === undefined) return [];
    const fills = extrasSummary({ ...(persona.stance !== undefined && { stance: persona.stance }), ...(persona.role !== undefined && { role: persona.role }) });
    return [toneOption(tone, fills === '' ? tone.prompt : `${fills} · ${tone.prompt}`)];
  });
  if (personaTones.length === 0) return [...missing, ...plain.map((tone) => toneOption(tone))];
  return [
    ...missing,
    h('optgroup', { label: l10n.t('Tones') }, plain.map((tone) => toneOption(tone))),
    h('optgroup', { label: l10n.t('Personas') }, personaTones),
  ];
}

/** Fills in the stance and role a persona has (the speaker's own stay where it has none), through the row's controls. */
export function fillPersonaTraits(persona: PersonaOption, control: (part: Extract<SpeakerOptionField, 'stance' | 'role'>) => HTMLElement): void {
  // Asking for a control opens the More section: only when there is something to show there.
  if (persona.stance !== undefined) {
    const stance = control('stance');
    if (stance instanceof HTMLSelectElement) stance.value = persona.stance;
  }
  if (persona.role !== undefined) {
    const role = control('role');
    if (role instanceof HTMLInputElement) role.value = persona.role;
  }
}
