// The Debates view's "Judge Debate…": pick an installed model (the last one chosen first), then
// the debate is judged in its panel (opened or brought to the front, where the progress and the
// verdict card show) under a progress notification with Cancel. What went wrong is said with the
// way out: Ollama not answering (Retry), the model missing (Pull), no verdict (the reason).
// The dialogs come in (register.ts gives VS Code's, tests fakes); nothing here throws.
import { verdictOutcome } from '../../engine/judge/verdict';
import { judgingStep } from '../contract/judge-rules';
import type { JudgeOutcome } from '../judge/judge-runner';
import type { JudgeChoice } from '../judge/panel-judge';
import type { Logger } from '../log';
import type { ModelListing } from '../models/model-catalog';
import { judgeModelChoices } from './command-rules';
import type { DebatePanels } from './debate-panels';
import type { LibraryUi } from './library-actions';
import * as l10n from '../contract/l10n';

export interface JudgeActionDeps {
  panels: Pick<DebatePanels, 'judgeDebate'>;
  listModels(): Promise<ModelListing>;
  choice: JudgeChoice;
  ui: Pick<LibraryUi<unknown>, 'pick' | 'info' | 'error'>;
  /** Runs `task` under a cancellable progress notification titled `title`. */
  withProgress<T>(title: string, task: (report: (message: string) => void, signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Pulls a model with its own progress (the Pull Ollama Model command; without a name it asks for one). */
  pullModel(model?: string): Promise<void>;
  log: Logger;
}


/** Judges debate `id` with a model the person picks; resolves once it is judged, refused or dismissed. */
export async function judgeDebateFromView(deps: JudgeActionDeps, id: string): Promise<JudgeOutcome | undefined> {
  const listing = await deps.listModels();
  if (!listing.ok) {
    deps.log.error(`Judge Debate: ${listing.error.message}`);
    const retry = l10n.t('Retry');
    if ((await deps.ui.error(l10n.t('Talking Models: {0}', listing.error.message), retry)) === retry) return judgeDebateFromView(deps, id);
    return undefined;
  }
  if (listing.models.length === 0) {
    const pull = l10n.t('Pull a Model');
    if ((await deps.ui.error(l10n.t('Talking Models: no model is installed on {0} to judge with.', listing.host), pull)) === pull) await deps.pullModel();
    return undefined;
  }
  const picked = await deps.ui.pick(judgeModelChoices(listing.models, deps.choice.remembered()), {
    title: l10n.t('Judge Debate'),
    placeholder: l10n.t('The model that judges (it never sees names or models; sides are shuffled and judged in several orders)'),
  });
  if (picked === undefined) return undefined;
  const model = picked.value;
  const outcome = await deps.withProgress(l10n.t('Judging with {0}', model), (report, signal) =>
    deps.panels.judgeDebate(id, model, { signal, onProgress: (progress) => report(judgingStep(progress)) }),
  );
  await tell(deps, id, model, outcome);
  return outcome;
}

async function tell(deps: JudgeActionDeps, id: string, model: string, outcome: JudgeOutcome): Promise<void> {
  switch (outcome.kind) {
    case 'judged':
      void deps.ui.info(l10n.t("Talking Models: {0}'s verdict: {1}. It is saved with the debate and shown in its panel.", model, verdictOutcome(outcome.verdict)));
      return;
    case 'unavailable':
      void deps.ui.error(l10n.t('Talking Models: verdict unavailable: {0}', outcome.reason));
      return;
    case 'failed': {
      const { error } = outcome;
      const retry = l10n.t('Retry');
      const pull = error.kind === 'model-missing' && error.model !== undefined ? l10n.t('Pull {0}', error.model) : undefined;
      const actions = pull === undefined ? (error.kind === 'unreachable' ? [retry] : []) : [pull];
      const chosen = await deps.ui.error(l10n.t('Talking Models: {0}', error.message), ...actions);
      if (chosen === pull && error.model !== undefined) await deps.pullModel(error.model);
      else if (chosen === retry) await judgeDebateFromView(deps, id);
      return;
    }
    case 'cancelled':
      deps.log.info(`Judging debate ${id} with ${model} was cancelled.`);
      return;
    default: {
      const unexpected: never = outcome;
      throw new Error(`Unknown judging outcome: ${JSON.stringify(unexpected)}`);
    }
  }
}
