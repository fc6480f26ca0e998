// What a citation link's card shows, pure (no browser): the cited lines of an excerpt or of the
// diff's new side, numbered, control characters made visible.
import { describe, expect, it } from 'vitest';
import type { DebateMaterial } from '../../engine/types';
import { citedLines } from '../../media/src/citationRules';

const MATERIAL: DebateMaterial = {
  excerpts: [
    { path: 'src/app.ts', startLine: 10, endLine: 13, text: 'ten\neleven\u001b[31m\ntwelve\u202e\nthirteen\n' },
    { path: './src/app.ts', startLine: 40, endLine: 41, text: 'forty\nforty-one' },
  ],
  diff: {
    kind: 'staged',
    text: [
      'diff --git a/lib/util.ts b/lib/util.ts',
      '--- a/lib/util.ts',
      '+++ b/lib/util.ts',
      '@@ -5,3 +5,3 @@',
      ' keep();',
      '-old();',
      '+fresh();',
      ' tail();',
      'diff --git a/lib/other.ts b/lib/other.ts',
      '--- a/lib/other.ts',
      '+++ b/lib/other.ts',
      '@@ -1,1 +1,2 @@',
      ' one',
      '+two',
    ].join('\n'),
  },
};

describe('citedLines', () => {
  it('gives exactly the cited lines of an excerpt, numbered from the excerpt\'s first line', () => {
    expect(citedLines(MATERIAL, { path: 'src/app.ts', startLine: 10, endLine: 10 })).toEqual([{ line: 10, text: 'ten' }]);
    expect(citedLines(MATERIAL, { path: 'src/app.ts', startLine: 13, endLine: 13 })).toEqual([{ line: 13, text: 'thirteen' }]);
  });

  it('shows an escape or a bidi override as a visible mark, not as what it would do', () => {
    expect(citedLines(MATERIAL, { path: 'src/app.ts', startLine: 11, endLine: 12 })).toEqual([
      { line: 11, text: 'eleven\uFFFD[31m' },
      { line: 12, text: 'twelve\uFFFD' },
    ]);
  });

  it('finds the excerpt that holds the lines, whatever form its path was written in', () => {
    expect(citedLines(MATERIAL, { path: 'src/app.ts', startLine: 40, endLine: 41 })).toEqual([{ line: 40, text: 'forty' }, { line: 41, text: 'forty-one' }]);
  });

  it('gives a diff citation\'s new lines with their numbers, added ones marked, removed ones left out', () => {
    expect(citedLines(MATERIAL, { path: 'lib/util.ts', startLine: 5, endLine: 7 })).toEqual([
      { line: 5, text: 'keep();' },
      { line: 6, text: 'fresh();', added: true },
      { line: 7, text: 'tail();' },
    ]);
  });

  it('keeps to the cited file of a diff of several files', () => {
    expect(citedLines(MATERIAL, { path: 'lib/other.ts', startLine: 1, endLine: 2 })).toEqual([{ line: 1, text: 'one' }, { line: 2, text: 'two', added: true }]);
  });

  it('gives nothing for lines the material lacks, or without material', () => {
    expect(citedLines(MATERIAL, { path: 'src/app.ts', startLine: 14, endLine: 14 })).toEqual([]);
    expect(citedLines(undefined, { path: 'src/app.ts', startLine: 10, endLine: 10 })).toEqual([]);
  });
});
