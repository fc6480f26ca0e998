// The extension's VS Code-free modules (the status bar's, the Debates view's and the library
// commands' rules) translate through extension/contract/l10n.ts, whose bundle activation sets from
// vscode.l10n.bundle. Their texts must be made when asked for, not when the module loads (before
// activation): with the French or Chinese bundle in use, the same calls answer in that language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useBundle } from '../../../extension/contract/l10n';
import { continueChoices, deleteQuestion, revealInOsLabel } from '../../../extension/library/command-rules';
import { filterMessage, groupLabel } from '../../../extension/library/tree-rules';
import { modelCount, statusView } from '../../../extension/status/status-rules';
import { modelNameProblem } from '../../../extension/models/pull-rules';

const bundleOf = (language: string): Record<string, string> =>
  JSON.parse(readFileSync(join(process.cwd(), `l10n/bundle.l10n.${language}.json`), 'utf8')) as Record<string, string>;
const unreachable = () => statusView({ kind: 'listed', listing: { ok: false, host: 'http://gpu:11434', error: { kind: 'unreachable', message: 'No answer.' } } });

afterEach(() => useBundle({}));

describe('the host\'s VS Code-free texts', () => {
  it('are English before activation hands over a bundle', () => {
    expect(unreachable().text).toBe('$(warning) Ollama not reachable');
    expect(groupLabel('today')).toBe('Today');
    expect(modelCount(3)).toBe('3 models');
  });

  it('follow the French bundle once it is in use, texts made at module load included', () => {
    useBundle(bundleOf('fr'));
    const view = unreachable();
    expect(view.text).toBe('$(warning) Ollama injoignable');
    expect(view.tooltip).toBe('Ollama sur http://gpu:11434 est injoignable. No answer.\nCliquez pour ouvrir « Bien démarrer avec Talking Models ».');
    expect(groupLabel('today')).toBe('Aujourd\'hui');
    expect(groupLabel('week')).toBe('7 derniers jours');
    expect(revealInOsLabel('darwin')).toBe('Afficher dans le Finder');
    expect(continueChoices('stopped', 3)[0]).toMatchObject({ label: 'Achever les échanges prévus', description: 'continue jusqu\'à l\'échange 3' });
    expect(deleteQuestion('le débat « Chats »', []).message).toBe('Supprimer le débat « Chats » ?');
    expect(filterMessage('chat', { total: 4, shown: 2 })).toBe('2 débats sur 4 correspondent à “chat”.');
    expect(modelNameProblem('')).toBe('Saisissez un nom de modèle, par exemple llama3.2:1b.');
  });

  it('follow the Simplified Chinese bundle', () => {
    useBundle(bundleOf('zh-cn'));
    expect(unreachable().text).toBe('$(warning) 无法连接 Ollama');
    expect(modelCount(3)).toBe('3 个模型');
    expect(groupLabel('yesterday')).toBe('昨天');
    expect(revealInOsLabel('linux')).toBe('打开所在文件夹');
  });
});
