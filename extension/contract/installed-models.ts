// Installed-model rules shared by the host and the webview (pure, dependency-free):
// matching a typed name, and the default model of a speaker left without one.
import type { ModelInfo } from '../../engine/types';

/** Ollama treats "llama3.2" and "llama3.2:latest" as the same model. */
export function findInstalledModel(models: readonly ModelInfo[], typed: string): ModelInfo | undefined {
  const name = typed.trim();
  if (name.length === 0) return undefined;
  const withTag = name.includes(':') ? name : `${name}:latest`;
  return models.find((model) => model.name === name || model.name === withTag);
}

/**
 * Gives each speaker without a model the first installed model no speaker uses
 * yet (speaker 1 the first, speaker 2 the next: two different models make the
 * livelier default), or the first installed model once all are taken. Speakers
 * with a model keep it. Returns `speakers` itself when nothing changes.
 */
export function withDefaultModels<S extends { model: string }>(speakers: S[], models: readonly ModelInfo[]): S[] {
  const first = models[0];
  if (first === undefined || speakers.every((speaker) => speaker.model.trim() !== '')) return speakers;
  const used = new Set(speakers.map((speaker) => findInstalledModel(models, speaker.model)?.name));
  return speakers.map((speaker) => {
    if (speaker.model.trim() !== '') return speaker;
    const model = models.find((candidate) => !used.has(candidate.name)) ?? first;
    used.add(model.name);
    return { ...speaker, model: model.name };
  });
}
