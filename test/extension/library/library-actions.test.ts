// The Debates view's commands against a real library in a temporary folder (the real
// engine, debates adopted with their turns: no model runs), with fake dialogs and panels.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DebateRecord } from '../../../engine/store';
import type { SpeakerTurn, Turn } from '../../../engine/types';
import type { Choice } from '../../../extension/library/command-rules';
import type { DebatePanels } from '../../../extension/library/debate-panels';
import { allTones } from '../../../engine/tones';
import { LibraryAccess } from '../../../extension/library/library-access';
import { LibraryActions, type LibraryUi } from '../../../extension/library/library-actions';

const made: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tm-debates-view-'));
  made.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function turn(index: number, text: string): SpeakerTurn {
  const speakerIndex = index % 2;
  return {
    kind: 'speaker',
    id: `turn-${index}`,
    exchange: Math.floor(index / 2) + 1,
    speakerIndex,
    speaker: speakerIndex === 0 ? 'Ada' : 'Bob',
    model: speakerIndex === 0 ? 'llama3.2:1b' : 'qwen3:4b',
    tone: speakerIndex === 0 ? 'Rational' : 'Cynic',
    text,
    status: 'complete',
    metrics: { timeToFirstTokenMs: 10, durationMs: 20, tokens: 5, tokensPerSecond: null, loadDurationMs: null, promptTokens: null },
  };
}

function record(id: string, overrides: Partial<DebateRecord> = {}): DebateRecord {
  return {
    id,
    title: null,
    topic: 'Is a hot dog a sandwich?',
    speakers: [
      { name: 'Ada', model: 'llama3.2:1b', tone: 'Rational', tonePrompt: 'Be logical.' },
      { name: 'Bob', model: 'qwen3:4b', tone: 'Cynic', tonePrompt: 'Be cynical.' },
    ],
    exchanges: 2,
    settings: {},
    createdAt: '2026-12-01T11:05:12.000Z',
    updatedAt: '2026-12-01T11:06:00.000Z',
    endedAt: '2026-12-01T11:06:00.000Z',
    outcome: 'complete',
    stopReason: 'exchanges',
    turnCount: 4,
    ...overrides,
  };
}

const TURNS: Turn[] = [
  turn(0, 'A sandwich is bread around a filling.'),
  turn(1, 'Then a taco is a sandwich, and nobody believes that.'),
  turn(2, 'The hinge matters: a hot dog bun is one piece of bread.'),
  turn(3, 'So is a sub roll, and a sub is a sandwich. Quetzalcoatlus agrees.'),
];

const ID = '20261201-110512-aaaaaa';
const BRANCH_1 = '20261202-090000-bbbbbb';
const BRANCH_2 = '20261203-090000-cccccc';

interface Script {
  /** Picks a choice by its label (or undefined: dismissed). */
  pick?: (labels: string[]) => string | undefined;
  input?: string | undefined;
  confirm?: boolean;
  /** The button chosen in info and error messages. */
  button?: string;
  importFile?: string | undefined;
}

/** Dialogs answering from a script, recording what they were asked; files are plain paths. */
function fakeUi(exportDir: string, script: Script) {
  const asked = {
    picks: [] as Array<{ title: string; labels: string[]; descriptions: Array<string | undefined> }>,
    inputs: [] as Array<{ title: string; value: string }>,
    confirms: [] as Array<{ message: string; detail: string }>,
    infos: [] as string[],
    errors: [] as Array<{ message: string; actions: string[] }>,
    saves: [] as string[],
    revealedInOs: [] as string[],
    revealedInTree: [] as string[],
    opened: [] as string[],
  };
  const ui: LibraryUi<string> = {
    pick: async <T,>(choices: Choice<T>[], options: { title: string }) => {
      const labels = choices.map((choice) => choice.label);
      asked.picks.push({ title: options.title, labels, descriptions: choices.map((choice) => choice.description) });
      const label = script.pick?.(labels);
      return choices.find((choice) => choice.label === label);
    },
    input: async (options) => {
      asked.inputs.push({ title: options.title, value: options.value });
      return script.input;
    },
    confirm: async (question) => {
      asked.confirms.push(question);
      return script.confirm ?? false;
    },
    info: async (message) => {
      asked.infos.push(message);
      return script.button;
    },
    error: async (message, ...actions) => {
      asked.errors.push({ message, actions });
      return script.button;
    },
    exportFolder: () => exportDir,
    joinPath: (folder, name) => join(folder, name),
    exists: async (location) => existsSync(location),
    askSaveLocation: async (proposed) => {
      asked.saves.push(proposed);
      return proposed;
    },
    writeFile: async (location, text) => writeFileSync(location, text),
    askImportFile: async () => script.importFile,
    readFile: async (location) => readFileSync(location, 'utf8'),
    describe: (location) => location,
    openFile: async (location) => void asked.opened.push(location),
    revealInOs: async (folder) => void asked.revealedInOs.push(folder),
    revealInOsLabel: 'Open Containing Folder',
    revealInTree: async (id) => void asked.revealedInTree.push(id),
  };
  return { ui, asked };
}

