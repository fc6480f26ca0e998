// Debate panels as one VS Code window holds them, without VS Code: the real panel, the
// real panel directory (DebatePanels), the real engine and library in a temporary folder,
// and a fake webview per panel recording what it is sent. A second "window" on the same
// folder opens its own library store, as another extension host would.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { LibraryStoreOptions } from '../../../engine/library/library-store';
import { nodeFs, type LibraryFs } from '../../../engine/library/library-fs';
import type { CheckpointFs } from '../../../engine/library/file-checkpointer';
import type { DebateEvent } from '../../../engine/types';
import type { HostMessage, PanelSnapshot } from '../../../extension/contract/protocol';
import type { ExportSubject } from '../../../extension/export';
import type { CitationTarget } from '../../../extension/contract/citation-rules';
import { applyDebateEvent } from '../../../extension/contract/snapshot';
import { DebatePanel, type PanelEnvironment, type PanelServices } from '../../../extension/debate/panel';
import { PanelDirectory, type OpenPanel } from '../../../extension/debate/panel-directory';
import type { DebateLibraryAccess } from '../../../extension/debate/session-controller';
import { engineAccessor, type DebateEngine, type LibraryServices } from '../../../extension/engine-access';
import { LibraryAccess } from '../../../extension/library/library-access';
import { ModelCatalog } from '../../../extension/models/model-catalog';
import { ModelPulls } from '../../../extension/models/pulls';
import { readSettings, type ExtensionSettings } from '../../../extension/settings';
import { ManualScheduler } from '../manual-scheduler';

const loadEngine = (): Promise<DebateEngine> => import('../../../engine');

const made: string[] = [];

/** A fresh library folder; removeLibraries() deletes them all. */
export function tempLibrary(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tm-panels-'));
  made.push(folder);
  return folder;
}

export function removeLibraries(): void {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
}

export function fakeLog() {
  return { info: vi.fn<(message: string) => void>(), warn: vi.fn<(message: string) => void>(), error: vi.fn<(message: string) => void>() };
}

/** The real file system until kill(): then every write fails, as in a process that died (nothing more reaches the disk). */
export function killableFs(): LibraryFs & CheckpointFs & { kill(): void } {
  let dead = false;
  const guard = <A extends unknown[], R>(write: (...args: A) => R) => (...args: A): R => {
    if (dead) throw Object.assign(new Error('EIO: the process is gone'), { code: 'EIO' });
    return write(...args);
  };
  return {
    ...nodeFs,
    writeFileSync: guard(nodeFs.writeFileSync),
    renameSync: guard(nodeFs.renameSync),
    rmSync: guard(nodeFs.rmSync),
    mkdirSync: guard(nodeFs.mkdirSync) as CheckpointFs['mkdirSync'] & LibraryFs['mkdirSync'],
    appendFileSync: guard((path: string, data: string) => appendFileSync(path, data)),
    kill: () => {
      dead = true;
    },
  };
}

export interface WindowOptions {
  /** Store options of a library opened by hand (a killable file system, who counts as alive); default: LibraryAccess as extension.ts wires it. */
  store?: Partial<LibraryStoreOptions>;
  settings?: Record<string, unknown>;
}

/** One panel and its fake webview. */
export interface TestPanel {
  panel: DebatePanel;
  /** Closes the panel, as its tab being closed would. */
  close(): void;
  posted: HostMessage[];
  titles: string[];
  reveals: number;
  /** What each export was asked to write (the fake "writes" /tmp/debate.md, then /tmp/debate-<n>.md), and the files opened again. */
  exported: ExportSubject<string>[];
  reopened: string[];
  /** The citations the panel asked the workspace to open (after its own check). */
  citations: CitationTarget[];
  scheduler: ManualScheduler;
  of<T extends HostMessage['type']>(type: T): Extract<HostMessage, { type: T }>[];
  events(): DebateEvent[];
}

/** The debate the webview holds after its last init and what followed it: the contract's reducer over the posted messages. */
export function webviewDebate(posted: readonly HostMessage[]): PanelSnapshot {
  const initAt = posted.map((message) => message.type).lastIndexOf('init');
  const init = posted[initAt];
  if (init?.type !== 'init') throw new Error('no init was posted');
  return posted.slice(initAt + 1).reduce<PanelSnapshot>((view, message) => {
    if (message.type === 'debate-event') return applyDebateEvent(view, message.event);
    if (message.type === 'status') return { ...view, status: message.status };
    if (message.type === 'debate') return { ...view, ...message.debate };
    return view;
  }, init.snapshot);
}

/** The debate part of a snapshot, which the webview and the host must agree on. */
export function debateOf({ status, transcript, liveTurns, moderatorAtWork, error, warning, access }: PanelSnapshot) {
  return { status, transcript, liveTurns, moderatorAtWork, error, warning, access };
}

