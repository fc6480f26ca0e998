// A speaker's own settings beyond model and tone (display name, role, temperature, context
// window, its own Ollama host; stance and thinking are closed choices), as one rule both sides apply: the host's
// validation of a start request (protocol.ts) and the webview's form (formRules.ts), so the
// panel refuses exactly what the host would, in the same words. Free of dependencies (no zod)
// so the webview can bundle it.
import { MAX_CONTEXT_WINDOW, MAX_TEMPERATURE, MIN_CONTEXT_WINDOW, MIN_TEMPERATURE } from '../../engine/limits';
import { MAX_ROLE_LENGTH } from '../../engine/personas/role';
import type { Stance } from '../../engine/personas/stance';
import type { SpeakerBackendId, ThinkingSetting } from '../../engine/types';
import { normalizeHost } from '../../engine/host-address';
import * as l10n from './l10n';
import { stripUnsafe } from '../../engine/text-safety';

/** Most characters of a display name: it heads every turn and labels the speaker's words for the others. */
export const MAX_SPEAKER_NAME_CHARS = 40;

/** Most characters of a speaker's own host address. */
export const MAX_HOST_CHARS = 2048;

/** A speaker's own settings as the form holds them; each absent for its default. A temperature or window typed but unreadable is NaN. */
export interface SpeakerExtras {
  name?: string;
  stance?: Stance;
  role?: string;
  temperature?: number;
  contextSize?: number;
  thinking?: ThinkingSetting;
  /** Its own Ollama host as typed; absent or blank: the debate's. */
  host?: string;
  /** 'vscode-lm': its model is a chat model VS Code offers (by id); absent: an Ollama model. */
  backend?: SpeakerBackendId;
}

/**
 * The settings as a start request carries them: name, role and host trimmed, blanks left out
 * (the defaults). The form's request and a saved debate's speakers offered again both go through it.
 */
export function requestExtras(extras: SpeakerExtras): SpeakerExtras {
  const name = extras.name?.trim() ?? '';
  const role = extras.role?.trim() ?? '';
  const host = extras.host?.trim() ?? '';
  const { stance, temperature, contextSize, thinking, backend } = extras;
  return {
    ...(name !== '' && { name }),
    ...(stance !== undefined && { stance }),
    ...(role !== '' && { role }),
    ...(temperature !== undefined && { temperature }),
    ...(contextSize !== undefined && { contextSize }),
    ...(thinking !== undefined && { thinking }),
    ...(host !== '' && { host }),
    ...(backend !== undefined && { backend }),
  };
}

/** The settings the rule reads, as the start request and the form's draft both hold them (trimmed; absent: the default). */
export interface SpeakerOptions {
  name?: string;
  role?: string;
  temperature?: number;
  contextSize?: number;
  /** Its own Ollama host as typed; absent: the debate's. */
  host?: string;
  thinking?: ThinkingSetting;
  /** 'vscode-lm': a VS Code chat model, which takes none of Ollama's own settings (host, window, thinking). */
  backend?: SpeakerBackendId;
}

export type SpeakerOptionField = 'name' | 'stance' | 'role' | 'temperature' | 'contextSize' | 'thinking' | 'host';

/** What is wrong with one speaker's setting: which speaker (0-based), which field, and what to tell the person. */
export interface SpeakerOptionProblem {
  index: number;
  field: Extract<SpeakerOptionField, 'name' | 'role' | 'temperature' | 'contextSize' | 'host' | 'thinking'>;
  message: string;
}

/** The name a speaker has when none is given: its place in the line-up. */
export function defaultSpeakerName(index: number): string {
  return `Speaker ${index + 1}`;
}

/** The name a speaker goes by: its own (trimmed), else its default. */
export function speakerName(speaker: Pick<SpeakerOptions, 'name'>, index: number): string {
  const name = speaker.name?.trim() ?? '';
  return name === '' ? defaultSpeakerName(index) : name;
}

