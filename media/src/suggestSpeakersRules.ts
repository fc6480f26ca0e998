// When "Suggest speakers" can ask, as a pure rule (no DOM) so it is unit-tested: the line-up is
// cast to fit the topic, by the model Speaker 1 uses: an Ollama one (the suggestion asks Ollama).
import { MAX_TOPIC_CHARS } from '../../extension/contract/limits';
import * as l10n from './l10n';

/** Why the suggestion can't be asked for now (the button's hint), or null. */
export function suggestBlockedReason(topic: string, model: string, vsCodeModel = false): string | null {
  const trimmed = topic.trim();
  if (trimmed === '') return l10n.t('Write a topic first: the line-up is chosen to fit it.');
  if (trimmed.length > MAX_TOPIC_CHARS) return l10n.t('The topic is too long to suggest speakers for.');
  if (model.trim() === '') return l10n.t('Choose a model for Speaker 1 first: it suggests the line-up.');
  if (vsCodeModel) return l10n.t('Speaker 1 uses a VS Code language model: the line-up is suggested by an Ollama model, so choose one for Speaker 1.');
  return null;
}