function fakePanels() {
  return {
    openDebate: vi.fn<DebatePanels['openDebate']>(async () => undefined),
    continueDebate: vi.fn<DebatePanels['continueDebate']>(async () => undefined),
    branchDebate: vi.fn<DebatePanels['branchDebate']>(async () => undefined),
    debateDeleted: vi.fn<DebatePanels['debateDeleted']>(),
    judgeDebate: vi.fn<DebatePanels['judgeDebate']>(async () => ({ kind: 'cancelled' })),
  } satisfies DebatePanels;
}

let library: string;
let exportDir: string;
let access: LibraryAccess;
let warnings: string[];
type LogFn = (message: string) => void;
let log: { info: ReturnType<typeof vi.fn<LogFn>>; warn: ReturnType<typeof vi.fn<LogFn>>; error: ReturnType<typeof vi.fn<LogFn>> };

beforeEach(() => {
  library = tempFolder();
  exportDir = tempFolder();
  warnings = [];
  log = { info: vi.fn<LogFn>(), warn: vi.fn<LogFn>(), error: vi.fn<LogFn>() };
  access = new LibraryAccess({
    folderSetting: () => library,
    loadEngine: () => import('../../../engine'),
    log,
    warn: (message) => warnings.push(message),
  });
});

async function sessions() {
  const opening = await access.open();
  if (!opening.ok) throw new Error(opening.message);
  return opening.library;
}

async function adopt(id: string, overrides: Partial<DebateRecord> = {}, turns: Turn[] = TURNS): Promise<void> {
  const { sessions: debates } = await sessions();
  await debates.adopt(record(id, { turnCount: turns.length, ...overrides }), turns);
}

function actionsWith(script: Script, self = { pid: process.pid, hostname: 'this-host' }) {
  const { ui, asked } = fakeUi(exportDir, script);
  const panels = fakePanels();
  const changed = vi.spyOn(access, 'changed');
  const actions = new LibraryActions<string>({ access, panels, ui, log, self, tones: () => allTones() });
  return { actions, asked, panels, changed };
}

describe('Open', () => {
  it('opens a readable debate in its panel', async () => {
    await adopt(ID);
    const { actions, panels, asked } = actionsWith({});
    await actions.open(ID);
    expect(panels.openDebate).toHaveBeenCalledWith(ID);
    expect(asked.errors).toEqual([]);
  });

  it('says why a damaged debate can\'t be opened, and offers its folder', async () => {
    await adopt(ID);
    writeFileSync(join(library, ID, 'meta.json'), '{"schema": 1, "id": ');
    const { actions, panels, asked } = actionsWith({ button: 'Open Containing Folder' });
    await actions.open(ID);
    expect(panels.openDebate).not.toHaveBeenCalled();
    expect(asked.errors[0]?.message).toMatch(new RegExp(`^Debate ${ID} can't be opened: meta\\.json is not valid JSON.*Nothing was deleted; its files are in ${join(library, ID)}`));
    expect(asked.errors[0]?.actions).toEqual(['Open Containing Folder', 'Delete…']);
    expect(asked.revealedInOs).toEqual([join(library, ID)]);
  });

  it('says so when the debate is gone, and refreshes the view', async () => {
    const { actions, asked, changed } = actionsWith({});
    await actions.open(ID);
    expect(asked.errors[0]?.message).toContain(`Debate ${ID} is no longer in the library`);
    expect(changed).toHaveBeenCalled();
    expect(log.error).toHaveBeenCalled();
  });
});

