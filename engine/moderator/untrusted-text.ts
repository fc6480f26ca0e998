// The moderator's words are model output, shown in the transcript and sent to every later
// speaker: unsafe characters go (text-safety.ts), and length is capped at a word boundary so a
// runaway answer can't flood the debate.
import { normalizeLineBreaks, stripUnsafe } from '../text-safety';

/** A cut nearer the start than this share of the limit would lose too much: cut mid-word instead. */
const LEAST_SHARE_KEPT = 0.5;

/** Pure: `text` cut to at most `most` characters (code points), at a word where one is near, with an ellipsis saying so. */
export function cutAtWord(text: string, most: number): string {
  const characters = Array.from(text);
  if (characters.length <= most) return text;
  const head = characters.slice(0, Math.max(0, most - 1)).join('');
  const lastSpace = head.search(/\s\S*$/);
  const atWord = lastSpace >= head.length * LEAST_SHARE_KEPT ? head.slice(0, lastSpace) : head;
  return `${atWord.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}

/** Pure: text in paragraphs (a framing, a summary): safe characters, LF line breaks, no run of blank lines, capped. */
export function cleanParagraphs(text: string, most: number): string {
  const safe = stripUnsafe(normalizeLineBreaks(text))
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return cutAtWord(safe, most);
}

/** Pure: text on one line (a reason): safe characters, any whitespace run a single space, capped. */
export function cleanLine(text: string, most: number): string {
  return cutAtWord(stripUnsafe(normalizeLineBreaks(text)).replace(/\s+/g, ' ').trim(), most);
}

/** Pure: whether the text shows anything once made safe. */
export function saysSomething(text: string): boolean {
  return stripUnsafe(text).trim() !== '';
}
