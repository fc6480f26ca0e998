// Pure text for the terminal: turn labels, metrics, the models table, the tones list,
// the library list and a saved transcript.

import { describeDebateSettings } from '../debate-settings';
import { formatBytes, formatDuration, plural, thoughtFor } from '../format';
import type { LibraryEntry } from '../library/library';
import { UNSAFE_CHARACTERS, stripUnsafe } from '../text-safety';
import { CLOSING_STATEMENT_LABEL, moderatorPurposeLabel } from '../turn-labels';
import type { ContextTrim, ModelInfo, ModeratorTurn, SpeakerTurn, Tone, Transcript, Turn, TurnMetrics } from '../types';
import type { Style } from './color';

/**
 * Model output is untrusted: drop control characters (escape sequences could recolour, move
 * the cursor or retitle the terminal; C1 controls do the same in 8 bits) and bidi overrides
 * (they reorder what is shown), but keep newlines and tabs. So are topics, names, tones,
 * model names, server messages and whatever a file or the library holds.
 */
export function sanitizeForTerminal(text: string): string {
  return stripUnsafe(text);
}

/** Collapses an error message to one line, so every failure prints exactly one. */
export function oneLine(message: string): string {
  return sanitizeForTerminal(message).replace(/\s+/g, ' ').trim();
}

/**
 * JSON printed to a terminal: the same JSON, with every control character and bidi override
 * inside a string written as a \u escape (JSON.stringify leaves DEL, the C1 controls and the
 * overrides raw), so none reaches the terminal and the text still parses to the same value.
 */
export function jsonForTerminal(json: string): string {
  return json.replace(UNSAFE_CHARACTERS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** `2026-01-15 09:30` in the local time zone (the person's day); an unreadable date as it is. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return oneLine(iso);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export interface TurnLabel {
  speakerIndex: number;
  speaker: string;
  model: string;
  tone: string;
  exchange: number;
}

/** The line above each turn: who speaks, with which model and tone, in which round (or that it is the speaker's closing statement). */
export function turnLabel(turn: TurnLabel, exchanges: number, style: Style, closing = false): string {
  const who = style.speaker(turn.speakerIndex, oneLine(turn.speaker));
  const when = closing ? CLOSING_STATEMENT_LABEL : `exchange ${turn.exchange} of ${exchanges}`;
  return `${who} ${style.dim(`(${oneLine(turn.model)}, ${oneLine(turn.tone)}) · ${when}`)}`;
}

/** The dim line below each turn: Ollama's figures, and why a turn did not complete. */
export function metricsLine(turn: SpeakerTurn, style: Style): string {
  const { metrics } = turn;
  const parts = [plural(metrics.tokens, 'token')];
  if (metrics.tokensPerSecond !== null) parts.push(`${metrics.tokensPerSecond.toFixed(1)} tokens/s`);
  if (metrics.timeToFirstTokenMs !== null) parts.push(`first token ${formatDuration(metrics.timeToFirstTokenMs)}`);
  if (metrics.loadDurationMs !== null && metrics.loadDurationMs >= 1) {
    parts.push(`model load ${formatDuration(metrics.loadDurationMs)}`);
  }
  const prompt = promptPart(metrics);
  if (prompt !== null) parts.push(prompt);
  parts.push(`${formatDuration(metrics.durationMs)} in all`);
  if (turn.status !== 'complete') parts.push(turn.note ? `${turn.status}: ${oneLine(turn.note)}` : turn.status);
  // A complete turn's note says it was cut at the reply cap.
  else if (turn.note) parts.push(oneLine(turn.note));
  return style.dim(parts.join(' · '));
}

/** "prompt 1,840 tokens (1,620 cached) of 8,192": the prompt Ollama read, the part its cache held, and the window; null when Ollama did not say. */
export function promptPart(metrics: Pick<TurnMetrics, 'promptTokens' | 'cachedPromptTokens' | 'contextWindow'>): string | null {
  if (metrics.promptTokens === null) return null;
  const cached = metrics.cachedPromptTokens === undefined ? '' : ` (${count(metrics.cachedPromptTokens)} cached)`;
  const window = metrics.contextWindow === undefined ? '' : ` of ${count(metrics.contextWindow)}`;
  return `prompt ${count(metrics.promptTokens)} ${metrics.promptTokens === 1 ? 'token' : 'tokens'}${cached}${window}`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** The dim note under a turn whose request left earlier turns out, or sent some shortened, to fit the speaker's context window. */
export function contextTrimLine(trim: ContextTrim, style: Style): string {
  const parts = [
    ...(trim.leftOutTurns > 0 ? [`${plural(trim.leftOutTurns, 'earlier turn')} left out`] : []),
    ...(trim.shortenedTurns > 0 ? [`${plural(trim.shortenedTurns, 'earlier turn')} shortened`] : []),
  ];
  return style.dim(`(${parts.join(', ')} to fit the context window)`);
}

/** The lines under a turn's reply: its metrics, and a note when its request left context out. */
export function turnFooter(turn: SpeakerTurn, style: Style): string {
  const trim = turn.contextTrim;
  const trimmed = trim !== undefined && (trim.leftOutTurns > 0 || trim.shortenedTurns > 0);
  return trimmed ? `${metricsLine(turn, style)}\n${contextTrimLine(trim, style)}` : metricsLine(turn, style);
}

/** The dim line where a turn's reasoning was (shown or not): "(thought for 12.4 s)". */
export function thoughtLine(ms: number | undefined, style: Style): string {
  const words = thoughtFor(ms);
  return style.dim(`(${words.charAt(0).toLowerCase()}${words.slice(1)})`);
}

/** Reasoning as the terminal shows it with --show-thinking: sanitised, then dimmed (never raw). */
export function thinkingText(text: string, style: Style): string {
  return style.dim(sanitizeForTerminal(text));
}

/**
 * The moderator's note, set apart from the speakers' turns and worded as the speakers
 * receive it ("Moderator: …"); further lines are indented under the label.
 */
export function moderatorBlock(text: string, style: Style): string {
  return labelledBlock(style.bold('Moderator:'), text);
}

/** A moderator's turn: the person's note as `moderatorBlock`; the AI moderator's labelled with its model and what the turn does. */
export function moderatorTurnBlock(turn: ModeratorTurn, style: Style): string {
  if (turn.ai === undefined) return moderatorBlock(turn.text, style);
  const label = `${style.bold(`Moderator (${oneLine(turn.ai.model)})`)} ${style.dim(`· ${moderatorPurposeLabel(turn.ai.purpose, turn.exchange)}:`)}`;
  return labelledBlock(label, turn.text);
}

function labelledBlock(label: string, text: string): string {
  return `${label} ${sanitizeForTerminal(text).trim().replace(/\n/g, '\n  ')}`;
}

/** `talking-models models`: one aligned row per installed model. */
export function modelsTable(models: readonly ModelInfo[]): string {
  const header = ['NAME', 'SIZE', 'PARAMETERS', 'QUANTISATION'];
  const rows = models.map((model) => [
    oneLine(model.name),
    formatBytes(model.sizeBytes),
    oneLine(model.parameterSize ?? '-'),
    oneLine(model.quantization ?? '-'),
  ]);
  return alignColumns([header, ...rows]);
}

/** Rows of cells, each column as wide as its widest cell; the last column is not padded. */
export function alignColumns(rows: readonly string[][]): string {
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(0, ...rows.map((row) => [...(row[column] ?? '')].length)));
  return rows
    .map((row) => row.map((cell, column) => cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - [...cell].length))).join('  ').trimEnd())
    .join('\n');
}

