// What one speaker is sent: pure, so the exact request can be tested without a model.
//
// Decisions:
// - Each earlier turn stays its own message (consecutive `user` messages are not
//   merged) so every line keeps its speaker label and trimming drops whole turns.
// - Only complete turns are sent: a stopped, failed or cut-off reply stays in the
//   transcript, marked, but was never really said (that speaker speaks again).
// - The moderator's notes reach every later speaker as labelled `user` messages.
// - In a "reply" turn order a closing `user` message asks the speaker to answer the
//   one before it by name (the last turn heard is theirs, but the model isn't told so otherwise).
// - A closing statement's request comes last, after everything heard, in place of those notes.
// - If the speaker spoke last (one speaker, several exchanges), a closing `user`
//   message asks for the next turn; a trailing `assistant` message would make
//   Ollama continue that old reply instead of answering.
// - Speakers on distinct models: their own turns as `assistant`, the others' as labelled `user`.
//   Speakers sharing a model: one layout for all of them (a shared system message naming every
//   speaker's persona, every turn labelled, "It is your turn, X" last), so each request extends
//   the one before in Ollama's prompt cache instead of evicting it.
import { fitText, firstKeptTurn, MAX_TURN_SHARE } from './history-trim';
import { languageInstruction } from './language';
import { withMaterial } from './material/prompt-block';
import { calibrated, estimatePromptTokens, estimateTokens, historyBudget, MESSAGE_OVERHEAD_TOKENS, replyReserve } from './token-budget';
import type { DebateMaterial, SpeakerConfig, Tone, Turn } from './types';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** A speaker as the context needs it: the recorded tone prompt, when known, lets speakers on one model share a system message. */
export type ContextSpeaker = Pick<SpeakerConfig, 'name' | 'model' | 'host' | 'tone'> & { tonePrompt?: string };

export interface ContextRequest {
  topic: string;
  speakers: readonly ContextSpeaker[];
  /** Who is about to speak (index into speakers). */
  speakerIndex: number;
  tone: Tone;
  /** The debate so far, oldest first. */
  turns: readonly Turn[];
  /** The speaker's context window in tokens (the `num_ctx` its request is sent with). */
  window: number;
  /** The model's real tokens per estimated token (token-budget.ts calibration); 1 when unknown. */
  tokenRatio?: number;
  /** In a "reply" turn order: the speaker this one is asked to answer. */
  answering?: string;
  /** A last request of the debate (a closing statement's), sent after everything heard. */
  finalRequest?: string;
  /** The debate's language: the system message ends by asking for replies in it. */
  language?: string;
  /** Lines of files and/or a diff: sent after the topic as a delimited block of data (engine/material), counted in the fixed part. */
  material?: DebateMaterial;
}

export interface SpeakerContext {
  messages: ChatMessage[];
  /** Earlier turns left out to fit the window. */
  droppedTurns: number;
  /** Earlier turns sent shortened, each too large for the window on its own. */
  shortenedTurns: number;
  /** The prompt's estimated size in the model's tokens (calibrated). */
  estimatedTokens: number;
  /** False when the system message, topic and the reply's reserve alone exceed the window. */
  fits: boolean;
}

function speakerAt(request: ContextRequest): ContextSpeaker {
  const me = request.speakers[request.speakerIndex];
  if (me === undefined) throw new RangeError(`No speaker at index ${request.speakerIndex}`);
  return me;
}

const hostKey = (speaker: ContextSpeaker): string => speaker.host?.trim() ?? '';

/**
 * Whether the speaker shares its model with another speaker. Ollama keeps a model's last prompt
 * and re-evaluates from the first token that differs, so two speakers on one model whose prompts
 * differ from the start (their own system messages) re-evaluate everything on every turn. They
 * get one prompt layout instead, identical up to the last message.
 */
export function sharesModel(speakers: readonly ContextSpeaker[], speakerIndex: number): boolean {
  const me = speakers[speakerIndex];
  return me !== undefined && speakers.some((other, index) => index !== speakerIndex && other.model === me.model && hostKey(other) === hostKey(me));
}

const LABEL_RULES = 'Their turns reach you as "Name (Tone): what they said"; a "Moderator:" message comes from the person running the debate, and you follow it.';

function systemPrompt(request: ContextRequest): string {
  const me = speakerAt(request);
  if (request.speakers.length === 1) return `${request.tone.prompt}\n\nYou are ${me.name}. Answer the topic you are given.`;
  const others = request.speakers.filter((_, i) => i !== request.speakerIndex).map((s) => s.name);
  return (
    `${request.tone.prompt}\n\n` +
    `You are ${me.name}, taking part in a debate with ${others.join(', ')}. ${LABEL_RULES} ` +
    `Reply only with your own words as ${me.name}, without a name prefix.`
  );
}

/** The system message every speaker on one model gets: the debate's speakers and each one's persona, no "you". */
function sharedSystemPrompt(request: ContextRequest): string {
  const names = request.speakers.map((speaker) => speaker.name);
  const personas = request.speakers.map((speaker) => `- ${speaker.name} (${speaker.tone}): ${speaker.tonePrompt ?? speaker.tone}`);
  return [
    `This is a debate between ${names.join(', ')}. Each speaker keeps to their own persona:`,
    ...personas,
    `Turns reach you as "Name (Tone): what they said"; a "Moderator:" message comes from the person running the debate, and every speaker follows it. ` +
      'The last message says whose turn it is: you speak as that speaker only, in their persona.',
  ].join('\n');
}

