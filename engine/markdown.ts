// Transcript -> markdown, pure. A speaker's reply is copied byte for byte; only the
// structure around it (title, metadata, one heading per turn) is generated. Other text
// people or models wrote is kept from posing as that structure: names, models and the
// topic are collapsed to one line, notes and the moderator's words are quoted.
import { formatDuration, plural } from './format';
import type { ModeratorTurn, SpeakerTurn, StopReason, Transcript, Turn } from './types';

/** Names, models and the topic go into single-line positions: collapse their line breaks. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function utcDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** Every line of `text` as a blockquote: whatever it holds (a heading, a rule, a fence) stays inside the quote. */
function quoted(text: string): string[] {
  return text.split(/\r?\n/).map((line) => (line === '' ? '>' : `> ${line}`));
}

function speakerTurns(transcript: Transcript): SpeakerTurn[] {
  return transcript.turns.filter((turn): turn is SpeakerTurn => turn.kind === 'speaker');
}

function totalDurationMs(transcript: Transcript): number {
  if (transcript.endedAt !== null) {
    const span = Date.parse(transcript.endedAt) - Date.parse(transcript.startedAt);
    if (Number.isFinite(span) && span >= 0) return span;
  }
  return speakerTurns(transcript).reduce((sum, turn) => sum + turn.metrics.durationMs, 0);
}

const ENDED_BY: Record<StopReason, string> = {
  exchanges: 'the exchange count',
  moderator: 'the moderator',
  user: 'the user',
  error: 'an error',
};

function metadata(transcript: Transcript): string[] {
  const speakers = transcript.speakers.map((s) => `${inline(s.name)} (${inline(s.model)}, ${inline(s.tone)})`);
  const spoken = speakerTurns(transcript);
  const notes = transcript.turns.length - spoken.length;
  const tokens = spoken.reduce((sum, turn) => sum + turn.metrics.tokens, 0);
  const counts = [plural(spoken.length, 'turn'), ...(notes > 0 ? [plural(notes, 'moderator note')] : []), plural(tokens, 'token')];
  const lines = [
    `- **Date:** ${utcDateTime(transcript.startedAt)}`,
    `- **Speakers:** ${speakers.join('; ')}`,
    `- **Exchanges:** ${transcript.exchanges}`,
    `- **Outcome:** ${transcript.outcome}`,
  ];
  if (transcript.stopReason !== null) lines.push(`- **Ended by:** ${ENDED_BY[transcript.stopReason]}`);
  if (transcript.parentId !== undefined) {
    const at = transcript.forkedAtTurn === undefined ? '' : ` at turn ${transcript.forkedAtTurn}`;
    lines.push(`- **Branched from:** debate ${inline(transcript.parentId)}${at}`);
  }
  lines.push(`- **Totals:** ${counts.join(', ')}, ${formatDuration(totalDurationMs(transcript))}`);
  return lines;
}

// Any indentation: a fence inside a list item is indented by the item's marker width.
const FENCE = /^( *)(`{3,}|~{3,})/;

/**
 * The fence a turn leaves open, if any, as the line that closes it. A reply cut off
 * inside a code block would otherwise swallow every following heading; closing it
 * after the text (never inside it) keeps the structure and the reply's bytes intact.
 * The closing line takes the opening line's indentation: a top-level fence closing a
 * code block inside a list item would end the item and open a new, unclosed block.
 */
export function unclosedFence(text: string): string | null {
  let open: { indent: string; marker: string } | null = null;
  for (const line of text.split('\n')) {
    const match = FENCE.exec(line);
    if (match === null) continue;
    const indent = match[1] as string;
    const marker = match[2] as string;
    if (open === null) open = { indent, marker };
    else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && line.trim() === marker) open = null;
  }
  return open === null ? null : open.indent + open.marker;
}

/** A speaker's turn: a level-2 heading naming the speaker and model, then the reply as it was. */
function speakerSection(turn: SpeakerTurn, position: number): string[] {
  const state = turn.status === 'complete' ? '' : ` (${turn.status})`;
  const lines = [`## ${position}. ${inline(turn.speaker)} — ${inline(turn.model)} · ${inline(turn.tone)}${state}`, ''];
  // The heading already says stopped or failed; the quote says why, once.
  if (turn.status !== 'complete' && turn.note) lines.push(...quoted(inline(turn.note)), '');
  if (turn.text !== '') {
    lines.push(turn.text);
    const fence = unclosedFence(turn.text);
    if (fence !== null) lines.push(fence);
    lines.push('');
  }
  return lines;
}

/** The moderator's note: labelled, not a turn heading, its words quoted so none can pass for one. */
function moderatorSection(turn: ModeratorTurn, position: number): string[] {
  return [`**${position}. Moderator's note** · exchange ${turn.exchange}`, '', ...quoted(turn.text), ''];
}

/** `position` counts every turn from 1, notes included: the K of "branch at turn K". */
function turnSection(turn: Turn, position: number): string[] {
  switch (turn.kind) {
    case 'speaker':
      return speakerSection(turn, position);
    case 'moderator':
      return moderatorSection(turn, position);
    default: {
      const unexpected: never = turn;
      throw new Error(`Unknown turn kind: ${JSON.stringify(unexpected)}`);
    }
  }
}

export function transcriptToMarkdown(transcript: Transcript): string {
  const title = inline(transcript.topic) || 'Untitled debate';
  const lines = [`# ${title}`, '', ...metadata(transcript), ''];
  // A rule before each turn keeps turn headings apart even when a reply contains its own "## ".
  transcript.turns.forEach((turn, at) => lines.push('---', '', ...turnSection(turn, at + 1)));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

const MAX_SLUG_LENGTH = 50;

export function topicSlug(topic: string): string {
  const slug = topic
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
  return slug === '' ? 'untitled' : slug;
}

/** 'debate-<topic-slug>-YYYY-MM-DD.md', dated in the local time zone (the user's day). */
export function exportFileName(topic: string, date: Date): string {
  return `debate-${topicSlug(topic)}-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.md`;
}
