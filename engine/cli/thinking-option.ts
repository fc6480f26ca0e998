// `--think off|on|low|medium|high` for every speaker, or `--think N=VALUE` for speaker N alone
// (repeatable; a speaker's own value wins). Absent: each model thinks as it does by default.
// A separate flag rather than more syntax in `--speaker MODEL[:TONE][@HOST]`: model names hold
// colons, hosts hold colons and '=', so no further separator would stay unambiguous.

import type { SpeakerConfig, ThinkingSetting } from '../types';

export const THINK_VALUES = 'off, on, low, medium or high';

export interface ThinkingChoice {
  /** For every speaker without its own value. */
  all?: ThinkingSetting;
  /** Speaker number (1-based) -> its own value. */
  bySpeaker: ReadonlyMap<number, ThinkingSetting>;
}

export const NO_THINKING_CHOICE: ThinkingChoice = { bySpeaker: new Map() };

/** One `--think` value, or null when it is none of THINK_VALUES. */
export function thinkingSetting(value: string): ThinkingSetting | null {
  switch (value.trim().toLowerCase()) {
    case 'off':
      return false;
    case 'on':
      return true;
    case 'low':
    case 'medium':
    case 'high':
      return value.trim().toLowerCase() as 'low' | 'medium' | 'high';
    default:
      return null;
  }
}

/** Pure: every `--think` value given; a message when one can't be read. */
export function parseThinkingChoice(values: readonly string[], maxSpeakers: number): { ok: true; choice: ThinkingChoice } | { ok: false; message: string } {
  let all: ThinkingSetting | undefined;
  const bySpeaker = new Map<number, ThinkingSetting>();
  for (const value of values) {
    const perSpeaker = /^\s*(\d+)\s*=(.*)$/.exec(value);
    const setting = thinkingSetting(perSpeaker?.[2] ?? value);
    if (setting === null) return { ok: false, message: `--think takes ${THINK_VALUES}, or N=VALUE for speaker N alone, not "${value}"` };
    if (perSpeaker === null) {
      all = setting;
      continue;
    }
    const number = Number(perSpeaker[1]);
    if (number < 1 || number > maxSpeakers) return { ok: false, message: `--think ${value.trim()}: there is no speaker ${number} (speakers are numbered 1 to ${maxSpeakers})` };
    bySpeaker.set(number, setting);
  }
  return { ok: true, choice: all === undefined ? { bySpeaker } : { all, bySpeaker } };
}

/** The setting the choice gives speaker `index` (0-based), if any. */
function settingFor(choice: ThinkingChoice, index: number): ThinkingSetting | undefined {
  return choice.bySpeaker.get(index + 1) ?? choice.all;
}

/** The speakers with the choice applied (speaker i is number i + 1); untouched where none applies. */
export function withThinking(speakers: readonly SpeakerConfig[], choice: ThinkingChoice): SpeakerConfig[] {
  return speakers.map((speaker, index) => {
    const setting = settingFor(choice, index);
    return setting === undefined ? speaker : { ...speaker, thinking: setting };
  });
}

/**
 * A branch's speaker slots (undefined: keep the slot's speaker) with the choice applied: a kept
 * speaker the choice touches becomes a replacement of itself with the new setting.
 */
export function thinkingSlots(slots: readonly (SpeakerConfig | undefined)[], current: readonly SpeakerConfig[], choice: ThinkingChoice): (SpeakerConfig | undefined)[] {
  const result = current.map((speaker, index) => {
    const setting = settingFor(choice, index);
    const slot = slots[index];
    if (setting === undefined) return slot;
    return { ...(slot ?? speaker), thinking: setting };
  });
  // Trailing kept slots stay unsaid, as the branch was given them.
  while (result.length > 0 && result[result.length - 1] === undefined) result.pop();
  return result;
}
