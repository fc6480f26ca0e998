// Things worth one line in a log that are nobody's error: a server sending lines that are not
// JSON, say. The engine reports them here, already sanitised and cut to one line; the program
// running it decides where they go (the CLI: a warning on stderr; the extension: its output
// channel). With no listener, they go to console.warn, one line each.
import { cutText, stripUnsafe } from './text-safety';

export type DiagnosticListener = (message: string) => void;

const listeners = new Set<DiagnosticListener>();

/** Most characters of one diagnostic line. */
export const MAX_DIAGNOSTIC_CHARS = 300;

/** Sends each later diagnostic to `listener` (instead of console.warn); returns the way to stop. */
export function onDiagnostic(listener: DiagnosticListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportDiagnostic(message: string): void {
  const line = cutText(stripUnsafe(message).replace(/\s+/g, ' ').trim(), MAX_DIAGNOSTIC_CHARS);
  if (listeners.size === 0) {
    console.warn(`talking-models: ${line}`);
    return;
  }
  for (const listener of listeners) listener(line);
}
