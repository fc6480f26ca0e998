// Model text placed in a decision record's markdown, pure. The record's structure (front
// matter, headings, the option list) is generated; what the model wrote can't pose as it:
// - one-line fields (title, option names, pros, cons, consequences) are collapsed to one line
//   with every markdown punctuation escaped (markdown.ts `inline`);
// - prose (context, justification) keeps its paragraphs, each joined to one line (no setext
//   heading or lazy continuation can form), its first character escaped when it could open a
//   block (heading, quote, list, rule, fence, table, link definition), `<` and `&` written as
//   text, so no raw HTML or character reference reaches a renderer;
// - control characters and bidi overrides are dropped (text-safety.ts).
import { inline } from '../markdown';
import { cutText, normalizeLineBreaks, stripUnsafe } from '../text-safety';

/** Characters that open a block when they start a line. */
const BLOCK_START = /^[#>\-+*=_~`|[:]/;
/** An ordered list item: "1." or "1)". */
const ORDERED_ITEM = /^(\d{1,9})([.)])/;

/** Pure: a line whose first character can't open a block. */
function noBlockStart(line: string): string {
  if (BLOCK_START.test(line)) return `\\${line}`;
  return line.replace(ORDERED_ITEM, '$1\\$2');
}

/** Pure: one line of prose that can't open a block or hold HTML. */
function proseLine(line: string): string {
  return noBlockStart(line.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
}

/** Pure: untrusted prose as markdown paragraphs, at most `most` characters in all. */
export function proseParagraphs(text: string, most: number): string[] {
  return cutText(stripUnsafe(normalizeLineBreaks(text)).trim(), most)
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .map(proseLine);
}

/** Pure: an untrusted one-line field, cut to `most` characters, or `fallback` when nothing is left. */
export function oneLineField(text: string, most: number, fallback: string): string {
  // Not a nested list either, after the list item's own "* ".
  const line = noBlockStart(inline(cutText(stripUnsafe(text).replace(/\s+/g, ' ').trim(), most)));
  return line === '' ? fallback : line;
}

/** Pure: a YAML scalar that is one safe line whatever `text` holds (a JSON string is a YAML double-quoted scalar). */
export function yamlString(text: string): string {
  return JSON.stringify(stripUnsafe(text).replace(/\s+/g, ' ').trim());
}
