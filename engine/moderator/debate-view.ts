// The debate as the moderator reads it: the topic, the speakers by name and tone, then the
// newest turns that fit a character budget (it says how many earlier ones were left out). Only
// what the speakers themselves hear counts (context.ts isSpoken); closing statements and
// reasoning are never sent. Turn text is data, not instructions: it is fenced in tags the
// moderator is told to read as quotations, and a closing tag inside it is defused.
import { isSpoken } from '../context';
import { materialBlock } from '../material/prompt-block';
import { cutText, stripUnsafe } from '../text-safety';
import type { DebateMaterial, Turn } from '../types';

/** A speaker as the moderator knows it: it is not blind, names are how it refers to them. */
export interface ModeratedSpeaker {
  name: string;
  tone: string;
}

export interface ModeratedDebate {
  topic: string;
  speakers: readonly ModeratedSpeaker[];
  turns: readonly Turn[];
  /** The debate's language (engine/language.ts): the moderator writes in it; absent: none is said. */
  language?: string;
  /** The lines of files and/or diff debated (engine/material): the moderator reads them as data. */
  material?: DebateMaterial;
}

export interface DebateView {
  text: string;
  /** Earlier turns left out to respect the budget. */
  omittedTurns: number;
}

/** Pure: the turns the moderator reads: what the speakers heard, without closing statements. */
export function moderatedTurns(turns: readonly Turn[]): Turn[] {
  return turns.filter((turn) => isSpoken(turn) && !(turn.kind === 'speaker' && turn.closing !== undefined));
}

/** Text inside its tag: a closing tag in it can't end the quotation early. */
function fenced(text: string): string {
  return stripUnsafe(text).replace(/<\/(turn|note|topic)/gi, '</ $1').trim();
}

/** A name in an attribute: safe, on one line, without the quote that would end it. */
function attribute(text: string): string {
  return stripUnsafe(text).replace(/\s+/g, ' ').replace(/"/g, "'").trim();
}

/** Pure: one turn as the moderator reads it; its own earlier notes are marked as its own. */
export function turnEntry(turn: Turn, text: string = turn.text): string {
  if (turn.kind === 'speaker') return `<turn round="${turn.exchange}" speaker="${attribute(turn.speaker)}">\n${fenced(text)}\n</turn>`;
  const by = turn.ai !== undefined ? 'you' : 'the person running the debate';
  return `<note round="${turn.exchange}" by="${by}">\n${fenced(text)}\n</note>`;
}

export function omittedTurnsNote(count: number): string {
  return count === 1 ? '(One earlier turn is left out here to keep this short.)' : `(${count} earlier turns are left out here to keep this short.)`;
}

/** Pure: the speakers in one line, "Ada (Cynic), Bob (Polite)". */
export function speakerList(speakers: readonly ModeratedSpeaker[]): string {
  return speakers.map((speaker) => `${attribute(speaker.name)} (${attribute(speaker.tone)})`).join(', ');
}

/** Pure: how many of the last `sizes` fit within `budget` together. */
export function newestWithin(sizes: readonly number[], budget: number): number {
  let total = 0;
  let count = 0;
  while (count < sizes.length) {
    total += sizes[sizes.length - 1 - count] ?? 0;
    if (total > budget) break;
    count++;
  }
  return count;
}

/**
 * Pure: the debate within `budgetChars` of turns: the newest whole turns that fit. When not
 * even the newest fits, it is sent cut to the budget, so a review always has the latest word.
 */
export function debateView(debate: ModeratedDebate, budgetChars: number): DebateView {
  const turns = moderatedTurns(debate.turns);
  const entries = turns.map((turn) => turnEntry(turn));
  const kept = newestWithin(entries.map((entry) => entry.length), budgetChars);
  const newest = turns[turns.length - 1];
  const shown = kept === 0 && newest !== undefined ? [turnEntry(newest, cutText(newest.text, Math.max(1, budgetChars)))] : entries.slice(entries.length - kept);
  const omittedTurns = turns.length - shown.length;
  const material = materialBlock(debate.material);
  const lines = [`<topic>${fenced(debate.topic)}</topic>`, ...(material === null ? [] : [material]), `The speakers: ${speakerList(debate.speakers)}.`, ''];
  if (turns.length === 0) lines.push('(No one has spoken yet.)');
  if (omittedTurns > 0) lines.push(omittedTurnsNote(omittedTurns));
  lines.push(...shown);
  return { text: lines.join('\n').trim(), omittedTurns };
}
