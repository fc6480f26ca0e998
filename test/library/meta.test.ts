import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../../engine/library/library-fs';
import { readMeta, serializeMeta, writeMeta } from '../../engine/library/meta';
import { faultyFs, sampleMeta, systemError, tempFolder } from './fixtures';

const ID = '20261201-110512-a3f9c2';

function debateDir(): string {
  const folder = join(tempFolder(), ID);
  mkdirSync(folder);
  return folder;
}

describe('meta.json', () => {
  it('round-trips, branch fields included', () => {
    const folder = debateDir();
    const meta = sampleMeta(ID, { title: 'Sandwiches', parentId: '20261130-090000-000001', forkedAtTurn: 2, outcome: 'paused', stopReason: null });
    writeMeta(nodeFs, folder, meta);
    expect(readMeta(nodeFs, folder)).toEqual({ ok: true, meta });
    // Readable by a person, and nothing left beside it.
    expect(readFileSync(join(folder, 'meta.json'), 'utf8')).toMatch(/^\{\n {2}"schema": 1,\n/);
    expect(readdirSync(folder)).toEqual(['meta.json']);
  });

  it('keeps fields it does not know (a newer version within schema 1) through a rewrite', () => {
    const folder = debateDir();
    writeFileSync(join(folder, 'meta.json'), JSON.stringify({ ...sampleMeta(ID), pinned: true }));
    const read = readMeta(nodeFs, folder);
    if (!read.ok) throw new Error(read.reason);
    writeMeta(nodeFs, folder, { ...read.meta, title: 'x' });
    expect(JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8'))).toMatchObject({ pinned: true, title: 'x' });
  });

  it('missing', () => {
    expect(readMeta(nodeFs, debateDir())).toEqual({ ok: false, problem: 'missing', reason: 'meta.json is missing' });
  });

  it('invalid JSON (a torn write from an old version, or a hand edit)', () => {
    const folder = debateDir();
    writeFileSync(join(folder, 'meta.json'), '{"schema": 1, "id": "');
    const read = readMeta(nodeFs, folder);
    expect(read).toMatchObject({ ok: false, problem: 'invalid-json' });
    expect(!read.ok && read.reason).toMatch(/^meta\.json is not valid JSON \(.+\)$/);
  });

  it('a newer schema version says to update', () => {
    const folder = debateDir();
    writeFileSync(join(folder, 'meta.json'), JSON.stringify({ ...sampleMeta(ID), schema: 2 }));
    expect(readMeta(nodeFs, folder)).toEqual({
      ok: false,
      problem: 'unknown-schema',
      reason: 'meta.json has schema version 2: it was written by a newer Talking Models (this one reads version 1); update Talking Models to open it',
    });
  });

  it('no schema version at all', () => {
    const folder = debateDir();
    const { schema, ...rest } = sampleMeta(ID);
    void schema;
    writeFileSync(join(folder, 'meta.json'), JSON.stringify(rest));
    expect(readMeta(nodeFs, folder)).toMatchObject({ ok: false, problem: 'unknown-schema', reason: 'meta.json has no known schema version (found none)' });
  });

  it('wrong shape names the field', () => {
    const folder = debateDir();
    const meta = sampleMeta(ID);
    writeFileSync(join(folder, 'meta.json'), JSON.stringify({ ...meta, speakers: [{ ...meta.speakers[0], model: 7 }] }));
    const read = readMeta(nodeFs, folder);
    expect(read).toMatchObject({ ok: false, problem: 'invalid' });
    expect(!read.ok && read.reason).toMatch(/^meta\.json: speakers\[0\]\.model: .*expected string/);

    writeFileSync(join(folder, 'meta.json'), JSON.stringify({ ...meta, outcome: 'exploded' }));
    expect(readMeta(nodeFs, folder)).toMatchObject({ ok: false, reason: expect.stringMatching(/^meta\.json: outcome: /) });

    writeFileSync(join(folder, 'meta.json'), '[1, 2]');
    expect(readMeta(nodeFs, folder)).toMatchObject({ ok: false, problem: 'invalid', reason: 'meta.json does not hold a debate summary (expected an object)' });
  });

  it('an id that is not its folder name (a copied folder) is damage, not a second debate with the same id', () => {
    const folder = debateDir();
    writeFileSync(join(folder, 'meta.json'), JSON.stringify(sampleMeta('20261201-110512-000000')));
    expect(readMeta(nodeFs, folder)).toEqual({
      ok: false,
      problem: 'invalid',
      reason: `meta.json names debate 20261201-110512-000000, but its folder is ${ID}`,
    });
  });

  it('an unreadable file gives the system reason', () => {
    const fsys = faultyFs((operation) => (operation === 'readFileSync' ? systemError('EACCES', 'permission denied', 'meta.json') : null));
    expect(readMeta(fsys, debateDir())).toEqual({ ok: false, problem: 'unreadable', reason: 'meta.json could not be read: permission denied (EACCES)' });
  });

  it('a failed write (disk full) leaves the previous meta.json whole and no temporary file', () => {
    const folder = debateDir();
    writeMeta(nodeFs, folder, sampleMeta(ID));
    const fsys = faultyFs((operation) => (operation === 'writeFileSync' ? 'dev-full' : null));
    expect(() => writeMeta(fsys, folder, sampleMeta(ID, { title: 'new' }))).toThrow(expect.objectContaining({ code: 'ENOSPC' }));
    expect(readMeta(nodeFs, folder)).toMatchObject({ ok: true, meta: { title: null } });
    expect(readdirSync(folder)).toEqual(['meta.json']);
  });

  it('refuses to write an invalid summary', () => {
    expect(() => serializeMeta({ ...sampleMeta(ID), turnCount: -1 })).toThrow(/refusing to write an invalid meta\.json: turnCount/);
  });
});
