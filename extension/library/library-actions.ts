// What the Debates view's commands do, step by step, with the dialogs and files passed in
// (LibraryUi): register.ts gives VS Code's window and workspace.fs, tests give fakes and a
// real library in a temporary folder. Every failure ends in a message saying what did not
// happen and why, and a line in the log; nothing here throws to VS Code.
import { hostname } from 'node:os';
import type { LibraryEntry } from '../../engine/library/library';
import { numberedFileName } from '../export';
import { errorMessage, type Logger } from '../log';
import {
  branchChangeChoices,
  branchChoices,
  toneChoices,
  continueChoices,
  debateFileName,
  deleteQuestion,
  idInFile,
  importedMessage,
  quotedName,
  searchChoice,
  titleFromInput,
  type Choice,
} from './command-rules';
import type { DebatePanels } from './debate-panels';
import type { LibraryOpening } from './library-access';
import { holderPlace, type Self } from './tree-rules';
import type { SpeakerConfig, Tone } from '../../engine/types';
import * as l10n from '../contract/l10n';

export type ExportFormat = 'markdown' | 'json';

/** The dialogs, messages and files the commands use; `L` is a file location (vscode.Uri in VS Code). */
export interface LibraryUi<L> {
  /** A pick list; undefined when dismissed. */
  pick<T>(choices: Choice<T>[], options: { title: string; placeholder: string }): Promise<Choice<T> | undefined>;
  /** A one-line input; undefined when dismissed. */
  input(options: { title: string; prompt: string; value: string }): Promise<string | undefined>;
  /** A modal warning with one action; true only when the person chose it. */
  confirm(question: { message: string; detail: string }, action: string): Promise<boolean>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
  /** The folder export dialogs open in (the export-folder setting, else the workspace, else home). */
  exportFolder(): L;
  joinPath(folder: L, name: string): L;
  exists(location: L): Promise<boolean>;
  /** The save dialog, proposing `proposed`; undefined when cancelled. */
  askSaveLocation(proposed: L, format: ExportFormat): Promise<L | undefined>;
  writeFile(location: L, text: string): Promise<void>;
  /** The open dialog for a debate JSON file; undefined when cancelled. */
  askImportFile(): Promise<L | undefined>;
  readFile(location: L): Promise<string>;
  /** How a location is shown in messages (its path). */
  describe(location: L): string;
  openFile(location: L): Promise<void>;
  revealInOs(folder: string): Promise<void>;
  /** The name of that action on this platform ("Reveal in File Explorer", "Reveal in Finder"...). */
  readonly revealInOsLabel: string;
  /** Selects the debate in the Debates view (clearing a filter that hides it). */
  revealInTree(id: string): Promise<void>;
}

/** The part of LibraryAccess the commands use. */
export interface LibrarySource {
  open(): Promise<LibraryOpening>;
  changed(): void;
}

export interface LibraryActionsDeps<L> {
  access: LibrarySource;
  panels: DebatePanels;
  ui: LibraryUi<L>;
  log: Logger;
  /** This process, to tell a debate running here from one running elsewhere. */
  self?: Self;
  /** Every tone a speaker may take now (built-in and from the settings). */
  tones(): Tone[];
}

/** A failure already worded for the person: shown as is. */
class ActionFailure extends Error {}

/** Search results shown at most (a one-letter query may match every debate). */
export const MAX_SEARCH_RESULTS = 100;

type Opened = Extract<LibraryOpening, { ok: true }>;
type ReadableEntry = Extract<LibraryEntry, { ok: true }>;

export class LibraryActions<L> {
  private readonly self: Self;

  constructor(private readonly deps: LibraryActionsDeps<L>) {
    this.self = deps.self ?? { pid: process.pid, hostname: hostname() };
  }

