// A speaker's prompt sized to its window, and what its request taught: the calibration of the
// model's token estimate, and the warnings a person needs (a prompt that can't fit, or one Ollama
// evidently truncated). Between the graph's speaker node and context.ts, so the node stays short.
import { buildSpeakerContext, type ChatMessage, type ContextRequest } from './context';
import type { RunContext } from './graph/run-context';
import { modelKey } from './ollama-api';
import { calibrate, calibrationRatio, estimatePromptTokens, replyReserve } from './token-budget';
import type { ContextTrim, SpeakerConfig, TurnMetrics } from './types';

export interface SpeakerPrompt {
  messages: ChatMessage[];
  /** The window the prompt was sized to (Ollama's `num_ctx`). */
  window: number;
  /** What was left out or shortened; absent when nothing was. */
  trim?: ContextTrim;
}

/** The prompt of one speaker's turn, in the model's tokens, sized by its backend; warns when even its fixed part leaves no room for a reply. */
export function speakerPrompt(run: RunContext, speaker: SpeakerConfig, request: Omit<ContextRequest, 'window' | 'tokenRatio'>): SpeakerPrompt {
  const window = run.speakerBackend(speaker).contextWindow(speaker);
  const tokenRatio = calibrationRatio(run.calibrations.get(calibrationKey(speaker)));
  const context = buildSpeakerContext({
    ...request, window, tokenRatio, ...(run.language !== undefined && { language: run.language }), ...(run.material !== undefined && { material: run.material }),
  });
  if (!context.fits) run.emit({ type: 'warning', message: tooSmallWarning(speaker, context.estimatedTokens, window) });
  const trimmed = context.droppedTurns > 0 || context.shortenedTurns > 0;
  return {
    messages: context.messages,
    window,
    ...(trimmed && { trim: { leftOutTurns: context.droppedTurns, shortenedTurns: context.shortenedTurns } }),
  };
}

/** One calibration per model of each backend: an Ollama model and another backend's of the same name are not one. */
export function calibrationKey(speaker: SpeakerConfig): string {
  return speaker.backend === undefined ? modelKey(speaker.model) : `${speaker.backend}\u0000${speaker.model}`;
}

/** After the turn: the model's count of the prompt (Ollama gives one) calibrates its estimate; a count at the window means Ollama cut the prompt. */
export function notePromptUse(run: RunContext, speaker: SpeakerConfig, prompt: SpeakerPrompt, metrics: TurnMetrics): void {
  const key = calibrationKey(speaker);
  const calibration = calibrate(run.calibrations.get(key), estimatePromptTokens(prompt.messages), metrics.promptTokens, prompt.window);
  if (calibration !== undefined) run.calibrations.set(key, calibration);
  if (isTruncated(metrics.promptTokens, prompt.window)) run.emit({ type: 'warning', message: truncatedWarning(speaker, prompt.window) });
}

/** Ollama fills the window with what it keeps of a longer prompt: a count at (or over) the window means it cut some. */
export function isTruncated(promptTokens: number | null, window: number): boolean {
  return promptTokens !== null && promptTokens >= window;
}

export function tooSmallWarning(speaker: SpeakerConfig, promptTokens: number, window: number): string {
  return (
    `${speaker.name}'s prompt (about ${promptTokens.toLocaleString('en-US')} tokens) and a reply of ${replyReserve(window).toLocaleString('en-US')} tokens ` +
    `do not fit ${speaker.model}'s context window of ${window.toLocaleString('en-US')} tokens: raise the context window or shorten the tone and topic.`
  );
}

export function truncatedWarning(speaker: SpeakerConfig, window: number): string {
  return (
    `Ollama cut ${speaker.name}'s prompt to ${speaker.model}'s context window of ${window.toLocaleString('en-US')} tokens: ` +
    'the start of what it was sent (its instructions included) may be lost. Raise the context window.'
  );
}
