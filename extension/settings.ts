// The extension's settings (`talkingModels.*`), read into one typed object.
// settings.json is hand-edited, so every value is checked and a bad one falls
// back to its default instead of reaching the engine.
import { EngineError } from '../engine/errors';
import { resolveHost } from '../engine/host';
import { legacyBudgetNote, windowFromBudgetChars } from '../engine/context-window';
import { DEFAULT_CONTEXT_BUDGET_CHARS, DEFAULT_CONTEXT_WINDOW, DEFAULT_FIRST_TOKEN_TIMEOUT_MS, MAX_CONTEXT_WINDOW, MIN_CONTEXT_WINDOW } from '../engine/limits';
import { allTones, DEFAULT_TONE, findTone, usableCustomTones } from '../engine/tones';
import type { DebateError, Tone } from '../engine/types';
import type { SpeakerChoice } from './contract/protocol';
import { DEFAULT_PANEL_EXCHANGES, MAX_PANEL_EXCHANGES, MAX_SPEAKERS, MIN_PANEL_EXCHANGES } from './contract/limits';
import { personaLibrary } from './personas/persona-settings';
import * as l10n from './contract/l10n';
import { settingsSpeakerHost } from './models/speaker-host-settings';

export const SETTINGS_SECTION = 'talkingModels';

export interface ExtensionSettings {
  /** As written; '' means "OLLAMA_HOST, then the default" (see `resolveHost`). */
  ollamaHost: string;
  /** An empty model means "the first installed model"; an empty tone the default tone. */
  defaultSpeakers: SpeakerChoice[];
  defaultExchanges: number;
  /** talkingModels.customTones, then each persona of talkingModels.personas as a tone of its name (personas/persona-settings.ts). */
  customTones: Tone[];
  /** Replaced by contextWindow (talkingModels.contextBudget, deprecated): still read so a value someone set converts. */
  contextBudgetChars: number;
  /** Ollama's `num_ctx` for speakers without their own, in tokens (talkingModels.contextWindow). */
  contextWindow: number;
  /** Set when contextWindow came from the replaced talkingModels.contextBudget: what to tell the person. */
  contextWindowNote: string | null;
  /** Workspace-relative or absolute; '' means the first workspace folder. */
  exportFolder: string;
  firstTokenTimeoutMs: number;
  /** The debate library's folder as written; '' means the platform's data folder, shared with the CLI. */
  libraryFolder: string;
}

const MIN_CONTEXT_BUDGET_CHARS = 1_000;
const DEFAULT_FIRST_TOKEN_TIMEOUT_SECONDS = DEFAULT_FIRST_TOKEN_TIMEOUT_MS / 1000;
const MAX_FIRST_TOKEN_TIMEOUT_SECONDS = 3_600;
/** As in package.json: two speakers on the first installed model, arguing from opposite sides. */
const DEFAULT_SPEAKERS: readonly SpeakerChoice[] = [
  { model: '', tone: 'Rational' },
  { model: '', tone: 'Adversary' },
];

/** Reads one key of the `talkingModels` section (WorkspaceConfiguration.get fits). */
export type SettingReader = (key: string) => unknown;

/** Maps raw configuration values to settings, replacing invalid ones by defaults. */
export function readSettings(get: SettingReader): ExtensionSettings {
  const contextBudgetChars = integerIn(get('contextBudget'), MIN_CONTEXT_BUDGET_CHARS, Number.MAX_SAFE_INTEGER, DEFAULT_CONTEXT_BUDGET_CHARS);
  return {
    ...contextWindowOf(get('contextWindow'), contextBudgetChars),
    ollamaHost: stringOr(get('ollamaHost'), '').trim(),
    defaultSpeakers: speakersOr(get('defaultSpeakers')),
    defaultExchanges: integerIn(get('defaultExchanges'), MIN_PANEL_EXCHANGES, MAX_PANEL_EXCHANGES, DEFAULT_PANEL_EXCHANGES),
    customTones: personaLibrary(get('customTones'), get('personas')).tones,
    contextBudgetChars,
    exportFolder: stringOr(get('exportFolder'), '').trim(),
    firstTokenTimeoutMs:
      integerIn(get('firstTokenTimeoutSeconds'), 1, MAX_FIRST_TOKEN_TIMEOUT_SECONDS, DEFAULT_FIRST_TOKEN_TIMEOUT_SECONDS) *
      1000,
    libraryFolder: stringOr(get('libraryFolder'), '').trim(),
  };
}

