// Installed-model rules shared by the host and the webview (pure, dependency-free):
// matching a typed name, the default model of a speaker left without one, and what a model
// can do (Ollama's /api/show capabilities): whether the panel offers it thinking, and levels.
import type { DebateError, ModelInfo, ThinkingSetting } from '../../engine/types';

/** An installed model as the panel lists it: /api/tags' details and, once asked, what /api/show says it can do. */
export interface InstalledModel extends ModelInfo {
  /** "completion", "thinking", "tools", "embedding"…; absent: unknown (/api/show failed, or an Ollama too old to say). */
  capabilities?: readonly string[];
}

/** A host's models as listed for the panel, or why they could not be (`host` null: no host could be resolved, or the engine did not load). */
export type HostModelListing =
  | { ok: true; host: string; models: InstalledModel[] }
  | { ok: false; host: string | null; error: DebateError };

/** Whether a model reasons: yes or no when Ollama said, unknown otherwise (a model not installed, or not asked yet). */
export type ThinkingSupport = 'yes' | 'no' | 'unknown';

export function thinkingSupport(model: InstalledModel | undefined): ThinkingSupport {
  if (model?.capabilities === undefined) return 'unknown';
  return model.capabilities.includes('thinking') ? 'yes' : 'no';
}

/**
 * Whether a model takes a reasoning level (low, medium, high) rather than on and off: gpt-oss, whose
 * family Ollama reports as "gptoss"; Ollama ignores true and false for it.
 */
export function takesThinkingLevels(model: Pick<ModelInfo, 'name' | 'family'>): boolean {
  return model.family?.toLowerCase().replace(/[^a-z]/g, '') === 'gptoss' || /^gpt-oss(?::|$)/i.test(model.name.trim());
}

/** The thinking settings worth offering for a model: none for one that can't reason, levels for gpt-oss, else off and on; all while unknown. */
export function thinkingSettingsFor(model: InstalledModel | undefined): readonly ThinkingSetting[] {
  const support = thinkingSupport(model);
  if (support === 'no') return [];
  if (support === 'yes' && model !== undefined) return takesThinkingLevels(model) ? ['low', 'medium', 'high'] : [false, true];
  return [false, true, 'low', 'medium', 'high'];
}

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
