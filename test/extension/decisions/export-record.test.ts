// "Export Decision Record" step by step: the real engine and library (a finished debate in a
// temporary library, run in a panel against the Ollama simulator, whose judge model answers
// the record's structured-output request as scripted), the dialogs faked, the record written
// with node's fs into a temporary workspace. A record is written as the folder's next
// NNNN-*.md, opened and said where; each way of failing is said with its way out, and writes
// nothing: Ollama down, the model missing, no usable draft twice, a cancel, a debate with
// nothing said or still running, a write that fails.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localDay } from '../../../engine/adr/madr';
import { writeDecisionRecord } from '../../../engine/adr/write-record';
import type { LibraryOpening } from '../../../extension/library/library-access';
import type { Choice } from '../../../extension/library/command-rules';
import { exportDecisionRecord, type DecisionRecordDeps } from '../../../extension/decisions/export-record';
import { asksForRecord, recordingJudge, sampleTranscript, type RecordStep } from '../../adr/record-fixtures';
import { makeTurn, ADA, BOB } from '../../engine/fixtures';
import type { ChatRequestBody } from '../../simulator/ollama-simulator';
import { startSimulator, type OllamaSimulator, type SimModel } from '../../simulator/ollama-simulator';
import { fakeLog, lastEnd, removeLibraries, tempLibrary, TestWindow } from '../debate/panel-harness';

const JUDGE = 'judge:4b';
const RECORD_NAME = '0001-use-postgresql-for-the-event-store.md';

function speaker(name: string, label: string): SimModel {
  let count = 0;
  return { name, family: 'llama', reply: () => `${label} reply ${++count}: Postgres or SQLite, said plainly.` };
}

const simulators: OllamaSimulator[] = [];
const windows: TestWindow[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const window of windows.splice(0)) window.dispose();
  await Promise.all(simulators.splice(0).map((sim) => sim.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  removeLibraries();
});

/** A simulator with two speakers and the scripted judge, a window, and a debate finished in it. */
async function finishedDebate(steps: RecordStep[] = ['valid']): Promise<{ sim: OllamaSimulator; window: TestWindow; id: string }> {
  const sim = await startSimulator({ models: [speaker('alpha:1b', 'Ada'), speaker('beta:1b', 'Bob'), recordingJudge(JUDGE, steps)] });
  simulators.push(sim);
  const window = new TestWindow(sim.url, tempLibrary());
  windows.push(window);
  const { panel } = window.open();
  await panel.receive({ type: 'ready' });
  await panel.receive({ type: 'start', request: { topic: 'Postgres or SQLite?', speakers: [{ model: 'alpha:1b', tone: 'Rational' }, { model: 'beta:1b', tone: 'Cynic' }], exchanges: 1 } });
  return { sim, window, id: lastEnd(window.panels[0]!).transcript.id };
}

function workspace(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tm-decisions-'));
  folders.push(folder);
  return folder;
}

interface Said {
  message: string;
  actions: string[];
}

/** The dialogs, as a person answering them would; what was shown is kept. */
function fakeUi(options: { pick?: string; folder?: string; cancelDraft?: boolean; choose?: string } = {}) {
  const errors: Said[] = [];
  const infos: Said[] = [];
  const picks: Choice<string>[][] = [];
  const opened: string[] = [];
  const revealed: string[] = [];
  const progressTitles: string[] = [];
  let folderAsked = 0;
  const ui: DecisionRecordDeps<string>['ui'] = {
    pick: async <T,>(choices: Choice<T>[]) => {
      picks.push(choices as unknown as Choice<string>[]);
      return choices.find((choice) => choice.value === (options.pick as unknown as T));
    },
    askFolder: async () => {
      folderAsked += 1;
      return options.folder;
    },
    info: async (message, ...actions) => {
      infos.push({ message, actions });
      return options.choose !== undefined && actions.includes(options.choose) ? options.choose : undefined;
    },
    error: async (message, ...actions) => {
      errors.push({ message, actions });
      return options.choose !== undefined && actions.includes(options.choose) ? options.choose : undefined;
    },
    withProgress: async (title, task) => {
      progressTitles.push(title);
      const abort = new AbortController();
      if (options.cancelDraft === true) setTimeout(() => abort.abort(), 0);
      return task(abort.signal);
    },
    open: async (location) => {
      opened.push(location);
    },
    reveal: async (location) => {
      revealed.push(location);
    },
    describe: (location) => location,
  };
  return { ui, errors, infos, picks, opened, revealed, progressTitles, folderAsked: () => folderAsked };
}

