// The @debate chat participant, registered at activation where VS Code has a Chat view. Where
// it has none (code-server, an older or trimmed host: `vscode.chat` missing, or creating a
// participant throwing), nothing is registered, a debug line says why, and the extension works
// as before.
import * as vscode from 'vscode';
import { errorMessage } from '../log';
import { debateFollowups, DEBATE_PARTICIPANT_ID } from './chat-commands';
import { DebateChatHandler, type DebateChatServices } from './debate-chat-handler';

/** The extension's icon, beside the participant's answers. */
const ICON_PATH = ['media', 'icons', 'talking-models.png'] as const;

/** The chat API as this host may (not) have it. */
type MaybeChat = { readonly chat?: Partial<typeof vscode.chat> };

export function registerDebateParticipant(context: vscode.ExtensionContext, services: DebateChatServices & { log: vscode.LogOutputChannel }): void {
  const chat = (vscode as MaybeChat).chat;
  if (chat?.createChatParticipant === undefined) {
    services.log.debug('No Chat view in this host (vscode.chat is missing): the @debate participant is not registered.');
    return;
  }
  try {
    const handler = new DebateChatHandler(services);
    const participant = chat.createChatParticipant(DEBATE_PARTICIPANT_ID, (request, chatContext, stream, token) => handler.handle(request, chatContext, stream, token));
    participant.iconPath = vscode.Uri.joinPath(context.extensionUri, ...ICON_PATH);
    participant.followupProvider = { provideFollowups: (result) => debateFollowups(result.metadata) };
    context.subscriptions.push(participant);
  } catch (error) {
    services.log.debug(`The @debate chat participant could not be registered here (${errorMessage(error)}); the rest of the extension works without it.`);
  }
}
