import { describe, expect, it } from 'vitest';
import { findCitations } from '../../engine/citations';
import { citationHref, linkCitations } from '../../engine/material/material-markdown';
import type { DebateMaterial } from '../../engine/material/material';

const MATERIAL: DebateMaterial = {
  excerpts: [
    { path: 'src/a.ts', startLine: 10, endLine: 20, text: Array.from({ length: 11 }, (_, i) => `l${i + 10}`).join('\n') },
    { path: 'lib/my-file.v2.test.js', startLine: 1, endLine: 3, text: 'a\nb\nc' },
    { path: 'Makefile', startLine: 1, endLine: 2, text: 'all:\n\techo' },
  ],
  diff: {
    kind: 'working-tree',
    text: 'diff --git a/b.py b/b.py\nindex 1..2 100644\n--- a/b.py\n+++ b/b.py\n@@ -5,3 +5,4 @@ def f():\n ctx5\n-old6\n+new6\n+new7\n ctx8\n',
  },
};

const found = (text: string) => findCitations(text, MATERIAL).map(({ path, startLine, endLine, inMaterial }) => ({ path, startLine, endLine, inMaterial }));

describe('findCitations', () => {
  it('finds lines and ranges, in or out of an excerpt', () => {
    expect(found('See src/a.ts:12, src/a.ts:10-20 and src/a.ts:9-12 or src/a.ts:21.')).toEqual([
      { path: 'src/a.ts', startLine: 12, endLine: 12, inMaterial: true },
      { path: 'src/a.ts', startLine: 10, endLine: 20, inMaterial: true },
      { path: 'src/a.ts', startLine: 9, endLine: 12, inMaterial: false },
      { path: 'src/a.ts', startLine: 21, endLine: 21, inMaterial: false },
    ]);
  });

  it('gives the exact span, also inside backticks and next to punctuation', () => {
    const text = 'As (`src/a.ts:11`), "src/a.ts:12"; src/a.ts:13!';
    const spans = findCitations(text, MATERIAL);
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual(['src/a.ts:11', 'src/a.ts:12', 'src/a.ts:13']);
    expect(spans.every((span) => span.inMaterial)).toBe(true);
  });

  it('handles paths with dots and dashes, and a bare file name only when the material has it', () => {
    expect(found('lib/my-file.v2.test.js:2 Makefile:1 Speaker:1 line:3')).toEqual([
      { path: 'lib/my-file.v2.test.js', startLine: 2, endLine: 2, inMaterial: true },
      { path: 'Makefile', startLine: 1, endLine: 1, inMaterial: true },
    ]);
  });

  it('normalises Windows-style and ./ paths', () => {
    expect(found('src\\a.ts:15 and ./src/a.ts:16')).toEqual([
      { path: 'src/a.ts', startLine: 15, endLine: 15, inMaterial: true },
      { path: 'src/a.ts', startLine: 16, endLine: 16, inMaterial: true },
    ]);
    expect(found('C:\\repo\\src\\a.ts:12')[0]).toMatchObject({ path: 'C:/repo/src/a.ts', inMaterial: false });
  });

  it('never counts line 0, a reversed range or a number past the safe integers', () => {
    expect(found('src/a.ts:0 src/a.ts:20-12 src/a.ts:99999999999999999999 src/a.ts:12-99999999999999999999').map((c) => c.inMaterial)).toEqual([false, false, false, false]);
  });

  it('skips URLs, times and line:column pairs', () => {
    expect(found('https://example.com/src/a.ts:12 http://host:8080/x at 10:30, src/a.ts:12:5')).toEqual([]);
  });

  it('counts a citation of the diff only inside a hunk\'s new lines', () => {
    expect(found('b.py:6 b.py:5-8 b.py:8 b.py:9 b.py:4-6').map((c) => c.inMaterial)).toEqual([true, true, true, false, false]);
  });

  it('finds overlapping-looking neighbours as separate citations', () => {
    expect(found('src/a.ts:11-12,src/a.ts:12-13').map((c) => [c.startLine, c.endLine])).toEqual([[11, 12], [12, 13]]);
  });

  it('finds nothing in the material without any', () => {
    expect(findCitations('src/a.ts:12', undefined)[0]?.inMaterial).toBe(false);
  });
});

describe('linkCitations', () => {
  it('links in-material citations relative to the export folder, leaves the others plain', () => {
    expect(linkCitations('See src/a.ts:12 and src/a.ts:30.', MATERIAL, '..')).toBe('See [src/a.ts:12](../src/a.ts#L12) and src/a.ts:30.');
    expect(linkCitations('src/a.ts:12-14', MATERIAL)).toBe('[src/a.ts:12-14](src/a.ts#L12-L14)');
  });

  it('wraps a code span that is exactly the citation, leaves citations inside longer code and fences alone', () => {
    expect(linkCitations('see `src/a.ts:12`', MATERIAL)).toBe('see [`src/a.ts:12`](src/a.ts#L12)');
    expect(linkCitations('`x = src/a.ts:12`', MATERIAL)).toBe('`x = src/a.ts:12`');
    expect(linkCitations('```\nsrc/a.ts:12\n```\nsrc/a.ts:13', MATERIAL)).toBe('```\nsrc/a.ts:12\n```\n[src/a.ts:13](src/a.ts#L13)');
  });

  it('escapes the link text and encodes the target, so a path cannot forge markup', () => {
    const material: DebateMaterial = { excerpts: [{ path: 'my_dir/a_b.ts', startLine: 1, endLine: 1, text: 'x' }] };
    expect(linkCitations('my_dir/a_b.ts:1', material)).toBe('[my\\_dir/a\\_b.ts:1](my_dir/a_b.ts#L1)');
    expect(citationHref('a b/(x).ts', 3, 5, '../docs')).toBe('../docs/a%20b/%28x%29.ts#L3-L5');
    expect(citationHref('src/a.ts', 7, 7, '.')).toBe('src/a.ts#L7');
  });

  it('changes nothing without material', () => {
    expect(linkCitations('src/a.ts:12', undefined)).toBe('src/a.ts:12');
  });
});
