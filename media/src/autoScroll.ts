// Keeps the transcript pinned to the newest text while the reader is at the
// bottom; scrolling up pauses that (so a reader is never yanked away) and
// reaching the bottom again, or "Jump to latest", resumes it.

/** Within this many pixels of the end counts as "at the bottom" (sub-pixel rounding, a last line half in view). */
const BOTTOM_SLACK_PX = 32;

export class AutoScroll {
  private following = true;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly jumpButton: HTMLButtonElement,
  ) {
    scroller.addEventListener('scroll', () => {
      this.following = this.distanceFromBottom() <= BOTTOM_SLACK_PX;
      this.updateJumpButton();
    }, { passive: true });
    jumpButton.addEventListener('click', () => this.jumpToLatest());
  }

  /** Call after the transcript grew. */
  contentChanged(): void {
    if (this.following) this.scroller.scrollTop = this.scroller.scrollHeight;
    else this.updateJumpButton();
  }

  jumpToLatest(): void {
    this.following = true;
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.updateJumpButton();
  }

  private distanceFromBottom(): number {
    return this.scroller.scrollHeight - this.scroller.clientHeight - this.scroller.scrollTop;
  }

  private updateJumpButton(): void {
    this.jumpButton.hidden = this.following || this.distanceFromBottom() <= BOTTOM_SLACK_PX;
  }
}
