// Stand-ins for what VS Code hands a chat participant: the parts of the `vscode` module the
// participant uses (vi.mock('vscode') returns `vscodeStub`), a ChatResponseStream that records
// every call in order, a chat history, and a cancellation token the test cancels.
import type { DebateChatStream } from '../../../extension/chat/debate-chat-handler';
import type { ChatHistoryTurn } from '../../../extension/chat/chat-commands';

/** vscode.MarkdownString as far as the participant uses it. */
export class FakeMarkdownString {
  constructor(
    public value = '',
    public supportThemeIcons = false,
  ) {}
}

/** vscode.l10n.t with no bundle: the English text, {0}… replaced. */
function translate(message: string, ...args: Array<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => (args[Number(index)] === undefined ? whole : String(args[Number(index)])));
}

export const vscodeStub = {
  MarkdownString: FakeMarkdownString,
  l10n: { t: translate, bundle: undefined },
  Uri: {
    joinPath: (base: { path: string }, ...parts: string[]) => ({ path: [base.path, ...parts].join('/') }),
    file: (path: string) => ({ path }),
    parse: (text: string) => ({ path: text }),
  },
  /** Replaced per test: a host with or without a Chat view. */
  chat: undefined as unknown,
};

export type StreamCall =
  | { kind: 'markdown'; value: string; icons: boolean }
  | { kind: 'progress'; value: string }
  | { kind: 'button'; command: string; title: string; arguments: unknown[] };

/** A ChatResponseStream recording markdown, progress and buttons in the order they came. */
export class StreamRecorder implements DebateChatStream {
  readonly calls: StreamCall[] = [];
  private readonly listeners: Array<(call: StreamCall) => void> = [];

  markdown(value: string | { value: string }): void {
    const icons = value instanceof FakeMarkdownString && value.supportThemeIcons;
    this.record({ kind: 'markdown', value: typeof value === 'string' ? value : value.value, icons });
  }

  progress(value: string): void {
    this.record({ kind: 'progress', value });
  }

  button(command: { command: string; title: string; arguments?: unknown[] }): void {
    this.record({ kind: 'button', command: command.command, title: command.title, arguments: command.arguments ?? [] });
  }

  /** Calls `listener` with every later call (to cancel once something shows). */
  onCall(listener: (call: StreamCall) => void): void {
    this.listeners.push(listener);
  }

  /** Everything written as markdown, joined as the Chat view joins it. */
  get text(): string {
    return this.calls.flatMap((call) => (call.kind === 'markdown' ? [call.value] : [])).join('');
  }

  /** The markdown written with the warning icon. */
  get warnings(): string[] {
    return this.calls.flatMap((call) => (call.kind === 'markdown' && call.icons ? [call.value.trim()] : []));
  }

  get buttons(): Array<Extract<StreamCall, { kind: 'button' }>> {
    return this.calls.filter((call): call is Extract<StreamCall, { kind: 'button' }> => call.kind === 'button');
  }

  private record(call: StreamCall): void {
    this.calls.push(call);
    for (const listener of this.listeners) listener(call);
  }
}

/** A CancellationToken the test cancels. */
export class FakeCancellation {
  isCancellationRequested = false;
  private readonly listeners = new Set<() => void>();

  onCancellationRequested = (listener: () => void): { dispose(): void } => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  cancel(): void {
    if (this.isCancellationRequested) return;
    this.isCancellationRequested = true;
    for (const listener of [...this.listeners]) listener();
  }
}

/** A chat history: the requests and this participant's results so far. */
export class FakeHistory {
  readonly history: ChatHistoryTurn[] = [];

  add(participant: string, metadata: unknown): void {
    this.history.push({ participant }, { participant, result: { metadata } });
  }
}