  /** Opens the debate in a panel; a damaged one says why it can't, and offers its folder and Delete. */
  open(id: string): Promise<void> {
    return this.guard(l10n.t('open the debate'), async () => {
      const { opened, entry } = await this.find(id);
      if (entry.ok) {
        await this.deps.panels.openDebate(id);
        return;
      }
      const folder = opened.library.store.library.folderOf(id);
      const deleteLabel = l10n.t('Delete…');
      const choice = await this.deps.ui.error(
        l10n.t("Debate {0} can't be opened: {1}. Nothing was deleted; its files are in {2}.", id, entry.reason, folder),
        this.deps.ui.revealInOsLabel,
        deleteLabel,
      );
      if (choice === this.deps.ui.revealInOsLabel) await this.deps.ui.revealInOs(folder);
      else if (choice === deleteLabel) await this.delete(id);
    });
  }

  /** Asks how many exchanges to add (or to finish the planned ones), then continues it in its panel. */
  continue(id: string): Promise<void> {
    return this.guard(l10n.t('continue the debate'), async () => {
      const entry = await this.readable(id, l10n.t('continued'));
      const holder = entry.lockedBy;
      if (holder !== null && !(holder.pid === this.self.pid && holder.hostname === this.self.hostname)) {
        await this.deps.ui.info(l10n.t('{0} is in use {1}: continue it there, or wait until it ends.', quotedName(entry, id), holderPlace(holder, this.self)));
        return;
      }
      if (entry.outcome === 'running') {
        const showIt = l10n.t('Show It');
        const choice = await this.deps.ui.info(l10n.t('{0} is running here already.', quotedName(entry, id)), showIt);
        if (choice === showIt) await this.deps.panels.openDebate(id);
        return;
      }
      const choice = await this.deps.ui.pick(continueChoices(entry.outcome, entry.meta.exchanges), {
        title: l10n.t('Continue {0}', quotedName(entry, id)),
        placeholder: l10n.t('How far should the debate go on?'),
      });
      if (choice === undefined) return;
      await this.deps.panels.continueDebate(id, choice.value);
    });
  }

  /** Asks after which turn to branch and whether a speaker takes another tone, then opens the branch, running. */
  branch(id: string): Promise<void> {
    return this.guard(l10n.t('branch the debate'), async () => {
      const entry = await this.readable(id, l10n.t('branched'));
      const { library } = await this.opened();
      const transcript = await library.sessions.transcript(id);
      if (transcript.turns.length === 0) {
        await this.deps.ui.info(l10n.t('{0} has no turns yet: there is nothing to branch from.', quotedName(entry, id)));
        return;
      }
      const choice = await this.deps.ui.pick(branchChoices(transcript.turns), {
        title: l10n.t('Branch from {0}', quotedName(entry, id)),
        placeholder: l10n.t('The branch keeps the turns up to the one you pick, then goes on from there'),
      });
      if (choice === undefined) return;
      const change = await this.deps.ui.pick(branchChangeChoices(transcript.speakers), {
        title: l10n.t('Branch from {0} after turn {1}', quotedName(entry, id), choice.value),
        placeholder: l10n.t('Go on with the same speakers, or give one of them another tone'),
      });
      if (change === undefined) return;
      if (change.value.kind === 'keep') {
        await this.deps.panels.branchDebate(id, choice.value);
        return;
      }
      const { slot } = change.value;
      const speaker = transcript.speakers[slot];
      if (speaker === undefined) return;
      const tone = await this.deps.ui.pick(toneChoices(this.deps.tones(), speaker.tone), {
        title: l10n.t("{0}'s tone in the branch", speaker.name),
        placeholder: l10n.t('Instead of {0}', speaker.tone),
      });
      if (tone === undefined) return;
      const speakers = transcript.speakers.map((kept, index): SpeakerConfig | undefined => (index === slot ? { ...kept, tone: tone.value } : undefined));
      await this.deps.panels.branchDebate(id, choice.value, speakers);
    });
  }

