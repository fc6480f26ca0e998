// The part of the `vscode` module the language-model backend uses, for tests that replace the
// module with `vi.mock('vscode', () => import('./vscode-stub'))`: cancellation, chat messages
// as plain role/text records, LanguageModelError with its codes, a settable list of models, and
// l10n.t that fills placeholders as VS Code's does.
import type * as vscode from 'vscode';

type Listener = (event: undefined) => unknown;

export class CancellationTokenSource {
  private readonly listeners = new Set<Listener>();
  readonly token: vscode.CancellationToken;
  private cancelled = false;

  constructor() {
    const listeners = this.listeners;
    const source = this;
    this.token = {
      get isCancellationRequested() {
        return source.cancelled;
      },
      onCancellationRequested: (listener: Listener) => {
        listeners.add(listener);
        return { dispose: () => listeners.delete(listener) };
      },
    };
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const listener of this.listeners) listener(undefined);
  }

  dispose(): void {
    this.listeners.clear();
  }
}

export class LanguageModelError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'LanguageModelError';
  }

  static NoPermissions(message = ''): LanguageModelError {
    return new LanguageModelError(message, 'NoPermissions');
  }

  static Blocked(message = ''): LanguageModelError {
    return new LanguageModelError(message, 'Blocked');
  }

  static NotFound(message = ''): LanguageModelError {
    return new LanguageModelError(message, 'NotFound');
  }
}

/** A chat message as the stub records it: a role and its text. */
export interface StubMessage {
  role: 'user' | 'assistant';
  content: string;
}

export const LanguageModelChatMessage = {
  User: (content: string): StubMessage => ({ role: 'user', content }),
  Assistant: (content: string): StubMessage => ({ role: 'assistant', content }),
};

/** The models VS Code offers in this test, the selectors asked for, and what selecting throws (if anything). */
export const offered: { models: vscode.LanguageModelChat[]; selectors: vscode.LanguageModelChatSelector[]; failure?: Error } = { models: [], selectors: [] };

export const lm = {
  selectChatModels: async (selector: vscode.LanguageModelChatSelector = {}): Promise<vscode.LanguageModelChat[]> => {
    offered.selectors.push(selector);
    if (offered.failure !== undefined) throw offered.failure;
    return offered.models.filter((model) => selector.id === undefined || model.id === selector.id);
  },
};

export const l10n = {
  t: (message: string, ...args: Array<string | number>): string => message.replace(/\{(\d+)\}/g, (placeholder, index: string) => String(args[Number(index)] ?? placeholder)),
};
