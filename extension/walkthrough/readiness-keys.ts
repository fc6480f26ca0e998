// The context keys the walkthrough's first two steps complete on. VS Code ticks a step when its
// key turns true after it has registered the walkthrough; a key already true at registration is
// taken as seen and never ticks the step (VS Code 1.100). Registration waits up to 5 s for an
// experiment service, and starts when the walkthrough list is first needed: so the keys stay
// false for a grace period after activation and after each opening of the walkthrough, and
// only then say what the last check found.
import type { Scheduler } from '../scheduler';
import type { OllamaReadiness } from './ollama-readiness';

/** Longer than the 5 s VS Code may wait before registering a walkthrough. */
export const REGISTRATION_GRACE_MS = 6_000;

const NOT_YET: OllamaReadiness = { reachable: false, hasModels: false };

export class ReadinessKeys {
  private latest: OllamaReadiness = NOT_YET;
  private release: unknown = null;

  constructor(
    private readonly setKeys: (readiness: OllamaReadiness) => void,
    private readonly scheduler: Scheduler,
  ) {}

  /** The readiness a check found: set now, or when the grace period ends. */
  publish(readiness: OllamaReadiness): void {
    this.latest = readiness;
    if (this.release === null) this.setKeys(readiness);
  }

  /** Sets the keys false and holds them there for REGISTRATION_GRACE_MS (restarting a hold under way). */
  hold(): void {
    if (this.release !== null) this.scheduler.clearTimeout(this.release);
    this.setKeys(NOT_YET);
    this.release = this.scheduler.setTimeout(() => {
      this.release = null;
      this.setKeys(this.latest);
    }, REGISTRATION_GRACE_MS);
  }

  dispose(): void {
    if (this.release !== null) this.scheduler.clearTimeout(this.release);
    this.release = null;
  }
}
