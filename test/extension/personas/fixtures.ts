// Personas the import tests share: the person's own, as the setting holds them, and a persona
// file's, one differing from the person's, one new.
import type { Persona } from '../../../engine/personas/persona';

/** talkingModels.personas as the person wrote it. */
export const MINE_ENTRIES = [
  { name: 'Economist', tone: 'Speak with numbers.', stance: 'for', role: 'an economist' },
  { name: 'Nurse', tone: 'Be kind to everyone.' },
];

/** A file's personas: an Economist (spelt `economist`) arguing against, a Nurse told `nursePrompt`, and a new Judge. */
export function filePersonas(nursePrompt: string, economist = 'Economist'): Persona[] {
  return [
    { name: economist, prompt: 'Speak with stories.', stance: 'against' },
    { name: 'Nurse', prompt: nursePrompt },
    { name: 'Judge', prompt: 'Weigh both sides.', stance: 'neutral' },
  ];
}
