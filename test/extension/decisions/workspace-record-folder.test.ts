// Writing a decision record through workspace.fs (the `vscode` module replaced by a file
// system in memory, shaped as VS Code's): the folder made, the number after the records
// there, never an existing record replaced (another writer taking the name between the
// listing and the write moves on to the next number), and a failed write (a full disk, a
// refused rename) leaving nothing behind: no record, no draft.
import { posix } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Uri as VsUri } from 'vscode';

const fake = vi.hoisted(() => {
  class Uri {
    constructor(readonly scheme: string, readonly path: string) {}
    get fsPath(): string {
      return this.path;
    }
    toString(): string {
      return `${this.scheme}://${this.path}`;
    }
  }
  class FileSystemError extends Error {
    constructor(message: string, readonly code: string) {
      super(message);
    }
  }
  const files = new Map<string, string>();
  const folders = new Set<string>();
  /** Runs before each writeFile (after nothing else): a test's other writer, or a full disk. */
  const hooks: { beforeWrite?: (path: string, text: string) => void; rename?: (from: string, to: string) => void } = {};
  const parent = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';
  const notFound = (path: string) => new FileSystemError(`${path} not found`, 'FileNotFound');
  const fs = {
    stat: async (uri: Uri) => {
      if (files.has(uri.path)) return { type: 1 };
      if (folders.has(uri.path)) return { type: 2 };
      throw notFound(uri.path);
    },
    readDirectory: async (uri: Uri) => {
      if (!folders.has(uri.path)) throw notFound(uri.path);
      return [...files.keys()].filter((path) => parent(path) === uri.path).map((path) => [path.slice(uri.path.length + 1), 1] as [string, number]);
    },
    createDirectory: async (uri: Uri) => {
      for (let path = uri.path; path !== '/'; path = parent(path)) folders.add(path);
    },
    writeFile: async (uri: Uri, content: Uint8Array) => {
      if (!folders.has(parent(uri.path))) throw notFound(parent(uri.path));
      const text = new TextDecoder().decode(content);
      hooks.beforeWrite?.(uri.path, text);
      files.set(uri.path, text);
    },
    rename: async (from: Uri, to: Uri, options: { overwrite: boolean }) => {
      hooks.rename?.(from.path, to.path);
      if (!options.overwrite && files.has(to.path)) throw new FileSystemError(`${to.path} exists`, 'FileExists');
      const text = files.get(from.path);
      if (text === undefined) throw notFound(from.path);
      files.set(to.path, text);
      files.delete(from.path);
    },
    delete: async (uri: Uri) => {
      if (!files.delete(uri.path)) throw notFound(uri.path);
    },
  };
  const vscode = {
    Uri: {
      joinPath: (base: Uri, ...segments: string[]) => new Uri(base.scheme, [base.path, ...segments].join('/').replace(/\/+/g, '/')),
      file: (path: string) => new Uri('file', path),
    },
    FileSystemError,
    workspace: { fs },
  };
  return { vscode, files, folders, hooks, Uri };
});

vi.mock('vscode', () => fake.vscode);

const { writeRecordInWorkspace } = await import('../../../extension/decisions/workspace-record-folder');

const FOLDER = '/work/app/docs/decisions';
const folderUri = (): VsUri => fake.vscode.Uri.file(FOLDER) as unknown as VsUri;

/** The folder's files by name. */
function listing(): Record<string, string> {
  return Object.fromEntries([...fake.files].filter(([path]) => posix.dirname(path) === FOLDER).map(([path, text]) => [posix.basename(path), text]));
}

function holdRecords(...names: string[]): void {
  fake.folders.add('/work');
  fake.folders.add('/work/app');
  fake.folders.add('/work/app/docs');
  fake.folders.add(FOLDER);
  for (const name of names) fake.files.set(`${FOLDER}/${name}`, `the record ${name}`);
}

beforeEach(() => {
  fake.files.clear();
  fake.folders.clear();
  delete fake.hooks.beforeWrite;
  delete fake.hooks.rename;
});

