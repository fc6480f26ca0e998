// The rules of library search, kept pure: how a query matches, which summary fields it is
// looked for in, the snippet shown around a hit, and the cache of turn texts (which live in
// the checkpoints and are costly to read back, so a repeated search reads them only when the
// checkpoints file has changed).
import type { DebateMeta } from './meta';

export type SearchField = 'title' | 'topic' | 'speaker' | 'model' | 'tone' | 'text';

export interface SearchHit {
  id: string;
  /** Where the query was found, in this order. */
  fields: SearchField[];
  /** A short excerpt around the first hit in the turns' text; null when only the summary matched. */
  snippet: string | null;
}

/**
 * The query as a case-insensitive pattern, or null when it is blank. Whitespace in the query
 * matches any run of whitespace (a phrase split over a line break is still found); everything
 * else is literal. The `u` flag folds case by Unicode rules and keeps match positions in the
 * original text, so the snippet can be cut from it (lowercasing a copy would not: some
 * characters change length when lowercased).
 */
export function queryPattern(query: string): RegExp | null {
  const words = query.trim().split(/\s+/u).filter((word) => word !== '');
  if (words.length === 0) return null;
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
  return new RegExp(escaped.join('\\s+'), 'iu');
}

/** The summary fields of `meta` in which `pattern` occurs. The title is the displayed name, so it is searched as shown. */
export function matchingMetaFields(meta: DebateMeta, pattern: RegExp): SearchField[] {
  const fields: SearchField[] = [];
  if (meta.title !== null && pattern.test(meta.title)) fields.push('title');
  if (pattern.test(meta.topic)) fields.push('topic');
  if (meta.speakers.some((speaker) => pattern.test(speaker.name))) fields.push('speaker');
  if (meta.speakers.some((speaker) => pattern.test(speaker.model))) fields.push('model');
  if (meta.speakers.some((speaker) => pattern.test(speaker.tone))) fields.push('tone');
  return fields;
}

const ELLIPSIS = '…';

/**
 * About `width` characters of `text` around the match at [index, index + length): a third
 * before it, the rest after, cut at spaces where one is near, whitespace runs shown as one
 * space, an ellipsis where text was left out. Never splits a surrogate pair.
 */
export function snippetAround(text: string, index: number, length: number, width = 120): string {
  const before = Math.floor(Math.max(0, width - length) / 3);
  let start = Math.max(0, index - before);
  let end = Math.min(text.length, Math.max(index + length, start + width));
  // Prefer whole words at the cut, if a space is close enough not to lose much context.
  if (start > 0) {
    const space = text.slice(start, index).search(/\s/u);
    if (space >= 0 && space < 20) start += space + 1;
  }
  if (end < text.length) {
    const tail = text.slice(index + length, end);
    const space = tail.search(/\s\S*$/u);
    if (space >= 0 && tail.length - space < 20) end = index + length + space;
  }
  if (isLowSurrogate(text.charCodeAt(start))) start += 1;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end -= 1;
  const body = text.slice(start, end).replace(/\s+/gu, ' ').trim();
  return `${start > 0 ? ELLIPSIS : ''}${body}${end < text.length ? ELLIPSIS : ''}`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The first match of `pattern` in `text` with its snippet, or null. */
export function textHit(text: string, pattern: RegExp): string | null {
  const match = pattern.exec(text);
  return match === null ? null : snippetAround(text, match.index, match[0].length);
}

/**
 * Turn texts by debate id, each valid while its key (the checkpoints file's size and mtime)
 * is unchanged. Entries of debates that are gone are dropped by `retain`.
 */
export class TextCache {
  private readonly entries = new Map<string, { key: string; text: string }>();

  /** The cached text if `key` still matches, else `load()`'s (then cached). */
  get(id: string, key: string, load: () => string): string {
    const cached = this.entries.get(id);
    if (cached !== undefined && cached.key === key) return cached.text;
    const text = load();
    this.entries.set(id, { key, text });
    return text;
  }

  /** Forgets every id not in `ids`. */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.entries.keys()) if (!ids.has(id)) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
