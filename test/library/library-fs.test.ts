import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs, readTextIfExists, systemReason, writeFileAtomic } from '../../engine/library/library-fs';
import { faultyFs, systemError, tempFolder } from './fixtures';

describe('library file helpers', () => {
  it('writeFileAtomic replaces the file whole and leaves no temporary file', () => {
    const folder = tempFolder();
    const path = join(folder, 'x.json');
    writeFileSync(path, 'old');
    writeFileAtomic(nodeFs, path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(folder)).toEqual(['x.json']);
  });

  it('a failed rename keeps the old file and removes the temporary one', () => {
    const folder = tempFolder();
    const path = join(folder, 'x.json');
    writeFileSync(path, 'old');
    const fsys = faultyFs((operation) => (operation === 'renameSync' ? systemError('EIO', 'i/o error', path) : null));
    expect(() => writeFileAtomic(fsys, path, 'new')).toThrow(/EIO/);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(folder)).toEqual(['x.json']);
  });

  it('readTextIfExists: null only for a missing file', () => {
    const folder = tempFolder();
    expect(readTextIfExists(nodeFs, join(folder, 'none'))).toBeNull();
    expect(() => readTextIfExists(nodeFs, folder)).toThrow(/EISDIR/);
  });

  it('systemReason puts common codes in words and keeps other messages', () => {
    expect(systemReason(systemError('ENOSPC', 'no space left on device', '/x'))).toBe('the disk is full (ENOSPC)');
    expect(systemReason(systemError('EROFS', 'read-only file system', '/x'))).toBe('the file system is read-only (EROFS)');
    expect(systemReason(systemError('EWEIRD', 'odd', '/x'))).toBe('EWEIRD: odd, /x');
    expect(systemReason('plain')).toBe('plain');
  });
});
