// The engine's chat messages as VS Code's language models take them. Those chats have no system
// role: the system message (the speaker's persona and tone, the debate's rules) goes at the top of
// the first user message, so the model reads its instructions before anything else. Consecutive
// messages of one role are merged, as some providers refuse two user messages in a row. Pure.
import type { ChatMessage } from '../../engine/context';

export interface LanguageModelTurn {
  role: 'user' | 'assistant';
  text: string;
}

/** Between merged messages and between the instructions and the first user message. */
const SEPARATOR = '\n\n';

export function languageModelTurns(messages: readonly ChatMessage[]): LanguageModelTurn[] {
  const instructions = messages.filter((message) => message.role === 'system').map((message) => message.content);
  const turns: LanguageModelTurn[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    const last = turns.at(-1);
    if (last?.role === message.role) last.text += SEPARATOR + message.content;
    else turns.push({ role: message.role, text: message.content });
  }
  if (instructions.length === 0) return turns;
  const preamble = instructions.join(SEPARATOR);
  const first = turns[0];
  // A chat opens with the user: where it would open with the model's own words, the instructions come first on their own.
  if (first?.role === 'user') first.text = preamble + SEPARATOR + first.text;
  else turns.unshift({ role: 'user', text: preamble });
  return turns;
}