describe('Continue', () => {
  it('asks how many exchanges to add to a complete debate, then continues it', async () => {
    await adopt(ID);
    const { actions, panels, asked } = actionsWith({ pick: () => '2 more exchanges' });
    await actions.continue(ID);
    expect(asked.picks[0]?.labels).toEqual(['1 more exchange', '2 more exchanges', '3 more exchanges', '5 more exchanges']);
    expect(panels.continueDebate).toHaveBeenCalledWith(ID, 2);
  });

  it('offers to finish the planned exchanges of a stopped debate', async () => {
    await adopt(ID, { outcome: 'stopped', stopReason: 'user', exchanges: 3 });
    const { actions, panels, asked } = actionsWith({ pick: (labels) => labels[0] });
    await actions.continue(ID);
    expect(asked.picks[0]?.labels[0]).toBe('Finish the planned exchanges');
    expect(panels.continueDebate).toHaveBeenCalledWith(ID, undefined);
  });

  it('does nothing when the choice is dismissed', async () => {
    await adopt(ID);
    const { actions, panels } = actionsWith({ pick: () => undefined });
    await actions.continue(ID);
    expect(panels.continueDebate).not.toHaveBeenCalled();
  });

  it('refuses a debate running in another process, saying where', async () => {
    await adopt(ID);
    const now = new Date().toISOString();
    writeFileSync(join(library, ID, 'lock.json'), JSON.stringify({ pid: 1234, hostname: 'gpu-box', app: 'CLI', token: 't', acquiredAt: now, heartbeatAt: now }));
    const { actions, panels, asked } = actionsWith({});
    await actions.continue(ID);
    expect(panels.continueDebate).not.toHaveBeenCalled();
    expect(asked.infos[0]).toBe('“Is a hot dog a sandwich?” is in use in the CLI on host gpu-box: continue it there, or wait until it ends.');
  });
});

describe('Branch from…', () => {
  it('lists the turns, the last first, and branches after the one picked', async () => {
    await adopt(ID);
    const { actions, panels, asked } = actionsWith({ pick: (labels) => labels.find((label) => label.startsWith('2. ') || label === 'Keep the speakers') });
    await actions.branch(ID);
    expect(asked.picks[0]?.labels).toEqual([
      '4. Bob (qwen3:4b): So is a sub roll, and a sub is a sandwich. Quetzalcoatlus agrees.',
      '3. Ada (llama3.2:1b): The hinge matters: a hot dog bun is one piece of bread.',
      '2. Bob (qwen3:4b): Then a taco is a sandwich, and nobody believes that.',
      '1. Ada (llama3.2:1b): A sandwich is bread around a filling.',
    ]);
    expect(asked.picks[1]?.labels).toEqual(['Keep the speakers', 'Give Ada another tone', 'Give Bob another tone']);
    expect(panels.branchDebate).toHaveBeenCalledWith(ID, 2);
  });

  it("gives one speaker another tone in the branch, offering every tone but its current one", async () => {
    await adopt(ID);
    const wanted = ['1. ', 'Give Bob another tone', 'Philosopher'];
    const { actions, panels, asked } = actionsWith({ pick: (labels) => labels.find((label) => wanted.some((start) => label.startsWith(start))) });
    await actions.branch(ID);
    const bobTone = (await access.open().then((opened) => (opened.ok ? opened.library.sessions.transcript(ID) : null)))?.speakers[1]?.tone ?? '';
    expect(asked.picks[2]?.labels).toEqual(allTones().map((tone) => tone.name).filter((name) => name !== bobTone));
    const [, atTurn, speakers] = panels.branchDebate.mock.calls[0] ?? [];
    expect(atTurn).toBe(1);
    expect(speakers?.[0]).toBeUndefined();
    expect(speakers?.[1]).toMatchObject({ name: 'Bob', model: 'qwen3:4b', tone: 'Philosopher' });
  });

  it('says there is nothing to branch from in a debate without turns', async () => {
    await adopt(ID, { outcome: 'stopped', stopReason: null }, []);
    const { actions, panels, asked } = actionsWith({ pick: (labels) => labels[0] });
    await actions.branch(ID);
    expect(panels.branchDebate).not.toHaveBeenCalled();
    expect(asked.infos[0]).toContain('has no turns yet');
  });
});

describe('Rename', () => {
  it('renames, and an empty name goes back to the topic', async () => {
    await adopt(ID);
    const { store } = await sessions();
    const first = actionsWith({ input: '  Sausage\nsemantics ' });
    await first.actions.rename(ID);
    expect(first.asked.inputs[0]?.value).toBe('Is a hot dog a sandwich?');
    expect(store.library.get(ID)).toMatchObject({ ok: true, meta: { title: 'Sausage semantics' } });
    expect(first.changed).toHaveBeenCalled();
    // The store's own copy follows, so an export made now carries the new name.
    expect(store.read(ID)?.title).toBe('Sausage semantics');

    const second = actionsWith({ input: '' });
    await second.actions.rename(ID);
    expect(second.asked.inputs[0]?.value).toBe('Sausage semantics');
    expect(store.library.get(ID)).toMatchObject({ ok: true, meta: { title: null } });
  });

  it('changes nothing when dismissed', async () => {
    await adopt(ID, { title: 'Kept' });
    const { actions } = actionsWith({ input: undefined });
    await actions.rename(ID);
    expect((await sessions()).store.library.get(ID)).toMatchObject({ ok: true, meta: { title: 'Kept' } });
  });
});