  /** Asks for a new name; empty (or the topic) goes back to showing the topic. */
  rename(id: string): Promise<void> {
    return this.guard(l10n.t('rename the debate'), async () => {
      const entry = await this.readable(id, l10n.t('renamed'));
      const { library } = await this.opened();
      const input = await this.deps.ui.input({
        title: l10n.t('Rename {0}', quotedName(entry, id)),
        prompt: l10n.t('The name shown in the Debates view. Leave it empty to show the topic again.'),
        value: entry.meta.title ?? entry.meta.topic,
      });
      if (input === undefined) return;
      library.store.library.rename(id, titleFromInput(input, entry.meta.topic));
      // A debate open here is read again with its new name.
      library.store.refresh(id);
      this.deps.access.changed();
    });
  }

  /** Writes the debate as markdown or JSON where the person chooses. */
  export(id: string, format: ExportFormat): Promise<void> {
    return this.guard(format === 'json' ? l10n.t('export the debate as JSON') : l10n.t('export the debate as Markdown'), async () => {
      const entry = await this.readable(id, l10n.t('exported'));
      const { library, engine } = await this.opened();
      // Before the dialog: a debate that can't be read is said at once, not after choosing a file.
      const text =
        format === 'json'
          ? await engine.exportDebateJson(library.sessions, id)
          : engine.transcriptToMarkdown(await library.sessions.transcript(id));
      const { ui } = this.deps;
      const proposed = await this.freeLocation(ui.exportFolder(), debateFileName(entry.meta, format));
      const target = await ui.askSaveLocation(proposed, format);
      if (target === undefined) return;
      try {
        await ui.writeFile(target, text);
      } catch (error) {
        throw new ActionFailure(l10n.t('Could not write {0}: {1}. Choose another folder.', ui.describe(target), errorMessage(error)));
      }
      this.deps.log.info(`Exported debate ${id} to ${ui.describe(target)}`);
      const open = l10n.t('Open');
      const choice = await ui.info(l10n.t('Exported {0} to {1}.', quotedName(entry, id), ui.describe(target)), open);
      if (choice === open) await ui.openFile(target);
    });
  }

  /** Asks first (naming the branches, which stay), then deletes the debate's folder. */
  delete(id: string): Promise<void> {
    return this.guard(l10n.t('delete the debate'), async () => {
      const { opened, entry } = await this.find(id);
      const library = opened.library.store.library;
      const names = library.children(id).map((branch) => quotedName(library.get(branch), branch));
      const subject = entry.ok ? l10n.t('the debate {0}', quotedName(entry, id)) : l10n.t('the damaged debate {0}', id);
      const confirmed = await this.deps.ui.confirm(deleteQuestion(subject, names), l10n.t('Delete'));
      if (!confirmed) return;
      try {
        library.delete(id);
      } catch (error) {
        // The library's words say what happened and what to do ("running in the CLI... Stop it there first").
        throw new ActionFailure(errorMessage(error));
      } finally {
        // The store's copies go too (its id is free again), and even a refused or half-done delete may have changed the list.
        opened.library.store.refresh(id);
        this.deps.access.changed();
      }
      this.deps.log.info(`Deleted debate ${id}${names.length > 0 ? `; its branches stay: ${names.join(', ')}` : ''}`);
      this.deps.panels.debateDeleted(id);
    });
  }

  /** Shows the debate's folder in the system's file manager. */
  revealInOs(id: string): Promise<void> {
    return this.guard(l10n.t('reveal the debate'), async () => {
      const { opened } = await this.find(id);
      await this.deps.ui.revealInOs(opened.library.store.library.folderOf(id));
    });
  }

