// Which citations of a debate's material may be opened (the webview's links, and the host's own
// check of every `open-citation`): ranges in and out of the material, lines past an excerpt, a
// diff's hunks, and hostile paths, which are refused even when the material itself holds them.
import { describe, expect, it } from 'vitest';
import type { DebateMaterial } from '../../../engine/types';
import { citationPathProblem, citationRefusal, openableCitations, type CitationTarget } from '../../../extension/contract/citation-rules';

// Two hunks: new lines 10-12 (11 added), then 41 (a line removed before it).
const DIFF = '--- a/lib/util.ts\n+++ b/lib/util.ts\n@@ -10,2 +10,3 @@\n start();\n+middle();\n end();\n@@ -40,2 +41,1 @@\n-dead();\n last();\n';

const MATERIAL: DebateMaterial = {
  excerpts: [
    { path: 'src/app.ts', startLine: 2, endLine: 5, text: 'a\nb\nc\nd' },
    { path: 'docs/my notes.md', startLine: 1, endLine: 2, text: 'x\ny' },
  ],
  diff: { kind: 'working-tree', text: DIFF },
};

const target = (path: string, startLine: number, endLine = startLine): CitationTarget => ({ path, startLine, endLine });

describe('citationRefusal', () => {
  it.each([
    ['a line of an excerpt', target('src/app.ts', 3)],
    ['a range inside an excerpt', target('src/app.ts', 3, 5)],
    ['the whole excerpt', target('src/app.ts', 2, 5)],
    ['a path with spaces the material holds', target('docs/my notes.md', 2)],
    ['an added line of the diff', target('lib/util.ts', 11)],
    ['a context line of the diff', target('lib/util.ts', 10, 12)],
    ['the second hunk\'s new line', target('lib/util.ts', 41)],
  ])('opens %s', (_case, cited) => {
    expect(citationRefusal(cited, MATERIAL)).toBeNull();
  });

  it.each([
    ['lines before the excerpt', target('src/app.ts', 1), 'src/app.ts:1-1 is not in this debate\'s material'],
    ['lines past the excerpt', target('src/app.ts', 6), 'src/app.ts:6-6 is not in this debate\'s material'],
    ['a range running past the excerpt', target('src/app.ts', 4, 9), 'src/app.ts:4-9 is not in this debate\'s material'],
    ['a file not in the material', target('src/other.ts', 3), 'src/other.ts:3-3 is not in this debate\'s material'],
    ['a path with spaces the material lacks', target('docs/other notes.md', 1), 'docs/other notes.md:1-1 is not in this debate\'s material'],
    ['diff lines between hunks', target('lib/util.ts', 20), 'lib/util.ts:20-20 is not in this debate\'s material'],
    ['a range over two hunks', target('lib/util.ts', 11, 41), 'lib/util.ts:11-41 is not in this debate\'s material'],
    ['a reversed range', target('src/app.ts', 4, 3), '"src/app.ts" can\'t be opened: lines 4-3 are not a range of lines'],
    ['line 0', target('src/app.ts', 0), '"src/app.ts" can\'t be opened: lines 0-0 are not a range of lines'],
  ])('refuses %s', (_case, cited, why) => {
    expect(citationRefusal(cited, MATERIAL)).toBe(why);
  });

  it('opens nothing of a debate without material', () => {
    expect(citationRefusal(target('src/app.ts', 3), undefined)).toBe('src/app.ts:3-3 is not in this debate\'s material');
  });

  // The material may hold such paths (the CLI labels a file outside the working folder `../x`): still never opened.
  const hostile: DebateMaterial = {
    excerpts: ['../x.ts', '/etc/passwd', 'C:/Windows/win.ini', 'C:\\Windows\\win.ini', 'http://a', 'src/../../x.ts', './src/app.ts', 'src//app.ts', '\\\\server\\share\\a.ts', 'a\u0000b.ts']
      .map((path) => ({ path, startLine: 1, endLine: 1, text: 'x' })),
  };

  it.each([
    ['a parent folder', '../x.ts', 'it steps out of the workspace (..)'],
    ['a parent folder further in', 'src/../../x.ts', 'it steps out of the workspace (..)'],
    ['an absolute path', '/etc/passwd', 'it is an absolute path'],
    ['a Windows drive', 'C:/Windows/win.ini', 'it starts with a drive letter'],
    ['a Windows drive with backslashes', 'C:\\Windows\\win.ini', 'it starts with a drive letter'],
    ['a UNC path', '\\\\server\\share\\a.ts', 'it is an absolute path'],
    ['a URL', 'http://a', 'it holds a colon (a URL or a drive)'],
    ['a backslash', 'src\\app.ts', 'it holds a backslash'],
    ['a leading ./', './src/app.ts', 'it is not in the form the material uses (an empty or "." segment)'],
    ['a doubled slash', 'src//app.ts', 'it is not in the form the material uses (an empty or "." segment)'],
    ['a control character', 'a\u0000b.ts', 'it holds control characters'],
    ['nothing', ' ', 'it is empty'],
  ])('refuses %s, even when the material names it', (_case, path, why) => {
    expect(citationPathProblem(path)).toBe(why);
    expect(citationRefusal(target(path, 1), hostile)).toBe(`${JSON.stringify(path)} can't be opened: ${why}`);
  });

  it('refuses a URL-like citation with its port taken for a line', () => {
    expect(citationRefusal(target('http://a', 1), MATERIAL)).toBe('"http://a" can\'t be opened: it holds a colon (a URL or a drive)');
  });
});

describe('openableCitations', () => {
  it('finds the citations inside the material only, where they are in the text', () => {
    const text = 'See src/app.ts:3-4, src/app.ts:9, lib/util.ts:11 and other.ts:1.';
    expect(openableCitations(text, MATERIAL).map(({ path, startLine, endLine, start, end }) => [path, startLine, endLine, text.slice(start, end)])).toEqual([
      ['src/app.ts', 3, 4, 'src/app.ts:3-4'],
      ['lib/util.ts', 11, 11, 'lib/util.ts:11'],
    ]);
  });

  it('leaves a citation of material outside the workspace, and one inside a URL, as written', () => {
    const outside: DebateMaterial = { excerpts: [{ path: '../lib/x.ts', startLine: 1, endLine: 3, text: 'a\nb\nc' }, { path: 'src/app.ts', startLine: 1, endLine: 3, text: 'a\nb\nc' }] };
    expect(openableCitations('In ../lib/x.ts:2 and http://host/src/app.ts:2 and C:\\src\\app.ts:2', outside)).toEqual([]);
  });

  it('finds none without material', () => {
    expect(openableCitations('src/app.ts:3', undefined)).toEqual([]);
  });
});
