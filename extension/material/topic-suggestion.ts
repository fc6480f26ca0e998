// The topic a panel opened on material starts with: a neutral question about it, for the person
// to keep or type over (the box is focused with it selected). Pure.
import type { DebateMaterial } from '../../engine/types';
import { diffFiles } from '../../engine/material/diff-lines';
import * as l10n from '../contract/l10n';

/** What the material came from, so the suggestion can say "this file" rather than its line numbers. */
export type MaterialSource = 'selection' | 'file' | 'diff';

export function suggestedTopic(material: DebateMaterial, source: MaterialSource, repository = ''): string {
  const diff = material.diff;
  if (diff !== undefined) {
    const files = diffFiles(diff.text).length;
    if (diff.kind === 'staged') {
      return files === 1
        ? l10n.t('Review of the staged changes in {0} (1 file): what should change before they are committed?', repository)
        : l10n.t('Review of the staged changes in {0} ({1} files): what should change before they are committed?', repository, files);
    }
    return files === 1
      ? l10n.t('Review of the uncommitted changes in {0} (1 file): what should change before they are committed?', repository)
      : l10n.t('Review of the uncommitted changes in {0} ({1} files): what should change before they are committed?', repository, files);
  }
  const excerpts = material.excerpts ?? [];
  const first = excerpts[0];
  if (first === undefined) return '';
  if (source === 'file') return l10n.t('Review of {0}: what should change?', first.path);
  if (excerpts.length === 1) {
    return first.startLine === first.endLine
      ? l10n.t('Review of {0} line {1}: what should change?', first.path, first.startLine)
      : l10n.t('Review of {0} lines {1}–{2}: what should change?', first.path, first.startLine, first.endLine);
  }
  return l10n.t('Review of {0} excerpts of {1}: what should change?', excerpts.length, first.path);
}
