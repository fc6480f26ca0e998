// Where the panels learn which chat models VS Code offers as speakers: the list now, and each new
// list as VS Code's change (extension/language-models/chat-model-list.ts is the real one; tests
// and a panel given none use a fixed list). Free of VS Code, so the panel stays testable without it.
import type { LanguageModelOption } from '../contract/language-models';

export interface LanguageModelSource {
  /** The chat models offered now (empty: none, or not known yet). */
  current(): LanguageModelOption[];
  /** Calls `listener` with each new list; returns the way to stop. */
  subscribe(listener: (models: LanguageModelOption[]) => void): () => void;
}

/** A source that never changes: `models` (none by default). */
export function fixedLanguageModels(models: LanguageModelOption[] = []): LanguageModelSource {
  return { current: () => models, subscribe: () => () => undefined };
}
