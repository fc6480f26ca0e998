// "Import Personas…" and "Export Personas…" driven through a fake UI (dialogs, files, the user
// settings): every conflict asked about in turn, what is written to the user settings, the
// summary said; and each failure (a file that can't be read, is not a persona file, a setting
// that can't be written, a file that can't be written, nothing to export) said with what to do.
import { describe, expect, it, vi } from 'vitest';
import { parsePersonaFile, serializePersonaFile } from '../../../engine/personas/persona-file';
import type { PersonaConflict } from '../../../engine/personas/persona-library';
import { exportPersonas, importPersonas, type PersonaUi } from '../../../extension/personas/persona-commands';
import type { ConflictResolution } from '../../../extension/personas/persona-import';
import { personaLibrary } from '../../../extension/personas/persona-settings';
import { filePersonas, MINE_ENTRIES } from './fixtures';

function fakeLog() {
  return { info: vi.fn<(message: string) => void>(), warn: vi.fn<(message: string) => void>(), error: vi.fn<(message: string) => void>() };
}

interface FakeUi extends PersonaUi<string> {
  files: Map<string, string>;
  settings: { personas: unknown; customTones: unknown };
  infos: string[];
  errors: string[];
  asked: { name: string; index: number; count: number }[];
}

function fakeUi(options: {
  pick?: string;
  save?: string;
  answers?: (ConflictResolution | undefined)[];
  personas?: unknown;
  customTones?: unknown;
  failWrite?: boolean;
  failSetting?: boolean;
}): FakeUi {
  const answers = [...(options.answers ?? [])];
  const ui: FakeUi = {
    files: new Map(),
    settings: { personas: options.personas, customTones: options.customTones },
    infos: [],
    errors: [],
    asked: [],
    askImportFile: async () => options.pick,
    askExportFile: async () => options.save,
    readFile: async (location) => {
      const text = ui.files.get(location);
      if (text === undefined) throw new Error('ENOENT: no such file');
      return text;
    },
    writeFile: async (location, text) => {
      if (options.failWrite === true) throw new Error('EACCES: permission denied');
      ui.files.set(location, text);
    },
    describe: (location) => location,
    askConflict: async (conflict: PersonaConflict, position) => {
      ui.asked.push({ name: conflict.name, ...position });
      return answers.shift();
    },
    userPersonas: () => ui.settings.personas,
    userCustomTones: () => ui.settings.customTones,
    writeUserPersonas: async (value) => {
      if (options.failSetting === true) throw new Error('settings.json has errors');
      ui.settings.personas = value;
    },
    effectivePersonas: () => personaLibrary(ui.settings.customTones, ui.settings.personas).personas,
    info: async (message) => void ui.infos.push(message),
    error: async (message) => void ui.errors.push(message),
  };
  return ui;
}

const FILE = '/home/ada/personas.json';
const mineEntries = MINE_ENTRIES;
const theirs = filePersonas('Be stern with everyone.');

