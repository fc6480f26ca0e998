// Pure text for the terminal: turn labels, metrics, the models table, the tones list.

import { formatBytes } from '../format';
import type { ModelInfo, Tone, Turn } from '../types';
import type { Style } from './color';

/**
 * Model output is untrusted: drop control characters (escape sequences could
 * recolour, move the cursor or retitle the terminal) but keep newlines and tabs.
 */
export function sanitizeForTerminal(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** Collapses an error message to one line, so every failure prints exactly one. */
export function oneLine(message: string): string {
  return sanitizeForTerminal(message).replace(/\s+/g, ' ').trim();
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export interface TurnLabel {
  speakerIndex: number;
  speaker: string;
  model: string;
  tone: string;
  exchange: number;
}

/** The line above each turn: who speaks, with which model and tone, in which round. */
export function turnLabel(turn: TurnLabel, exchanges: number, style: Style): string {
  const who = style.speaker(turn.speakerIndex, turn.speaker);
  return `${who} ${style.dim(`(${turn.model}, ${turn.tone}) · exchange ${turn.exchange} of ${exchanges}`)}`;
}

/** The dim line below each turn: Ollama's figures, and why a turn did not complete. */
export function metricsLine(turn: Turn, style: Style): string {
  const { metrics } = turn;
  const parts = [`${metrics.tokens} tokens`];
  if (metrics.tokensPerSecond !== null) parts.push(`${metrics.tokensPerSecond.toFixed(1)} tokens/s`);
  if (metrics.timeToFirstTokenMs !== null) parts.push(`first token ${formatDuration(metrics.timeToFirstTokenMs)}`);
  if (metrics.loadDurationMs !== null && metrics.loadDurationMs >= 1) {
    parts.push(`model load ${formatDuration(metrics.loadDurationMs)}`);
  }
  parts.push(`${formatDuration(metrics.durationMs)} in all`);
  if (turn.status !== 'complete') parts.push(turn.note ? `${turn.status}: ${oneLine(turn.note)}` : turn.status);
  return style.dim(parts.join(' · '));
}

/** `talking-models models`: one aligned row per installed model. */
export function modelsTable(models: readonly ModelInfo[]): string {
  const header = ['NAME', 'SIZE', 'PARAMETERS', 'QUANTISATION'];
  const rows = models.map((model) => [
    sanitizeForTerminal(model.name),
    formatBytes(model.sizeBytes),
    model.parameterSize ?? '-',
    model.quantization ?? '-',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  return [header, ...rows]
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd())
    .join('\n');
}

/** `talking-models tones`: each tone's name, then its prompt indented. */
export function tonesList(tones: readonly Tone[], defaultTone: string, style: Style): string {
  return tones
    .map((tone) => {
      const marker = tone.name === defaultTone ? style.dim(' (default)') : '';
      return `${style.bold(tone.name)}${marker}\n  ${sanitizeForTerminal(tone.prompt).replace(/\n/g, '\n  ')}`;
    })
    .join('\n\n');
}