  /** Takes a debate JSON file into the library (keeping its id when free), shows it in the view. */
  importJson(): Promise<void> {
    return this.guard(l10n.t('import the debate'), async () => {
      const { ui } = this.deps;
      const file = await ui.askImportFile();
      if (file === undefined) return;
      const where = ui.describe(file);
      let text: string;
      try {
        text = await ui.readFile(file);
      } catch (error) {
        throw new ActionFailure(l10n.t('Could not read {0}: {1}', where, errorMessage(error)));
      }
      const { library, engine } = await this.opened();
      // The store remembers debates it has read; one deleted since (in the CLI, another window) must not keep its id taken.
      const named = idInFile(text);
      if (named !== null && library.store.library.get(named) === null) library.store.refresh(named);
      const imported = await engine.importDebateJson(library.sessions, text);
      if (!imported.ok) {
        throw new ActionFailure(l10n.t('{0} was not imported: {1}. Choose a file made by Export JSON (or `talking-models export --format json`).', where, imported.reason));
      }
      // The store never throws on a write it could not make (a debate must run even then); an import must land on disk.
      const landed = library.store.library.get(imported.id);
      if (landed === null) {
        throw new ActionFailure(l10n.t('{0} was not imported: the library folder {1} could not be written. Check that folder, or choose another in the talkingModels.libraryFolder setting.', where, library.store.folder));
      }
      this.deps.log.info(`Imported ${where} as debate ${imported.id}${imported.renamed ? ' (its id was taken)' : ''}`);
      this.deps.access.changed();
      await ui.revealInTree(imported.id);
      const open = l10n.t('Open');
      const choice = await ui.info(importedMessage(imported.id, imported.renamed, idInFile(text)), open);
      if (choice === open) await this.deps.panels.openDebate(imported.id);
    });
  }

  /**
   * The search's results as pick-list choices, newest first: the first MAX_SEARCH_RESULTS
   * of `total`. An error is thrown (the caller shows it in the pick list).
   */
  async search(query: string): Promise<{ choices: Choice<string>[]; total: number }> {
    const { library } = await this.opened();
    const hits = library.store.library.search(query, (id) => library.store.turnText(id));
    const choices = hits.slice(0, MAX_SEARCH_RESULTS).map((hit) => searchChoice(hit, library.store.library.get(hit.id) ?? undefined));
    return { choices, total: hits.length };
  }

  private async opened(): Promise<Opened> {
    const opening = await this.deps.access.open();
    if (!opening.ok) throw new ActionFailure(opening.message);
    return opening;
  }

  /** The debate as the library lists it now; a debate that is gone is said, and the view refreshed. */
  private async find(id: string): Promise<{ opened: Opened; entry: LibraryEntry }> {
    const opened = await this.opened();
    const entry = opened.library.store.library.get(id);
    if (entry === null) {
      this.deps.access.changed();
      throw new ActionFailure(l10n.t('Debate {0} is no longer in the library: it was deleted or moved (from another window or the CLI?).', id));
    }
    return { opened, entry };
  }

  /** A debate that can be read; a damaged one is said, with its reason. */
  private async readable(id: string, what: string): Promise<ReadableEntry> {
    const { entry } = await this.find(id);
    if (!entry.ok) throw new ActionFailure(l10n.t("Debate {0} can't be {1}: {2}. Nothing was deleted; reveal its folder to repair it, or delete it.", id, what, entry.reason));
    return entry;
  }

  /** `name` in `folder`, numbered (name-2, name-3...) past the files already there. */
  private async freeLocation(folder: L, name: string): Promise<L> {
    const { ui } = this.deps;
    for (let copy = 1; copy <= 99; copy++) {
      const candidate = ui.joinPath(folder, numberedFileName(name, copy));
      try {
        if (!(await ui.exists(candidate))) return candidate;
      } catch {
        break; // A folder we can't look into: propose the plain name; the dialog asks before replacing.
      }
    }
    return ui.joinPath(folder, name);
  }

  /** Runs one command: any failure is logged and shown, never thrown. */
  private async guard(what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      const message = error instanceof ActionFailure ? error.message : l10n.t('Could not {0}: {1}', what, errorMessage(error));
      this.deps.log.error(message);
      if (!(error instanceof ActionFailure)) this.deps.log.error(error instanceof Error && error.stack !== undefined ? error.stack : String(error));
      await this.deps.ui.error(message);
    }
  }
}
