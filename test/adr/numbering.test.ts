// Where a record goes: the next number after the records in the folder, the title's slug,
// and a write that never overwrites (a name taken meanwhile moves on to the next number).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FALLBACK_SLUG, MAX_SLUG_CHARS, nextRecordNumber, recordFileName, titleSlug } from '../../engine/adr/numbering';

describe('nextRecordNumber', () => {
  it.each([
    [[], 1],
    [['0001-use-postgres.md'], 2],
    [['0001-a.md', '0003-c.md'], 4],
    [['0012-late.md', '0002-early.md', 'README.md', 'template.md'], 13],
    [['0007-draft.txt', '7-short.md', 'x0009-prefixed.md', '0005-.md', 'notes', '0004-ok.md'], 5],
    [['10000-many.md', '0001-a.md'], 10001],
  ])('after %j comes %i', (names, next) => {
    expect(nextRecordNumber(names)).toBe(next);
  });
});

describe('titleSlug and recordFileName', () => {
  it.each([
    ['Use PostgreSQL for the event store', 'use-postgresql-for-the-event-store'],
    ['  Café au lait — or tea?!  ', 'cafe-au-lait-or-tea'],
    ['C++ vs. Rust (2026)', 'c-vs-rust-2026'],
    ['Использовать PostgreSQL', 'postgresql'],
    ['使用哪个数据库', FALLBACK_SLUG],
    ['---', FALLBACK_SLUG],
    ['../../etc/passwd', 'etc-passwd'],
  ])('%j becomes %j', (title, slug) => {
    expect(titleSlug(title)).toBe(slug);
  });

  it('cuts a long title at a word, within the limit; a single overlong word is cut inside', () => {
    const slug = titleSlug('adopt a monorepo with shared tooling for every service and every library we maintain today');
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_CHARS);
    expect(slug).toBe('adopt-a-monorepo-with-shared-tooling-for-every-service-and');
    expect(titleSlug('x'.repeat(100))).toBe('x'.repeat(MAX_SLUG_CHARS));
  });

  it('pads the number to four digits', () => {
    expect(recordFileName(4, 'Use Postgres')).toBe('0004-use-postgres.md');
    expect(recordFileName(12345, 'Tea')).toBe('12345-tea.md');
  });
});

describe('writeDecisionRecord', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tm-adr-'));
  });
  afterEach(() => {
    vi.doUnmock('node:fs');
    vi.resetModules();
    rmSync(folder, { recursive: true, force: true });
  });

  it('creates the folder, numbers after the records there (gaps kept), never touches them', async () => {
    const { writeDecisionRecord } = await import('../../engine/adr/write-record');
    const decisions = join(folder, 'docs', 'decisions');
    expect(await writeDecisionRecord(decisions, 'First', 'one\n')).toBe(join(decisions, '0001-first.md'));
    writeFileSync(join(decisions, '0003-third.md'), 'three\n');
    expect(await writeDecisionRecord(decisions, 'Next one', 'four\n')).toBe(join(decisions, '0004-next-one.md'));
    expect(readdirSync(decisions).sort()).toEqual(['0001-first.md', '0003-third.md', '0004-next-one.md']);
    expect(readFileSync(join(decisions, '0003-third.md'), 'utf8')).toBe('three\n');
    expect(readFileSync(join(decisions, '0004-next-one.md'), 'utf8')).toBe('four\n');
  });

  it('when another writer takes the name first, takes the next number instead of overwriting', async () => {
    // The race: the folder is listed, then another writer creates that very name before this write.
    vi.doMock('node:fs', async () => {
      const real = await vi.importActual<typeof import('node:fs')>('node:fs');
      let raced = false;
      return {
        ...real,
        writeFileSync: (...args: Parameters<typeof real.writeFileSync>) => {
          if (!raced && String(args[0]).endsWith('0002-tea.md')) {
            raced = true;
            real.writeFileSync(args[0], 'the other writer\n');
          }
          return real.writeFileSync(...args);
        },
      };
    });
    vi.resetModules();
    const { writeDecisionRecord } = await import('../../engine/adr/write-record');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '0001-coffee.md'), 'one\n');
    expect(await writeDecisionRecord(folder, 'Tea', 'mine\n')).toBe(join(folder, '0003-tea.md'));
    expect(readFileSync(join(folder, '0002-tea.md'), 'utf8')).toBe('the other writer\n');
    expect(readFileSync(join(folder, '0003-tea.md'), 'utf8')).toBe('mine\n');
  });

  it('says why when the folder is a file', async () => {
    const { writeDecisionRecord } = await import('../../engine/adr/write-record');
    const file = join(folder, 'not-a-folder');
    writeFileSync(file, '');
    await expect(writeDecisionRecord(file, 'Tea', 'x')).rejects.toThrow(/EEXIST|ENOTDIR/);
  });
});

