// "Export Decision Record", step by step, with the library, the dialogs and the files passed in
// (register.ts gives VS Code's, tests fakes): the debate read afresh (refused while it runs or
// with nothing said), the judge model (the debate's own, else the setting, else picked) checked
// on its host before anything is drafted (Ollama down: Retry; the model missing: Pull), the folder
// (asked for with no workspace open), the draft under a progress notification with Cancel, the
// MADR file written as the folder's next record, opened, and where it is said. No record is
// made up and none is half-written; messages never wait on the person, and nothing here throws.
import type { draftDecisionRecord } from '../../engine/adr/draft-record';
import type { renderDecisionRecord } from '../../engine/adr/madr';
import { describeHolder } from '../../engine/library/lock';
import type { Transcript } from '../../engine/types';
import { hasCompleteSpeakerTurn } from '../contract/decision-record';
import { findInstalledModel } from '../contract/installed-models';
import type { DebateLibraryAccess } from '../debate/session-controller';
import type { Locations } from '../export';
import { judgeModelMissing } from '../judge/judge-runner';
import { judgeModelChoices, type Choice } from '../library/command-rules';
import { errorMessage, type Logger } from '../log';
import type { ModelListing } from '../models/model-catalog';
import { decisionRecordsFolder, recordJudge, type RecordJudge } from './record-choices';
import * as l10n from '../contract/l10n';

/** The engine's decision-record parts, loaded on first use (activation stays light). */
export interface RecordEngine {
  draftDecisionRecord: typeof draftDecisionRecord;
  renderDecisionRecord: typeof renderDecisionRecord;
}

export async function loadRecordEngine(): Promise<RecordEngine> {
  const [draft, madr] = await Promise.all([import('../../engine/adr/draft-record'), import('../../engine/adr/madr')]);
  return { draftDecisionRecord: draft.draftDecisionRecord, renderDecisionRecord: madr.renderDecisionRecord };
}

/** The dialogs and messages; `L` is a file location (vscode.Uri in VS Code). */
export interface RecordUi<L> {
  /** A pick list; undefined when dismissed. */
  pick<T>(choices: Choice<T>[], options: { title: string; placeholder: string }): Promise<Choice<T> | undefined>;
  /** The folder to write into when no workspace folder is open; undefined when cancelled. */
  askFolder(): Promise<L | undefined>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
  /** Runs `task` under a progress notification titled `title` whose Cancel aborts `signal`. */
  withProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Opens the written record in an editor. */
  open(location: L): Promise<void>;
  /** Shows the written record in the Explorer. */
  reveal(location: L): Promise<void>;
  /** How a location is shown in messages (its path). */
  describe(location: L): string;
}

export interface DecisionRecordDeps<L> {
  library: DebateLibraryAccess;
  /** The installed models on `host` as written (undefined: the configured host). */
  listModels(host?: string): Promise<ModelListing>;
  /** `talkingModels.judgeModel` as written. */
  judgeSetting(): string;
  /** The model a pick list proposes first (the judge chosen last, else the setting). */
  proposedJudge(): string;
  /** `talkingModels.decisionRecordsFolder` as written. */
  folderSetting(): string;
  locations: Locations<L>;
  /** Writes `content` as the next record of `folder` named after `title` (the folder made if missing); its location. Throws the file system's error. */
  write(folder: L, title: string, content: string): Promise<L>;
  ui: RecordUi<L>;
  /** The Pull Ollama Model command (without a name it asks for one). */
  pullModel(model?: string): Promise<void>;
  log: Logger;
  loadEngine?(): Promise<RecordEngine>;
  now?(): Date;
}

export type DecisionRecordOutcome<L> =
  | { kind: 'written'; location: L }
  /** Nothing was written; `reason` says why (also shown in a message, with the way out). */
  | { kind: 'failed'; reason: string }
  /** The person dismissed a question or cancelled the draft: nothing was written. */
  | { kind: 'cancelled' };

/** A way out offered with a failure: its button, and what it does. */
interface WayOut {
  label: string;
  run(): unknown;
}

/** Says `reason` (not waiting for the person: a panel's button must not stay busy on an open message) and returns the failure. */
function failed<L>(deps: DecisionRecordDeps<L>, reason: string, ...ways: WayOut[]): DecisionRecordOutcome<L> {
  deps.log.error(`Decision record: ${reason}`);
  void deps.ui.error(l10n.t('Talking Models: {0}', reason), ...ways.map((way) => way.label)).then((chosen) => ways.find((way) => way.label === chosen)?.run());
  return { kind: 'failed', reason };
}

function retry(again: () => void): WayOut {
  return { label: l10n.t('Retry'), run: again };
}

type DebateRead = { ok: true; transcript: Transcript } | { ok: false; reason: string };

