// When the Ollama status bar item shows and when it asks Ollama again. It shows while a
// debate panel or the side-bar Debate view is open. It lists the models when it appears,
// when a debate panel or the view opens or gets the focus, every 30 s while the window has
// the focus (not while it is in the background), when the host setting changes, and it
// takes every listing the model catalog broadcasts (after a pull). One listing at a time
// counts: an older answer arriving late never overwrites a newer one.
// No VS Code import: status-bar.ts wires it to the item, the panels and the catalog.
import { errorMessage, type Logger } from '../log';
import type { ModelListing } from '../models/model-catalog';
import type { Scheduler } from '../scheduler';
import { statusView, type OllamaStatus, type StatusAction, type StatusView } from './status-rules';

/** How often the item asks Ollama again while it shows in a focused window. */
export const STATUS_REFRESH_MS = 30_000;

/** The status bar item. */
export interface StatusDisplay {
  show(view: StatusView): void;
  hide(): void;
}

/** What happened to the debate panels and the side-bar view. */
export type DebatesChange = 'opened' | 'focused' | 'closed';

export interface StatusMonitorServices {
  /** Lists the models of the configured host (the model catalog's `list`). */
  list(): Promise<ModelListing>;
  display: StatusDisplay;
  scheduler: Scheduler;
  log: Logger;
}

export class OllamaStatusMonitor {
  private status: OllamaStatus = { kind: 'checking' };
  private shown = false;
  private windowFocused = true;
  /** The number of the newest listing asked for; only its answer is shown. */
  private latest = 0;
  private timer: unknown = null;
  private disposed = false;

  constructor(private readonly services: StatusMonitorServices) {}

  /** What a click on the item does now. */
  get action(): StatusAction {
    return statusView(this.status).action;
  }

  /** Debate panels or the view opened, got the focus or closed; `anyOpen`: whether one is open now. */
  debatesChanged(anyOpen: boolean, change: DebatesChange): void {
    if (this.disposed) return;
    if (!anyOpen) {
      this.hide();
      return;
    }
    const appearing = !this.shown;
    this.shown = true;
    if (appearing) this.services.display.show(statusView(this.status));
    if (appearing || change !== 'closed') this.refresh();
  }

  /** The window gained or lost the focus: no polling in the background, a fresh listing on return. */
  windowFocusChanged(focused: boolean): void {
    if (this.disposed || focused === this.windowFocused) return;
    this.windowFocused = focused;
    if (focused) this.refresh();
    else this.cancelTimer();
  }

  /** The host setting changed: the models are another server's now. */
  hostChanged(): void {
    this.refresh();
  }

  /** A listing made elsewhere (the catalog's broadcast after a pull): newer than any on its way. */
  listed(listing: ModelListing): void {
    if (this.disposed) return;
    this.latest += 1;
    this.apply(listing);
    this.scheduleNext();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private refresh(): void {
    if (this.disposed || !this.shown) return;
    this.cancelTimer();
    const ticket = ++this.latest;
    this.services.list().then(
      (listing) => {
        if (ticket !== this.latest || this.disposed) return;
        this.apply(listing);
        this.scheduleNext();
      },
      (error: unknown) => this.services.log.error(`Could not ask Ollama for the status bar: ${errorMessage(error)}`),
    );
  }

  private apply(listing: ModelListing): void {
    this.status = { kind: 'listed', listing };
    if (this.shown) this.services.display.show(statusView(this.status));
  }

  private scheduleNext(): void {
    this.cancelTimer();
    if (!this.shown || !this.windowFocused || this.disposed) return;
    this.timer = this.services.scheduler.setTimeout(() => {
      this.timer = null;
      this.refresh();
    }, STATUS_REFRESH_MS);
  }

  private hide(): void {
    if (!this.shown) return;
    this.shown = false;
    // A listing still on its way is not shown once the item is gone.
    this.latest += 1;
    this.cancelTimer();
    this.services.display.hide();
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    this.services.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }
}
