// The context window (Ollama's `num_ctx`) each request is sent with. Ollama's own default differs
// by version and machine (2048, 4096 or more) and it truncates a longer prompt silently, so the
// engine always says which window it wants, the preload included: a request with another window
// than the loaded model's makes Ollama load the model again.
//
// The rules, per speaker: its own `contextSize` if set; else the setting (default 8192), or the
// window /api/ps shows the model already loaded with when that is larger (no reload, more room);
// never above the model's `context_length` from /api/show, nor below MIN_CONTEXT_WINDOW.
import { normalizeHost } from './host';
import { loadedContextWindows, modelKey, showModel } from './ollama-api';
import { DEFAULT_CONTEXT_BUDGET_CHARS, DEFAULT_CONTEXT_WINDOW, MAX_CONTEXT_WINDOW, MIN_CONTEXT_WINDOW } from './limits';
import { CHARS_PER_TOKEN, replyReserve } from './token-budget';

/** What Ollama said about one model's window; null where it said nothing. */
export interface WindowFacts {
  /** The window the model is loaded with now (GET /api/ps `context_length`). */
  loaded: number | null;
  /** The most the model takes (POST /api/show `<family>.context_length`). */
  max: number | null;
}

const NO_FACTS: WindowFacts = { loaded: null, max: null };

export function clampWindow(window: number): number {
  return Math.min(MAX_CONTEXT_WINDOW, Math.max(MIN_CONTEXT_WINDOW, Math.round(window)));
}

/** The window one speaker's requests use. */
export function chooseContextWindow(setting: number, facts: WindowFacts, speakerSize?: number): number {
  const wanted = speakerSize ?? Math.max(setting, facts.loaded ?? 0);
  const window = facts.max === null ? wanted : Math.min(wanted, facts.max);
  // A model's own limit below the minimum is still its limit.
  return facts.max !== null && facts.max < MIN_CONTEXT_WINDOW ? facts.max : clampWindow(window);
}

/**
 * The window that gives about the room the old character budget gave earlier turns: its
 * characters in tokens, plus the reply's reserve and the system message, rounded up to 1,024.
 */
export function windowFromBudgetChars(chars: number): number {
  const history = Math.ceil(chars / CHARS_PER_TOKEN);
  const rough = history + 512;
  return clampWindow(Math.ceil((rough + replyReserve(rough)) / 1024) * 1024);
}

/** The window setting of a run and, when it came from an old character budget, the note saying so. */
export function windowSetting(settings: { contextWindow?: number; contextBudgetChars?: number }): { window: number; note: string | null } {
  if (settings.contextWindow !== undefined) return { window: clampWindow(settings.contextWindow), note: null };
  const chars = settings.contextBudgetChars;
  if (chars === undefined || chars === DEFAULT_CONTEXT_BUDGET_CHARS) return { window: DEFAULT_CONTEXT_WINDOW, note: null };
  const window = windowFromBudgetChars(chars);
  return { window, note: legacyBudgetNote(chars, window) };
}

export function legacyBudgetNote(chars: number, window: number): string {
  return (
    `The context budget of ${chars.toLocaleString('en-US')} characters is replaced by a context window in tokens: ` +
    `${window.toLocaleString('en-US')} tokens give earlier turns about the same room. ` +
    'Set talkingModels.contextWindow (--context-window in the CLI) to choose another.'
  );
}

/** One key per (host, model) however the host is written ("gpu-box:11434" or its URL). */
function targetKey(host: string, model: string): string {
  return `${normalizeHost(host) ?? host}\u0000${modelKey(model)}`;
}

export interface WindowTarget {
  host: string;
  model: string;
}

/** The windows of one run: Ollama's facts about each (host, model), asked once, and the run's setting. */
export class ContextWindows {
  private readonly facts = new Map<string, WindowFacts>();

  constructor(readonly setting: number) {}

  /**
   * Asks each host which models are loaded with what window, and each model its limit. Best effort:
   * a host or model that can't say leaves the setting alone (the preload reports a missing model).
   */
  async probe(targets: readonly WindowTarget[], signal: AbortSignal): Promise<void> {
    const hosts = [...new Set(targets.map((target) => target.host))];
    const loaded = new Map(await Promise.all(hosts.map(async (host) => [host, await loadedContextWindows(host, signal).catch(() => new Map<string, number>())] as const)));
    await Promise.all(
      targets.map(async ({ host, model }) => {
        const max = await showModel(host, model).then((show) => show.contextLength, () => null);
        this.facts.set(targetKey(host, model), { loaded: loaded.get(host)?.get(modelKey(model)) ?? null, max });
      }),
    );
  }

  /** The window a request to `model` on `host` uses (a speaker's own size first). */
  of(host: string, model: string, speakerSize?: number): number {
    return chooseContextWindow(this.setting, this.facts.get(targetKey(host, model)) ?? NO_FACTS, speakerSize);
  }
}
