// Numbers, counts and durations shown to people, shared by the CLI, the webview (which bundles
// this file, so it must stay free of imports) and the markdown export.

/** Decimal units, as Ollama's own `ollama list` prints them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** "1 turn", "3 turns": a count with its noun (regular English plurals only). */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * A duration as people read it: "850 ms" under a second, "12.4 s" under a minute,
 * then "3 min 5 s". The one formatter of the CLI, the webview and the markdown export.
 */
export function formatDuration(ms: number): string {
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** What a reasoning model's reasoning is labelled with once it is over: "Thought for 12.4 s". */
export function thoughtFor(ms: number | undefined): string {
  return ms === undefined ? 'Thought' : `Thought for ${formatDuration(ms)}`;
}
