// The chat models VS Code offers (`vscode.lm`, e.g. Copilot's), listed for every open panel's
// model picker and listed again when VS Code says they changed. Listing needs no consent and sends
// nothing to a model. Where VS Code has no chat features (code-server: `vscode.lm` missing, throwing,
// or never answering) the list stays empty, which the panels show as nothing at all; the log says
// why, at debug level only, since that is the normal case there.
import * as vscode from 'vscode';
import { languageModelOptions, sameLanguageModels, type LanguageModelOption } from '../contract/language-models';
import { errorMessage } from '../log';
import type { LanguageModelSource } from '../models/language-model-source';

export class ChatModelList implements LanguageModelSource, vscode.Disposable {
  private models: LanguageModelOption[] = [];
  private readonly listeners = new Set<(models: LanguageModelOption[]) => void>();
  private readonly changes: vscode.Disposable | undefined;
  /** Counts the listings asked for: only the latest one's answer is taken (an older one may answer last). */
  private asked = 0;
  private disposed = false;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.changes = this.watch();
    void this.refresh();
  }

  current(): LanguageModelOption[] {
    return this.models;
  }

  subscribe(listener: (models: LanguageModelOption[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lists the models again; every subscriber hears of a list that differs. Resolves with the list kept. */
  async refresh(): Promise<LanguageModelOption[]> {
    const asked = ++this.asked;
    const listed = await this.list();
    if (asked !== this.asked || this.disposed || sameLanguageModels(listed, this.models)) return this.models;
    this.models = listed;
    for (const listener of [...this.listeners]) listener(listed);
    return listed;
  }

  dispose(): void {
    this.disposed = true;
    this.changes?.dispose();
    this.listeners.clear();
  }

  private watch(): vscode.Disposable | undefined {
    try {
      return vscode.lm.onDidChangeChatModels(() => void this.refresh());
    } catch (error) {
      this.log.debug(`VS Code's chat models can't be watched here (${errorMessage(error)}): none are offered as speakers.`);
      return undefined;
    }
  }

  private async list(): Promise<LanguageModelOption[]> {
    try {
      const options = languageModelOptions(await vscode.lm.selectChatModels());
      this.log.debug(`VS Code offers ${options.length} chat model(s) as speakers${options.length === 0 ? '' : `: ${options.map((option) => option.id).join(', ')}`}.`);
      return options;
    } catch (error) {
      this.log.debug(`VS Code's chat models can't be listed here (${errorMessage(error)}): none are offered as speakers.`);
      return [];
    }
  }
}