const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;

/** Why a typed line can't be used (a second line, an unsafe character, too long), or null. */
function lineProblem(text: string, most: number, example: string): string | null {
  if (LINE_BREAK.test(text)) return `must be one line, like ${example}.`;
  if (stripUnsafe(text) !== text) return 'has a control character: type it again.';
  const length = Array.from(text).length;
  return length > most ? `is too long (${length} characters; at most ${most}).` : null;
}

/** The first problem with one speaker's settings, its fields checked in the form's order. */
function ownProblem(speaker: SpeakerOptions, index: number): SpeakerOptionProblem | null {
  const who = `${defaultSpeakerName(index)}'s`;
  const name = speaker.name === undefined ? null : lineProblem(speaker.name, MAX_SPEAKER_NAME_CHARS, '"Ada"');
  if (name !== null) return { index, field: 'name', message: `${who} name ${name}` };
  const role = speaker.role === undefined ? null : lineProblem(speaker.role, MAX_ROLE_LENGTH, '"a security engineer"');
  if (role !== null) return { index, field: 'role', message: `${who} role ${role}` };
  const { temperature, contextSize } = speaker;
  if (temperature !== undefined && !(Number.isFinite(temperature) && temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE)) {
    return { index, field: 'temperature', message: `${who} temperature must be a number from ${MIN_TEMPERATURE} to ${MAX_TEMPERATURE} (empty: the model's default).` };
  }
  if (contextSize !== undefined && !(Number.isInteger(contextSize) && contextSize >= MIN_CONTEXT_WINDOW && contextSize <= MAX_CONTEXT_WINDOW)) {
    return {
      index, field: 'contextSize',
      message: `${who} context window must be a whole number of tokens from ${MIN_CONTEXT_WINDOW} to ${MAX_CONTEXT_WINDOW.toLocaleString('en-US')} (empty: the setting).`,
    };
  }
  if (speaker.host !== undefined && (speaker.host.length > MAX_HOST_CHARS || normalizeHost(speaker.host) === null)) {
    return { index, field: 'host', message: l10n.t("{0} Ollama host is not an address: type a URL like http://gpu-box:11434 (empty: the debate's host).", who) };
  }
  return speaker.backend === 'vscode-lm' ? ollamaOnlyProblem(speaker, index) : null;
}

/** The settings only Ollama takes, in the form's order: a VS Code chat model has its own window and reasoning, and no host. */
const OLLAMA_ONLY_FIELDS = ['contextSize', 'host', 'thinking'] as const;

/** A VS Code speaker given a setting only Ollama takes (a crafted request, an edited draft): refused rather than silently dropped. */
function ollamaOnlyProblem(speaker: SpeakerOptions, index: number): SpeakerOptionProblem | null {
  const field = OLLAMA_ONLY_FIELDS.find((each) => speaker[each] !== undefined);
  if (field === undefined) return null;
  return { index, field, message: l10n.t('Speaker {0} uses a VS Code language model: its context window, Ollama host and thinking are for Ollama models only (leave them empty).', index + 1) };
}

/**
 * The first problem with the speakers' own settings, or null: a name or role on one line, safe and short enough, a
 * temperature and a window in the engine's bounds, and no two speakers going by one name (case aside, as the engine
 * compares them): the transcript and the other speakers tell them apart by it.
 */
export function speakerOptionsProblem(speakers: readonly SpeakerOptions[]): SpeakerOptionProblem | null {
  const seen = new Map<string, number>();
  for (const [index, speaker] of speakers.entries()) {
    const own = ownProblem(speaker, index);
    if (own !== null) return own;
    const name = speakerName(speaker, index);
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) {
      return { index, field: 'name', message: `${defaultSpeakerName(index)}'s name "${name}" is already ${defaultSpeakerName(earlier)}'s: give each speaker a name of its own.` };
    }
    seen.set(name.toLowerCase(), index);
  }
  return null;
}