function deps(window: TestWindow, ui: DecisionRecordDeps<string>['ui'], patch: Partial<DecisionRecordDeps<string>> = {}): DecisionRecordDeps<string> & { pulled: (string | undefined)[] } {
  const pulled: (string | undefined)[] = [];
  return {
    library: window.library,
    listModels: (host) => (host === undefined ? window.services.catalog.list() : window.services.catalog.listHost(host)),
    judgeSetting: () => JUDGE,
    proposedJudge: () => '',
    folderSetting: () => '',
    locations: { workspaceFolders: [], home: '/home/ada', joinPath: (base, ...segments) => join(base, ...segments), file: (path) => path, isAbsolute },
    write: writeDecisionRecord,
    ui,
    pullModel: async (model) => {
      pulled.push(model);
    },
    log: fakeLog(),
    now: () => new Date(2026, 11, 2, 10, 30),
    pulled,
    ...patch,
  };
}

function recordRequests(sim: OllamaSimulator): ChatRequestBody[] {
  return sim.chatRequests(JUDGE).map((request) => request.body as ChatRequestBody).filter(asksForRecord);
}

/** Lets the messages' actions (not awaited by the export) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('exportDecisionRecord: written', () => {
  it('drafts with the judge model of the setting, writes docs/decisions/0001-….md (MADR, the transcript appended), opens it and says where', async () => {
    const { sim, window, id } = await finishedDebate();
    const root = workspace();
    const said = fakeUi({ choose: 'Reveal in Explorer' });
    const outcome = await exportDecisionRecord(deps(window, said.ui, { locations: { ...deps(window, said.ui).locations, workspaceFolders: [root] } }), id, () => undefined);

    const path = join(root, 'docs', 'decisions', RECORD_NAME);
    expect(outcome).toEqual({ kind: 'written', location: path });
    const record = readFileSync(path, 'utf8');
    expect(record.startsWith(`---\nstatus: proposed\ndate: ${localDay(new Date(2026, 11, 2))}\n`)).toBe(true);
    expect(record).toContain('# Use PostgreSQL for the event store');
    for (const section of ['## Context and Problem Statement', '## Considered Options', '## Decision Outcome', '### Consequences', '## Transcript']) expect(record).toContain(section);
    expect(record).toContain('Ada reply 1: Postgres or SQLite, said plainly.');
    expect(record).toContain(`Drafted by ${JUDGE} from debate ${id}`);
    // The judge was asked once, with the record's schema and the debate; nobody was asked which model.
    const [request] = recordRequests(sim);
    expect(recordRequests(sim)).toHaveLength(1);
    expect(JSON.stringify(request?.messages)).toContain('Bob reply 1');
    expect(said.picks).toEqual([]);
    expect(said.opened).toEqual([path]);
    expect(said.progressTitles).toEqual([`Drafting the decision record with ${JUDGE}…`]);
    expect(said.infos).toEqual([{ message: `Decision record written to ${path}`, actions: ['Reveal in Explorer'] }]);
    expect(said.errors).toEqual([]);
    await settle();
    expect(said.revealed).toEqual([path]);
  });

  it('numbers after the records already in the folder (an absolute folder setting), never touching them', async () => {
    const { window, id } = await finishedDebate();
    const folder = join(workspace(), 'adr');
    mkdirSync(folder);
    writeFileSync(join(folder, '0001-tabs.md'), 'one\n');
    writeFileSync(join(folder, '0003-spaces.md'), 'three\n');
    const said = fakeUi();
    const outcome = await exportDecisionRecord(deps(window, said.ui, { folderSetting: () => folder }), id, () => undefined);
    expect(outcome).toEqual({ kind: 'written', location: join(folder, '0004-use-postgresql-for-the-event-store.md') });
    expect(readdirSync(folder).sort()).toEqual(['0001-tabs.md', '0003-spaces.md', '0004-use-postgresql-for-the-event-store.md']);
    expect(readFileSync(join(folder, '0001-tabs.md'), 'utf8')).toBe('one\n');
  });

  it('without a judge model set, asks for one among the installed models (the proposed one first), then drafts with it', async () => {
    const { sim, window, id } = await finishedDebate();
    const root = workspace();
    const said = fakeUi({ pick: JUDGE });
    const base = deps(window, said.ui);
    const outcome = await exportDecisionRecord({ ...base, judgeSetting: () => '', proposedJudge: () => JUDGE, locations: { ...base.locations, workspaceFolders: [root] } }, id, () => undefined);
    expect(outcome.kind).toBe('written');
    expect(said.picks).toHaveLength(1);
    expect(said.picks[0]?.map((choice) => choice.value)).toEqual([JUDGE, 'alpha:1b', 'beta:1b']);
    expect(said.picks[0]?.[0]?.description).toContain('proposed');
    expect(recordRequests(sim)).toHaveLength(1);
  });

  it('with no workspace folder open, asks for the folder; dismissing that question writes nothing', async () => {
    const { window, id } = await finishedDebate();
    const chosen = workspace();
    const asked = fakeUi({ folder: chosen });
    expect(await exportDecisionRecord(deps(window, asked.ui), id, () => undefined)).toEqual({ kind: 'written', location: join(chosen, RECORD_NAME) });
    expect(asked.folderAsked()).toBe(1);

    const dismissed = fakeUi();
    expect(await exportDecisionRecord(deps(window, dismissed.ui), id, () => undefined)).toEqual({ kind: 'cancelled' });
    expect(dismissed.folderAsked()).toBe(1);
    expect(dismissed.errors).toEqual([]);
    expect(readdirSync(chosen)).toEqual([RECORD_NAME]);
  });
});

describe('exportDecisionRecord: nothing written', () => {
  it('a judge model not installed: says so and offers to pull it; nothing is drafted', async () => {
    const { sim, window, id } = await finishedDebate();
    const root = workspace();
    const said = fakeUi({ choose: 'Pull gemma3:27b' });
    const all = deps(window, said.ui, { judgeSetting: () => 'gemma3:27b', folderSetting: () => root });
    const outcome = await exportDecisionRecord(all, id, () => undefined);
    expect(outcome.kind).toBe('failed');
    expect(said.errors).toHaveLength(1);
    expect(said.errors[0]?.message).toMatch(/^Talking Models: The judge model gemma3:27b is not installed on http:\/\/127\.0\.0\.1:\d+/);
    expect(said.errors[0]?.actions).toEqual(['Pull gemma3:27b']);
    await settle();
    expect(all.pulled).toEqual(['gemma3:27b']);
    expect(recordRequests(sim)).toEqual([]);
    expect(readdirSync(root)).toEqual([]);
  });

  it('Ollama not answering: says so with Retry, which runs the export again', async () => {
    const { sim, window, id } = await finishedDebate();
    await sim.close();
    const root = workspace();
    const said = fakeUi({ choose: 'Retry' });
    const again = vi.fn();
    const outcome = await exportDecisionRecord(deps(window, said.ui, { folderSetting: () => root }), id, again);
    expect(outcome.kind).toBe('failed');
    expect(said.errors[0]?.actions).toEqual(['Retry']);
    expect(said.errors[0]?.message).toMatch(/Ollama/);
    await settle();
    expect(again).toHaveBeenCalledOnce();
    expect(readdirSync(root)).toEqual([]);
  });

  it.each([[['refusal']], [['unknown-option']]] as RecordStep[][][])('no usable draft, asked twice (%j): the reason, Retry, no file', async (steps) => {
    const { sim, window, id } = await finishedDebate(steps);
    const root = workspace();
    const said = fakeUi();
    const outcome = await exportDecisionRecord(deps(window, said.ui, { folderSetting: () => root }), id, () => undefined);
    expect(outcome.kind).toBe('failed');
    expect(recordRequests(sim)).toHaveLength(2);
    expect(said.errors[0]?.message).toContain(`${JUDGE} gave no usable decision record (no usable answer: `);
    expect(said.errors[0]?.message).toContain('asked again with the schema restated');
    expect(said.errors[0]?.message).toContain('Nothing was written.');
    expect(said.errors[0]?.actions).toEqual(['Retry']);
    expect(said.opened).toEqual([]);
    expect(readdirSync(root)).toEqual([]);
  });

  it('Cancel in the progress notification: the request is stopped, nothing said or written', async () => {
    const { window, id } = await finishedDebate();
    const root = workspace();
    const said = fakeUi({ cancelDraft: true });
    const outcome = await exportDecisionRecord(deps(window, said.ui, { folderSetting: () => root }), id, () => undefined);
    expect(outcome).toEqual({ kind: 'cancelled' });
    expect(said.errors).toEqual([]);
    expect(said.infos).toEqual([]);
    expect(readdirSync(root)).toEqual([]);
  });

  it.each([
    ['a full disk', 'ENOSPC: no space left on device'],
    ['a folder that can\'t be written', 'EACCES: permission denied'],
  ])('a write that fails (%s): the reason with Retry; nothing opened', async (_what, reason) => {
    const { window, id } = await finishedDebate();
    const root = workspace();
    const said = fakeUi();
    const outcome = await exportDecisionRecord(deps(window, said.ui, {
      folderSetting: () => root,
      write: async () => {
        throw new Error(reason);
      },
    }), id, () => undefined);
    expect(outcome).toEqual({ kind: 'failed', reason: `The decision record could not be written into ${root}: ${reason}. Nothing was written.` });
    expect(said.errors[0]?.actions).toEqual(['Retry']);
    expect(said.opened).toEqual([]);
    expect(said.infos).toEqual([]);
  });
});

describe('exportDecisionRecord: refused debates', () => {
  /** A library holding one debate as given, as the store would list it. */
  function libraryWith(transcript = sampleTranscript(), lockedBy: unknown = null): DecisionRecordDeps<string>['library'] {
    const opening = {
      ok: true,
      library: {
        store: {
          folder: '/library',
          refresh: () => undefined,
          library: { get: (id: string) => (id === transcript.id ? { id, ok: true, lockedBy } : null) },
        },
        sessions: { transcript: async () => transcript },
      },
    } as unknown as LibraryOpening;
    return { open: async () => opening, changed: () => undefined };
  }

  function refusedDeps(library: DecisionRecordDeps<string>['library'], said: ReturnType<typeof fakeUi>): DecisionRecordDeps<string> {
    return {
      library,
      listModels: vi.fn(),
      judgeSetting: () => JUDGE,
      proposedJudge: () => '',
      folderSetting: () => '/records',
      locations: { workspaceFolders: [], home: '/home', joinPath: join, file: (path) => path, isAbsolute },
      write: vi.fn(),
      ui: said.ui,
      pullModel: vi.fn(),
      log: fakeLog(),
    };
  }

  it.each([
    ['no turn at all', sampleTranscript({ turns: [] })],
    ['only a stopped turn', sampleTranscript({ turns: [makeTurn(0, [ADA, BOB], 'Half a', { status: 'stopped' })] })],
    ['only a failed, empty turn', sampleTranscript({ turns: [makeTurn(0, [ADA, BOB], '', { status: 'failed' })] })],
  ])('a debate with %s: refused with the reason, no model asked', async (_what, transcript) => {
    const said = fakeUi();
    const all = refusedDeps(libraryWith(transcript), said);
    const outcome = await exportDecisionRecord(all, transcript.id, () => undefined);
    expect(outcome).toEqual({ kind: 'failed', reason: `No decision record: debate ${transcript.id} has no complete turn: a decision record needs something said to record.` });
    expect(said.errors.map((error) => error.message)).toEqual([`Talking Models: ${outcome.kind === 'failed' ? outcome.reason : ''}`]);
    expect(all.listModels).not.toHaveBeenCalled();
    expect(all.write).not.toHaveBeenCalled();
  });

  it('a debate still running (held by a run): refused until it ends', async () => {
    const said = fakeUi();
    const all = refusedDeps(libraryWith(sampleTranscript(), { pid: 7, hostname: 'laptop', app: 'CLI', startedAt: '2026-12-02T09:00:00Z' }), said);
    const outcome = await exportDecisionRecord(all, sampleTranscript().id, () => undefined);
    expect(outcome.kind === 'failed' && outcome.reason).toMatch(/is running in the CLI \(pid 7\) on host laptop; export its decision record once it ends\.$/);
    expect(all.write).not.toHaveBeenCalled();
  });

  it('a debate not in the library: says where it looked', async () => {
    const said = fakeUi();
    const outcome = await exportDecisionRecord(refusedDeps(libraryWith(), said), 'elsewhere-1', () => undefined);
    expect(outcome).toEqual({ kind: 'failed', reason: 'No decision record: debate elsewhere-1 is not in the library at /library.' });
  });
});