describe('Export', () => {
  it('writes Markdown under a name made of the topic and the date, numbered past existing files', async () => {
    await adopt(ID);
    const day = new Date('2026-12-01T11:05:12.000Z');
    const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    const name = `debate-is-a-hot-dog-a-sandwich-${date}`;
    writeFileSync(join(exportDir, `${name}.md`), 'taken');
    const { actions, asked } = actionsWith({ button: 'Open' });
    await actions.export(ID, 'markdown');
    expect(asked.saves).toEqual([join(exportDir, `${name}-2.md`)]);
    const markdown = readFileSync(join(exportDir, `${name}-2.md`), 'utf8');
    expect(markdown.startsWith('# Is a hot dog a sandwich?\n')).toBe(true);
    expect(markdown).toContain('Quetzalcoatlus agrees.');
    expect(asked.infos[0]).toBe(`Exported “Is a hot dog a sandwich?” to ${join(exportDir, `${name}-2.md`)}.`);
    expect(asked.opened).toEqual([join(exportDir, `${name}-2.md`)]);
  });

  it('writes JSON that imports back to the same debate', async () => {
    await adopt(ID);
    const { actions, asked } = actionsWith({});
    await actions.export(ID, 'json');
    const file = asked.saves[0]!;
    expect(file.endsWith('.json')).toBe(true);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { id: string; turns: unknown[] };
    expect(json.id).toBe(ID);
    expect(json.turns).toHaveLength(4);
  });

  it('says what was not written and where, when the file can\'t be written', async () => {
    await adopt(ID);
    const { ui, asked } = fakeUi(exportDir, {});
    ui.askSaveLocation = async () => '/proc/talking-models-export.md';
    const actions = new LibraryActions<string>({ access, panels: fakePanels(), ui, log, tones: () => allTones() });
    await actions.export(ID, 'markdown');
    expect(asked.errors[0]?.message).toMatch(/^Could not write \/proc\/talking-models-export\.md: .*Choose another folder\.$/);
  });
});

describe('Delete', () => {
  it('asks first, naming the branches that stay, then deletes and tells the panels', async () => {
    await adopt(ID);
    await adopt(BRANCH_1, { parentId: ID, forkedAtTurn: 2, title: 'First branch' });
    await adopt(BRANCH_2, { parentId: ID, forkedAtTurn: 3, title: 'Second branch' });
    const { actions, asked, panels, changed } = actionsWith({ confirm: true });
    await actions.delete(ID);
    expect(asked.confirms[0]?.message).toBe('Delete the debate “Is a hot dog a sandwich?”?');
    expect(asked.confirms[0]?.detail).toContain('Its 2 branches stay, without a parent: “Second branch”, “First branch”.');
    expect(existsSync(join(library, ID))).toBe(false);
    expect(panels.debateDeleted).toHaveBeenCalledWith(ID);
    expect(changed).toHaveBeenCalled();
    const { store } = await sessions();
    expect(store.library.list().map((entry) => entry.ok && [entry.id, entry.parentMissing])).toEqual([
      [BRANCH_2, true],
      [BRANCH_1, true],
    ]);
  });

  it('deletes nothing when the person says no', async () => {
    await adopt(ID);
    const { actions, panels } = actionsWith({ confirm: false });
    await actions.delete(ID);
    expect(existsSync(join(library, ID))).toBe(true);
    expect(panels.debateDeleted).not.toHaveBeenCalled();
  });

  it('deletes a damaged debate, named by its id', async () => {
    await adopt(ID);
    writeFileSync(join(library, ID, 'meta.json'), 'garbage');
    const { actions, asked } = actionsWith({ confirm: true });
    await actions.delete(ID);
    expect(asked.confirms[0]?.message).toBe(`Delete the damaged debate ${ID}?`);
    expect(existsSync(join(library, ID))).toBe(false);
  });

  it('refuses a debate running elsewhere, in the library\'s words', async () => {
    await adopt(ID);
    const now = new Date().toISOString();
    writeFileSync(join(library, ID, 'lock.json'), JSON.stringify({ pid: 1234, hostname: 'gpu-box', app: 'CLI', token: 't', acquiredAt: now, heartbeatAt: now }));
    const { actions, asked, panels } = actionsWith({ confirm: true });
    await actions.delete(ID);
    expect(existsSync(join(library, ID))).toBe(true);
    expect(panels.debateDeleted).not.toHaveBeenCalled();
    expect(asked.errors[0]?.message).toBe(`Debate ${ID} was not deleted: it is running in the CLI (pid 1234) on host gpu-box. Stop it there first.`);
  });
});

