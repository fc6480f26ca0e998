import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { debateFolder, defaultLibraryFolder } from '../../engine/library/paths';

describe('defaultLibraryFolder', () => {
  it('uses TALKING_MODELS_LIBRARY on every platform when it is set', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(defaultLibraryFolder({ TALKING_MODELS_LIBRARY: '/data/debates', XDG_DATA_HOME: '/x' }, platform, '/home/ada')).toBe('/data/debates');
    }
  });

  it('ignores a blank TALKING_MODELS_LIBRARY', () => {
    expect(defaultLibraryFolder({ TALKING_MODELS_LIBRARY: '  ' }, 'linux', '/home/ada')).toBe('/home/ada/.local/share/talking-models');
  });

  it('Linux: $XDG_DATA_HOME/talking-models, else ~/.local/share/talking-models', () => {
    expect(defaultLibraryFolder({ XDG_DATA_HOME: '/srv/data' }, 'linux', '/home/ada')).toBe('/srv/data/talking-models');
    expect(defaultLibraryFolder({}, 'linux', '/home/ada')).toBe('/home/ada/.local/share/talking-models');
  });

  it('Linux: a relative XDG_DATA_HOME is invalid (XDG spec) and ignored', () => {
    expect(defaultLibraryFolder({ XDG_DATA_HOME: 'data' }, 'linux', '/home/ada')).toBe('/home/ada/.local/share/talking-models');
  });

  it('other Unix platforms follow the Linux rule', () => {
    expect(defaultLibraryFolder({}, 'freebsd', '/usr/home/ada')).toBe('/usr/home/ada/.local/share/talking-models');
  });

  it('macOS: ~/Library/Application Support/talking-models, whatever XDG says', () => {
    expect(defaultLibraryFolder({ XDG_DATA_HOME: '/x' }, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/talking-models');
  });

  it('Windows: %LOCALAPPDATA%\\talking-models, else ~\\AppData\\Local\\talking-models', () => {
    expect(defaultLibraryFolder({ LOCALAPPDATA: 'C:\\Users\\Ada\\AppData\\Local' }, 'win32', 'C:\\Users\\Ada')).toBe(
      'C:\\Users\\Ada\\AppData\\Local\\talking-models',
    );
    expect(defaultLibraryFolder({}, 'win32', 'C:\\Users\\Ada')).toBe('C:\\Users\\Ada\\AppData\\Local\\talking-models');
  });
});

describe('debateFolder', () => {
  it('is the id under the library', () => {
    expect(debateFolder('/lib', '20261201-110512-a3f9c2')).toBe(join('/lib', '20261201-110512-a3f9c2'));
  });

  it('refuses anything that is not a debate id, so no path can escape the library', () => {
    for (const bad of ['..', '../etc', '20261201-110512-a3f9c2/../../x', '', 'a/b', '20261201-110512-A3F9C2']) {
      expect(() => debateFolder('/lib', bad)).toThrow(/not a debate id/);
    }
  });
});
