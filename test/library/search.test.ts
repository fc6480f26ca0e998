import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DebateLibrary } from '../../engine/library/library';
import { TextCache, queryPattern, snippetAround, textHit } from '../../engine/library/search';
import { sampleMeta, tempFolder } from './fixtures';

const A = '20261201-100000-aaaaaa';
const B = '20261201-110000-bbbbbb';
const C = '20261201-113000-cccccc';

const LONG_TEXT =
  'Mustard is a condiment, and condiments do not define sandwiches. ' +
  'What defines a sandwich is the bread: two slices, or one hinged roll, around a filling. ' +
  'By that rule the hot dog qualifies, though no vendor in Chicago would ever agree with it.';

/** A library of three debates whose turn texts are held in memory; readText counts its calls per id. */
function setUp() {
  const folder = tempFolder();
  const lib = new DebateLibrary(folder, { now: () => new Date('2026-12-01T12:00:00Z'), hostname: 'desk' });
  lib.create(sampleMeta(A, { topic: 'Is cereal a soup?' }));
  lib.create(sampleMeta(B, { topic: 'Is a hot dog a sandwich?', title: 'Hot dogs' }));
  lib.create(sampleMeta(C, { topic: 'Tabs or spaces?', speakers: [{ name: 'Cy', model: 'gemma3:1b', tone: 'Snarky', tonePrompt: 'p' }] }));
  const texts: Record<string, string> = { [A]: 'Milk changes everything.', [B]: LONG_TEXT, [C]: 'Spaces. Always spaces.' };
  for (const id of [A, B, C]) writeFileSync(join(lib.folderOf(id), 'checkpoints.jsonl'), `${JSON.stringify({ text: texts[id] })}\n`);
  const reads: string[] = [];
  const readText = (id: string): string => {
    reads.push(id);
    return texts[id] ?? '';
  };
  return { lib, texts, reads, readText };
}

describe('DebateLibrary.search', () => {
  it('finds the topic, the title, speakers, models and tones, case-insensitively, newest first', () => {
    const { lib, readText } = setUp();
    expect(lib.search('SOUP', readText)).toEqual([{ id: A, fields: ['topic'], snippet: null }]);
    expect(lib.search('hot dog', readText)).toEqual([{ id: B, fields: ['title', 'topic', 'text'], snippet: expect.stringContaining('the hot dog qualifies') }]);
    expect(lib.search('gemma3', readText)).toEqual([{ id: C, fields: ['model'], snippet: null }]);
    expect(lib.search('snarky', readText).map((hit) => hit.id)).toEqual([C]);
    expect(lib.search('ada', readText).map((hit) => hit.id)).toEqual([B, A]);
    expect(lib.search('cynic', readText).map((hit) => hit.id)).toEqual([B, A]);
  });

  it('finds words that are only in the turns, with a snippet around the first hit', () => {
    const { lib, readText } = setUp();
    const hits = lib.search('CHICAGO', readText);
    expect(hits).toEqual([{ id: B, fields: ['text'], snippet: expect.any(String) }]);
    expect(hits[0]?.snippet).toMatch(/^….*no vendor in Chicago would ever agree with it\.$/);
    expect(lib.search('always  SPACES', readText)).toEqual([{ id: C, fields: ['text'], snippet: 'Spaces. Always spaces.' }]);
    expect(lib.search('nowhere to be found', readText)).toEqual([]);
  });

  it('reads each debate text once for two searches while checkpoints.jsonl is unchanged, again after it changes', () => {
    const { lib, reads, readText } = setUp();
    lib.search('chicago', readText);
    lib.search('milk', readText);
    expect(reads.sort()).toEqual([A, B, C]);
    appendFileSync(join(lib.folderOf(A), 'checkpoints.jsonl'), '{"more": true}\n');
    reads.length = 0;
    lib.search('milk', readText);
    expect(reads).toEqual([A]);
  });

  it('a blank query matches nothing; regex characters are literal', () => {
    const { lib, reads, readText } = setUp();
    expect(lib.search('   ', readText)).toEqual([]);
    expect(reads).toEqual([]);
    expect(lib.search('.*', readText)).toEqual([]);
    expect(lib.search('soup?', readText).map((hit) => hit.id)).toEqual([A]);
  });

  it('a readText that throws counts as no text; the other debates are still searched', () => {
    const { lib, texts } = setUp();
    const hits = lib.search('spaces', (id) => {
      if (id === B) throw new Error('damaged checkpoints');
      return texts[id] ?? '';
    });
    expect(hits.map((hit) => hit.id)).toEqual([C]);
  });

  it('damaged debates are skipped', () => {
    const { lib, readText } = setUp();
    writeFileSync(join(lib.folderOf(A), 'meta.json'), '{');
    expect(lib.search('milk', readText)).toEqual([]);
  });
});

describe('search rules', () => {
  it('queryPattern: literal, case-insensitive, any whitespace between words', () => {
    const pattern = queryPattern(' a+b  (c) ');
    expect(pattern?.test('x A+B\n\t(C) y')).toBe(true);
    expect(pattern?.test('aab (c)')).toBe(false);
    expect(queryPattern('')).toBeNull();
    // Unicode case folding keeps positions in the original text.
    const hit = textHit('Größe ÉCOLE straße', queryPattern('école') ?? /x/u);
    expect(hit).toBe('Größe ÉCOLE straße');
  });

  it('snippetAround: about 120 characters, cut at spaces, ellipses where text was left out, whitespace collapsed', () => {
    const text = `${'alpha '.repeat(40)}NEEDLE\n\n${'omega '.repeat(40)}`;
    const index = text.indexOf('NEEDLE');
    const snippet = snippetAround(text, index, 6);
    expect(snippet.startsWith('…alpha ')).toBe(true);
    expect(snippet.endsWith('omega…')).toBe(true);
    expect(snippet).toContain('alpha NEEDLE omega');
    expect(snippet.length).toBeLessThanOrEqual(124);
    expect(snippetAround('short NEEDLE text', 6, 6)).toBe('short NEEDLE text');
  });

  it('snippetAround never splits a surrogate pair', () => {
    const text = `${'😀'.repeat(100)}x${'😀'.repeat(100)}`;
    const snippet = snippetAround(text, 200, 1);
    expect(snippet).toContain('x');
    // With the u flag this class matches only lone surrogates.
    expect(/[\uD800-\uDFFF]/u.test(snippet)).toBe(false);
  });

  it('TextCache reloads on a new key and forgets debates that are gone', () => {
    const cache = new TextCache();
    let loads = 0;
    const load = () => `text ${++loads}`;
    expect(cache.get('a', 'k1', load)).toBe('text 1');
    expect(cache.get('a', 'k1', load)).toBe('text 1');
    expect(cache.get('a', 'k2', load)).toBe('text 2');
    cache.get('b', 'k1', load);
    cache.retain(new Set(['b']));
    expect(cache.size).toBe(1);
  });
});
