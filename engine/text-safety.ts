// Text that models, servers, files and people wrote is untrusted wherever it is shown. These
// are the characters that must never reach a terminal or an exported file raw: C0 controls
// other than tab and line feed (ESC starts escape sequences, BEL rings, CR overwrites a line),
// DEL, the C1 controls (U+0080-U+009F: CSI, OSC... in 8-bit form) and the bidirectional
// overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder what a reader sees
// ("Trojan Source"). Plain marks (U+200E/U+200F) are kept: right-to-left text needs them.

const UNSAFE_RANGES = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';

/** One of the unsafe characters (global). */
export const UNSAFE_CHARACTERS = new RegExp(`[${UNSAFE_RANGES}]`, 'g');

/** Whether a code point is one of the unsafe characters (for character references like `&#x202E;`). */
export function isUnsafeCodePoint(codePoint: number): boolean {
  return codePoint <= 0x10ffff && ONE_UNSAFE.test(String.fromCodePoint(codePoint));
}

const ONE_UNSAFE = new RegExp(`^[${UNSAFE_RANGES}]$`);

/** Drops every unsafe character; tabs and line feeds stay. */
export function stripUnsafe(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, '');
}

/** CRLF and a lone CR become LF, as markdown reads them (a lone CR is a line ending there). */
export function normalizeLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** A password in a URL, replaced for display: `http://user:***@host:11434`. Anything that is not a URL is returned unchanged. */
export function withoutPassword(address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return address.replace(/(\/\/[^/@:\s]*:)[^/@\s]*@/, '$1***@');
  }
  if (url.password === '') return address;
  url.password = '***';
  // URL percent-encodes the asterisks; put them back so the mask reads as one.
  return url.toString().replace('%2A%2A%2A@', '***@').replace(/\/$/, address.endsWith('/') ? '/' : '');
}

/** Text cut to `most` characters (code points), with an ellipsis saying so. */
export function cutText(text: string, most: number): string {
  if (text.length <= most) return text;
  const characters: string[] = [];
  for (const character of text) {
    characters.push(character);
    if (characters.length > most) return `${characters.slice(0, most - 1).join('')}…`;
  }
  return text;
}
