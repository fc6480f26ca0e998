import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DebateLibrary, LibraryWriteError, displayTitle, effectiveOutcome, normalizeTitle } from '../../engine/library/library';
import { nodeFs } from '../../engine/library/library-fs';
import { acquireLock } from '../../engine/library/lock';
import { faultyFs, sampleMeta, systemError, tempFolder } from './fixtures';

const HOST = 'desk';
const NOW = new Date('2026-12-01T12:00:00.000Z');
const A = '20261201-100000-aaaaaa';
const B = '20261201-110000-bbbbbb';
const C = '20261201-113000-cccccc';
const BROKEN_JSON = '20261201-090000-dddddd';
const NEWER = '20261201-080000-eeeeee';
const RUNNING = '20261201-115000-ffffff';

function library(folder: string, isAlive: (pid: number) => boolean = () => true): DebateLibrary {
  return new DebateLibrary(folder, { now: () => NOW, isAlive, hostname: HOST });
}

describe('DebateLibrary.list', () => {
  it('lists every debate newest first, damaged ones with their reason, and shows a dead running debate as interrupted', () => {
    const folder = tempFolder();
    const lib = library(folder, (pid) => pid !== 4242);
    lib.create(sampleMeta(A));
    lib.create(sampleMeta(B, { outcome: 'stopped', stopReason: 'user' }));
    lib.create(sampleMeta(C, { outcome: 'paused', stopReason: null }));
    mkdirSync(join(folder, BROKEN_JSON));
    writeFileSync(join(folder, BROKEN_JSON, 'meta.json'), '{"schema": 1, "id": "2026');
    mkdirSync(join(folder, NEWER));
    writeFileSync(join(folder, NEWER, 'meta.json'), JSON.stringify({ ...sampleMeta(NEWER), schema: 7 }));
    // Not debates: other files and folders in the library folder are left alone.
    mkdirSync(join(folder, 'notes'));
    writeFileSync(join(folder, 'README.txt'), 'hello');
    writeFileSync(join(folder, '20261201-120000-123456'), 'a file named like an id');
    // A debate whose process died while running: its meta still says running, its lock is stale.
    lib.create(sampleMeta(RUNNING, { outcome: 'running', stopReason: null }));
    acquireLock(nodeFs, lib.folderOf(RUNNING), { pid: 4242, hostname: HOST, app: 'CLI' }, () => NOW, { isAlive: () => true });

    const entries = lib.list();
    expect(entries.map((entry) => entry.id)).toEqual([RUNNING, C, B, A, BROKEN_JSON, NEWER]);
    expect(entries[0]).toMatchObject({ ok: true, outcome: 'interrupted', lockedBy: null, meta: { outcome: 'running' } });
    expect(entries[1]).toMatchObject({ ok: true, outcome: 'paused' });
    expect(entries[2]).toMatchObject({ ok: true, outcome: 'stopped' });
    expect(entries[3]).toMatchObject({ ok: true, outcome: 'complete', parentMissing: false });
    expect(entries[4]).toMatchObject({ ok: false, problem: 'invalid-json', reason: expect.stringMatching(/^meta\.json is not valid JSON/) });
    expect(entries[5]).toMatchObject({ ok: false, problem: 'unknown-schema', reason: expect.stringMatching(/schema version 7.*newer Talking Models/) });
    // Nothing was deleted or rewritten.
    expect(readdirSync(folder).sort()).toEqual([A, B, C, BROKEN_JSON, NEWER, RUNNING, '20261201-120000-123456', 'README.txt', 'notes'].sort());
  });

  it('a running debate with a live lock stays running and says who runs it', () => {
    const lib = library(tempFolder());
    lib.create(sampleMeta(RUNNING, { outcome: 'running', stopReason: null }));
    acquireLock(nodeFs, lib.folderOf(RUNNING), { pid: 77, hostname: HOST, app: 'VS Code', label: 'proj' }, () => NOW, { isAlive: () => true });
    expect(lib.list()[0]).toMatchObject({ outcome: 'running', lockedBy: { pid: 77, app: 'VS Code', label: 'proj' } });
    expect(lib.get(RUNNING)).toMatchObject({ outcome: 'running', lockedBy: { pid: 77 } });
  });

  it('a running debate with no lock at all is interrupted', () => {
    const lib = library(tempFolder());
    lib.create(sampleMeta(RUNNING, { outcome: 'running', stopReason: null }));
    expect(lib.list()[0]).toMatchObject({ outcome: 'interrupted', lockedBy: null });
  });

  it('an absent library folder is an empty library', () => {
    expect(library(join(tempFolder(), 'not-yet')).list()).toEqual([]);
  });

  it('a debate folder without meta.json is listed as damaged', () => {
    const folder = tempFolder();
    mkdirSync(join(folder, A));
    expect(library(folder).list()).toEqual([{ id: A, ok: false, problem: 'missing', reason: 'meta.json is missing' }]);
  });

  it('get() finds one debate by id, null for no such debate or a non-id', () => {
    const lib = library(tempFolder());
    lib.create(sampleMeta(A));
    expect(lib.get(A)).toMatchObject({ id: A, ok: true });
    expect(lib.get(B)).toBeNull();
    expect(lib.get('../etc')).toBeNull();
  });
});

