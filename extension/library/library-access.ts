// The debate library of this extension host: one store and one set of sessions for
// the library folder in the settings (the platform's data folder by default, the
// same one the CLI uses), opened with the engine on first use and reopened when the
// setting changes. Panels and the Debates view share it, so one process writes a
// debate through one store.
import { homedir } from 'node:os';
import type { DebateEngine, LibraryServices } from '../engine-access';
import { errorMessage, type Logger } from '../log';
import * as l10n from '../contract/l10n';

export interface LibraryAccessOptions {
  /** `talkingModels.libraryFolder` as written ('' = the default folder). */
  folderSetting(): string;
  loadEngine(): Promise<DebateEngine>;
  log: Logger;
  /** Saving failed (full disk, unwritable folder): tell the person once per debate. */
  warn(message: string): void;
  /** Shown to other processes that find a debate open here, e.g. the workspace name. */
  label?: string;
}

export type LibraryOpening = { ok: true; library: LibraryServices; engine: DebateEngine } | { ok: false; message: string };

export class LibraryAccess {
  private opened: { folder: string; library: LibraryServices } | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: LibraryAccessOptions) {}

  /** The library folder in use now. */
  async folder(): Promise<string> {
    const setting = this.options.folderSetting().trim();
    if (setting !== '') return setting;
    const engine = await this.options.loadEngine();
    return engine.defaultLibraryFolder(process.env, process.platform, homedir());
  }

  async open(): Promise<LibraryOpening> {
    try {
      const engine = await this.options.loadEngine();
      const folder = await this.folder();
      if (this.opened?.folder !== folder) {
        this.options.log.info(`Debate library: ${folder}`);
        const library = engine.openLibrary(folder, {
          app: 'VS Code',
          ...(this.options.label !== undefined && { label: this.options.label }),
          onWarning: (message) => this.options.warn(message),
        });
        this.opened = { folder, library };
      }
      return { ok: true, library: this.opened.library, engine };
    } catch (error) {
      return { ok: false, message: l10n.t('The debate library could not be opened: {0}', errorMessage(error)) };
    }
  }

  /** Something in the library changed (a debate started, ended, was renamed...). */
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The folder setting changed: the next open() uses the new folder. */
  settingsChanged(): void {
    this.opened = null;
    this.changed();
  }
}
