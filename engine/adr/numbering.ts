// Where a new decision record goes, pure: the number after the highest `NNNN-*.md` already in
// the folder (gaps are kept, never filled: a number may be referenced elsewhere), and the
// file name `NNNN-title-slug.md`.

/** A record's file name: four digits or more, a dash, a name, `.md`. */
const RECORD_NAME = /^(\d{4,})-.+\.md$/;

/** Most characters of a slug. */
export const MAX_SLUG_CHARS = 60;
/** The slug of a title with no Latin letters or digits left. */
export const FALLBACK_SLUG = 'decision';

/** Pure: the next record number after the files `names` (1 for a folder without records). */
export function nextRecordNumber(names: readonly string[]): number {
  let highest = 0;
  for (const name of names) {
    const number = RECORD_NAME.exec(name)?.[1];
    if (number !== undefined) highest = Math.max(highest, Number(number));
  }
  return highest + 1;
}

/** Pure: lowercase ASCII words joined by dashes, accents dropped, cut at a word where it can be. */
export function titleSlug(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  let slug = '';
  for (const word of words) {
    const longer = slug === '' ? word : `${slug}-${word}`;
    if (longer.length > MAX_SLUG_CHARS) {
      if (slug === '') slug = word.slice(0, MAX_SLUG_CHARS);
      break;
    }
    slug = longer;
  }
  return slug === '' ? FALLBACK_SLUG : slug;
}

/** Pure: `0004-use-postgres.md`. */
export function recordFileName(number: number, title: string): string {
  return `${String(number).padStart(4, '0')}-${titleSlug(title)}.md`;
}
