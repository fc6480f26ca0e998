// Transcript -> markdown, pure. Turn text is copied byte for byte; only the
// structure around it (title, metadata, one heading per turn) is generated.
import type { Transcript, Turn } from './types';
import { plural } from './format';

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

export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  return `${Math.floor(totalSeconds / 60)} min ${totalSeconds % 60} s`;
}

function totalDurationMs(transcript: Transcript): number {
  if (transcript.endedAt !== null) {
    const span = Date.parse(transcript.endedAt) - Date.parse(transcript.startedAt);
    if (Number.isFinite(span) && span >= 0) return span;
  }
  return transcript.turns.reduce((sum, turn) => sum + turn.metrics.durationMs, 0);
}

function metadata(transcript: Transcript): string[] {
  const speakers = transcript.speakers.map((s) => `${inline(s.name)} (${inline(s.model)}, ${inline(s.tone)})`);
  const tokens = transcript.turns.reduce((sum, turn) => sum + turn.metrics.tokens, 0);
  return [
    `- **Date:** ${utcDateTime(transcript.startedAt)}`,
    `- **Speakers:** ${speakers.join('; ')}`,
    `- **Exchanges:** ${transcript.exchanges}`,
    `- **Outcome:** ${transcript.outcome}`,
    `- **Totals:** ${plural(transcript.turns.length, 'turn')}, ${plural(tokens, 'token')}, ${formatDuration(totalDurationMs(transcript))}`,
  ];
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

function turnSection(turn: Turn): string[] {
  const state = turn.status === 'complete' ? '' : ` (${turn.status})`;
  const lines = [`## ${turn.index + 1}. ${inline(turn.speaker)} — ${inline(turn.model)} · ${inline(turn.tone)}${state}`, ''];
  // The heading already says stopped or failed; the quote says why, once.
  if (turn.status !== 'complete' && turn.note) lines.push(`> ${inline(turn.note)}`, '');
  if (turn.text !== '') {
    lines.push(turn.text);
    const fence = unclosedFence(turn.text);
    if (fence !== null) lines.push(fence);
    lines.push('');
  }
  return lines;
}

export function transcriptToMarkdown(transcript: Transcript): string {
  const title = inline(transcript.topic) || 'Untitled debate';
  const lines = [`# ${title}`, '', ...metadata(transcript), ''];
  // A rule before each turn keeps turn headings apart even when a reply contains its own "## ".
  for (const turn of transcript.turns) lines.push('---', '', ...turnSection(turn));
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