/** `talking-models tones`: each tone's name, then its prompt indented. */
export function tonesList(tones: readonly Tone[], defaultTone: string, style: Style): string {
  return tones
    .map((tone) => {
      const marker = tone.name === defaultTone ? style.dim(' (default)') : '';
      return `${style.bold(oneLine(tone.name))}${marker}\n  ${sanitizeForTerminal(tone.prompt).replace(/\n/g, '\n  ')}`;
    })
    .join('\n\n');
}

const MAX_TOPIC_CHARS = 60;

function shorten(text: string, most: number): string {
  const chars = [...text];
  return chars.length <= most ? text : `${chars.slice(0, most - 1).join('')}…`;
}

/** How a debate ended before its exchanges, in the list's outcome column (the other ends go without saying). */
const EARLY_END: Partial<Record<NonNullable<Transcript['stopReason']>, string>> = {
  moderator: 'moderator ended it',
  repetition: 'repetition',
  consensus: 'consensus',
};

/** `talking-models list`: one row per debate, newest first; a branch names its parent and turn; a damaged debate its reason. */
export function libraryTable(entries: readonly LibraryEntry[]): string {
  const header = ['ID', 'DATE', 'OUTCOME', 'TURNS', 'TOPIC'];
  const rows = entries.map((entry) => {
    if (!entry.ok) return [oneLine(entry.id), '-', 'damaged', '-', oneLine(entry.reason)];
    const { meta } = entry;
    const topic = shorten(oneLine(meta.title ?? meta.topic), MAX_TOPIC_CHARS);
    const branch = meta.parentId === undefined
      ? ''
      : `↳ branch of ${oneLine(meta.parentId)}${meta.forkedAtTurn === undefined ? '' : ` at turn ${meta.forkedAtTurn}`}${entry.parentMissing ? ' (deleted)' : ''}: `;
    const early = meta.stopReason === null ? undefined : EARLY_END[meta.stopReason];
    const outcome = early === undefined ? entry.outcome : `${entry.outcome} (${early})`;
    return [oneLine(entry.id), formatDate(meta.createdAt), outcome, String(meta.turnCount), `${branch}${topic}`];
  });
  return alignColumns([header, ...rows]);
}

