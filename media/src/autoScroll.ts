// Keeps the page pinned to the newest text while the reader is at the bottom; the
// page is the panel's one scroll area, the transcript its end. Scrolling up pauses
// that (so a reader is never yanked away), and so does opening something higher up
// (`hold`); reaching the bottom again, or "Jump to latest", resumes it.

/** Within this many pixels of the end counts as "at the bottom" (sub-pixel rounding, a last line half in view). */
const BOTTOM_SLACK_PX = 32;

export class AutoScroll {
  private following = true;

  constructor(
    private readonly page: Document,
    private readonly jumpButton: HTMLButtonElement,
  ) {
    page.addEventListener('scroll', () => {
      this.following = this.distanceFromBottom() <= BOTTOM_SLACK_PX;
      this.updateJumpButton();
    }, { passive: true });
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
