// Turns a `--speaker MODEL[:TONE]` value into a model and a tone.
// Ollama model names contain colons themselves (`llama3.2:1b`), so the last
// segment counts as a tone only when it names a known one.

import type { Tone } from '../types';

export interface SpeakerSpec {
  model: string;
  /** The tone's canonical name (as the tone list spells it). */
  tone: string;
}

export function parseSpeakerSpec(value: string, tones: readonly Tone[], defaultTone: string): SpeakerSpec {
  const trimmed = value.trim();
  const lastColon = trimmed.lastIndexOf(':');
  if (lastColon > 0) {
    const candidate = trimmed.slice(lastColon + 1).toLowerCase();
    const tone = tones.find((known) => known.name.toLowerCase() === candidate);
    if (tone) return { model: trimmed.slice(0, lastColon), tone: tone.name };
  }
  return { model: trimmed, tone: defaultTone };
}
