// The @debate participant's request handler: a debate on the message's text with the default
// speakers (the panel's new-debate form from settings, debate-request.ts), /judge and /continue
// on the debate this chat last ran. Debates run through a session controller of their own, the
// one a panel uses (engine access, the library's sessions, tokens in batches), so each is saved
// in the library like any other; chat-transcript.ts renders what it posts into the stream.
// The chat's cancellation stops the run or the judging at once. Every request that knows its
// debate ends with "Open in panel" and returns the debate's id as the result's metadata.
import * as vscode from 'vscode';
import type { DebateError } from '../../engine/types';
import { proposedJudgeModel, judgingStep } from '../contract/judge-rules';
import { MAX_TOPIC_CHARS } from '../contract/limits';
import { debateRequestSchema } from '../contract/protocol';
import { COMMANDS } from '../commands';
import { defaultForm } from '../debate/debate-request';
import { SessionController, type DebateLibraryAccess } from '../debate/session-controller';
import type { EngineAccessor } from '../engine-access';
import { judgeSavedDebate } from '../judge/judge-runner';
import type { JudgeChoice } from '../judge/panel-judge';
import type { Logger } from '../log';
import type { ModelListing } from '../models/model-catalog';
import { realScheduler, type Scheduler } from '../scheduler';
import type { ExtensionSettings } from '../settings';
import { chatIntent, helpMarkdown, lastDebateId, type ChatHistoryTurn, type DebateChatMetadata } from './chat-commands';
import { ChatTranscript, runSummary, verdictMarkdown, warningPart, type ChatPart } from './chat-transcript';

export interface DebateChatServices {
  engines: EngineAccessor;
  library: DebateLibraryAccess;
  settings(): ExtensionSettings;
  /** The configured host's installed models (ModelCatalog.list fits). */
  listModels(): Promise<ModelListing>;
  judgeChoice: JudgeChoice;
  log: Logger;
  scheduler?: Scheduler;
}

/** The parts of a chat request, its context and its stream the handler uses (VS Code's fit). */
export interface DebateChatRequest {
  readonly prompt: string;
  readonly command?: string | undefined;
}

export interface DebateChatContext {
  readonly history: readonly ChatHistoryTurn[];
}

export type DebateChatStream = Pick<vscode.ChatResponseStream, 'markdown' | 'progress' | 'button'>;

/** The chat's cancellation (vscode.CancellationToken fits). */
export interface DebateChatCancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export interface DebateChatResult {
  metadata?: DebateChatMetadata;
}

/** Writes rendered parts to the chat; warnings carry the codicon, so they are markdown with icons on. */
function write(stream: DebateChatStream, parts: readonly ChatPart[]): void {
  for (const part of parts) {
    if (part.kind === 'progress') stream.progress(part.text);
    else if (part.kind === 'warning') stream.markdown(new vscode.MarkdownString(`\n\n${part.markdown}\n\n`, true));
    else stream.markdown(part.markdown);
  }
}

function withDebate(debateId: string | null): DebateChatResult {
  return debateId === null ? {} : { metadata: { debateId } };
}

export class DebateChatHandler {
  constructor(private readonly services: DebateChatServices) {}

  async handle(request: DebateChatRequest, context: DebateChatContext, stream: DebateChatStream, token: DebateChatCancellation): Promise<DebateChatResult> {
    const intent = chatIntent(request.command, request.prompt);
    switch (intent.kind) {
      case 'help':
        stream.markdown(helpMarkdown(this.services.settings().defaultExchanges));
        return {};
      case 'refused':
        write(stream, [warningPart(intent.message)]);
        return {};
      case 'debate':
        return this.debate(intent.topic, stream, token);
      case 'judge':
      case 'continue': {
        const debateId = intent.debateId ?? lastDebateId(context.history);
        if (debateId === null) {
          stream.markdown(vscode.l10n.t('There is no debate to {0} in this chat yet: start one with {1}, or give the id of a debate from the Debates view.', `/${intent.kind}`, '`@debate <question>`'));
          return {};
        }
        return intent.kind === 'judge'
          ? this.judge(debateId, stream, token)
          : this.continue(debateId, intent.exchanges ?? this.services.settings().defaultExchanges, stream, token);
      }
      default: {
        const unexpected: never = intent;
        throw new Error(`Unknown chat intent: ${JSON.stringify(unexpected)}`);
      }
    }
  }

