// When a panel may judge the debate it shows, and which judge model it proposes: pure rules
// both sides use (the host to refuse a judging, the webview to offer it).
import { judgedSides } from '../../engine/judge/blind-debate';
import type { ModelInfo } from '../../engine/types';
import { findInstalledModel } from './installed-models';
import type { DebateView } from './protocol';
import { isRunningStatus } from './snapshot';
import * as l10n from './l10n';

/** Pure: why the debate shown can't be judged here now, or null when it can. */
export function judgeBlockedReason(view: Pick<DebateView, 'transcript' | 'status' | 'access'>): string | null {
  const { transcript, status, access } = view;
  if (transcript === null) return 'no debate is shown';
  if (isRunningStatus(status)) return 'the debate is running; judge it once it stops';
  if (access.kind === 'read-only') return 'the debate runs elsewhere; judge it once it ends';
  if (access.kind === 'unavailable') return 'the debate is not available from the library';
  if (judgedSides(transcript.turns).length < 2) return 'a verdict needs at least two speakers who said something';
  return null;
}

/**
 * Pure: the judge model to propose: the one remembered (the last chosen, else the setting);
 * without one, the first installed model no speaker uses (a judge of another model is less
 * inclined to favour one side), else the first installed model; '' when nothing is known.
 */
export function proposedJudgeModel(remembered: string, installed: readonly ModelInfo[] | null, speakers: readonly { model: string }[]): string {
  if (remembered.trim() !== '') return remembered.trim();
  const models = installed ?? [];
  const used = new Set(speakers.map((speaker) => findInstalledModel(models, speaker.model)?.name));
  return (models.find((model) => !used.has(model.name)) ?? models[0])?.name ?? '';
}

/** Pure: what judging is doing now, as the panel and the progress notification say it. */
export function judgingStep(progress: { order: number; orders: number; retry: boolean }): string {
  if (progress.order === 0) return l10n.t('Judging: reading the debate…');
  return progress.retry
    ? l10n.t('Judging: order {0} of {1}, asking again with the schema restated…', progress.order, progress.orders)
    : l10n.t('Judging: order {0} of {1}…', progress.order, progress.orders);
}