describe('importPersonas', () => {
  it('asks about each conflict in turn and writes what was chosen to the user settings, then sums it up', async () => {
    const ui = fakeUi({ pick: FILE, personas: mineEntries, answers: ['theirs', 'both'] });
    ui.files.set(FILE, serializePersonaFile(theirs));
    const log = fakeLog();
    const outcome = await importPersonas(ui, log);
    expect(ui.asked).toEqual([{ name: 'Economist', index: 0, count: 2 }, { name: 'Nurse', index: 1, count: 2 }]);
    expect(ui.settings.personas).toEqual([
      { name: 'Economist', tone: 'Speak with stories.', stance: 'against' },
      { name: 'Nurse', tone: 'Be kind to everyone.' },
      // serializePersonaFile sorts by name: Judge before Nurse.
      { name: 'Judge', tone: 'Weigh both sides.', stance: 'neutral' },
      { name: 'Nurse (2)', tone: 'Be stern with everyone.' },
    ]);
    expect(outcome).toEqual({ kind: 'imported', summary: 'Added 2 personas: "Judge", "Nurse (2)". Replaced: "Economist".' });
    expect(ui.infos).toEqual([outcome.kind === 'imported' ? outcome.summary : '']);
    expect(log.info).toHaveBeenCalledWith(expect.stringContaining(`Imported personas from ${FILE}`));
  });

  it('keeps mine when asked to, writing only the new persona', async () => {
    const ui = fakeUi({ pick: FILE, personas: mineEntries, answers: ['mine', 'mine'] });
    ui.files.set(FILE, serializePersonaFile(theirs));
    await importPersonas(ui, fakeLog());
    expect(ui.settings.personas).toEqual([...mineEntries, { name: 'Judge', tone: 'Weigh both sides.', stance: 'neutral' }]);
    expect(ui.infos[0]).toContain('Kept yours, which differ from the file\'s: "Economist", "Nurse".');
  });

  it('writes nothing when a conflict question is dismissed, and says so', async () => {
    const ui = fakeUi({ pick: FILE, personas: mineEntries, answers: ['theirs', undefined] });
    ui.files.set(FILE, serializePersonaFile(theirs));
    expect(await importPersonas(ui, fakeLog())).toEqual({ kind: 'cancelled' });
    expect(ui.settings.personas).toBe(mineEntries);
    expect(ui.infos).toEqual(['Import cancelled: your personas are unchanged.']);
  });

  it('does nothing when the open dialog is cancelled', async () => {
    const ui = fakeUi({ personas: mineEntries });
    expect(await importPersonas(ui, fakeLog())).toEqual({ kind: 'cancelled' });
    expect(ui.infos).toEqual([]);
    expect(ui.errors).toEqual([]);
  });

  it('writes nothing when every persona is already there', async () => {
    const ui = fakeUi({ pick: FILE, personas: mineEntries });
    ui.files.set(FILE, serializePersonaFile(personaLibrary([], mineEntries).personas));
    const writes = vi.spyOn(ui, 'writeUserPersonas');
    await importPersonas(ui, fakeLog());
    expect(writes).not.toHaveBeenCalled();
    expect(ui.infos).toEqual(['No new personas. Already there: "Economist", "Nurse".']);
  });

  const broken: [string, string | undefined, RegExp][] = [
    ['a file that is missing', undefined, /Could not read \/home\/ada\/personas\.json: ENOENT: no such file\. Check that the file exists/],
    ['a file that is not JSON', '{"talkingModelsPersonas": 1, ', /is not a persona file Talking Models can import: not valid JSON/],
    ['a file of a newer version', '{"talkingModelsPersonas": 9, "personas": []}', /written by a newer Talking Models .* update Talking Models to import it/],
    ['a file with a bad entry', '{"talkingModelsPersonas": 1, "personas": [{"name": "A", "prompt": "x", "stance": "maybe"}]}', /personas\[0\] \("A"\)\.stance/],
  ];
  for (const [what, text, message] of broken) {
    it(`says what is wrong with ${what}, logs it, and leaves the settings alone`, async () => {
      const ui = fakeUi({ pick: FILE, personas: mineEntries });
      if (text !== undefined) ui.files.set(FILE, text);
      const log = fakeLog();
      const outcome = await importPersonas(ui, log);
      expect(outcome.kind).toBe('failed');
      expect(ui.errors).toHaveLength(1);
      expect(ui.errors[0]).toMatch(message);
      expect(log.warn).toHaveBeenCalledWith(ui.errors[0]);
      expect(ui.settings.personas).toBe(mineEntries);
    });
  }

  it('says so when the user settings can\'t be written', async () => {
    const ui = fakeUi({ pick: FILE, personas: [], failSetting: true });
    ui.files.set(FILE, serializePersonaFile(theirs));
    const outcome = await importPersonas(ui, fakeLog());
    expect(outcome.kind).toBe('failed');
    expect(ui.errors[0]).toMatch(/Could not save the imported personas in your user settings: settings\.json has errors\. Check that settings\.json is valid JSON/);
  });
});

describe('exportPersonas', () => {
  it('writes the personas in effect to the chosen file, which imports back as the same personas', async () => {
    const ui = fakeUi({ save: '/tmp/out.json', personas: mineEntries });
    const outcome = await exportPersonas(ui, fakeLog());
    expect(outcome).toEqual({ kind: 'exported', count: 2, location: '/tmp/out.json' });
    const parsed = parsePersonaFile(ui.files.get('/tmp/out.json') ?? '');
    expect(parsed).toEqual({ ok: true, personas: [...personaLibrary([], mineEntries).personas] });
    expect(ui.infos).toEqual(['Exported 2 personas to /tmp/out.json.']);
  });

  it('says there is nothing to export, and how to get personas, without a dialog', async () => {
    const ui = fakeUi({ save: '/tmp/out.json', personas: [] });
    const ask = vi.spyOn(ui, 'askExportFile');
    expect((await exportPersonas(ui, fakeLog())).kind).toBe('failed');
    expect(ask).not.toHaveBeenCalled();
    expect(ui.infos[0]).toMatch(/No personas to export: add some to the talkingModels\.personas setting, or import a persona file/);
  });

  it('says what to do when the file can\'t be written', async () => {
    const ui = fakeUi({ save: '/proc/out.json', personas: mineEntries, failWrite: true });
    const log = fakeLog();
    expect((await exportPersonas(ui, log)).kind).toBe('failed');
    expect(ui.errors[0]).toBe('Could not write /proc/out.json: EACCES: permission denied. Choose a folder you can write to and export again.');
    expect(log.warn).toHaveBeenCalled();
  });

  it('does nothing when the save dialog is cancelled', async () => {
    const ui = fakeUi({ personas: mineEntries });
    expect(await exportPersonas(ui, fakeLog())).toEqual({ kind: 'cancelled' });
    expect(ui.files.size).toBe(0);
  });
});
