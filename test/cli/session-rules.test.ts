import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureLibraryFolder, libraryFolder, shellWord } from '../../engine/cli/library-folder';
import { branchTones, replacementSpeakers } from '../../engine/cli/session-rules';
import type { SpeakerConfig } from '../../engine/types';

describe('replacementSpeakers (branch --speaker, slot by slot)', () => {
  const current: SpeakerConfig[] = [
    { name: 'Speaker 1', model: 'llama3.2:1b', tone: 'Cynic', host: 'http://gpu:11434' },
    { name: 'Ada', model: 'qwen2.5:0.5b', tone: 'Pirate', temperature: 0.3 },
  ];
  const pirate = { name: 'Pirate', prompt: 'Arr.' };

  it('replaces the given slots, keeps "-" slots and the ones not given', () => {
    expect(replacementSpeakers([null, 'llama3.2:3b:Adversary'], current, [pirate])).toEqual([
      undefined,
      { name: 'Ada', model: 'llama3.2:3b', tone: 'Adversary', temperature: 0.3 },
    ]);
    expect(replacementSpeakers(['qwen2.5:0.5b'], current, [])).toEqual([
      { name: 'Speaker 1', model: 'qwen2.5:0.5b', tone: 'Cynic', host: 'http://gpu:11434' },
    ]);
  });

  it("knows the debate's own custom tones, and a new host", () => {
    expect(replacementSpeakers(['m:pirate@http://other:1'], current, [pirate])).toEqual([
      { name: 'Speaker 1', model: 'm', tone: 'Pirate', host: 'http://other:1' },
    ]);
  });

  it('refuses more --speaker options than the debate has speakers', () => {
    expect(() => replacementSpeakers(['a', 'b', 'c'], current, [])).toThrow('this debate has 2 speakers; --speaker was given 3 times');
    expect(() => replacementSpeakers(['a'], [], [])).toThrow('this debate has 0 speakers; --speaker was given 1 time');
    expect(() => replacementSpeakers(['a', 'b'], current.slice(0, 1), [])).toThrow('this debate has 1 speaker; --speaker was given 2 times');
  });

  it("offers the tone file's tones and the recorded custom tones, not the built-in ones twice", () => {
    const tones = branchTones([{ name: 'Poet', prompt: 'Rhyme.' }], {
      speakers: [
        { name: 'a', model: 'm', tone: 'Cynic', tonePrompt: 'old cynic prompt' },
        { name: 'b', model: 'm', tone: 'Pirate', tonePrompt: 'Arr.' },
        { name: 'c', model: 'm', tone: 'poet', tonePrompt: 'ignored: the file says' },
      ],
    });
    expect(tones).toEqual([{ name: 'Poet', prompt: 'Rhyme.' }, { name: 'Pirate', prompt: 'Arr.' }]);
  });
});

describe('libraryFolder', () => {
  const io = { env: {}, platform: 'linux' as const, home: '/home/ada', cwd: '/work' };

  it('takes --library (relative to the working folder), else TALKING_MODELS_LIBRARY, else the per-user data folder', () => {
    expect(libraryFolder('lib', io)).toBe('/work/lib');
    expect(libraryFolder('/abs/lib', { ...io, env: { TALKING_MODELS_LIBRARY: '/env/lib' } })).toBe('/abs/lib');
    expect(libraryFolder(undefined, { ...io, env: { TALKING_MODELS_LIBRARY: '/env/lib' } })).toBe('/env/lib');
    expect(libraryFolder(undefined, io)).toBe('/home/ada/.local/share/talking-models');
    expect(libraryFolder(undefined, { ...io, platform: 'darwin' })).toBe('/home/ada/Library/Application Support/talking-models');
  });

  it('quotes a folder for a shell command line only when needed', () => {
    expect(shellWord('/tmp/lib-1')).toBe('/tmp/lib-1');
    expect(shellWord("/tmp/ada's lib")).toBe("'/tmp/ada'\\''s lib'");
  });
});

describe('ensureLibraryFolder', () => {
  it('creates the folder and its missing parents', () => {
    const root = mkdtempSync(join(tmpdir(), 'tm-folder-'));
    try {
      const folder = join(root, 'a', 'b', 'library');
      expect(ensureLibraryFolder(folder)).toBeNull();
      expect(statSync(folder).isDirectory()).toBe(true);
      expect(ensureLibraryFolder(folder)).toBeNull();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("says why a folder cannot be made, and returns (Node's recursive mkdir never does under /proc)", () => {
    expect(ensureLibraryFolder('/proc/talking-models/library')).toMatch(/^cannot create \/proc\/talking-models \(ENOENT\)$/);
    expect(ensureLibraryFolder('/dev/full/talking-models')).toBe('/dev/full is not a folder');
    expect(ensureLibraryFolder('/dev/full')).toBe('/dev/full is not a folder');
  });
});
