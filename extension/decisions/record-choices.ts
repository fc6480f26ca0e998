// Where a decision record goes and which model drafts it, pure (the VS Code side reads the
// settings and the workspace, and asks when these rules say so).
import type { LibraryEntry } from '../../engine/library/library';
import type { JudgeConfig } from '../../engine/types';
import { exportFolder, type Locations } from '../export';

/** `talkingModels.decisionRecordsFolder`'s default, as MADR's own tooling names it. */
export const DEFAULT_DECISION_RECORDS_FOLDER = 'docs/decisions';

export type RecordsFolder<L> = { kind: 'folder'; location: L } | { kind: 'ask' };

/**
 * Pure: the folder of `setting` (blank: the default): absolute as written, relative to the
 * first workspace folder; with no workspace folder open, a relative one is asked for.
 */
export function decisionRecordsFolder<L>(setting: string, locations: Locations<L>): RecordsFolder<L> {
  const written = setting.trim() === '' ? DEFAULT_DECISION_RECORDS_FOLDER : setting.trim();
  if (!locations.isAbsolute(written) && locations.workspaceFolders.length === 0) return { kind: 'ask' };
  return { kind: 'folder', location: exportFolder(written, locations) };
}

/** The model that drafts a record, and its host when the debate's judge named one (absent: the configured host). */
export interface RecordJudge {
  model: string;
  host?: string;
}

/**
 * Pure: the debate's own end judge when it had one, else the `talkingModels.judgeModel`
 * setting; null when neither says (the person is asked).
 */
export function recordJudge(debateJudge: JudgeConfig | undefined, setting: string): RecordJudge | null {
  const own = debateJudge?.model.trim() ?? '';
  if (own !== '') return { model: own, ...(debateJudge?.host !== undefined && debateJudge.host.trim() !== '' && { host: debateJudge.host.trim() }) };
  const configured = setting.trim();
  return configured === '' ? null : { model: configured };
}

type ReadableEntry = Extract<LibraryEntry, { ok: true }>;

/** Pure: the debates "Export Decision Record" offers to pick from: readable, held by no run, newest first. */
export function recordableDebates(entries: readonly LibraryEntry[]): ReadableEntry[] {
  return entries
    .filter((entry): entry is ReadableEntry => entry.ok && entry.lockedBy === null)
    .sort((a, b) => b.meta.createdAt.localeCompare(a.meta.createdAt));
}
