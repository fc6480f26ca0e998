// What the judge reads for one order: the topic, then each side's turns grouped together
// (side A first), each side's assigned manner, and the moderator's notes; every name scrubbed
// (see scrub.ts). Turn text is data, not instructions: it is fenced in tags the judge is told
// to read as quotations, and a closing tag inside it is defused.
import { stripUnsafe } from '../text-safety';
import type { DebateMaterial, SpeakerTurn, Turn } from '../types';
import { sideLabel } from './orders';
import { createScrubber, identifyingTones, scrubRules, type IdentifyingWords } from './scrub';

export interface JudgedSpeaker {
  name: string;
  model: string;
  tone: string;
  /** The prompt the speaker's tone gave it (what "staying in tone" is judged against); null when unknown. */
  tonePrompt: string | null;
}

/** A debate as the judge is given it, before blinding. */
export interface JudgeInput {
  topic: string;
  speakers: readonly JudgedSpeaker[];
  turns: readonly Turn[];
  /** The debate's language: the judge writes its rationale in it; absent: none is said. */
  language?: string;
  /** The lines of files and/or diff debated (engine/material): the judge reads them as data. */
  material?: DebateMaterial;
}

/** A turn the judge marks, keyed as the judge sees it: "A1" is side A's first turn. */
export interface TurnKey {
  key: string;
  turnId: string;
  speakerIndex: number;
}

export interface BlindDebate {
  /** Side labels in order: "A", "B"… */
  labels: string[];
  /** Speaker index behind each label. */
  speakerOf: ReadonlyMap<string, number>;
  turnKeys: TurnKey[];
  /** The debate as the judge reads it. */
  text: string;
}

/** Pure: the turns worth judging: speakers' turns with something said. */
export function judgedTurns(turns: readonly Turn[]): SpeakerTurn[] {
  return turns.filter((turn): turn is SpeakerTurn => turn.kind === 'speaker' && turn.text.trim() !== '');
}

/** Pure: the speakers (indexes, ascending) with at least one turn to judge: the sides. */
export function judgedSides(turns: readonly Turn[]): number[] {
  return [...new Set(judgedTurns(turns).map((turn) => turn.speakerIndex))].sort((a, b) => a - b);
}

/** Pure: every name, model and (telling) tone of the debate, from its speakers and from each turn (a branch may have changed a slot). */
export function identifyingWords(input: JudgeInput, families: readonly string[]): IdentifyingWords {
  const names = new Map<number, Set<string>>();
  const models = new Set<string>(families);
  const addName = (index: number, name: string): void => {
    const known = names.get(index) ?? new Set<string>();
    known.add(name);
    names.set(index, known);
  };
  input.speakers.forEach((speaker, index) => {
    addName(index, speaker.name);
    models.add(speaker.model);
  });
  const tones = input.speakers.map((speaker) => speaker.tone);
  for (const turn of input.turns) {
    if (turn.kind !== 'speaker') continue;
    addName(turn.speakerIndex, turn.speaker);
    models.add(turn.model);
    tones.push(turn.tone);
  }
  return {
    speakerNames: new Map([...names].map(([index, set]) => [index, [...set]])),
    models: [...models],
    tones: identifyingTones(tones),
  };
}

/** Turn text inside its tag: a closing tag in it can't end the quotation early. */
function fenced(text: string): string {
  return stripUnsafe(text).replace(/<\/(turn|note|manner|topic)/gi, '</ $1').trim();
}

/** Pure: the debate as the judge reads it, sides in `order` (speaker indexes, side A first), names scrubbed. */
export function blindDebate(input: JudgeInput, order: readonly number[], words: IdentifyingWords): BlindDebate {
  const labels = order.map((_, position) => sideLabel(position));
  const labelOf = new Map(order.map((speakerIndex, position) => [speakerIndex, sideLabel(position)]));
  const scrub = createScrubber(scrubRules(words, (index) => labelOf.get(index) ?? '?'));
  const turns = judgedTurns(input.turns);
  const turnKeys: TurnKey[] = [];
  const lines = [`<topic>${fenced(scrub(input.topic))}</topic>`, ''];
  order.forEach((speakerIndex, position) => {
    const label = sideLabel(position);
    lines.push(`## Side ${label}`);
    const prompt = input.speakers[speakerIndex]?.tonePrompt;
    if (prompt) lines.push(`<manner side="${label}">${fenced(scrub(prompt))}</manner>`);
    turns
      .filter((turn) => turn.speakerIndex === speakerIndex)
      .forEach((turn, at) => {
        const key = `${label}${at + 1}`;
        turnKeys.push({ key, turnId: turn.id, speakerIndex });
        const cut = turn.status === 'complete' ? '' : ' incomplete="true"';
        lines.push(`<turn id="${key}" round="${turn.exchange}"${cut}>`, fenced(scrub(turn.text)), '</turn>');
      });
    lines.push('');
  });
  const notes = input.turns.filter((turn) => turn.kind === 'moderator');
  if (notes.length > 0) {
    lines.push("## The moderator's notes (to every side)");
    for (const note of notes) lines.push(`<note round="${note.exchange}">${fenced(scrub(note.text))}</note>`);
  }
  return {
    labels,
    speakerOf: new Map(order.map((speakerIndex, position) => [sideLabel(position), speakerIndex])),
    turnKeys,
    text: lines.join('\n').trim(),
  };
}

/** Pure: a debate as the judge is given it: its topic, its speakers with their tones' prompts (by index), and its turns. */
export function judgeInputOf(
  transcript: { topic: string; speakers: readonly { name: string; model: string; tone: string }[]; turns: readonly Turn[]; language?: string; material?: DebateMaterial },
  tonePrompts: readonly (string | undefined)[],
): JudgeInput {
  return {
    topic: transcript.topic,
    speakers: transcript.speakers.map((speaker, index) => ({
      name: speaker.name,
      model: speaker.model,
      tone: speaker.tone,
      tonePrompt: tonePrompts[index] ?? null,
    })),
    turns: transcript.turns,
    ...(transcript.language !== undefined && { language: transcript.language }),
    ...(transcript.material !== undefined && { material: transcript.material }),
  };
}
