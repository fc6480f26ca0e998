// Turns a `--speaker MODEL[:TONE][@HOST]` value into a model, a tone and an
// optional host of its own. Ollama model names contain colons themselves
// (`llama3.2:1b`), so the last segment counts as a tone only when it names a
// known one. Model names never contain '@', so the first '@' starts the host.

import type { Tone } from '../types';

export interface SpeakerSpec {
  model: string;
  /** The tone's canonical name (as the tone list spells it). */
  tone: string;
  /** This speaker's own Ollama server (a GPU box on the network); absent: the debate's host. */
  host?: string;
}

export function parseSpeakerSpec(value: string, tones: readonly Tone[], defaultTone: string): SpeakerSpec {
  const trimmed = value.trim();
  const at = trimmed.indexOf('@');
  const host = at >= 0 ? trimmed.slice(at + 1).trim() : '';
  const modelAndTone = (at >= 0 ? trimmed.slice(0, at) : trimmed).trim();
  const withHost = host === '' ? {} : { host };
  const lastColon = modelAndTone.lastIndexOf(':');
  if (lastColon > 0) {
    const candidate = modelAndTone.slice(lastColon + 1).toLowerCase();
    const tone = tones.find((known) => known.name.toLowerCase() === candidate);
    if (tone) return { model: modelAndTone.slice(0, lastColon), tone: tone.name, ...withHost };
  }
  return { model: modelAndTone, tone: defaultTone, ...withHost };
}
