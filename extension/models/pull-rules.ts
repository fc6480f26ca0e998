// Rules for pulling a model: which names to accept, and which progress reports
// to show (Ollama sends many a second; people need whole percents and stages).
import type { PullProgress } from '../../engine/types';
import * as l10n from '../contract/l10n';

/** Whole percent done, or null while Ollama reports no byte counts. */
export function pullPercent(progress: PullProgress): number | null {
  if (progress.fraction === null) return null;
  return Math.max(0, Math.min(100, Math.floor(progress.fraction * 100)));
}

/** Lets through a progress report only when its stage or whole percent changed. */
export class PullProgressFilter {
  private lastStatus: string | null = null;
  private lastPercent: number | null = null;

  accept(progress: PullProgress): boolean {
    const percent = pullPercent(progress);
    if (progress.status === this.lastStatus && percent === this.lastPercent) return false;
    this.lastStatus = progress.status;
    this.lastPercent = percent;
    return true;
  }
}

/** Ollama model names: letters, digits and . _ - / : (namespace/name:tag). Null when acceptable. */
export function modelNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return l10n.t('Enter a model name, for example llama3.2:1b.');
  if (!/^[\w.\-/:]+$/.test(trimmed)) return l10n.t('A model name has no spaces: letters, digits and . _ - / : only.');
  return null;
}
