// The size of attached material as the panel shows it: its estimated tokens (the engine's
// estimate of the block speakers are sent) and the smallest context window whose material
// budget holds it, so the webview can compare it with the chosen speakers' windows without
// the engine's token arithmetic. Pure.
import { materialBudget, materialTokens } from '../../engine/material/budget';
import type { DebateMaterial } from '../../engine/types';
import type { AttachedMaterial } from '../contract/protocol';

/** The smallest window (in tokens) whose material budget is at least `tokens`. */
export function smallestWindowFor(tokens: number): number {
  // The budget is under half the window: start there and walk up (a few thousand steps at most).
  let window = Math.max(1, tokens * 2);
  while (materialBudget(window) < tokens) window++;
  return window;
}

export function attachedMaterial(material: DebateMaterial, defaultWindow: number): AttachedMaterial {
  const tokens = materialTokens(material);
  return { material, tokens, minWindow: smallestWindowFor(tokens), defaultWindow };
}
