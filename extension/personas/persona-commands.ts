// "Import Personas…" and "Export Personas…", step by step, with the dialogs, files and the
// setting passed in (PersonaUi): register.ts gives VS Code's window, workspace.fs and the user
// settings; tests give fakes. Every failure ends in a message saying what did not happen, why
// and what to do, and a line in the log; nothing here throws to VS Code.
import * as l10n from '../contract/l10n';
import { importSummary } from '../../engine/personas/persona-library';
import { parsePersonaFile, serializePersonaFile } from '../../engine/personas/persona-file';
import type { Persona } from '../../engine/personas/persona';
import { allTones, usableCustomTones } from '../../engine/tones';
import { errorMessage, type Logger } from '../log';
import { importConflicts, personasSettingAfter, resolvedImport, type ConflictResolution } from './persona-import';
import { personaLibrary } from './persona-settings';
import type { PersonaConflict } from '../../engine/personas/persona-library';

/** The dialogs, messages, files and the setting the commands use; `L` is a file location (vscode.Uri in VS Code). */
export interface PersonaUi<L> {
  /** The open dialog for a persona file; undefined when cancelled. */
  askImportFile(): Promise<L | undefined>;
  /** The save dialog (it asks itself before replacing a file); undefined when cancelled. */
  askExportFile(): Promise<L | undefined>;
  readFile(location: L): Promise<string>;
  writeFile(location: L, text: string): Promise<void>;
  /** How a location is shown in messages (its path). */
  describe(location: L): string;
  /** What to do with one conflict; undefined when the person dismissed the question (the import stops). */
  askConflict(conflict: PersonaConflict, position: { index: number; count: number }): Promise<ConflictResolution | undefined>;
  /** The user-level values of talkingModels.personas and talkingModels.customTones (what an import writes to). */
  userPersonas(): unknown;
  userCustomTones(): unknown;
  /** Writes talkingModels.personas in the user settings. */
  writeUserPersonas(value: unknown[]): Promise<void>;
  /** The personas in effect (the workspace's where trusted, else the user's). */
  effectivePersonas(): Persona[];
  info(message: string): Promise<void>;
  error(message: string): Promise<void>;
}

/** The command ids, as contributed in package.json. */
export const PERSONA_COMMANDS = {
  importPersonas: 'talkingModels.importPersonas',
  exportPersonas: 'talkingModels.exportPersonas',
} as const;

/** The file an export proposes. */
export const PERSONA_FILE_NAME = 'personas.json';

export type ImportOutcome = { kind: 'cancelled' } | { kind: 'failed'; message: string } | { kind: 'imported'; summary: string };

async function failed<L>(ui: PersonaUi<L>, log: Logger, message: string): Promise<ImportOutcome> {
  log.warn(message);
  await ui.error(message);
  return { kind: 'failed', message };
}

/** Asks about each conflict in turn; undefined when the person dismissed one (nothing is written). */
async function conflictChoices<L>(ui: PersonaUi<L>, conflicts: readonly PersonaConflict[]): Promise<Map<string, ConflictResolution> | undefined> {
  const choices = new Map<string, ConflictResolution>();
  for (const [index, conflict] of conflicts.entries()) {
    const choice = await ui.askConflict(conflict, { index, count: conflicts.length });
    if (choice === undefined) return undefined;
    choices.set(conflict.name.trim().toLowerCase(), choice);
  }
  return choices;
}

/** Import Personas…: a persona file merged into the user's talkingModels.personas, asking about each conflict. */
export async function importPersonas<L>(ui: PersonaUi<L>, log: Logger): Promise<ImportOutcome> {
  const file = await ui.askImportFile();
  if (file === undefined) return { kind: 'cancelled' };
  let text: string;
  try {
    text = await ui.readFile(file);
  } catch (error) {
    return failed(ui, log, l10n.t('Could not read {0}: {1}. Check that the file exists and can be read, then import again.', ui.describe(file), errorMessage(error)));
  }
  const parsed = parsePersonaFile(text);
  if (!parsed.ok) return failed(ui, log, l10n.t('{0} is not a persona file Talking Models can import: {1}.', ui.describe(file), parsed.reason));
  const entries = ui.userPersonas();
  const customTones = ui.userCustomTones();
  const mine = personaLibrary(customTones, entries);
  const choices = await conflictChoices(ui, importConflicts(mine.personas, parsed.personas));
  if (choices === undefined) {
    await ui.info(l10n.t('Import cancelled: your personas are unchanged.'));
    return { kind: 'cancelled' };
  }
  const otherTones = usableCustomTones(customTones).tones;
  const result = resolvedImport(mine.personas, parsed.personas, choices, otherTones);
  const summary = importSummary(result);
  if (result.added.length > 0 || result.replaced.length > 0) {
    const value = personasSettingAfter(Array.isArray(entries) ? entries : [], mine.personas, mine.entryIndexes, result, allTones(otherTones));
    try {
      await ui.writeUserPersonas(value);
    } catch (error) {
      return failed(ui, log, l10n.t('Could not save the imported personas in your user settings: {0}. Check that settings.json is valid JSON, then import again.', errorMessage(error)));
    }
  }
  log.info(`Imported personas from ${ui.describe(file)}: ${summary}`);
  await ui.info(summary);
  return { kind: 'imported', summary };
}

export type ExportOutcome = { kind: 'cancelled' } | { kind: 'failed'; message: string } | { kind: 'exported'; count: number; location: string };

/** Export Personas…: the personas in effect written to a persona file. */
export async function exportPersonas<L>(ui: PersonaUi<L>, log: Logger): Promise<ExportOutcome> {
  const personas = ui.effectivePersonas();
  if (personas.length === 0) {
    const message = l10n.t('No personas to export: add some to the talkingModels.personas setting, or import a persona file.');
    await ui.info(message);
    return { kind: 'failed', message };
  }
  const file = await ui.askExportFile();
  if (file === undefined) return { kind: 'cancelled' };
  try {
    await ui.writeFile(file, serializePersonaFile(personas));
  } catch (error) {
    const message = l10n.t('Could not write {0}: {1}. Choose a folder you can write to and export again.', ui.describe(file), errorMessage(error));
    log.warn(message);
    await ui.error(message);
    return { kind: 'failed', message };
  }
  const location = ui.describe(file);
  log.info(`Exported ${personas.length} personas to ${location}.`);
  await ui.info(personas.length === 1 ? l10n.t('Exported 1 persona to {0}.', location) : l10n.t('Exported {0} personas to {1}.', personas.length, location));
  return { kind: 'exported', count: personas.length, location };
}
