// Matching what the user typed against the installed models (pure).
import type { ModelInfo } from '../../engine/types';

/** Ollama treats "llama3.2" and "llama3.2:latest" as the same model. */
export function findInstalledModel(models: readonly ModelInfo[], typed: string): ModelInfo | undefined {
  const name = typed.trim();
  if (name.length === 0) return undefined;
  const withTag = name.includes(':') ? name : `${name}:latest`;
  return models.find((model) => model.name === name || model.name === withTag);
}
