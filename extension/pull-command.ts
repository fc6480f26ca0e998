// "Pull Ollama Model": asks for a model name and downloads it with a
// cancellable progress notification.
import * as vscode from 'vscode';
import type { DebateEngine } from './panel';
import { modelNameProblem, pullPercent, PullProgressFilter } from './pull-rules';
import { effectiveHost, type ExtensionSettings } from './settings';

export interface PullCommandServices {
  log: vscode.LogOutputChannel;
  settings(): ExtensionSettings;
  loadEngine(): Promise<DebateEngine>;
  /** Called after a successful pull so open panels list the new model. */
  onPulled(): void;
}

export async function pullModelCommand(services: PullCommandServices): Promise<void> {
  const input = await vscode.window.showInputBox({
    title: 'Pull Ollama Model',
    prompt: 'Name of the model to download to the Ollama host',
    placeHolder: 'llama3.2:1b',
    ignoreFocusOut: true,
    validateInput: (value) => modelNameProblem(value),
  });
  if (input === undefined) return;
  const model = input.trim();
  const resolved = effectiveHost(services.settings());
  if (!resolved.ok) {
    void vscode.window.showErrorMessage(resolved.error.message);
    return;
  }
  const host = resolved.host;
  const engine = await services.loadEngine();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Pulling ${model}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancellation = token.onCancellationRequested(() => abort.abort());
      // Ollama reports many times a second; the notification changes only with the stage or percent.
      const changes = new PullProgressFilter();
      let reportedPercent = 0;
      try {
        await engine.pullModel(
          host,
          model,
          (update) => {
            if (!changes.accept(update)) return;
            const percent = pullPercent(update);
            const increment = percent === null ? 0 : Math.max(0, percent - reportedPercent);
            if (percent !== null) reportedPercent = Math.max(reportedPercent, percent);
            progress.report({ message: percent === null ? update.status : `${update.status} (${percent}%)`, increment });
          },
          abort.signal,
        );
        services.log.info(`Pulled ${model} on ${host}.`);
        services.onPulled();
        void vscode.window.showInformationMessage(`${model} is ready on ${host}.`);
      } catch (error) {
        if (token.isCancellationRequested) {
          services.log.info(`Pull of ${model} cancelled.`);
          return;
        }
        const detail = engine.describeOllamaError(error, { host, model });
        services.log.error(`Pulling ${model} failed: ${detail.message}`);
        void vscode.window.showErrorMessage(`Pulling ${model} failed: ${detail.message}`);
      } finally {
        cancellation.dispose();
      }
    },
  );
}