export function lastEnd(panel: TestPanel): Extract<DebateEvent, { type: 'run-end' }> {
  const end = panel.events().filter((event) => event.type === 'run-end').at(-1);
  if (end?.type !== 'run-end') throw new Error('no run-end was posted');
  return end;
}

/** A VS Code window: its library, model catalog, panel directory and panels. */
export class TestWindow {
  readonly log = fakeLog();
  readonly library: DebateLibraryAccess & { changes: number };
  readonly services: PanelServices;
  readonly directory: PanelDirectory;
  readonly panels: TestPanel[] = [];
  readonly warnings: string[] = [];
  /** The library this window opened by hand (with WindowOptions.store), for tests that look inside. */
  private opened: LibraryServices | null = null;
  private settings: ExtensionSettings;

  constructor(host: string, readonly folder: string, options: WindowOptions = {}) {
    this.settings = readSettings((key) => ({ ollamaHost: host, libraryFolder: folder, ...options.settings })[key]);
    const settings = () => this.settings;
    const access = options.store === undefined
      ? new LibraryAccess({ folderSetting: () => folder, loadEngine, log: this.log, warn: (message) => this.warnings.push(message), label: 'test window' })
      : null;
    const library = {
      changes: 0,
      open: async () => {
        if (access !== null) return access.open();
        const engine = await loadEngine();
        this.opened ??= engine.openLibrary(folder, { app: 'VS Code', label: 'test window', ...options.store });
        return { ok: true as const, library: this.opened, engine };
      },
      changed: () => {
        library.changes += 1;
      },
    };
    this.library = library;
    const engines = engineAccessor(settings, loadEngine);
    const catalog = new ModelCatalog(engines);
    this.services = { engines, library, catalog, pulls: new ModelPulls(engines, catalog, this.log) };
    this.directory = new PanelDirectory({
      create: (debateId) => this.create(debateId),
      library,
      log: this.log,
      warn: (message) => this.warnings.push(message),
      customTones: () => settings().customTones,
    });
  }

  /** The library's sessions and store, as the panels use them. */
  async libraryServices(): Promise<LibraryServices> {
    const opening = await this.library.open();
    if (!opening.ok) throw new Error(opening.message);
    return opening.library;
  }

  /** A new panel: empty, or (as after a reload) on debate `debateId`. */
  open(debateId: string | null = null): TestPanel {
    this.create(debateId);
    return this.panels.at(-1)!;
  }

  /** The panel showing debate `id`. */
  panelOf(id: string): TestPanel {
    const found = this.panels.find((candidate) => candidate.panel.debateId === id);
    if (found === undefined) throw new Error(`no panel shows debate ${id}`);
    return found;
  }

  setSettings(values: Record<string, unknown>): void {
    const { ollamaHost, libraryFolder } = this.settings;
    this.settings = readSettings((key) => ({ ollamaHost, libraryFolder, ...values })[key]);
  }

  dispose(): void {
    for (const { panel } of this.panels) panel.dispose();
  }

  private create(debateId: string | null): OpenPanel {
    const posted: HostMessage[] = [];
    const titles: string[] = [];
    const exported: ExportSubject<string>[] = [];
    const reopened: string[] = [];
    const citations: CitationTarget[] = [];
    const scheduler = new ManualScheduler();
    const environment: PanelEnvironment = {
      post: (message) => posted.push(structuredClone(message)),
      log: this.log,
      settings: () => this.settings,
      openSettings: () => undefined,
      // As the real export: nothing written (and no path) for a debate without a turn.
      exportTranscript: async (subject) => {
        exported.push(structuredClone(subject));
        if (subject.transcript === null) return undefined;
        return exported.length === 1 ? '/tmp/debate.md' : `/tmp/debate-${exported.length}.md`;
      },
      openExport: async (path) => {
        reopened.push(path);
      },
      setTitle: (title) => titles.push(title),
      openDebate: (id) => this.directory.openDebate(id),
      branchDebate: (id, atTurn) => this.directory.branchDebate(id, atTurn),
      openCitation: async (target) => {
        citations.push(target);
      },
      scheduler,
    };
    const panel = new DebatePanel(environment, this.services, debateId);
    const testPanel: TestPanel = {
      panel,
      close: () => {
        panel.dispose();
        this.directory.remove(opened);
        this.panels.splice(this.panels.indexOf(testPanel), 1);
      },
      posted,
      titles,
      reveals: 0,
      exported,
      reopened,
      citations,
      scheduler,
      of: <T extends HostMessage['type']>(type: T) => posted.filter((m): m is Extract<HostMessage, { type: T }> => m.type === type),
      events: () => posted.flatMap((m) => (m.type === 'debate-event' ? [m.event] : [])),
    };
    const opened: OpenPanel = { panel, reveal: () => void (testPanel.reveals += 1) };
    this.panels.push(testPanel);
    this.directory.add(opened);
    return opened;
  }
}
