// Personas in VS Code: the commands "Import Personas…" and "Export Personas…" (persona-commands.ts
// with VS Code's dialogs, workspace.fs and the user settings), the recent line-ups kept in the
// global state, and the problems of talkingModels.personas: each logged, the first of each kind
// shown once. What the panels need comes back as PersonaServices.
import * as vscode from 'vscode';
import type { PersonaConflict } from '../../engine/personas/persona-library';
import type { Persona } from '../../engine/personas/persona';
import { SETTINGS_SECTION } from '../settings';
import { exportPersonas, importPersonas, PERSONA_COMMANDS, PERSONA_FILE_NAME, type PersonaUi } from './persona-commands';
import type { ConflictResolution } from './persona-import';
import { personaLibrary, personaOptions, PERSONAS_KEY } from './persona-settings';
import { engineSuggest, type PersonaServices } from './panel-personas';
import { ProblemNotice } from './problem-notice';
import { RecentLineUps } from './recent-lineups-store';

function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION);
}

/** The library as VS Code resolves the settings now (in an untrusted folder, the user's values only: both settings are restricted). */
function currentLibrary(): ReturnType<typeof personaLibrary> {
  const settings = configuration();
  return personaLibrary(settings.get<unknown>('customTones'), settings.get<unknown>(PERSONAS_KEY));
}

/** One line of a persona, for a pick list: its stance and role, and the start of its prompt. */
function personaDetail(persona: Persona): string {
  const traits = [persona.stance, persona.role].filter((trait): trait is string => trait !== undefined);
  const prompt = persona.prompt.length > 120 ? `${persona.prompt.slice(0, 119)}…` : persona.prompt;
  return traits.length === 0 ? prompt : `${traits.join(', ')} · ${prompt}`;
}

async function askConflict(conflict: PersonaConflict, position: { index: number; count: number }): Promise<ConflictResolution | undefined> {
  const items: (vscode.QuickPickItem & { choice: ConflictResolution })[] = [
    { label: `$(person) ${vscode.l10n.t('Keep mine')}`, detail: personaDetail(conflict.existing), choice: 'mine' },
    { label: `$(cloud-download) ${vscode.l10n.t('Use theirs')}`, detail: personaDetail(conflict.imported), choice: 'theirs' },
    { label: `$(copy) ${vscode.l10n.t('Keep both')}`, detail: vscode.l10n.t("The file's persona is added under another name."), choice: 'both' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Import Personas: "{0}" differs from yours ({1} of {2})', conflict.name, position.index + 1, position.count),
    placeHolder: vscode.l10n.t('Keep your persona, use the one from the file, or keep both'),
    ignoreFocusOut: true,
  });
  return picked?.choice;
}

/** Where the dialogs open: the first workspace folder, else the home folder. */
function startFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

function vscodePersonaUi(): PersonaUi<vscode.Uri> {
  const jsonFilter = { [vscode.l10n.t('Persona files')]: ['json'] };
  return {
    askImportFile: async () => {
      const folder = startFolder();
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false, openLabel: vscode.l10n.t('Import'), title: vscode.l10n.t('Import Personas'), filters: jsonFilter,
        ...(folder !== undefined && { defaultUri: folder }),
      });
      return picked?.[0];
    },
    askExportFile: () => {
      const folder = startFolder();
      return Promise.resolve(vscode.window.showSaveDialog({
        saveLabel: vscode.l10n.t('Export'), title: vscode.l10n.t('Export Personas'), filters: jsonFilter,
        ...(folder !== undefined && { defaultUri: vscode.Uri.joinPath(folder, PERSONA_FILE_NAME) }),
      }));
    },
    readFile: async (location) => new TextDecoder().decode(await vscode.workspace.fs.readFile(location)),
    writeFile: (location, text) => Promise.resolve(vscode.workspace.fs.writeFile(location, new TextEncoder().encode(text))),
    describe: (location) => (location.scheme === 'file' ? location.fsPath : location.toString(true)),
    askConflict,
    userPersonas: () => configuration().inspect<unknown>(PERSONAS_KEY)?.globalValue,
    userCustomTones: () => configuration().inspect<unknown>('customTones')?.globalValue,
    writeUserPersonas: (value) => Promise.resolve(configuration().update(PERSONAS_KEY, value, vscode.ConfigurationTarget.Global)),
    effectivePersonas: () => currentLibrary().personas,
    info: async (message) => void (await vscode.window.showInformationMessage(vscode.l10n.t('Talking Models: {0}', message))),
    error: async (message) => void (await vscode.window.showErrorMessage(vscode.l10n.t('Talking Models: {0}', message))),
  };
}

/** Logs each persona problem; shows a problem not shown before in this window. */
function reportPersonaProblems(log: vscode.LogOutputChannel, notice: ProblemNotice): void {
  const problems = currentLibrary().problems.filter((problem) => problem.startsWith(`${SETTINGS_SECTION}.${PERSONAS_KEY}`));
  for (const problem of problems) log.warn(`Persona ignored: ${problem}`);
  const shown = notice.toShow(problems);
  if (shown !== null) void vscode.window.showWarningMessage(vscode.l10n.t('Talking Models: persona ignored. {0}', shown));
}

/** Registers the persona commands and the settings' checks; returns what the panels share. */
export function registerPersonas(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): PersonaServices {
  const ui = vscodePersonaUi();
  const notice = new ProblemNotice();
  context.subscriptions.push(
    vscode.commands.registerCommand(PERSONA_COMMANDS.importPersonas, () => importPersonas(ui, log)),
    vscode.commands.registerCommand(PERSONA_COMMANDS.exportPersonas, () => exportPersonas(ui, log)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.${PERSONAS_KEY}`) || event.affectsConfiguration(`${SETTINGS_SECTION}.customTones`)) {
        reportPersonaProblems(log, notice);
      }
    }),
  );
  reportPersonaProblems(log, notice);
  return {
    personas: () => personaOptions(currentLibrary().personas),
    recentLineUps: new RecentLineUps(context.globalState, log),
    suggest: engineSuggest,
  };
}