describe('Import', () => {
  async function exported(): Promise<string> {
    await adopt(ID);
    const { actions, asked } = actionsWith({});
    await actions.export(ID, 'json');
    return asked.saves[0]!;
  }

  it('keeps the file\'s id when it is free, shows the debate in the view, and offers to open it', async () => {
    const file = await exported();
    rmSync(join(library, ID), { recursive: true });
    const { actions, asked, panels } = actionsWith({ importFile: file, button: 'Open' });
    await actions.importJson();
    expect(asked.infos).toEqual([`Imported as ${ID}.`]);
    expect(asked.revealedInTree).toEqual([ID]);
    expect(panels.openDebate).toHaveBeenCalledWith(ID);
    const again = fakeUi(exportDir, {});
    const json = await new LibraryActions<string>({ access, panels, ui: again.ui, log, tones: () => allTones() }).export(ID, 'json').then(() => readFileSync(again.asked.saves[0]!, 'utf8'));
    expect(json).toBe(readFileSync(file, 'utf8'));
  });

  it('keeps the id of a debate deleted in the view', async () => {
    const file = await exported();
    await actionsWith({ confirm: true }).actions.delete(ID);
    const { actions, asked } = actionsWith({ importFile: file });
    await actions.importJson();
    expect(asked.infos).toEqual([`Imported as ${ID}.`]);
  });

  it('gives a new id when the file\'s is taken, and says so', async () => {
    const file = await exported();
    const { actions, asked } = actionsWith({ importFile: file });
    await actions.importJson();
    expect(asked.infos[0]).toMatch(new RegExp(`^A debate with the id ${ID} exists in the library; imported as (\\d{8}-\\d{6}-[0-9a-f]{6})\\.$`));
    const newId = asked.revealedInTree[0]!;
    expect(newId).not.toBe(ID);
    expect(readdirSync(library).sort()).toEqual([ID, newId].sort());
  });

  it('says why an invalid file was not imported', async () => {
    const file = join(exportDir, 'bad.json');
    writeFileSync(file, '{"format": "something else"}');
    const { actions, asked } = actionsWith({ importFile: file });
    await actions.importJson();
    expect(asked.errors[0]?.message).toMatch(new RegExp(`^${file.replaceAll('.', '\\.')} was not imported: .+\\. Choose a file made by Export JSON`));
    expect(asked.revealedInTree).toEqual([]);
    expect(readdirSync(library)).toEqual([]);
  });

  it('says when the file can\'t be read', async () => {
    const { actions, asked } = actionsWith({ importFile: join(exportDir, 'missing.json') });
    await actions.importJson();
    expect(asked.errors[0]?.message).toContain(`Could not read ${join(exportDir, 'missing.json')}: ENOENT`);
  });

  it('reports a library folder that can\'t be written instead of claiming the import worked', async () => {
    const file = await exported();
    access = new LibraryAccess({ folderSetting: () => '/proc/talking-models-library', loadEngine: () => import('../../../engine'), log, warn: (message) => warnings.push(message) });
    const { actions, asked } = actionsWith({ importFile: file });
    await actions.importJson();
    expect(asked.infos).toEqual([]);
    expect(asked.errors[0]?.message).toContain('was not imported: the library folder /proc/talking-models-library could not be written');
  });
});

describe('Search', () => {
  it('finds debates by what was said, with a snippet, and by their summary', async () => {
    await adopt(ID);
    await adopt(BRANCH_1, { topic: 'Cats or dogs?', title: null }, [turn(0, 'Dogs, obviously.')]);
    const { actions } = actionsWith({});
    const byText = await actions.search('quetzalcoatlus');
    expect(byText.total).toBe(1);
    expect(byText.choices[0]).toMatchObject({ label: 'Is a hot dog a sandwich?', value: ID });
    expect(byText.choices[0]?.detail).toContain('Quetzalcoatlus agrees.');
    const byModel = await actions.search('qwen3');
    expect(byModel.choices.map((choice) => choice.value)).toEqual([BRANCH_1, ID]);
    expect((await actions.search('cats')).choices[0]).toMatchObject({ value: BRANCH_1, detail: 'found in the topic' });
  });
});

describe('Reveal', () => {
  it('reveals the debate\'s folder in the file manager', async () => {
    await adopt(ID);
    const { actions, asked } = actionsWith({});
    await actions.revealInOs(ID);
    expect(asked.revealedInOs).toEqual([join(library, ID)]);
  });
});
