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
import type { SpeakerConfig, Tone, Turn } from './types';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ContextRequest {
  topic: string;
  speakers: readonly SpeakerConfig[];
  /** Who is about to speak (index into speakers). */
  speakerIndex: number;
  tone: Tone;
  /** The debate so far, oldest first. */
  turns: readonly Turn[];
  /** Most characters the earlier turns may take, labels included. */
  budgetChars: number;
  /** In a "reply" turn order: the speaker this one is asked to answer. */
  answering?: string;
  /** A last request of the debate (a closing statement's), sent after everything heard. */
  finalRequest?: string;
}

export interface SpeakerContext {
  messages: ChatMessage[];
  /** Earlier turns left out to respect the budget. */
  droppedTurns: number;
}

function speakerAt(request: ContextRequest): SpeakerConfig {
  const me = request.speakers[request.speakerIndex];
  if (me === undefined) throw new RangeError(`No speaker at index ${request.speakerIndex}`);
  return me;
}

function systemPrompt(request: ContextRequest): string {
  const me = speakerAt(request);
  if (request.speakers.length === 1) return `${request.tone.prompt}\n\nYou are ${me.name}. Answer the topic you are given.`;
  const others = request.speakers.filter((_, i) => i !== request.speakerIndex).map((s) => s.name);
  return (
    `${request.tone.prompt}\n\n` +
    `You are ${me.name}, taking part in a debate with ${others.join(', ')}. ` +
    'Their turns reach you as "Name (Tone): what they said"; a "Moderator:" message comes from the person running the debate, and you follow it. ' +
    `Reply only with your own words as ${me.name}, without a name prefix.`
  );
}

function topicMessage(request: ContextRequest): string {
  return request.speakers.length === 1 ? request.topic : `The topic of the debate: ${request.topic}`;
}

export const MODERATOR_LABEL = 'Moderator';

/** Others' turns are labelled so the model knows who said what; its own are plain assistant replies. */
export function turnMessage(turn: Turn, speakerIndex: number): ChatMessage {
  switch (turn.kind) {
    case 'moderator':
      return { role: 'user', content: `${MODERATOR_LABEL}: ${turn.text}` };
    case 'speaker':
      return turn.speakerIndex === speakerIndex
        ? { role: 'assistant', content: turn.text }
        : { role: 'user', content: `${turn.speaker} (${turn.tone}): ${turn.text}` };
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

/** The system message, the topic, then as many of the newest turns as the budget allows. */
export function buildSpeakerContext(request: ContextRequest): SpeakerContext {
  const history = request.turns.filter(isSpoken).map((turn) => turnMessage(turn, request.speakerIndex));
  let kept = 0;
  let used = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const size = history[i]?.content.length ?? 0;
    if (used + size > request.budgetChars) break;
    used += size;
    kept++;
  }
  const droppedTurns = history.length - kept;
  const messages: ChatMessage[] = [
    { role: 'system', content: systemPrompt(request) },
    { role: 'user', content: topicMessage(request) },
  ];
  if (droppedTurns > 0) messages.push({ role: 'user', content: omittedNote(droppedTurns) });
  messages.push(...history.slice(droppedTurns));
  if (request.finalRequest !== undefined) {
    messages.push({ role: 'user', content: request.finalRequest });
  } else if (request.answering !== undefined) {
    messages.push({ role: 'user', content: answerNote(request.answering) });
  } else if (messages[messages.length - 1]?.role === 'assistant') {
    messages.push({ role: 'user', content: continueNote(speakerAt(request).name) });
  }
  return { messages, droppedTurns };
}
