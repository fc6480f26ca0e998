// Rules of the VS Code language models in the set-up form, as pure functions (no DOM) so they are
// unit-tested: how a chat model VS Code offers reads in a speaker's picker and in the folded set-up,
// and what the picker says of the one chosen (offered, or no longer: flagged like a model not installed).
import { findLanguageModel, type LanguageModelOption } from '../../extension/contract/language-models';
import * as l10n from './l10n';

/** "copilot · gpt-4o, 128,000-token window": who offers it, its family and how much it takes ('' parts left out). */
export function languageModelDetails(model: LanguageModelOption): string {
  const source = [model.vendor, model.family].filter((part) => part !== '').join(' · ');
  const window = model.maxInputTokens > 0 ? l10n.t('{0}-token window', model.maxInputTokens.toLocaleString('en-US')) : '';
  return [source, window].filter((part) => part !== '').join(', ');
}

/** A model in the picker: "GPT-4o (copilot · gpt-4o, 128,000-token window)". */
export function languageModelLabel(model: LanguageModelOption): string {
  const details = languageModelDetails(model);
  return details === '' ? model.name : l10n.t('{0} ({1})', model.name, details);
}

/** A VS Code speaker's model in the folded set-up and summaries: "GPT-4o (VS Code)", its id when no longer offered. */
export function vsCodeModelSummary(id: string, models: readonly LanguageModelOption[]): string {
  return l10n.t('{0} (VS Code)', findLanguageModel(models, id)?.name ?? id.trim());
}

/** What the picker says of the model chosen: none (an Ollama model speaks), one offered, or one VS Code no longer offers. */
export type LanguageModelChoice =
  | { kind: 'ollama' }
  | { kind: 'offered'; model: LanguageModelOption }
  | { kind: 'missing'; id: string };

export function languageModelChoice(id: string, models: readonly LanguageModelOption[]): LanguageModelChoice {
  if (id.trim() === '') return { kind: 'ollama' };
  const model = findLanguageModel(models, id);
  return model === undefined ? { kind: 'missing', id: id.trim() } : { kind: 'offered', model };
}
