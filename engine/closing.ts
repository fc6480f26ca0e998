// Closing statements and the vote they make, pure: the request that asks a speaker for its
// final position, reading that position back from whatever the model wrote, and the ensemble
// vote (a majority over the speakers' final answers, as in Du et al.'s multi-agent debate).
import type { ClosingStatement, SpeakerTurn, Turn } from './types';
import { cutText, normalizeLineBreaks, stripUnsafe } from './text-safety';

/** Most characters of a position read from a reply: one line, not an essay. */
export const MAX_POSITION_CHARS = 300;
/** Most characters of an answer read from a reply (it is asked for in five words at most). */
export const MAX_ANSWER_CHARS = 80;

/** The user message that asks a speaker for its closing statement, in two labelled lines. */
export function closingRequest(name: string, topic: string): string {
  return [
    `${oneLine(name)}, the debate on "${oneLine(topic)}" is over. Give your closing statement in exactly two lines and nothing else:`,
    'Position: <one sentence final position>',
    'Answer: <a short answer to the topic, at most five words>',
  ].join('\n');
}

/**
 * The closing statement a reply makes. Tolerant of what models do with a format: labels in any
 * case, in bold, behind list or quote markers, the value on the next line, extra lines around
 * them, the template's placeholder echoed back. Without a Position line the first other line is
 * the position; without an Answer line the answer is null. Each is one line, capped, with the
 * unsafe characters stripped.
 */
export function parseClosing(text: string): ClosingStatement {
  const lines = stripUnsafe(normalizeLineBreaks(text)).split('\n').map(plainLine);
  let position: string | null = null;
  let answer: string | null = null;
  const unlabelled: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const labelled = LABELLED_LINE.exec(line);
    if (labelled === null) {
      if (line !== '') unlabelled.push(line);
      continue;
    }
    const label = (labelled[1] ?? '').toLowerCase();
    let value = labelled[2] ?? '';
    // "Position:" alone on its line: the value is the next line, unless that is a label too.
    if (value === '' && i + 1 < lines.length && !LABELLED_LINE.test(lines[i + 1] ?? '')) value = lines[++i] ?? '';
    if (value === '' || PLACEHOLDER.test(value)) continue;
    if (label === 'answer') answer ??= value;
    else position ??= value;
  }
  return {
    position: cutText(position ?? unlabelled[0] ?? '', MAX_POSITION_CHARS),
    answer: answer === null ? null : cutText(answer, MAX_ANSWER_CHARS),
  };
}

/** "Position: …", "Final position - …", "Answer: …" (after `plainLine`). */
const LABELLED_LINE = /^(?:final\s+|short\s+)?(position|answer)(?:\s*[:：]|\s+[-–—])\s*(.*)$/i;
/** The template's own placeholder, echoed back instead of a value. */
const PLACEHOLDER = /^<[^<>]*>$/;

/** A line without markdown decoration (bold, italics, code, heading, list and quote markers) and with its whitespace collapsed. */
function plainLine(line: string): string {
  return line
    .replace(/^\s*(?:(?:[#>]+|[-*+]|\d+[.)])\s+)+/, '')
    .replace(/[*`]/g, '')
    // Underscores that open or close emphasis, not those inside a word (snake_case).
    .replace(/(^|\s)_+|_+(?=[\s:：]|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function oneLine(text: string): string {
  return stripUnsafe(text).replace(/\s+/g, ' ').trim();
}

/** One answer of the vote and the speakers who gave it. */
export interface VoteGroup {
  /** The answer as the first speaker giving it wrote it. */
  answer: string;
  votes: number;
  /** Who gave it, in speaking order. */
  speakers: string[];
}

/** The ensemble vote over the last closing statements. */
export interface VoteTally {
  /** The answers, grouped case, punctuation and spacing aside; most votes first (ties in speaking order). */
  groups: VoteGroup[];
  /** How many closing statements were counted (with or without an answer). */
  statements: number;
  /** The answer of the group holding more than half of the statements; null when none does (no majority). */
  majority: string | null;
  /** Speakers whose closing statement gave no answer, or who gave no closing statement, in the debate's order. */
  withoutAnswer: string[];
}

/** A closing statement turn, with its statement. */
export type ClosingTurn = SpeakerTurn & { closing: ClosingStatement };

/**
 * The last set of closing statements: complete speaker turns with a statement after the last
 * complete ordinary speaker turn (a debate continued after its statements makes new ones), one
 * per speaker (the later one when a speaker has two).
 */
export function closingStatementsOf(turns: readonly Turn[]): ClosingTurn[] {
  let start = 0;
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i];
    if (turn?.kind === 'speaker' && turn.closing === undefined && turn.status === 'complete') start = i + 1;
  }
  const bySpeaker = new Map<number, ClosingTurn>();
  for (const turn of turns.slice(start)) {
    if (isClosingTurn(turn)) {
      bySpeaker.delete(turn.speakerIndex);
      bySpeaker.set(turn.speakerIndex, turn);
    }
  }
  return [...bySpeaker.values()];
}

function isClosingTurn(turn: Turn): turn is ClosingTurn {
  return turn.kind === 'speaker' && turn.closing !== undefined && turn.status === 'complete';
}

/** The answer's form for grouping: case, accents' composition, punctuation and spacing ignored ("Yes." is "yes"). */
export function normalizeAnswer(answer: string): string {
  return (answer.normalize('NFKC').toLocaleLowerCase('en-US').match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

/** The vote of the debate's last closing statements; `speakers` names who should have voted. */
export function tallyVotes(turns: readonly Turn[], speakers: readonly { name: string }[]): VoteTally {
  const statements = closingStatementsOf(turns);
  const groups = new Map<string, VoteGroup>();
  const answered = new Set<number>();
  for (const turn of statements) {
    const answer = turn.closing.answer ?? '';
    const key = normalizeAnswer(answer);
    if (key === '') continue;
    answered.add(turn.speakerIndex);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { answer: answer.trim(), votes: 1, speakers: [turn.speaker] });
    else {
      group.votes++;
      group.speakers.push(turn.speaker);
    }
  }
  // Array.prototype.sort is stable: equal counts keep the order their first voter spoke in.
  const ranked = [...groups.values()].sort((a, b) => b.votes - a.votes);
  const top = ranked[0];
  return {
    groups: ranked,
    statements: statements.length,
    majority: top !== undefined && top.votes * 2 > statements.length ? top.answer : null,
    withoutAnswer: speakers.filter((_, index) => !answered.has(index)).map((speaker) => speaker.name),
  };
}
