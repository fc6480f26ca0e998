// "Pull Ollama Model": asks for a model name and downloads it with a cancellable
// progress notification (the pull itself is pulls.ts, shared with the panels).
import * as vscode from 'vscode';
import { modelNameProblem, pullPercent } from './pull-rules';
import type { ModelPulls } from './pulls';

/** With a valid model name as argument (the walkthrough's starter-model picker) it pulls that model without asking. */
export async function pullModelCommand(pulls: ModelPulls, requested?: unknown): Promise<void> {
  const given = typeof requested === 'string' && modelNameProblem(requested) === null ? requested : undefined;
  const input = given ?? (await vscode.window.showInputBox({
    title: vscode.l10n.t('Pull Ollama Model'),
    prompt: vscode.l10n.t('Name of the model to download to the Ollama host'),
    placeHolder: 'llama3.2:1b',
    ignoreFocusOut: true,
    validateInput: (value) => modelNameProblem(value),
  }));
  if (input === undefined) return;
  const model = input.trim();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Pulling {0}', model), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancellation = token.onCancellationRequested(() => abort.abort());
      let reportedPercent = 0;
      try {
        const outcome = await pulls.pull(model, {
          progress: (update) => {
            const percent = pullPercent(update);
            const increment = percent === null ? 0 : Math.max(0, percent - reportedPercent);
            if (percent !== null) reportedPercent = Math.max(reportedPercent, percent);
            progress.report({ message: percent === null ? update.status : `${update.status} (${percent}%)`, increment });
          },
          pulled: (host) => void vscode.window.showInformationMessage(vscode.l10n.t('{0} is ready on {1}.', model, host)),
        }, abort.signal);
        if (outcome.kind === 'failed') void vscode.window.showErrorMessage(vscode.l10n.t('Pulling {0} failed: {1}', model, outcome.error.message));
      } finally {
        cancellation.dispose();
      }
    },
  );
}