/** `talking-models list --json`: plain data, one object per debate. */
export function libraryJson(entries: readonly LibraryEntry[]): unknown[] {
  return entries.map((entry) => {
    if (!entry.ok) return { id: entry.id, damaged: true, reason: entry.reason };
    const { meta } = entry;
    return {
      id: entry.id,
      topic: meta.topic,
      ...(meta.title !== null && { title: meta.title }),
      outcome: entry.outcome,
      stopReason: meta.stopReason,
      turns: meta.turnCount,
      exchanges: meta.exchanges,
      speakers: meta.speakers.map(({ name, model, tone }) => ({ name, model, tone })),
      createdAt: meta.createdAt,
      updatedAt: meta.updatedAt,
      ...(meta.parentId !== undefined && { parentId: meta.parentId }),
      ...(meta.forkedAtTurn !== undefined && { forkedAtTurn: meta.forkedAtTurn }),
      ...(meta.order !== undefined && { order: meta.order.kind }),
      ...(meta.moderator !== undefined && { moderator: meta.moderator.model }),
      ...(meta.closingStatements === true && { closingStatements: true }),
    };
  });
}

const STOP_REASONS: Record<NonNullable<Transcript['stopReason']>, string> = {
  exchanges: 'all exchanges spoken',
  moderator: 'ended by the moderator',
  repetition: 'ended on a repetition',
  consensus: 'ended when the speakers agreed',
  user: 'stopped by the user',
  error: 'ended by an error',
};

/** `talking-models show`: the debate's heading, then every turn numbered as `branch --at` counts them. */
export function transcriptText(transcript: Transcript, style: Style): string {
  const found = transcript.stopNote === undefined ? '' : `: ${oneLine(transcript.stopNote)}`;
  const standing = transcript.stopReason === null ? transcript.outcome : `${transcript.outcome} (${STOP_REASONS[transcript.stopReason]}${found})`;
  const lines = [
    style.bold(`Topic: ${oneLine(transcript.topic)}`),
    style.dim(`Debate ${oneLine(transcript.id)} · ${formatDate(transcript.startedAt)} · ${plural(transcript.exchanges, 'exchange')} · ${standing}`),
  ];
  if (transcript.parentId !== undefined) {
    const at = transcript.forkedAtTurn === undefined ? '' : ` from turn ${transcript.forkedAtTurn}`;
    lines.push(style.dim(`Branch of ${oneLine(transcript.parentId)}${at}`));
  }
  const speakers = transcript.speakers.map((speaker) => `${oneLine(speaker.name)} (${oneLine(speaker.model)}, ${oneLine(speaker.tone)})`);
  lines.push(style.dim(`Speakers: ${speakers.join('; ')}`));
  const settings = debateSettingsLine(transcript);
  if (settings !== '') lines.push(style.dim(settings));
  lines.push('');
  transcript.turns.forEach((turn, index) => lines.push(...turnText(turn, index + 1, transcript.exchanges, style), ''));
  if (transcript.turns.length === 0) lines.push(style.dim('No turns yet.'), '');
  return lines.join('\n').replace(/\n+$/, '');
}

/** How the debate runs, beyond its speakers: order, AI moderator, stop conditions, closing statements ('' when all are the defaults). */
export function debateSettingsLine(transcript: Pick<Transcript, 'order' | 'moderator' | 'stopOn' | 'closingStatements' | 'language'>): string {
  return describeDebateSettings(transcript)
    .map(({ name, value }) => `${name}: ${oneLine(value)}`)
    .join(' · ');
}

function turnText(turn: Turn, number: number, exchanges: number, style: Style): string[] {
  const numberLabel = style.dim(`${number}.`);
  if (turn.kind === 'moderator') return [`${numberLabel} ${moderatorTurnBlock(turn, style)}`];
  const text = sanitizeForTerminal(turn.text).replace(/\n+$/, '');
  const thought = turn.thinking === undefined ? [] : [thoughtLine(turn.thinkingMs, style)];
  const label = turnLabel(turn, exchanges, style, turn.closing !== undefined);
  return [`${numberLabel} ${label}`, ...thought, ...(text === '' ? [] : [text]), turnFooter(turn, style)];
}
