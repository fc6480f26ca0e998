// Tokens without a tokenizer: Ollama has no tokenize endpoint, so the engine estimates a text's
// tokens and learns, per model, how far off the estimate is from the `prompt_eval_count` Ollama
// reports for the prompts it was sent. All pure: the budget arithmetic is tested without a model.
//
// The estimate: about four characters a token for alphabetic scripts (English BPE vocabularies
// average 3.5 to 4.5), one token a character for scripts written without spaces (Chinese,
// Japanese, Korean, Thai), whose characters most vocabularies split one or more tokens each.
// It errs both ways by up to a third on real models; the calibration closes most of that gap.

/** Characters per token in alphabetic text. */
export const CHARS_PER_TOKEN = 4;
/** A chat template's role markers around each message (e.g. Llama 3: header, role, end of header, end of turn). */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** The open reply header after the last message, and the begin-of-text token. */
export const PROMPT_OVERHEAD_TOKENS = 5;

/** Scripts written without spaces between words, where a character is about a token. */
const DENSE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/gu;
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** Estimated tokens of a text (uncalibrated). Counted with two regular expressions: texts may be a million characters long. */
export function estimateTokens(text: string): number {
  const characters = text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);
  const dense = text.match(DENSE_SCRIPT)?.length ?? 0;
  return dense + Math.ceil((characters - dense) / CHARS_PER_TOKEN);
}

export interface EstimatedMessage {
  content: string;
}

/** Estimated tokens of a whole chat prompt: each message with its role markers, plus the reply header. */
export function estimatePromptTokens(messages: readonly EstimatedMessage[]): number {
  return PROMPT_OVERHEAD_TOKENS + messages.reduce((sum, message) => sum + MESSAGE_OVERHEAD_TOKENS + estimateTokens(message.content), 0);
}

/** What one model's prompts came to, estimated and as Ollama counted them. */
export interface TokenCalibration {
  /** Sum of the estimates of the prompts counted. */
  estimated: number;
  /** Sum of their `prompt_eval_count`. */
  actual: number;
}

/** Bounds of the learnt ratio: a wilder figure means a bad count (a cut-off prompt, an odd server), not a tokenizer. */
const MIN_RATIO = 0.5;
const MAX_RATIO = 3;
/** The ratio moves in steps this fine, so a budget stays put from turn to turn once learnt (cache-friendly trimming). */
const RATIO_STEP = 0.05;

/**
 * Adds one request to a model's calibration. A prompt Ollama truncated (`actual` at the window)
 * says nothing about the tokenizer and is left out, as is anything not a positive count.
 */
export function calibrate(previous: TokenCalibration | undefined, estimated: number, actual: number | null, window?: number): TokenCalibration | undefined {
  const usable = actual !== null && Number.isFinite(actual) && actual > 0 && estimated > 0 && (window === undefined || actual < window);
  if (!usable) return previous;
  return { estimated: (previous?.estimated ?? 0) + estimated, actual: (previous?.actual ?? 0) + actual };
}

/** Real tokens per estimated token for a model (1 until it has been measured), bounded and in steps. */
export function calibrationRatio(calibration: TokenCalibration | undefined): number {
  if (calibration === undefined || calibration.estimated <= 0) return 1;
  const raw = Math.min(MAX_RATIO, Math.max(MIN_RATIO, calibration.actual / calibration.estimated));
  return Math.round(raw / RATIO_STEP) * RATIO_STEP;
}

/** An estimate turned into the model's tokens. */
export function calibrated(estimate: number, ratio: number): number {
  return Math.ceil(estimate * ratio);
}

/** Tokens kept free for the reply: a quarter of the window, at least 64, at most 2,048. */
export function replyReserve(window: number): number {
  return Math.min(2048, Math.max(64, Math.round(window / 4)));
}

/** Tokens kept free for the estimate's own error: a twentieth of the window, at least 16. */
export function safetyMargin(window: number): number {
  return Math.max(16, Math.round(window / 20));
}

/**
 * Tokens the earlier turns may take: the window less the fixed part of the prompt (system
 * message, topic, closing request, template markers: in the model's tokens), the reply's
 * reserve and the safety margin. Never negative.
 */
export function historyBudget(window: number, fixedTokens: number): number {
  return Math.max(0, window - fixedTokens - replyReserve(window) - safetyMargin(window));
}