describe('DebateLibrary writes', () => {
  it('create makes the folder and meta.json, refusing an id that exists', () => {
    const folder = join(tempFolder(), 'deep', 'library');
    const lib = library(folder);
    expect(lib.create(sampleMeta(A))).toBe(join(folder, A));
    expect(readdirSync(join(folder, A))).toEqual(['meta.json']);
    expect(() => lib.create(sampleMeta(A, { topic: 'other' }))).toThrow(/not saved: could not write .*: it already exists \(EEXIST\)/);
    expect(lib.get(A)).toMatchObject({ meta: { topic: 'Is a hot dog a sandwich?' } });
  });

  it('a full disk on create gives a clear "not saved" error with the path and the reason, and leaves nothing behind', () => {
    const folder = tempFolder();
    // Writes go to /dev/full: the kernel's own ENOSPC.
    const fsys = faultyFs((operation) => (operation === 'writeFileSync' ? 'dev-full' : null));
    const lib = new DebateLibrary(folder, { fs: fsys, now: () => NOW });
    let thrown: unknown;
    try {
      lib.create(sampleMeta(A));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LibraryWriteError);
    const error = thrown as LibraryWriteError;
    expect(error.message).toBe(`Debate ${A} not saved: could not write ${join(folder, A, 'meta.json')}: the disk is full (ENOSPC)`);
    expect(error.code).toBe('ENOSPC');
    expect(error.path).toBe(join(folder, A, 'meta.json'));
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a library folder that cannot be made says so', () => {
    const folder = join(tempFolder(), 'library');
    const fsys = faultyFs((operation, path) => (operation === 'mkdirSync' && path === folder ? systemError('EACCES', 'permission denied', path) : null));
    expect(() => new DebateLibrary(folder, { fs: fsys }).create(sampleMeta(A))).toThrow(
      `Debate ${A} not saved: could not write ${folder}: permission denied (EACCES)`,
    );
  });

  it('updateMeta patches, keeps the identity and stamps updatedAt', () => {
    const lib = library(tempFolder());
    lib.create(sampleMeta(A, { outcome: 'running', stopReason: null, turnCount: 0 }));
    const updated = lib.updateMeta(A, { outcome: 'complete', stopReason: 'exchanges', turnCount: 6, endedAt: NOW.toISOString() });
    expect(updated).toMatchObject({ id: A, outcome: 'complete', turnCount: 6, updatedAt: NOW.toISOString(), createdAt: '2026-12-01T11:05:12.000Z' });
    expect(lib.get(A)).toMatchObject({ meta: updated });
    // Untyped callers can't change the identity either.
    const sneaky = { id: B, createdAt: 'x' } as unknown as Parameters<DebateLibrary['updateMeta']>[1];
    expect(lib.updateMeta(A, sneaky)).toMatchObject({ id: A, createdAt: '2026-12-01T11:05:12.000Z' });
  });

  it('an invalid summary is refused as such, before anything is made', () => {
    const folder = tempFolder();
    const lib = library(folder);
    expect(() => lib.create(sampleMeta(A, { exchanges: 0 }))).toThrow(/^refusing to write an invalid meta\.json: exchanges: /);
    expect(readdirSync(folder)).toEqual([]);
    lib.create(sampleMeta(A));
    expect(() => lib.updateMeta(A, { turnCount: -2 })).toThrow(/^refusing to write an invalid meta\.json: turnCount: /);
  });

  it('updateMeta of a damaged debate says why it cannot', () => {
    const folder = tempFolder();
    mkdirSync(join(folder, A));
    writeFileSync(join(folder, A, 'meta.json'), 'nope');
    expect(() => library(folder).updateMeta(A, { turnCount: 1 })).toThrow(new RegExp(`^Debate ${A} can't be updated: meta\\.json is not valid JSON`));
  });

  it('rename sets the title; blank goes back to the topic', () => {
    const lib = library(tempFolder());
    lib.create(sampleMeta(A));
    expect(lib.rename(A, '  Hot\n dogs  ').title).toBe('Hot dogs');
    expect(displayTitle(lib.rename(A, '   '))).toBe('Is a hot dog a sandwich?');
    expect(normalizeTitle(null)).toBeNull();
  });

  it('effectiveOutcome: only a running debate without a live lock changes', () => {
    expect(effectiveOutcome('running', 'held')).toBe('running');
    expect(effectiveOutcome('running', 'stale')).toBe('interrupted');
    expect(effectiveOutcome('running', 'free')).toBe('interrupted');
    expect(effectiveOutcome('paused', 'free')).toBe('paused');
    expect(effectiveOutcome('complete', 'stale')).toBe('complete');
  });
});

