// Waiting between two looks at Redis, cut short when the work is stopped.
import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves after `ms`, or at once when `signal` aborts (never rejects; leaves no listener behind). */
export async function pauseFor(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // Aborted: the caller's loop sees the signal.
  }
}
