// A speaker's own settings beyond model, tone and host: its name, stance, role, temperature and
// context window. On `--speaker` they follow the spec as `,KEY=VALUE` parts
//   llama3.2:1b:Rational@http://gpu-box:11434,stance=for,role=an economist,temperature=0.3
// (model names and hosts never hold ",KEY=", so the first such part ends the spec; a role may hold
// commas). A --speakers-file entry gives the same settings as JSON fields. One checker per
// setting serves both, so a value means the same and fails the same way wherever it is given.

import { MAX_CONTEXT_WINDOW, MAX_TEMPERATURE, MIN_CONTEXT_WINDOW, MIN_TEMPERATURE } from '../limits';
import { cleanLine } from '../moderator/untrusted-text';
import { cleanRole, parseStance, roleProblem, STANCES, type Stance } from '../personas';
import type { SpeakerConfig } from '../types';

/** Most characters of a speaker's name. */
export const MAX_SPEAKER_NAME_LENGTH = 40;

export type SpeakerSettings = Partial<Pick<SpeakerConfig, 'name' | 'stance' | 'role' | 'temperature' | 'contextSize'>>;

export const SPEAKER_SETTING_KEYS = ['name', 'stance', 'role', 'temperature', 'context-window'] as const;

type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const good = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = <T>(problem: string): Checked<T> => ({ ok: false, problem });

export function checkName(text: string): Checked<string> {
  const name = cleanLine(text, Number.MAX_SAFE_INTEGER);
  if (name === '') return bad('is empty: give the speaker a name, like Ada');
  if ([...name].length > MAX_SPEAKER_NAME_LENGTH) return bad(`is longer than ${MAX_SPEAKER_NAME_LENGTH} characters`);
  return good(name);
}

export function checkStance(text: string): Checked<Stance> {
  const stance = parseStance(text);
  return stance === null ? bad(`is ${STANCES.join(', ')}, not "${cleanLine(text, 40)}"`) : good(stance);
}

export function checkRole(text: string): Checked<string> {
  const tooLong = roleProblem(text);
  if (tooLong !== null) return bad(tooLong.replace(/\.$/, ''));
  const role = cleanRole(text);
  return role === '' ? bad('is empty: give a role, like "an economist"') : good(role);
}

/** `shown`: the value as it was given (typed text that is no number at all). */
export function checkTemperature(value: number, shown = String(value)): Checked<number> {
  return Number.isFinite(value) && value >= MIN_TEMPERATURE && value <= MAX_TEMPERATURE ? good(value) : bad(`is a number from ${MIN_TEMPERATURE} to ${MAX_TEMPERATURE}, not ${shown}`);
}

export function checkContextWindow(value: number, shown = String(value)): Checked<number> {
  return Number.isInteger(value) && value >= MIN_CONTEXT_WINDOW && value <= MAX_CONTEXT_WINDOW
    ? good(value)
    : bad(`is a whole number of tokens from ${MIN_CONTEXT_WINDOW.toLocaleString('en-US')} to ${MAX_CONTEXT_WINDOW.toLocaleString('en-US')}, not ${shown}`);
}

/** A number typed on the command line: digits with an optional fraction, else NaN (which no checker accepts). */
function typedNumber(text: string): number {
  return /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/** Pure: `--speaker` split into its spec (`MODEL[:TONE][@HOST]`) and its `KEY=VALUE` parts. */
export function splitSpeakerValue(value: string): { spec: string; parts: string[] } {
  const [spec = '', ...parts] = value.split(/,(?=\s*[A-Za-z][\w-]*\s*=)/);
  return { spec, parts };
}

/** Each `--speaker` setting: its key, how its text is checked, and where the value goes. */
const SETTING_READERS: Readonly<Record<(typeof SPEAKER_SETTING_KEYS)[number], (text: string) => Checked<SpeakerSettings>>> = {
  name: (text) => as(checkName(text), (name) => ({ name })),
  stance: (text) => as(checkStance(text), (stance) => ({ stance })),
  role: (text) => as(checkRole(text), (role) => ({ role })),
  temperature: (text) => as(checkTemperature(typedNumber(text), JSON.stringify(cleanLine(text, 40))), (temperature) => ({ temperature })),
  'context-window': (text) => as(checkContextWindow(typedNumber(text), JSON.stringify(cleanLine(text, 40))), (contextSize) => ({ contextSize })),
};

function as<T>(checked: Checked<T>, place: (value: T) => SpeakerSettings): Checked<SpeakerSettings> {
  return checked.ok ? good(place(checked.value)) : checked;
}

function isSettingKey(key: string): key is (typeof SPEAKER_SETTING_KEYS)[number] {
  return (SPEAKER_SETTING_KEYS as readonly string[]).includes(key);
}

/** Pure: the settings of a `--speaker` value's `KEY=VALUE` parts, or the first problem in words. */
export function parseSpeakerSettings(value: string): { ok: true; settings: SpeakerSettings } | { ok: false; message: string } {
  let settings: SpeakerSettings = {};
  for (const part of splitSpeakerValue(value).parts) {
    const equals = part.indexOf('=');
    const key = part.slice(0, equals).trim().toLowerCase();
    if (!isSettingKey(key)) {
      return { ok: false, message: `--speaker: unknown setting "${cleanLine(key, 40)}" (a speaker takes ${SPEAKER_SETTING_KEYS.map((known) => `${known}=`).join(', ')})` };
    }
    const checked = SETTING_READERS[key](part.slice(equals + 1));
    if (!checked.ok) return { ok: false, message: `--speaker ${key}= ${checked.problem}` };
    settings = { ...settings, ...checked.value };
  }
  return { ok: true, settings };
}