describe('DebateLibrary.delete and branches', () => {
  it('delete removes the folder and returns the branches, which stay with their parent marked missing', () => {
    const folder = tempFolder();
    const lib = library(folder);
    lib.create(sampleMeta(A));
    lib.create(sampleMeta(B, { parentId: A, forkedAtTurn: 2 }));
    lib.create(sampleMeta(C, { parentId: A, forkedAtTurn: 4 }));
    lib.create(sampleMeta(RUNNING, { parentId: B, forkedAtTurn: 1 }));
    expect(lib.children(A).sort()).toEqual([B, C]);
    expect(lib.children(B)).toEqual([RUNNING]);

    expect(lib.delete(A).sort()).toEqual([B, C]);
    expect(existsSync(join(folder, A))).toBe(false);
    expect(readdirSync(folder).sort()).toEqual([B, C, RUNNING].sort());
    const entries = lib.list();
    expect(entries.map((entry) => entry.id)).toEqual([RUNNING, C, B]);
    expect(entries.find((entry) => entry.id === B)).toMatchObject({ parentMissing: true, meta: { parentId: A } });
    expect(entries.find((entry) => entry.id === RUNNING)).toMatchObject({ parentMissing: false });
    expect(lib.get(C)).toMatchObject({ parentMissing: true });
    // Already gone: nothing to do, not an error.
    expect(lib.delete(A).sort()).toEqual([B, C]);
  });

  it('refuses to delete a debate another process is running', () => {
    const lib = library(tempFolder());
    lib.create(sampleMeta(A, { outcome: 'running', stopReason: null }));
    acquireLock(nodeFs, lib.folderOf(A), { pid: 55, hostname: HOST, app: 'CLI' }, () => NOW, { isAlive: () => true });
    expect(() => lib.delete(A)).toThrow(`Debate ${A} was not deleted: it is running in the CLI (pid 55) on host desk. Stop it there first.`);
    expect(lib.get(A)).not.toBeNull();
  });

  it('a delete whose removal fails has already taken the debate out of the list, and says where its files are', () => {
    const folder = tempFolder();
    const fsys = faultyFs((operation, path) =>
      operation === 'rmSync' && path.includes('.deleting-') ? systemError('EBUSY', 'resource busy or locked', path) : null,
    );
    const lib = new DebateLibrary(folder, { fs: fsys, now: () => NOW });
    lib.create(sampleMeta(A));
    expect(() => lib.delete(A)).toThrow(/is gone from the library, but its files remain in .*\.deleting-20261201-100000-aaaaaa-[0-9a-f]{6}: it is in use by another program \(EBUSY\)\. Delete that folder by hand\.$/);
    expect(lib.list()).toEqual([]);
  });
});