/** The system message with the debate's language asked for last (the same for every speaker, so a shared layout stays shared). */
function withLanguage(system: string, language: string | undefined): string {
  const instruction = languageInstruction(language);
  return instruction === null ? system : `${system}\n\n${instruction}`;
}

/** The shared layout's last message: who speaks now, then what they are asked. */
function turnCall(request: ContextRequest, ask: string | undefined): string {
  const me = speakerAt(request);
  const call = `It is your turn, ${me.name} (${me.tone}). Reply only with your own words as ${me.name}, without a name prefix.`;
  return ask === undefined ? call : `${call}\n${ask}`;
}

function topicMessage(request: ContextRequest): string {
  return request.speakers.length === 1 ? request.topic : `The topic of the debate: ${request.topic}`;
}

export const MODERATOR_LABEL = 'Moderator';

/**
 * Others' turns are labelled so the model knows who said what; its own are plain assistant replies,
 * except in the shared layout (`labelOwn`), where every turn is a labelled user message.
 */
export function turnMessage(turn: Turn, speakerIndex: number, text = turn.text, labelOwn = false): ChatMessage {
  switch (turn.kind) {
    case 'moderator':
      return { role: 'user', content: `${MODERATOR_LABEL}: ${text}` };
    case 'speaker':
      return turn.speakerIndex === speakerIndex && !labelOwn
        ? { role: 'assistant', content: text }
        : { role: 'user', content: `${turn.speaker} (${turn.tone}): ${text}` };
    default: {
      const unknownTurn: never = turn;
      throw new Error(`Unknown turn ${JSON.stringify(unknownTurn)}`);
    }
  }
}

export function omittedNote(count: number): string {
  return count === 1
    ? '(One earlier turn of the debate is left out here to fit the context window.)'
    : `(${count} earlier turns of the debate are left out here to fit the context window.)`;
}

export function answerNote(name: string): string {
  return `Answer ${name} directly: take up their last point before making your own.`;
}

export function continueNote(name: string): string {
  return `Continue, ${name}: add something new rather than repeating yourself.`;
}

/** Whether later speakers hear this turn. */
export function isSpoken(turn: Turn): boolean {
  if (turn.text.trim() === '') return false;
  return turn.kind === 'moderator' || turn.status === 'complete';
}

/** Room kept in the budget for the last message ("answer X", "continue") so the budget stays the same from turn to turn. */
const LAST_MESSAGE_ALLOWANCE = 64;

/** The ask that closes the request, if any: a closing statement's, "answer X", or "continue" after the speaker's own turn. */
function closingAsk(request: ContextRequest, lastRole: ChatRole | undefined): string | undefined {
  if (request.finalRequest !== undefined) return request.finalRequest;
  if (request.answering !== undefined) return answerNote(request.answering);
  return lastRole === 'assistant' ? continueNote(speakerAt(request).name) : undefined;
}

/**
 * The system message, the topic, then the newest turns the window allows, in tokens: the budget is
 * the window less the fixed part, the reply's reserve and a margin (token-budget.ts); turns are left
 * out in large steps and an oversized turn is shortened (history-trim.ts).
 */
export function buildSpeakerContext(request: ContextRequest): SpeakerContext {
  const ratio = request.tokenRatio ?? 1;
  const shared = sharesModel(request.speakers, request.speakerIndex);
  const heard = request.turns.filter(isSpoken);
  const head: ChatMessage[] = [
    { role: 'system', content: withLanguage(shared ? sharedSystemPrompt(request) : systemPrompt(request), request.language) },
    { role: 'user', content: withMaterial(topicMessage(request), request.material) },
  ];
  const lastAllowance = Math.max(LAST_MESSAGE_ALLOWANCE, estimateTokens(request.finalRequest ?? '') + MESSAGE_OVERHEAD_TOKENS);
  const noteAllowance = estimateTokens(omittedNote(1000)) + MESSAGE_OVERHEAD_TOKENS;
  const fixed = calibrated(estimatePromptTokens(head) + lastAllowance + noteAllowance, ratio);
  const budget = historyBudget(request.window, fixed);
  const turnCap = Math.floor(budget * MAX_TURN_SHARE);
  const messageTokens = (turn: Turn, text: string) => calibrated(MESSAGE_OVERHEAD_TOKENS + estimateTokens(turnMessage(turn, request.speakerIndex, text, shared).content), ratio);
  const fitted = heard.map((turn) => {
    const fit = fitText(turn.text, turnCap, (text) => messageTokens(turn, text));
    return { message: turnMessage(turn, request.speakerIndex, fit.text, shared), tokens: messageTokens(turn, fit.text), shortened: fit.shortened };
  });
  const droppedTurns = firstKeptTurn(fitted.map((entry) => entry.tokens), budget);
  const kept = fitted.slice(droppedTurns);
  const messages = [...head];
  if (droppedTurns > 0) messages.push({ role: 'user', content: omittedNote(droppedTurns) });
  messages.push(...kept.map((entry) => entry.message));
  const ask = closingAsk(request, messages[messages.length - 1]?.role);
  if (shared) messages.push({ role: 'user', content: turnCall(request, ask) });
  else if (ask !== undefined) messages.push({ role: 'user', content: ask });
  return {
    messages,
    droppedTurns,
    // Turns left out entirely are not counted as shortened too.
    shortenedTurns: kept.filter((entry) => entry.shortened).length,
    estimatedTokens: calibrated(estimatePromptTokens(messages), ratio),
    fits: fixed + replyReserve(request.window) <= request.window,
  };
}
