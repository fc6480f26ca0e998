// VS Code's chat models (`vscode.lm`) as the panel offers them for speakers: a small shape free
// of VS Code, so the host's listing (extension/language-models/chat-model-list.ts), the protocol
// and the webview share it, and the pure rules over it. Listing a model asks nothing of it.
import { stripUnsafe } from '../../engine/text-safety';
import type { SpeakerBackendId } from '../../engine/types';
import { MAX_MODEL_NAME_CHARS } from './limits';

/** The backend of a speaker that a VS Code chat model runs (engine SpeakerConfig.backend). */
export const VSCODE_LM_BACKEND = 'vscode-lm' satisfies SpeakerBackendId;

/** A chat model VS Code offers, as the panel lists it. */
export interface LanguageModelOption {
  /** VS Code's id of the model: what a speaker's `model` holds when its backend is 'vscode-lm'. */
  id: string;
  /** Its name for people, e.g. "GPT-4o". */
  name: string;
  /** Who provides it, e.g. "copilot". */
  vendor: string;
  /** Its family, e.g. "gpt-4o". */
  family: string;
  /** The most tokens a request to it may hold. */
  maxInputTokens: number;
}

/** What the listing reads of a `vscode.LanguageModelChat` (structurally, so tests need no VS Code). */
export interface ChatModelLike {
  readonly id: string;
  readonly name: string;
  readonly vendor: string;
  readonly family: string;
  readonly maxInputTokens: number;
}

/** Another extension's text, on one line and without control characters (it is shown, never run). */
function shown(text: unknown): string {
  return typeof text === 'string' ? stripUnsafe(text).replace(/\s+/g, ' ').trim() : '';
}

/**
 * Pure: the chat models as the panel offers them: each id once (the first), ids a start request
 * could not carry (empty, too long) left out, a missing name shown as the id, ordered by vendor then name.
 */
export function languageModelOptions(chats: readonly ChatModelLike[]): LanguageModelOption[] {
  const byId = new Map<string, LanguageModelOption>();
  for (const chat of chats) {
    const id = typeof chat.id === 'string' ? chat.id.trim() : '';
    if (id === '' || id.length > MAX_MODEL_NAME_CHARS || byId.has(id)) continue;
    const tokens = chat.maxInputTokens;
    byId.set(id, {
      id,
      name: shown(chat.name) || id,
      vendor: shown(chat.vendor),
      family: shown(chat.family),
      maxInputTokens: Number.isFinite(tokens) && tokens > 0 ? Math.floor(tokens) : 0,
    });
  }
  return [...byId.values()].sort((a, b) => a.vendor.localeCompare(b.vendor) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Pure: whether two listings offer the same models alike (a change event that changed nothing posts nothing). */
export function sameLanguageModels(a: readonly LanguageModelOption[], b: readonly LanguageModelOption[]): boolean {
  return a.length === b.length && a.every((option, index) => JSON.stringify(option) === JSON.stringify(b[index]));
}

/** The VS Code model of this id, if VS Code offers it. */
export function findLanguageModel(models: readonly LanguageModelOption[], id: string): LanguageModelOption | undefined {
  const wanted = id.trim();
  return models.find((model) => model.id === wanted);
}

/** Whether a speaker (a choice, a draft, a line-up's speaker) is one a VS Code chat model runs. */
export function isVsCodeSpeaker(speaker: { backend?: SpeakerBackendId | undefined }): boolean {
  return speaker.backend === VSCODE_LM_BACKEND;
}
