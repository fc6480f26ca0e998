// Turns a `--speaker MODEL[:TONE][@HOST]` value into a model, a tone and an
// optional host of its own. Ollama model names contain colons themselves
// (`llama3.2:1b`), so the last segment counts as a tone only when it names a
// known one. Model names never contain '@', so the first '@' starts the host. Settings of the
// speaker's own (name, stance, role…) may follow as `,KEY=VALUE` parts (speaker-settings.ts).

import type { Tone } from '../types';
import { CliError, EXIT_USAGE } from './io';
import { parseSpeakerSettings, splitSpeakerValue, type SpeakerSettings } from './speaker-settings';

export interface SpeakerSpec extends SpeakerSettings {
  model: string;
  /** The tone's canonical name (as the tone list spells it). */
  tone: string;
  /** This speaker's own Ollama server (a GPU box on the network); absent: the debate's host. */
  host?: string;
}

/** Throws a usage error when a `,KEY=VALUE` setting can't be read (the command line checks them first). */
export function parseSpeakerSpec(value: string, tones: readonly Tone[], defaultTone: string): SpeakerSpec {
  const settings = parseSpeakerSettings(value);
  if (!settings.ok) throw new CliError(settings.message, EXIT_USAGE);
  const trimmed = splitSpeakerValue(value).spec.trim();
  const at = trimmed.indexOf('@');
  const host = at >= 0 ? trimmed.slice(at + 1).trim() : '';
  const modelAndTone = (at >= 0 ? trimmed.slice(0, at) : trimmed).trim();
  const withHost = host === '' ? settings.settings : { host, ...settings.settings };
  const lastColon = modelAndTone.lastIndexOf(':');
  if (lastColon > 0) {
    const candidate = modelAndTone.slice(lastColon + 1).toLowerCase();
    const tone = tones.find((known) => known.name.toLowerCase() === candidate);
    if (tone) return { model: modelAndTone.slice(0, lastColon), tone: tone.name, ...withHost };
  }
  return { model: modelAndTone, tone: defaultTone, ...withHost };
}

/** The last part of a model name (after any registry host and namespace), where its tag is. */
function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

function hasTag(name: string): boolean {
  return lastSegment(name).includes(':');
}

/** Ollama's reading of a name: no tag means ":latest"; case does not matter. */
export function normalizeModelName(name: string): string {
  return (hasTag(name) ? name : `${name}:latest`).toLowerCase();
}

/** A word after a model name that was meant as a tone but names none: `m1:latest:Bogus`. */
export interface ToneMistake {
  /** The model the speaker names, without the word. */
  model: string;
  /** The word that is not a tone. */
  word: string;
  /** Whether the model is installed on the speaker's host. */
  installed: boolean;
  /** False when the word could also be a tag of the model that is not installed (`m1:Bogus`). */
  certain: boolean;
}

/**
 * Pure: whether a parsed speaker's model name ends in a word meant as a tone. `m1:latest:Bogus`
 * can't be a model (a name has one tag), so it is one whatever is installed; `m1:Bogus` is one
 * when `installed` (the host's models; null: unknown) has m1 but no m1:Bogus.
 */
export function toneMistake(spec: SpeakerSpec, installed: readonly string[] | null): ToneMistake | null {
  const name = spec.model;
  if (!hasTag(name)) return null;
  const colon = name.lastIndexOf(':');
  const model = name.slice(0, colon);
  const word = name.slice(colon + 1);
  if (model === '' || word === '') return null;
  const known = installed === null ? null : new Set(installed.map(normalizeModelName));
  if (hasTag(model)) return { model, word, installed: known?.has(normalizeModelName(model)) ?? false, certain: true };
  if (known === null || known.has(normalizeModelName(name)) || !known.has(normalizeModelName(model))) return null;
  return { model, word, installed: true, certain: false };
}
