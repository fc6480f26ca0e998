// A run cut off by something other than the person's Stop: the panel running it closed, or the
// window reloaded. The caller aborts the run's signal with this as the reason; the debate then
// stands interrupted (Continue resumes it from its last complete turn) rather than stopped by
// the user, and the cut-off turn says what happened.

export interface RunCutOff {
  kind: 'cut-off';
  /** What the cut-off turn's note says happened. */
  note: string;
}

export function runCutOff(note: string): RunCutOff {
  return { kind: 'cut-off', note };
}

/** The cut-off a signal was aborted with, or null (not aborted, or the person's Stop). */
export function cutOffOf(signal: AbortSignal): RunCutOff | null {
  if (!signal.aborted) return null;
  const reason: unknown = signal.reason;
  if (typeof reason !== 'object' || reason === null) return null;
  const { kind, note } = reason as Partial<Record<keyof RunCutOff, unknown>>;
  return kind === 'cut-off' && typeof note === 'string' ? { kind, note } : null;
}
