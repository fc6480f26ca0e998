// Rules of personas and line-ups in the set-up form, as pure functions (no DOM) so they are
// unit-tested: a persona chosen in the tone picker, the two-click For / Against, a line-up
// (recent or suggested) taken into the form, and how a line-up reads in a pick list.
import type { ModelInfo } from '../../engine/types';
import type { Stance } from '../../engine/personas/stance';
import { findInstalledModel } from '../../extension/contract/installed-models';
import { isVsCodeSpeaker } from '../../extension/contract/language-models';
import type { LineUpSpeakerChoice, PersonaOption } from '../../extension/contract/protocol';
import { defaultSpeakerName } from '../../extension/contract/speaker-options';
import { addSpeaker, type FormDraft, type SpeakerDraft } from './formRules';
import { STANCE_CHOICES } from './speakerMoreRules';
import * as l10n from './l10n';

/** The persona of a tone name, if the tone is one. */
export function personaNamed(personas: readonly PersonaOption[], tone: string): PersonaOption | undefined {
  return personas.find((persona) => persona.name === tone);
}

/** Pure: the speaker given persona `persona`: its tone, and its stance and role where it has them (the speaker's own stay otherwise). */
export function withPersona(speaker: SpeakerDraft, persona: PersonaOption): SpeakerDraft {
  return {
    ...speaker,
    tone: persona.name,
    ...(persona.stance !== undefined && { stance: persona.stance }),
    ...(persona.role !== undefined && { role: persona.role }),
  };
}

/**
 * Pure: the two-click for/against debate: speaker 1 For, speaker 2 Against, each keeping its model,
 * tone and the rest; a lone speaker gets a second (as Add speaker makes it) to argue against.
 */
export function forAgainst(draft: FormDraft, toneNames: readonly string[]): FormDraft {
  const paired = draft.speakers.length >= 2 ? draft : addSpeaker(draft, toneNames);
  const sides: readonly Stance[] = ['for', 'against'];
  return { ...paired, speakers: paired.speakers.map((speaker, index) => (index < sides.length ? { ...speaker, stance: sides[index] } : speaker)) };
}

/** Pure: a line-up's speakers as the form holds them (a name that is the slot's default left out, so it follows the slot). */
export function speakersOfLineUp(lineUp: readonly LineUpSpeakerChoice[]): SpeakerDraft[] {
  return lineUp.map(({ name, model, tone, stance, role, backend }, index) => ({
    model,
    tone,
    ...(backend !== undefined && { backend }),
    ...(name.trim() !== '' && name.trim() !== defaultSpeakerName(index) && { name: name.trim() }),
    ...(stance !== undefined && { stance }),
    ...(role !== undefined && role.trim() !== '' && { role: role.trim() }),
  }));
}

/** Pure: the draft with a line-up's speakers in place of its own (topic, exchanges and the rest as they were). */
export function draftWithLineUp(draft: FormDraft, lineUp: readonly LineUpSpeakerChoice[]): FormDraft {
  return lineUp.length === 0 ? draft : { ...draft, speakers: speakersOfLineUp(lineUp) };
}

/** Pure: the Ollama models of a line-up the host does not have (none while the models are unknown; VS Code's are not Ollama's to have). */
export function missingModels(lineUp: readonly LineUpSpeakerChoice[], models: readonly ModelInfo[] | null): string[] {
  if (models === null) return [];
  const ollama = lineUp.filter((speaker) => !isVsCodeSpeaker(speaker)).map((speaker) => speaker.model);
  return [...new Set(ollama.filter((model) => findInstalledModel(models, model) === undefined))];
}

/** How a stance reads, in the display language. */
function stanceLabel(stance: Stance): string {
  return STANCE_CHOICES.find((choice) => choice.value === stance)?.label ?? stance;
}

/** "Ada (For, an economist; llama3.2:1b)": one speaker of a line-up on one line. */
export function lineUpSpeakerLabel(speaker: LineUpSpeakerChoice): string {
  const traits = [...(speaker.stance !== undefined ? [stanceLabel(speaker.stance)] : []), ...(speaker.role !== undefined ? [speaker.role] : [])];
  const part = traits.length > 0 ? traits.join(', ') : speaker.tone;
  const model = isVsCodeSpeaker(speaker) ? l10n.t('{0} (VS Code)', speaker.model) : speaker.model;
  return l10n.t('{0} ({1}; {2})', speaker.name.replace(/\s+/g, ' ').trim(), part.replace(/\s+/g, ' ').trim(), model);
}

/** Pure: a recent line-up in its pick list: its speakers, and a flag naming the models no longer installed. */
export function recentLineUpLabel(lineUp: readonly LineUpSpeakerChoice[], models: readonly ModelInfo[] | null): string {
  const speakers = lineUp.map(lineUpSpeakerLabel).join(l10n.t(' vs '));
  const missing = missingModels(lineUp, models);
  return missing.length === 0 ? speakers : l10n.t('{0} — not installed: {1}', speakers, missing.join(', '));
}