/**
 * The window setting. VS Code hands over a setting's default when it is unset, so a window at its
 * default with the old character budget changed means the person set only the old one: it converts
 * (engine/context-window.ts), with a note.
 */
function contextWindowOf(value: unknown, contextBudgetChars: number): Pick<ExtensionSettings, 'contextWindow' | 'contextWindowNote'> {
  const contextWindow = integerIn(value, MIN_CONTEXT_WINDOW, MAX_CONTEXT_WINDOW, DEFAULT_CONTEXT_WINDOW);
  if (contextWindow !== DEFAULT_CONTEXT_WINDOW || contextBudgetChars === DEFAULT_CONTEXT_BUDGET_CHARS) return { contextWindow, contextWindowNote: null };
  const converted = windowFromBudgetChars(contextBudgetChars);
  return { contextWindow: converted, contextWindowNote: `${SETTINGS_SECTION}.contextBudget is replaced by ${SETTINGS_SECTION}.contextWindow. ${legacyBudgetNote(contextBudgetChars, converted)}` };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function integerIn(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function speakersOr(value: unknown): SpeakerChoice[] {
  if (!Array.isArray(value) || value.length === 0) return DEFAULT_SPEAKERS.map((speaker) => ({ ...speaker }));
  return value.slice(0, MAX_SPEAKERS).map((entry: unknown) => {
    const record = isRecord(entry) ? entry : {};
    const model = stringOr(record.model, '').trim();
    const tone = stringOr(record.tone, '').trim();
    // A VS Code chat model is named by its id (none to fill in), and has no Ollama host.
    if (record.backend === 'vscode-lm' && model !== '') return { model, tone, backend: 'vscode-lm' as const };
    const host = settingsSpeakerHost(record.host);
    return { model, tone, ...(host !== undefined && { host }) };
  });
}

/**
 * The custom tones the engine accepts. A broken one is left out (with the reason
 * in `problems`) rather than failing every debate: the engine refuses a whole
 * config whose tones clash with a built-in or with each other.
 */
export function customTonesFrom(value: unknown): { tones: Tone[]; problems: string[] } {
  const { tones, problems } = usableCustomTones(value);
  return { tones, problems: problems.map((problem) => `${SETTINGS_SECTION}.${problem}`) };
}

/**
 * The tones `defaultSpeakers` names that are neither built in nor custom (a typo, a custom tone
 * removed since): each once, as first written. A new panel gives those speakers the default tone,
 * and the person is told which names were not found rather than seeing them silently replaced.
 */
export function unknownDefaultTones(settings: Pick<ExtensionSettings, 'defaultSpeakers' | 'customTones'>): string[] {
  const unknown = new Map<string, string>();
  for (const { tone } of settings.defaultSpeakers) {
    if (tone === '' || findTone(tone, settings.customTones) !== undefined) continue;
    const key = tone.toLowerCase();
    if (!unknown.has(key)) unknown.set(key, tone);
  }
  return [...unknown.values()];
}

/** What the person reads about unknown default tones: the names, what replaces them and what exists. */
export function unknownDefaultTonesMessage(unknown: readonly string[], customTones: readonly Tone[]): string {
  const names = unknown.map((name) => `"${name}"`).join(', ');
  const known = allTones(customTones).map((tone) => tone.name).join(', ');
  const setting = `${SETTINGS_SECTION}.defaultSpeakers`;
  return unknown.length === 1
    ? l10n.t('{0} names a tone that does not exist: {1}. New panels use {2} instead. Known tones: {3}.', setting, names, DEFAULT_TONE, known)
    : l10n.t('{0} names tones that do not exist: {1}. New panels use {2} instead. Known tones: {3}.', setting, names, DEFAULT_TONE, known);
}

export type HostResolution = { ok: true; host: string } | { ok: false; error: DebateError };

/** The Ollama host debates and model listings use: the setting, else OLLAMA_HOST, else the default. */
export function effectiveHost(settings: ExtensionSettings, env: NodeJS.ProcessEnv = process.env): HostResolution {
  try {
    return { ok: true, host: resolveHost(settings.ollamaHost === '' ? null : settings.ollamaHost, env) };
  } catch (error) {
    if (error instanceof EngineError) return { ok: false, error: error.detail };
    throw error;
  }
}
