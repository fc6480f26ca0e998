// What a message to @debate asks for (a debate on its text, /judge, /continue, or help), and
// which debate "this chat" means: the one the text names by id, else the last one this
// participant ran here (its id travels in the chat result's metadata). Also the follow-ups
// offered after a debate and the help text. Pure: VS Code's chat objects are read by shape.
import { isDebateId } from '../../engine/library/ids';
import { MAX_PANEL_EXCHANGES, MIN_PANEL_EXCHANGES } from '../contract/limits';
import * as l10n from '../contract/l10n';

/** As package.json contributes it. */
export const DEBATE_PARTICIPANT_ID = 'talkingModels.debate';

export const CHAT_COMMANDS = { judge: 'judge', continue: 'continue' } as const;

export type ChatIntent =
  | { kind: 'help' }
  | { kind: 'debate'; topic: string }
  | { kind: 'judge'; debateId: string | null }
  /** `exchanges` null: the default number (talkingModels.defaultExchanges). */
  | { kind: 'continue'; debateId: string | null; exchanges: number | null }
  /** Asked in words the participant can't act on: what to say back. */
  | { kind: 'refused'; message: string };

/** What a chat result of this participant carries for the next request. */
export type DebateChatMetadata = { debateId: string };

/** The parts of a chat history turn read here (vscode.ChatRequestTurn and ChatResponseTurn fit). */
export interface ChatHistoryTurn {
  readonly participant: string;
  readonly result?: { readonly metadata?: unknown };
}

/** A follow-up as vscode.ChatFollowup takes it. */
export interface DebateFollowup {
  prompt: string;
  command: string;
  label: string;
}

/** A debate id anywhere in a text (engine/library/ids.ts gives its exact shape). */
const DEBATE_ID_IN_TEXT = /\b[0-9]{8}-[0-9]{6}-[0-9a-f]{6}\b/;
const WHOLE_NUMBER = /^\d+$/;

/** Pure: the intent of a request, from its slash command (without "/") and its text. */
export function chatIntent(command: string | undefined, prompt: string): ChatIntent {
  const text = prompt.trim();
  const named = DEBATE_ID_IN_TEXT.exec(text)?.[0];
  const debateId = named !== undefined && isDebateId(named) ? named : null;
  switch (command) {
    case undefined:
      return text === '' ? { kind: 'help' } : { kind: 'debate', topic: text };
    case CHAT_COMMANDS.judge:
      return { kind: 'judge', debateId };
    case CHAT_COMMANDS.continue:
      return continueIntent(debateId, debateId === null ? text : text.replace(debateId, ' '));
    default:
      return { kind: 'refused', message: l10n.t('@debate has no command /{0}. Its commands are /judge and /continue.', command) };
  }
}

/** "/continue", "/continue 2", "/continue <id> 3": the exchanges are the one whole number given, within the panel's limits. */
function continueIntent(debateId: string | null, rest: string): ChatIntent {
  const words = rest.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return { kind: 'continue', debateId, exchanges: null };
  const [word] = words;
  const exchanges = words.length === 1 && word !== undefined && WHOLE_NUMBER.test(word) ? Number(word) : Number.NaN;
  if (exchanges >= MIN_PANEL_EXCHANGES && exchanges <= MAX_PANEL_EXCHANGES) return { kind: 'continue', debateId, exchanges };
  return {
    kind: 'refused',
    message: l10n.t('/continue takes a number of exchanges from {0} to {1} (e.g. /continue 2), and optionally a debate id; "{2}" is neither.', MIN_PANEL_EXCHANGES, MAX_PANEL_EXCHANGES, rest.trim()),
  };
}

/** Pure: the debate id a chat result carries, or null. */
export function debateIdOf(metadata: unknown): string | null {
  if (typeof metadata !== 'object' || metadata === null || !('debateId' in metadata)) return null;
  return isDebateId(metadata.debateId) ? metadata.debateId : null;
}

/** Pure: the debate this participant last ran or acted on in the chat's history, or null. */
export function lastDebateId(history: readonly ChatHistoryTurn[]): string | null {
  for (let at = history.length - 1; at >= 0; at--) {
    const turn = history[at];
    if (turn?.participant !== DEBATE_PARTICIPANT_ID) continue;
    const id = debateIdOf(turn.result?.metadata);
    if (id !== null) return id;
  }
  return null;
}

/** Pure: after a request that ran or judged a debate, its next steps: judge it, continue it. */
export function debateFollowups(metadata: unknown): DebateFollowup[] {
  if (debateIdOf(metadata) === null) return [];
  return [
    { prompt: '', command: CHAT_COMMANDS.judge, label: l10n.t('Judge this debate') },
    { prompt: '', command: CHAT_COMMANDS.continue, label: l10n.t('Continue this debate') },
  ];
}

/** Pure: what a plain "@debate" answers: how to use it, and its commands. */
export function helpMarkdown(defaultExchanges: number): string {
  return [
    l10n.t('Write a question or a motion after {0}, for example {1}: the default speakers (setting {2}) debate it here, turn by turn, and the debate is saved in the Debates view.', '**@debate**', '`@debate Should we adopt a monorepo?`', '`talkingModels.defaultSpeakers`'),
    '',
    `- \`/${CHAT_COMMANDS.judge}\`: ${l10n.t('a judge model scores the debate this chat ran last (or the debate whose id you give) and names a winner.')}`,
    `- \`/${CHAT_COMMANDS.continue}\`: ${l10n.t('the debate goes on for {0} more exchanges, or as many as you give (e.g. {1}).', defaultExchanges, '`/continue 2`')}`,
    '',
  ].join('\n');
}
