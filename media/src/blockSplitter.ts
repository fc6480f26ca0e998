// Streaming markdown arrives a few characters at a time. Re-parsing a whole turn
// on every frame would cost more as the turn grows, so the live turn is cut into
// blocks that can no longer change: the text before a blank line, once the next
// line starts in column 0 outside a code fence. Those blocks are rendered once;
// only the unfinished tail is re-rendered per frame. (A finished turn is rendered
// again as a whole, which fixes the few constructs that span blank lines, such as
// loose lists and reference links.)

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const BLANK = /^[ \t]*$/;

interface Fence {
  marker: '`' | '~';
  length: number;
}

function closesFence(line: string, fence: Fence): boolean {
  const match = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return match !== null && match[1]![0] === fence.marker && match[1]!.length >= fence.length;
}

/** Tracks one append-only text; `advance` reports how much of it is settled. Pure and incremental (each character is scanned once). */
export class BlockSplitter {
  /** Start of the first line not yet scanned (always a line start). */
  private scanned = 0;
  private fence: Fence | null = null;
  private afterBlankLine = false;
  private settledLength = 0;

  /** `text` must extend the text given last time. Returns the length of its settled prefix. */
  advance(text: string): number {
    let newline = text.indexOf('\n', this.scanned);
    while (newline !== -1) {
      this.scanLine(text.slice(this.scanned, newline), this.scanned);
      this.scanned = newline + 1;
      newline = text.indexOf('\n', this.scanned);
    }
    return this.settledLength;
  }

  private scanLine(line: string, start: number): void {
    if (this.fence !== null) {
      if (closesFence(line, this.fence)) this.fence = null;
      return;
    }
    if (BLANK.test(line)) {
      this.afterBlankLine = true;
      return;
    }
    // An indented line after a blank line may continue a list item or start indented code: not a safe cut.
    if (this.afterBlankLine && !/^[ \t]/.test(line)) this.settledLength = start;
    this.afterBlankLine = false;
    const open = FENCE_OPEN.exec(line);
    if (open !== null) this.fence = { marker: open[1]![0] as Fence['marker'], length: open[1]!.length };
  }
}
