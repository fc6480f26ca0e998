// The four commands that put workspace material into a new debate panel: Debate Selection,
// Debate This File, Debate Uncommitted Changes and Debate a Decision…. Each reads what it needs
// (or says, in words a person can act on, why it can't) and opens a new panel with the material
// attached to its form and a topic suggested for it.
import * as vscode from 'vscode';
import type { DebateMaterial } from '../../engine/types';
import type { DebateRequest } from '../contract/protocol';
import { defaultForm } from '../debate/debate-request';
import type { ExtensionSettings } from '../settings';
import { decisionSpeakers, decisionTopic } from './decision-prompt';
import { askDecision } from './decision-input';
import { readFile, readSelection, type MaterialRead } from './editor-material';
import { readRepositoryDiff } from './git-access';
import { diffChoices, diffMaterial, gitUnavailableMessage } from './git-diff-material';
import { suggestedTopic, type MaterialSource } from './topic-suggestion';

export const MATERIAL_COMMANDS = {
  debateSelection: 'talkingModels.debateSelection',
  debateFile: 'talkingModels.debateFile',
  debateChanges: 'talkingModels.debateChanges',
  debateDecision: 'talkingModels.debateDecision',
} as const;

/** A new panel, as the commands fill it. */
export interface MaterialPanel {
  attachMaterial(material: DebateMaterial, topic: string): void;
  prefill(form: DebateRequest, topicSuggested?: boolean): void;
}

export interface MaterialCommandServices {
  openPanel(): MaterialPanel;
  settings(): ExtensionSettings;
  log: vscode.LogOutputChannel;
}

function refuse(log: vscode.LogOutputChannel, message: string): void {
  log.info(`Material not attached: ${message}`);
  void vscode.window.showWarningMessage(vscode.l10n.t('Talking Models: {0}', message));
}

function openWith(services: MaterialCommandServices, read: MaterialRead, source: MaterialSource): void {
  if (!read.ok) {
    refuse(services.log, read.message);
    return;
  }
  services.openPanel().attachMaterial(read.material, suggestedTopic(read.material, source));
  if (read.label.outside) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Talking Models: {0} is outside the workspace folders, so its lines are labelled with its name only.', read.label.label));
  }
}

async function debateChanges(services: MaterialCommandServices): Promise<void> {
  const choice = await vscode.window.showQuickPick(diffChoices(), { title: vscode.l10n.t('Debate Uncommitted Changes'), placeHolder: vscode.l10n.t('Which changes?') });
  if (choice === undefined) return;
  const diff = await readRepositoryDiff(choice.diffKind, vscode.window.activeTextEditor?.document.uri);
  if (diff.ok === 'cancelled') return;
  if (!diff.ok) {
    refuse(services.log, gitUnavailableMessage(diff.problem));
    return;
  }
  const material = diffMaterial(choice.diffKind, diff.text, diff.name);
  if (!material.ok) {
    refuse(services.log, material.message);
    return;
  }
  services.openPanel().attachMaterial(material.material, suggestedTopic(material.material, 'diff', diff.name));
}

async function debateDecision(services: MaterialCommandServices): Promise<void> {
  const decision = await askDecision();
  if (decision === undefined) return;
  const form = defaultForm(services.settings(), null);
  services.openPanel().prefill({ ...form, topic: decisionTopic(decision.question, decision.options), speakers: decisionSpeakers(decision.options, form.speakers) }, true);
}

export function registerMaterialCommands(services: MaterialCommandServices): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(MATERIAL_COMMANDS.debateSelection, () => openWith(services, readSelection(vscode.window.activeTextEditor), 'selection')),
    // From the explorer or a tab's menu: the file clicked; from the palette: the active editor's.
    vscode.commands.registerCommand(MATERIAL_COMMANDS.debateFile, async (target?: unknown) => {
      const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
      if (uri === undefined) {
        refuse(services.log, vscode.l10n.t('No file is chosen: open a file in the editor (or right-click one in the Explorer), then run "Debate This File".'));
        return;
      }
      openWith(services, await readFile(uri), 'file');
    }),
    vscode.commands.registerCommand(MATERIAL_COMMANDS.debateChanges, () => debateChanges(services)),
    vscode.commands.registerCommand(MATERIAL_COMMANDS.debateDecision, () => debateDecision(services)),
  );
}