/** Debate `id` as the library holds it now; refused while a run holds it, or when it is damaged, gone or says nothing. */
async function readDebate(library: DebateLibraryAccess, id: string): Promise<DebateRead> {
  const opening = await library.open();
  if (!opening.ok) return { ok: false, reason: opening.message };
  const { store, sessions } = opening.library;
  store.refresh(id);
  const entry = store.library.get(id);
  if (entry === null) return { ok: false, reason: l10n.t('debate {0} is not in the library at {1}.', id, store.folder) };
  if (!entry.ok) return { ok: false, reason: l10n.t('debate {0} is damaged: {1}', id, entry.reason) };
  if (entry.lockedBy !== null) return { ok: false, reason: l10n.t('debate {0} is {1}; export its decision record once it ends.', id, describeHolder(entry.lockedBy)) };
  let transcript: Transcript;
  try {
    transcript = await sessions.transcript(id);
  } catch (error) {
    return { ok: false, reason: l10n.t('debate {0} could not be read: {1}', id, errorMessage(error)) };
  }
  if (!hasCompleteSpeakerTurn(transcript)) {
    return { ok: false, reason: l10n.t('debate {0} has no complete turn: a decision record needs something said to record.', id) };
  }
  return { ok: true, transcript };
}

type JudgeFound<L> = { ok: true; judge: RecordJudge } | { ok: false; outcome: DecisionRecordOutcome<L> };

/** The debate's judge, else the setting's, else the installed model the person picks. */
async function chooseJudge<L>(deps: DecisionRecordDeps<L>, transcript: Transcript, again: () => void): Promise<JudgeFound<L>> {
  const known = recordJudge(transcript.judge, deps.judgeSetting());
  if (known !== null) return { ok: true, judge: known };
  const listing = await deps.listModels();
  if (!listing.ok) return { ok: false, outcome: failed(deps, listing.error.message, retry(again)) };
  if (listing.models.length === 0) {
    const reason = l10n.t('no model is installed on {0} to draft the decision record with.', listing.host);
    return { ok: false, outcome: failed(deps, reason, { label: l10n.t('Pull a Model'), run: () => deps.pullModel() }) };
  }
  const picked = await deps.ui.pick(judgeModelChoices(listing.models, deps.proposedJudge()), {
    title: l10n.t('Export Decision Record'),
    placeholder: l10n.t('The model that drafts the decision record (set talkingModels.judgeModel to skip this question)'),
  });
  return picked === undefined ? { ok: false, outcome: { kind: 'cancelled' } } : { ok: true, judge: { model: picked.value } };
}

/**
 * Drafts the decision record of debate `id`, writes it into the decision-records folder and
 * opens it. `again` runs the whole export anew (a failure's Retry).
 */
export async function exportDecisionRecord<L>(deps: DecisionRecordDeps<L>, id: string, again: () => void): Promise<DecisionRecordOutcome<L>> {
  const read = await readDebate(deps.library, id);
  if (!read.ok) return failed(deps, l10n.t('No decision record: {0}', read.reason));
  const { transcript } = read;

  const found = await chooseJudge(deps, transcript, again);
  if (!found.ok) return found.outcome;
  const { model } = found.judge;
  // Before anything is drafted: Ollama answering, and the model there (else the way to get it).
  const listing = await deps.listModels(found.judge.host);
  if (!listing.ok) return failed(deps, listing.error.message, retry(again));
  if (findInstalledModel(listing.models, model) === undefined) {
    const missing = judgeModelMissing(model, listing.host);
    // The Pull command pulls on the configured host: offered only when the judge is on it.
    const pull = found.judge.host === undefined ? [{ label: l10n.t('Pull {0}', model), run: () => deps.pullModel(model) }] : [];
    return failed(deps, missing.message, ...pull);
  }

  const where = decisionRecordsFolder(deps.folderSetting(), deps.locations);
  const folder = where.kind === 'folder' ? where.location : await deps.ui.askFolder();
  if (folder === undefined) return { kind: 'cancelled' };

  let engine: RecordEngine;
  try {
    engine = await (deps.loadEngine ?? loadRecordEngine)();
  } catch (error) {
    return failed(deps, l10n.t('The debate engine could not load: {0}', errorMessage(error)));
  }
  deps.log.info(`Drafting the decision record of debate ${id} with ${model} on ${listing.host}.`);
  const draft = await deps.ui.withProgress(l10n.t('Drafting the decision record with {0}…', model), async (signal) => {
    const result = await engine.draftDecisionRecord(transcript, { model, host: listing.host, signal });
    return signal.aborted ? null : result;
  });
  if (draft === null) {
    deps.log.info(`The decision record of debate ${id} was cancelled; nothing was written.`);
    return { kind: 'cancelled' };
  }
  if (!draft.ok) {
    return failed(deps, l10n.t('{0} gave no usable decision record ({1}). Nothing was written.', model, draft.reason), retry(again));
  }

  const content = engine.renderDecisionRecord({ answer: draft.answer, transcript, judgeModel: model, date: (deps.now ?? (() => new Date()))() });
  let location: L;
  try {
    location = await deps.write(folder, draft.answer.title, content);
  } catch (error) {
    return failed(deps, l10n.t('The decision record could not be written into {0}: {1}. Nothing was written.', deps.ui.describe(folder), errorMessage(error)), retry(again));
  }
  deps.log.info(`Decision record of debate ${id} written to ${deps.ui.describe(location)}.`);
  try {
    await deps.ui.open(location);
  } catch (error) {
    deps.log.warn(`The decision record ${deps.ui.describe(location)} could not be opened: ${errorMessage(error)}`);
  }
  const reveal = l10n.t('Reveal in Explorer');
  void deps.ui.info(l10n.t('Decision record written to {0}', deps.ui.describe(location)), reveal).then((chosen) => (chosen === reveal ? deps.ui.reveal(location) : undefined));
  return { kind: 'written', location };
}
