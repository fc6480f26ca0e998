import { describe, expect, it } from 'vitest';
import { parseThinkingChoice, thinkingSlots, withThinking } from '../../engine/cli/thinking-option';
import type { SpeakerConfig } from '../../engine/types';

const A: SpeakerConfig = { name: 'A', model: 'a', tone: 'Rational' };
const B: SpeakerConfig = { name: 'B', model: 'b', tone: 'Cynic', thinking: 'low' };
const C: SpeakerConfig = { name: 'C', model: 'c', tone: 'Polite' };

function choice(...values: string[]) {
  const parsed = parseThinkingChoice(values, 6);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.choice;
}

describe('withThinking', () => {
  it('leaves every speaker as it is without --think', () => {
    expect(withThinking([A, B], choice())).toEqual([A, B]);
  });

  it('gives every speaker the global value, and a numbered speaker its own', () => {
    expect(withThinking([A, B, C], choice('off', '3=high')).map((speaker) => speaker.thinking)).toEqual([false, false, 'high']);
    expect(withThinking([A, B, C], choice('1=on')).map((speaker) => speaker.thinking)).toEqual([true, 'low', undefined]);
  });
});

describe('thinkingSlots (branch)', () => {
  it('turns a kept speaker the choice touches into a replacement of itself, and keeps the others unsaid', () => {
    expect(thinkingSlots([], [A, B, C], choice('2=high'))).toEqual([undefined, { ...B, thinking: 'high' }]);
    expect(thinkingSlots([undefined, { ...C, name: 'B' }], [A, B, C], choice('2=off'))).toEqual([undefined, { ...C, name: 'B', thinking: false }]);
    expect(thinkingSlots([{ ...C, name: 'A' }], [A, B, C], choice())).toEqual([{ ...C, name: 'A' }]);
    expect(thinkingSlots([], [A, B], choice('on'))).toEqual([{ ...A, thinking: true }, { ...B, thinking: true }]);
  });
});
