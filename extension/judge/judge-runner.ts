// Judging one debate of the library for VS Code (a panel's Judge, the Debates view's Judge
// Debate…): read the debate afresh, check the judge model is installed on the host (so a
// missing model is offered for pulling and Ollama being down is said so, before any judging),
// run the engine's blind judge with progress and cancellation, and save the verdict with the
// debate. Each way it can end is an outcome worded for a person; nothing is made up and
// nothing here throws. No VS Code import: panels and tests hand in the services.
import { describeHolder } from '../../engine/library/lock';
import type { judgedSides, judgeInputOf } from '../../engine/judge/blind-debate';
import type { judgeDebate } from '../../engine/judge/judge';
import type { Verdict } from '../../engine/judge/verdict';
import type { DebateError } from '../../engine/types';
import { findInstalledModel } from '../contract/installed-models';
import type { DebateLibraryAccess } from '../debate/session-controller';
import { errorMessage, type Logger } from '../log';
import type { ModelListing } from '../models/model-catalog';
import * as l10n from '../contract/l10n';

/** The engine's judge, loaded on first use (it is not needed to activate the extension). */
export interface JudgeEngine {
  judgeDebate: typeof judgeDebate;
  judgeInputOf: typeof judgeInputOf;
  judgedSides: typeof judgedSides;
}

export async function loadJudgeEngine(): Promise<JudgeEngine> {
  const [judge, blind] = await Promise.all([import('../../engine/judge/judge'), import('../../engine/judge/blind-debate')]);
  return { judgeDebate: judge.judgeDebate, judgeInputOf: blind.judgeInputOf, judgedSides: blind.judgedSides };
}

export interface JudgeRunServices {
  library: DebateLibraryAccess;
  /** The configured host's installed models (ModelCatalog.list fits): the host judged on, and whether the judge is there. */
  listModels(): Promise<ModelListing>;
  log: Logger;
  loadJudge?: () => Promise<JudgeEngine>;
}

/** Where judging stands, as the engine reports it before each call to the judge. */
export interface JudgeProgress {
  order: number;
  orders: number;
  /** The call asks again, the schema restated, after an answer that was no verdict. */
  retry: boolean;
}

export interface JudgeRunRequest {
  debateId: string;
  model: string;
  signal?: AbortSignal;
  onProgress?(progress: JudgeProgress): void;
}

export type JudgeOutcome =
  /** The verdict, saved with the debate. */
  | { kind: 'judged'; verdict: Verdict }
  /** The judge answered, but no verdict: the engine's reason (after its retry). */
  | { kind: 'unavailable'; reason: string }
  /** The judge could not be asked, or the verdict not saved: an error a person can act on. */
  | { kind: 'failed'; error: DebateError }
  | { kind: 'cancelled' };

const UNAVAILABLE_PREFIX = 'verdict unavailable: ';

/** Pure: the engine's reason without its own "verdict unavailable: " (the panel and messages say that themselves). */
export function unavailableReason(reason: string): string {
  return reason.startsWith(UNAVAILABLE_PREFIX) ? reason.slice(UNAVAILABLE_PREFIX.length) : reason;
}

/** Pure: the error for a judge model the host does not have, offering the pull the panel and the command make. */
export function judgeModelMissing(model: string, host: string): DebateError {
  return {
    kind: 'model-missing',
    message: l10n.t('The judge model {0} is not installed on {1}. Pull it, or choose an installed model.', model, host),
    model,
    host,
  };
}

function failure(message: string): JudgeOutcome {
  return { kind: 'failed', error: { kind: 'unknown', message } };
}

/** Judges debate `request.debateId` with `request.model` and saves the verdict with it. */
export async function judgeSavedDebate(services: JudgeRunServices, request: JudgeRunRequest): Promise<JudgeOutcome> {
  const { debateId: id, model, signal } = request;
  const opening = await services.library.open();
  if (!opening.ok) return failure(opening.message);
  const { store, sessions } = opening.library;
  store.refresh(id);
  const entry = store.library.get(id);
  if (entry === null) return failure(l10n.t("Debate {0} is not in the library at {1}, so it can't be judged.", id, store.folder));
  if (!entry.ok) return failure(l10n.t("Debate {0} is damaged and can't be judged: {1}", id, entry.reason));
  // A debate still being spoken would be judged on half its turns, and its writer owns its record.
  if (entry.lockedBy !== null) return failure(l10n.t('Debate {0} is {1}; judge it once it ends.', id, describeHolder(entry.lockedBy)));
  const record = store.read(id);
  let judge: JudgeEngine;
  let transcript;
  try {
    judge = await (services.loadJudge ?? loadJudgeEngine)();
    transcript = await sessions.transcript(id);
  } catch (error) {
    return failure(l10n.t('Debate {0} could not be read for judging: {1}', id, errorMessage(error)));
  }
  if (judge.judgedSides(transcript.turns).length < 2) return { kind: 'unavailable', reason: l10n.t('a verdict needs at least two speakers who said something') };

  const listing = await services.listModels();
  if (!listing.ok) return { kind: 'failed', error: listing.error };
  if (findInstalledModel(listing.models, model) === undefined) return { kind: 'failed', error: judgeModelMissing(model, listing.host) };

  services.log.info(`Judging debate ${id} with ${model} on ${listing.host}.`);
  const speakers = record?.speakers ?? [];
  const result = await judge.judgeDebate(judge.judgeInputOf(transcript, speakers.map((speaker) => speaker.tonePrompt)), {
    judgeModel: model,
    host: listing.host,
    speakerHosts: speakers.map((speaker) => speaker.host ?? record?.settings.host),
    ...(signal !== undefined && { signal }),
    ...(request.onProgress !== undefined && { onProgress: request.onProgress }),
  });
  if (signal?.aborted === true) {
    services.log.info(`Judging debate ${id} was stopped; nothing was saved.`);
    return { kind: 'cancelled' };
  }
  if (!result.ok) {
    services.log.warn(`No verdict on debate ${id} from ${model}: ${result.reason}`);
    return { kind: 'unavailable', reason: unavailableReason(result.reason) };
  }
  try {
    store.library.addVerdict(id, result.verdict);
  } catch (error) {
    const message = l10n.t('The verdict of {0} on debate {1} was not saved: {2}', model, id, errorMessage(error));
    services.log.error(message);
    return failure(message);
  }
  services.log.info(`Verdict of ${model} on debate ${id} saved (seed ${result.verdict.seed}, ${result.verdict.orders.length} orders).`);
  services.library.changed();
  return { kind: 'judged', verdict: result.verdict };
}
