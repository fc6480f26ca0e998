// Where a citation lands in the workspace, pure: the folder a path names in a workspace of several
// folders (then the path in each folder, in order), and the cited lines kept inside a file that
// has shrunk since the debate.
import { describe, expect, it } from 'vitest';
import { citationLocations, linesInFile } from '../../../extension/debate/citation-location';

describe('citationLocations', () => {
  it('finds nothing without a workspace folder', () => {
    expect(citationLocations('src/app.ts', [])).toEqual([]);
  });

  it('looks in the one folder of a single-folder workspace, even when the path starts with its name', () => {
    expect(citationLocations('web/src/app.ts', [{ name: 'web' }])).toEqual([{ folder: 0, segments: ['web', 'src', 'app.ts'] }]);
  });

  it('looks first in the folder the path starts with in a multi-root workspace, then in every folder', () => {
    expect(citationLocations('api/src/app.ts', [{ name: 'web' }, { name: 'api' }])).toEqual([
      { folder: 1, segments: ['src', 'app.ts'] },
      { folder: 0, segments: ['api', 'src', 'app.ts'] },
      { folder: 1, segments: ['api', 'src', 'app.ts'] },
    ]);
  });

  it('looks in every folder, in order, when the path names none of them', () => {
    expect(citationLocations('src/app.ts', [{ name: 'web' }, { name: 'api' }])).toEqual([
      { folder: 0, segments: ['src', 'app.ts'] },
      { folder: 1, segments: ['src', 'app.ts'] },
    ]);
  });

  it('takes a bare file name as a file, not a folder', () => {
    expect(citationLocations('web', [{ name: 'web' }, { name: 'api' }])).toEqual([
      { folder: 0, segments: ['web'] },
      { folder: 1, segments: ['web'] },
    ]);
  });

  it('keeps spaces in a path', () => {
    expect(citationLocations('docs/my notes.md', [{ name: 'docs' }])).toEqual([{ folder: 0, segments: ['docs', 'my notes.md'] }]);
  });
});

describe('linesInFile', () => {
  it('keeps lines the file still has', () => {
    expect(linesInFile({ path: 'a.ts', startLine: 3, endLine: 5 }, 10)).toEqual({ startLine: 3, endLine: 5, cut: false });
    expect(linesInFile({ path: 'a.ts', startLine: 10, endLine: 10 }, 10)).toEqual({ startLine: 10, endLine: 10, cut: false });
  });

  it('ends a range at the last line of a file that shrank', () => {
    expect(linesInFile({ path: 'a.ts', startLine: 8, endLine: 12 }, 10)).toEqual({ startLine: 8, endLine: 10, cut: true });
  });

  it('shows the last line when the cited lines are all gone', () => {
    expect(linesInFile({ path: 'a.ts', startLine: 20, endLine: 25 }, 10)).toEqual({ startLine: 10, endLine: 10, cut: true });
  });

  it('shows line 1 of an empty file', () => {
    expect(linesInFile({ path: 'a.ts', startLine: 2, endLine: 3 }, 0)).toEqual({ startLine: 1, endLine: 1, cut: true });
  });
});
