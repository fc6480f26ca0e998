// Keeps the page pinned to the newest text while the reader is at the bottom; the
// page is the panel's one scroll area, the transcript near its end. The reader scrolling
// away (wheel, touch, keys, the scrollbar) pauses that, so a reader is never yanked
// away, and so does opening something higher up (`hold`); reaching the bottom again, or
// "Jump to latest", resumes it. The page moving by itself (content growing or shrinking
// after the transcript, several live turns of a simultaneous round at once) never pauses
// it: the next new text pins the page to the bottom again.

/** Within this many pixels of the end counts as "at the bottom" (sub-pixel rounding, a last line half in view). */
const BOTTOM_SLACK_PX = 32;

/** How long after the reader's wheel, touch, key or pointer a scroll counts as theirs. */
const READER_SCROLL_MS = 1_000;

const READER_INPUTS = ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const;

export class AutoScroll {
  private following = true;
  /** When the reader last used a wheel, touch, key or pointer (performance.now()). */
  private readerInputAt = Number.NEGATIVE_INFINITY;
  /** A pointer is down (dragging the scrollbar, say): every scroll meanwhile is the reader's. */
  private pointerHeld = false;

  constructor(
    private readonly page: Document,
    private readonly jumpButton: HTMLButtonElement,
  ) {
    const readerInput = (): void => {
      this.readerInputAt = performance.now();
    };
    for (const type of READER_INPUTS) page.addEventListener(type, readerInput, { capture: true, passive: true });
    page.addEventListener('pointerdown', () => (this.pointerHeld = true), { capture: true, passive: true });
    for (const type of ['pointerup', 'pointercancel'] as const) page.addEventListener(type, () => (this.pointerHeld = false), { capture: true, passive: true });
    page.addEventListener('scroll', () => this.scrolled(), { passive: true });
    jumpButton.addEventListener('click', () => this.jumpToLatest());
  }

  /** Call after the transcript grew. */
  contentChanged(): void {
    if (this.following) this.scrollToEnd();
    else this.updateJumpButton();
  }

  jumpToLatest(): void {
    this.following = true;
    this.scrollToEnd();
    this.updateJumpButton();
  }

  /** The reader turned to something above the transcript: new text no longer scrolls the page. */
  hold(): void {
    this.following = false;
    this.updateJumpButton();
  }

  /** The reader's own scrolling decides: away from the bottom pauses following, back at it resumes; the page's own moves do not. */
  private scrolled(): void {
    const atBottom = this.distanceFromBottom() <= BOTTOM_SLACK_PX;
    if (atBottom) this.following = true;
    else if (this.pointerHeld || performance.now() - this.readerInputAt <= READER_SCROLL_MS) this.following = false;
    this.updateJumpButton();
  }

  private get scroller(): Element {
    return this.page.scrollingElement ?? this.page.documentElement;
  }

  private scrollToEnd(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  private distanceFromBottom(): number {
    const { scrollHeight, clientHeight, scrollTop } = this.scroller;
    return scrollHeight - clientHeight - scrollTop;
  }

  private updateJumpButton(): void {
    this.jumpButton.hidden = this.following || this.distanceFromBottom() <= BOTTOM_SLACK_PX;
  }
}