describe('writeDecisionRecord after a failed write', () => {
  afterEach(() => {
    vi.doUnmock('node:fs');
    vi.resetModules();
  });

  it('removes the file it began (a full disk midway) and keeps the records there', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tm-adr-full-'));
    try {
      vi.doMock('node:fs', async () => {
        const real = await vi.importActual<typeof import('node:fs')>('node:fs');
        return {
          ...real,
          writeFileSync: (...args: Parameters<typeof real.writeFileSync>) => {
            // The file is created, part of it written, then the disk is full.
            real.writeFileSync(args[0], 'half');
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          },
        };
      });
      vi.resetModules();
      const { writeDecisionRecord } = await import('../../engine/adr/write-record');
      writeFileSync(join(folder, '0001-coffee.md'), 'one\n');
      await expect(writeDecisionRecord(folder, 'Tea', 'mine\n')).rejects.toThrow(/ENOSPC/);
      expect(readdirSync(folder)).toEqual(['0001-coffee.md']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('placeDecisionRecord (any file system)', () => {
  /** A folder in memory; `othersTake` names another writer creates just before this one tries them. */
  function memoryFolder(existing: string[], othersTake: string[] = []) {
    const files = new Map(existing.map((name) => [name, 'theirs']));
    const tried: string[] = [];
    return {
      files,
      tried,
      folder: {
        names: async () => [...files.keys()],
        createNew: async (name: string, content: string) => {
          tried.push(name);
          if (othersTake.includes(name)) files.set(name, 'the other writer');
          if (files.has(name)) return 'taken' as const;
          files.set(name, content);
          return 'created' as const;
        },
      },
    };
  }

  it.each([
    [[], [], '0001-tea.md'],
    [['0001-a.md', '0004-d.md', 'README.md'], [], '0005-tea.md'],
    [['0001-a.md'], ['0002-tea.md'], '0003-tea.md'],
    [['0001-a.md'], ['0002-tea.md', '0003-tea.md'], '0004-tea.md'],
  ])('with %j there and %j taken meanwhile, writes %s', async (existing, othersTake, expected) => {
    const { placeDecisionRecord } = await import('../../engine/adr/place-record');
    const memory = memoryFolder(existing, othersTake);
    expect(await placeDecisionRecord(memory.folder, 'Tea', 'mine')).toBe(expected);
    expect(memory.files.get(expected)).toBe('mine');
    for (const name of existing) expect(memory.files.get(name)).toBe('theirs');
    for (const name of othersTake) expect(memory.files.get(name)).toBe('the other writer');
  });

  it('gives up, writing nothing, when other writers take every number it tries', async () => {
    const { MAX_PLACEMENT_ATTEMPTS, placeDecisionRecord } = await import('../../engine/adr/place-record');
    const taken = Array.from({ length: 50 }, (_, index) => `${String(index + 1).padStart(4, '0')}-tea.md`);
    const memory = memoryFolder([], taken);
    await expect(placeDecisionRecord(memory.folder, 'Tea', 'mine')).rejects.toThrow(/other writers took every record number/);
    expect(memory.tried).toHaveLength(MAX_PLACEMENT_ATTEMPTS);
    expect([...memory.files.values()]).not.toContain('mine');
  });
});