  /** A new debate on `topic` with the panel's new-debate form (default speakers, models filled in from the host's). */
  private async debate(topic: string, stream: DebateChatStream, token: DebateChatCancellation): Promise<DebateChatResult> {
    stream.progress(vscode.l10n.t('Looking for the default speakers\' models…'));
    const listing = await this.services.listModels();
    const form = { ...defaultForm(this.services.settings(), listing.ok ? listing.models : null), topic };
    const parsed = debateRequestSchema.safeParse(form);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const noModels = listing.ok && listing.models.length === 0;
      const problem = !listing.ok ? listing.error.message
        : issue?.path[0] === 'topic' ? vscode.l10n.t('Ask in at most {0} characters.', MAX_TOPIC_CHARS)
          : noModels ? vscode.l10n.t('No model is installed on {0} for the default speakers: pull one, or name installed ones in the setting {1}.', listing.host, 'talkingModels.defaultSpeakers')
            : vscode.l10n.t('The default speakers (setting {0}) can\'t start a debate: {1}', 'talkingModels.defaultSpeakers', issue?.message ?? '');
      write(stream, [warningPart(problem)]);
      // The Pull command asks which model (its own box, with suggestions).
      if (noModels) stream.button({ command: COMMANDS.pullModel, title: vscode.l10n.t('Pull a Model') });
      return {};
    }
    // Cancelled while the models were listed: nothing starts.
    if (token.isCancellationRequested) return {};
    return this.run(stream, token, (session) => session.start(parsed.data));
  }

  /** Debate `debateId` goes on by `exchanges`, streamed like a new one. */
  private async continue(debateId: string, exchanges: number, stream: DebateChatStream, token: DebateChatCancellation): Promise<DebateChatResult> {
    return this.run(stream, token, async (session) => {
      await session.show(debateId);
      const { access } = session.view;
      if (access.kind !== 'writable') return access.reason;
      if (token.isCancellationRequested) return null;
      stream.progress(`${exchanges === 1 ? vscode.l10n.t('1 more exchange') : vscode.l10n.t('{0} more exchanges', exchanges)}…`);
      await session.continue(exchanges);
      return null;
    }, debateId);
  }

  /**
   * Runs one operation on a session controller whose posts go to the chat; the chat's cancel
   * stops it. Returns the debate's id as metadata, after the summary and "Open in panel".
   */
  private async run(
    stream: DebateChatStream,
    token: DebateChatCancellation,
    operation: (session: SessionController) => Promise<string | null | void>,
    knownId: string | null = null,
  ): Promise<DebateChatResult> {
    const transcript = new ChatTranscript();
    const session = new SessionController({
      engines: this.services.engines,
      library: this.services.library,
      settings: () => this.services.settings(),
      post: (message) => write(stream, transcript.accept(message)),
      log: this.services.log,
      scheduler: this.services.scheduler ?? realScheduler,
    });
    const stopOnCancel = token.onCancellationRequested(() => session.stop());
    let refusal: string | null | void;
    try {
      refusal = await operation(session);
    } finally {
      stopOnCancel.dispose();
      session.dispose();
    }
    // A debate the library can't give (deleted, damaged, another folder) has no panel to open.
    const debateId = session.view.access.kind === 'unavailable' ? null : (session.debateId ?? knownId);
    if (typeof refusal === 'string') write(stream, [warningPart(refusal)]);
    else stream.markdown(runSummary(session.view.transcript, token.isCancellationRequested));
    this.offerButtons(stream, debateId, transcript.lastError);
    return withDebate(debateId);
  }

  /** `debateId` judged by the proposed judge model (the last chosen, else the setting, else an installed model no speaker uses). */
  private async judge(debateId: string, stream: DebateChatStream, token: DebateChatCancellation): Promise<DebateChatResult> {
    const { services } = this;
    const listing = await services.listModels();
    if (!listing.ok) {
      write(stream, [warningPart(listing.error.message)]);
      this.offerButtons(stream, debateId, null);
      return withDebate(debateId);
    }
    const model = proposedJudgeModel(services.judgeChoice.remembered(), listing.models, await this.speakersOf(debateId));
    if (model === '') {
      write(stream, [warningPart(vscode.l10n.t('No model is installed on {0} to judge with.', listing.host))]);
      return withDebate(debateId);
    }
    stream.progress(vscode.l10n.t('Judging with {0}…', model));
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    const outcome = await judgeSavedDebate(
      { library: services.library, listModels: services.listModels, log: services.log },
      { debateId, model, signal: abort.signal, onProgress: (progress) => stream.progress(judgingStep(progress)) },
    ).finally(() => cancel.dispose());
    let error: DebateError | null = null;
    switch (outcome.kind) {
      case 'judged':
        stream.markdown(verdictMarkdown(outcome.verdict));
        break;
      case 'unavailable':
        write(stream, [warningPart(vscode.l10n.t('Verdict unavailable: {0}', outcome.reason))]);
        break;
      case 'failed':
        error = outcome.error;
        write(stream, [warningPart(outcome.error.message)]);
        break;
      case 'cancelled':
        stream.markdown(vscode.l10n.t('Judging stopped from the chat; nothing was saved.'));
        break;
      default: {
        const unexpected: never = outcome;
        throw new Error(`Unknown judging outcome: ${JSON.stringify(unexpected)}`);
      }
    }
    this.offerButtons(stream, debateId, error);
    return withDebate(debateId);
  }

  /** The debate's speakers as the library lists them (none when it can't be read: judging then says why). */
  private async speakersOf(debateId: string): Promise<readonly { model: string }[]> {
    const opening = await this.services.library.open();
    if (!opening.ok) return [];
    const entry = opening.library.store.library.get(debateId);
    return entry?.ok === true ? entry.meta.speakers : [];
  }

  /** "Open in panel" for a debate the library has, and the pull of a model the run or the judge found missing. */
  private offerButtons(stream: DebateChatStream, debateId: string | null, error: DebateError | null): void {
    if (debateId !== null) stream.button({ command: COMMANDS.openDebate, title: vscode.l10n.t('Open in panel'), arguments: [debateId] });
    if (error?.kind === 'model-missing' && error.model !== undefined) {
      stream.button({ command: COMMANDS.pullModel, title: vscode.l10n.t('Pull {0}', error.model), arguments: [error.model] });
    }
  }
}
