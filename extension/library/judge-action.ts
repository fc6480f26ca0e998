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

const RETRY = 'Retry';
const PREFIX = 'Talking Models: ';

/** Judges debate `id` with a model the person picks; resolves once it is judged, refused or dismissed. */
export async function judgeDebateFromView(deps: JudgeActionDeps, id: string): Promise<JudgeOutcome | undefined> {
  const listing = await deps.listModels();
  if (!listing.ok) {
    deps.log.error(`Judge Debate: ${listing.error.message}`);
    if ((await deps.ui.error(`${PREFIX}${listing.error.message}`, RETRY)) === RETRY) return judgeDebateFromView(deps, id);
    return undefined;
  }
  if (listing.models.length === 0) {
    const pull = 'Pull a Model';
    if ((await deps.ui.error(`${PREFIX}no model is installed on ${listing.host} to judge with.`, pull)) === pull) await deps.pullModel();
    return undefined;
  }
  const picked = await deps.ui.pick(judgeModelChoices(listing.models, deps.choice.remembered()), {
    title: 'Judge Debate',
    placeholder: 'The model that judges (it never sees names or models; sides are shuffled and judged in several orders)',
  });
  if (picked === undefined) return undefined;
  const model = picked.value;
  const outcome = await deps.withProgress(`Judging with ${model}`, (report, signal) =>
    deps.panels.judgeDebate(id, model, { signal, onProgress: (progress) => report(judgingStep(progress)) }),
  );
  await tell(deps, id, model, outcome);
  return outcome;
}

async function tell(deps: JudgeActionDeps, id: string, model: string, outcome: JudgeOutcome): Promise<void> {
  switch (outcome.kind) {
    case 'judged':
      void deps.ui.info(`${PREFIX}${model}'s verdict: ${verdictOutcome(outcome.verdict)}. It is saved with the debate and shown in its panel.`);
      return;
    case 'unavailable':
      void deps.ui.error(`${PREFIX}verdict unavailable: ${outcome.reason}`);
      return;
    case 'failed': {
      const { error } = outcome;
      const pull = error.kind === 'model-missing' && error.model !== undefined ? `Pull ${error.model}` : undefined;
      const actions = pull === undefined ? (error.kind === 'unreachable' ? [RETRY] : []) : [pull];
      const chosen = await deps.ui.error(`${PREFIX}${error.message}`, ...actions);
      if (chosen === pull && error.model !== undefined) await deps.pullModel(error.model);
      else if (chosen === RETRY) await judgeDebateFromView(deps, id);
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