describe('writeRecordInWorkspace', () => {
  it('makes the folder and writes record 0001 there, whole', async () => {
    const written = await writeRecordInWorkspace(folderUri(), 'Use Postgres', '# Use Postgres\n');
    expect(written.path).toBe(`${FOLDER}/0001-use-postgres.md`);
    expect(listing()).toEqual({ '0001-use-postgres.md': '# Use Postgres\n' });
  });

  it('numbers after the records there, gaps kept, and touches none of them', async () => {
    holdRecords('0001-tabs.md', '0003-spaces.md', 'README.md', 'template.md');
    const written = await writeRecordInWorkspace(folderUri(), 'Tea or coffee', 'mine');
    expect(written.path).toBe(`${FOLDER}/0004-tea-or-coffee.md`);
    expect(listing()).toEqual({
      '0001-tabs.md': 'the record 0001-tabs.md',
      '0003-spaces.md': 'the record 0003-spaces.md',
      'README.md': 'the record README.md',
      'template.md': 'the record template.md',
      '0004-tea-or-coffee.md': 'mine',
    });
  });

  it('when another writer takes the number between the listing and the rename, takes the next one instead of replacing it', async () => {
    holdRecords('0001-tabs.md');
    let raced = false;
    fake.hooks.beforeWrite = () => {
      if (raced) return;
      raced = true;
      fake.files.set(`${FOLDER}/0002-theirs.md`, 'the other writer');
      fake.files.set(`${FOLDER}/0002-tea.md`, 'the other writer');
    };
    const written = await writeRecordInWorkspace(folderUri(), 'Tea', 'mine');
    expect(written.path).toBe(`${FOLDER}/0003-tea.md`);
    expect(listing()).toEqual({ '0001-tabs.md': 'the record 0001-tabs.md', '0002-theirs.md': 'the other writer', '0002-tea.md': 'the other writer', '0003-tea.md': 'mine' });
  });

  it('on a file system whose rename says nothing of "exists", a name found taken still moves on', async () => {
    holdRecords('0001-tabs.md');
    fake.hooks.rename = (_from, to) => {
      if (to.endsWith('0002-tea.md')) {
        fake.files.set(to, 'the other writer');
        throw new Error('EPERM: operation not permitted, rename');
      }
    };
    const written = await writeRecordInWorkspace(folderUri(), 'Tea', 'mine');
    expect(written.path).toBe(`${FOLDER}/0003-tea.md`);
    expect(listing()).toEqual({ '0001-tabs.md': 'the record 0001-tabs.md', '0002-tea.md': 'the other writer', '0003-tea.md': 'mine' });
  });

  it('never writes over a record the listing missed (a name already there is found before writing)', async () => {
    holdRecords();
    fake.files.set(`${FOLDER}/0001-tea.md`, 'theirs');
    const read = fake.vscode.workspace.fs.readDirectory;
    fake.vscode.workspace.fs.readDirectory = async () => [];
    try {
      const written = await writeRecordInWorkspace(folderUri(), 'Tea', 'mine');
      expect(written.path).toBe(`${FOLDER}/0002-tea.md`);
      expect(fake.files.get(`${FOLDER}/0001-tea.md`)).toBe('theirs');
    } finally {
      fake.vscode.workspace.fs.readDirectory = read;
    }
  });

  it.each([
    ['a full disk midway through the write', 'beforeWrite' as const, 'ENOSPC: no space left on device'],
    ['a rename refused', 'rename' as const, 'EACCES: permission denied, rename'],
  ])('%s: the error, and nothing left behind (no record, no draft)', async (_what, hook, message) => {
    holdRecords('0001-tabs.md');
    if (hook === 'beforeWrite') {
      fake.hooks.beforeWrite = (path, text) => {
        fake.files.set(path, text.slice(0, 2));
        throw new Error(message);
      };
    } else {
      fake.hooks.rename = () => {
        throw new Error(message);
      };
    }
    await expect(writeRecordInWorkspace(folderUri(), 'Tea', 'mine')).rejects.toThrow(message);
    expect(listing()).toEqual({ '0001-tabs.md': 'the record 0001-tabs.md' });
  });

  it('a folder that is a file: the file system\'s error, nothing written', async () => {
    fake.folders.add('/work');
    fake.folders.add('/work/app');
    fake.files.set('/work/app/docs', 'a file named docs');
    const create = fake.vscode.workspace.fs.createDirectory;
    fake.vscode.workspace.fs.createDirectory = async () => {
      throw new fake.vscode.FileSystemError('Unable to create folder: a file of that name exists', 'FileExists');
    };
    try {
      await expect(writeRecordInWorkspace(folderUri(), 'Tea', 'mine')).rejects.toThrow('a file of that name exists');
      expect([...fake.files.keys()]).toEqual(['/work/app/docs']);
    } finally {
      fake.vscode.workspace.fs.createDirectory = create;
    }
  });
});
