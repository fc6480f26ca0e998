// Untrusted text (a reply, a moderator's words, a judge's rationale) written into the chat as
// it streams, as a blockquote: every line starts with "> ", a blank line stays in the quote
// (">"), and the quote ends with a blank line of ours, where whatever the text opened (a fence,
// a list) ends too, so nothing it says can reach the turn headings around it. Inside the quote
// it keeps its markdown (emphasis, lists, code) but can't make a heading: a "#" that starts a
// line is escaped, and so are the "=" and "-" runs that would underline the line above into
// one (setext), except inside fenced code, which is shown as written. Pure; one per turn.
import { stripUnsafe } from '../../engine/text-safety';

/** Where the writer is in the current line. */
type LinePosition =
  /** Nothing of the line written yet (its "> " comes with its first character). */
  | 'start'
  /** Only spaces or tabs so far: a block marker may still come. */
  | 'indent'
  /** A "-" held back until the next character says whether it could underline a heading. */
  | 'dash'
  /** A run of "`" or "~" at the line's start, counted: three or more open or close a fence. */
  | 'fence-run'
  | 'body';

const MIN_FENCE = 3;

export class QuotedStream {
  private position: LinePosition = 'start';
  /** The fence the text is inside ("```", "~~~~"…), or null. */
  private fence: { char: string; length: number } | null = null;
  /** The run of fence characters at the start of the current line. */
  private run = { char: '', length: 0, followed: false };

  /** The last piece ended with a CR: a LF starting the next one is the same line break. */
  private afterCarriageReturn = false;

  /** The markdown for the next piece of text. */
  write(text: string): string {
    let out = '';
    for (const char of stripUnsafe(text.replace(/\r(?!\n)/g, '\n'))) {
      const sameBreak = this.afterCarriageReturn && char === '\n';
      this.afterCarriageReturn = false;
      if (!sameBreak) out += this.character(char);
    }
    // stripUnsafe drops a CR; a CR ending this piece (its LF may come next) was turned into a LF above.
    this.afterCarriageReturn = text.endsWith('\r');
    return out;
  }

  /** Ends the quote: what was held back, then the blank line that closes it (and anything it opened). */
  close(): string {
    const held = this.position === 'dash' ? '\\-' : '';
    const ending = this.position === 'start' ? '\n' : '\n\n';
    this.endLine();
    this.fence = null;
    return `${held}${ending}`;
  }

  private character(char: string): string {
    if (char === '\n') {
      const out = `${this.position === 'start' ? '>' : this.position === 'dash' ? '\\-' : ''}\n`;
      this.endLine();
      return out;
    }
    const prefix = this.position === 'start' ? '> ' : '';
    return prefix + this.inLine(char);
  }

  private inLine(char: string): string {
    switch (this.position) {
      case 'start':
      case 'indent':
        return this.lineOpening(char);
      case 'dash':
        // "- item" is a list; "--", or a lone "-", could underline the line above into a heading.
        this.position = 'body';
        return char === ' ' || char === '\t' ? `-${char}` : `\\-${char}`;
      case 'fence-run':
        if (char === this.run.char && !this.run.followed) {
          this.run.length += 1;
          return char;
        }
        // An info string ("```ts") may follow an opening fence; a closing one has none.
        if (char !== ' ' && char !== '\t') this.run.followed = true;
        return char;
      case 'body':
        return char;
      default: {
        const unexpected: never = this.position;
        throw new Error(`Unknown line position ${String(unexpected)}`);
      }
    }
  }

  /** The first characters of a line, where markdown reads block markers. */
  private lineOpening(char: string): string {
    if (char === ' ' || char === '\t') {
      this.position = 'indent';
      return char;
    }
    if (char === '`' || char === '~') {
      this.position = 'fence-run';
      this.run = { char, length: 1, followed: false };
      return char;
    }
    this.position = 'body';
    if (this.fence !== null) return char;
    if (char === '#' || char === '=') return `\\${char}`;
    if (char === '-') {
      this.position = 'dash';
      return '';
    }
    return char;
  }

  /** A line ended: a run of three or more fence characters opened a fence, or closed the one open. */
  private endLine(): void {
    const { char, length, followed } = this.run;
    if (length >= MIN_FENCE) {
      if (this.fence === null) this.fence = { char, length };
      else if (this.fence.char === char && length >= this.fence.length && !followed) this.fence = null;
    }
    this.run = { char: '', length: 0, followed: false };
    this.position = 'start';
  }
}
