// The one way a model is pulled, from a panel or from the Pull command: resolve the
// host and load the engine, download with progress (only changes of stage or whole
// percent are reported: Ollama sends many a second), log the result, and once the
// model is installed let every open panel list it.
import type { DebateError, PullProgress } from '../../engine/types';
import type { EngineAccessor } from '../engine-access';
import type { Logger } from '../log';
import type { ModelCatalog } from './model-catalog';
import { PullProgressFilter } from './pull-rules';

export interface PullReport {
  /** A change of stage or whole percent. */
  progress(update: PullProgress): void;
  /** The model is installed on `host`; called before the catalog lists the models again. */
  pulled(host: string): void;
}

export type PullOutcome =
  | { kind: 'pulled'; host: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: DebateError };

export class ModelPulls {
  constructor(
    private readonly engines: EngineAccessor,
    private readonly catalog: ModelCatalog,
    private readonly log: Logger,
  ) {}

  /** Pulls `model` onto the configured host; aborting `signal` cancels the download. */
  async pull(model: string, report: PullReport, signal: AbortSignal): Promise<PullOutcome> {
    const outcome = await this.download(model, report, signal);
    switch (outcome.kind) {
      case 'pulled':
        this.log.info(`Pulled ${model} on ${outcome.host}.`);
        report.pulled(outcome.host);
        await this.catalog.refresh();
        break;
      case 'cancelled':
        this.log.info(`Pull of ${model} cancelled.`);
        break;
      case 'failed':
        this.log.error(`Pulling ${model} failed: ${outcome.error.message}`);
        break;
      default: {
        const unexpected: never = outcome;
        throw new Error(`Unknown pull outcome: ${JSON.stringify(unexpected)}`);
      }
    }
    return outcome;
  }

  private async download(model: string, report: PullReport, signal: AbortSignal): Promise<PullOutcome> {
    const access = await this.engines();
    if (!access.ok) return { kind: 'failed', error: access.error };
    const { host, engine } = access;
    const changes = new PullProgressFilter();
    try {
      await engine.pullModel(host, model, (update) => {
        if (changes.accept(update)) report.progress(update);
      }, signal);
      return { kind: 'pulled', host };
    } catch (error) {
      if (signal.aborted) return { kind: 'cancelled' };
      return { kind: 'failed', error: engine.describeOllamaError(error, { host, model }) };
    }
  }
}
