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
    expect(writeDecisionRecord(decisions, 'First', 'one\n')).toBe(join(decisions, '0001-first.md'));
    writeFileSync(join(decisions, '0003-third.md'), 'three\n');
    expect(writeDecisionRecord(decisions, 'Next one', 'four\n')).toBe(join(decisions, '0004-next-one.md'));
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
    expect(writeDecisionRecord(folder, 'Tea', 'mine\n')).toBe(join(folder, '0003-tea.md'));
    expect(readFileSync(join(folder, '0002-tea.md'), 'utf8')).toBe('the other writer\n');
    expect(readFileSync(join(folder, '0003-tea.md'), 'utf8')).toBe('mine\n');
  });

  it('says why when the folder is a file', async () => {
    const { writeDecisionRecord } = await import('../../engine/adr/write-record');
    const file = join(folder, 'not-a-folder');
    writeFileSync(file, '');
    expect(() => writeDecisionRecord(file, 'Tea', 'x')).toThrow(/EEXIST|ENOTDIR/);
  });
});
