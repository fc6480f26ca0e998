// The line-ups a person used, offered again: newest first, an equal line-up once, at most
// MAX_RECENT_LINEUPS. A line-up is who speaks, in order: each speaker's name, model (and its
// backend when not Ollama's), tone, stance and role (hosts, temperatures and the like are the
// speaker's settings, not its part).
import { z } from 'zod';
import { cutText, stripUnsafe } from '../text-safety';
import { toneKey } from '../tones';
import type { LineUpSpeaker, SpeakerConfig } from '../types';
import { personaTraits } from './persona';
import { roleLabel } from './role';
import { STANCE_LABELS, STANCES } from './stance';

export type { LineUpSpeaker } from '../types';

export type LineUp = LineUpSpeaker[];

export const MAX_RECENT_LINEUPS = 10;

/** Most characters of a label: one line of a pick list. */
export const MAX_LINEUP_LABEL_LENGTH = 100;

/** Pure: the line-up of these speakers: their part only, trimmed, stance and role as used. */
export function lineUpOf(speakers: readonly SpeakerConfig[]): LineUp {
  return speakers.map((speaker) => ({
    name: speaker.name.trim(), model: speaker.model.trim(), tone: speaker.tone.trim(), ...personaTraits(speaker),
    ...(speaker.backend !== undefined && { backend: speaker.backend }),
  }));
}

function sameSpeaker(a: LineUpSpeaker, b: LineUpSpeaker): boolean {
  const [traitsA, traitsB] = [personaTraits(a), personaTraits(b)];
  return (
    a.name.trim() === b.name.trim() &&
    a.model.trim() === b.model.trim() &&
    a.backend === b.backend &&
    toneKey(a.tone) === toneKey(b.tone) &&
    traitsA.stance === traitsB.stance &&
    (traitsA.role ?? '').toLowerCase() === (traitsB.role ?? '').toLowerCase()
  );
}

/** Pure: whether two line-ups are the same speakers in the same order (tone and role case aside). */
export function sameLineUp(a: readonly LineUpSpeaker[], b: readonly LineUpSpeaker[]): boolean {
  return a.length === b.length && a.every((speaker, i) => sameSpeaker(speaker, b[i] as LineUpSpeaker));
}

/** Pure: `recent` with `lineUp` in front, an equal earlier one removed, at most MAX_RECENT_LINEUPS kept. An empty line-up changes nothing. */
export function rememberLineUp(recent: readonly LineUp[], lineUp: LineUp): LineUp[] {
  if (lineUp.length === 0) return [...recent];
  return [lineUp, ...recent.filter((earlier) => !sameLineUp(earlier, lineUp))].slice(0, MAX_RECENT_LINEUPS);
}

/** "Ada (For, economist)": the name with the stance and role, or with the tone when it has neither. */
function speakerLabel(speaker: LineUpSpeaker): string {
  const { stance, role } = personaTraits(speaker);
  const traits = [...(stance !== undefined ? [STANCE_LABELS[stance]] : []), ...(role !== undefined ? [roleLabel(role)] : [])];
  const oneLine = (text: string): string => stripUnsafe(text).replace(/\s+/g, ' ').trim();
  return `${oneLine(speaker.name)} (${traits.length > 0 ? traits.join(', ') : oneLine(speaker.tone)})`;
}

/** Pure: a short label, "Ada (For, economist) vs Bob (Against)", on one line, cut at MAX_LINEUP_LABEL_LENGTH. */
export function lineUpLabel(lineUp: readonly LineUpSpeaker[]): string {
  return cutText(lineUp.map(speakerLabel).join(' vs '), MAX_LINEUP_LABEL_LENGTH);
}

const filled = z.string().refine((text) => text.trim() !== '');
const lineUpSchema = z
  .array(z.object({
    name: filled, model: filled, tone: filled, stance: z.enum(STANCES).optional().catch(undefined), role: z.string().optional().catch(undefined),
    // An unknown backend (a later version's) leaves the line-up out: it could not run as Ollama's.
    backend: z.literal('vscode-lm').optional(),
  }))
  .min(1);

/**
 * Pure: the recent line-ups kept in storage, whatever it holds now: a damaged line-up is left
 * out, not the list; each made as lineUpOf makes it, equal ones once, at most MAX_RECENT_LINEUPS.
 */
export function usableRecentLineUps(value: unknown): LineUp[] {
  if (!Array.isArray(value)) return [];
  const usable = value.flatMap((entry: unknown) => {
    const parsed = lineUpSchema.safeParse(entry);
    return parsed.success ? [lineUpOf(parsed.data)] : [];
  });
  return usable.reduceRight<LineUp[]>((recent, lineUp) => rememberLineUp(recent, lineUp), []);
}
