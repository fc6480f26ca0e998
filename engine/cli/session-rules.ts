// The pure rules behind continue, branch and --interactive: tested without a library or a model.

import { plural } from '../format';
import { tonePromptOf } from '../personas/persona';
import { BUILT_IN_TONES, allTones, findTone } from '../tones';
import type { DebateRecord } from '../store';
import type { SpeakerConfig, Tone } from '../types';
import { CliError, EXIT_USAGE } from './io';
import { parseSpeakerSpec } from './speaker-spec';

/** The tones a replacement speaker may name: the built-in ones, those in --tone-file, and the debate's own (VS Code's custom tones travel with it). */
export function branchTones(fileTones: readonly Tone[], record: Pick<DebateRecord, 'speakers'> | null): Tone[] {
  const recorded = (record?.speakers ?? [])
    .filter((speaker) => !BUILT_IN_TONES.some((tone) => tone.name.toLowerCase() === speaker.tone.toLowerCase()))
    // The recorded prompt carries the speaker's stance and role: the tone is what is left without them.
    .map((speaker) => ({ name: speaker.tone, prompt: tonePromptOf(speaker) }));
  const known = [...fileTones];
  for (const tone of recorded) if (findTone(tone.name, known) === undefined) known.push(tone);
  return allTones(known).filter((tone) => !BUILT_IN_TONES.includes(tone));
}

/**
 * Pure: `--speaker` values slot by slot as replacement speakers. A slot given "-" (null) keeps
 * its speaker; a replacement keeps the slot's name and settings, and its tone unless it names one.
 */
export function replacementSpeakers(
  given: readonly (string | null)[],
  current: readonly SpeakerConfig[],
  customTones: readonly Tone[],
): (SpeakerConfig | undefined)[] {
  if (given.length > current.length) {
    throw new CliError(`this debate has ${plural(current.length, 'speaker')}; --speaker was given ${plural(given.length, 'time')}`, EXIT_USAGE);
  }
  const tones = allTones([...customTones]);
  return given.map((value, slot) => {
    const speaker = current[slot] as SpeakerConfig;
    if (value === null) return undefined;
    const spec = parseSpeakerSpec(value, tones, speaker.tone);
    return { ...speaker, ...spec };
  });
}

