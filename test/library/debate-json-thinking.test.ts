// Reasoning in debate JSON v1: each reply's reasoning and how long it took, and each speaker's
// thinking setting, survive export and import; a malformed value is refused.
import { describe, expect, it } from 'vitest';
import { parseDebateJson, serializeDebateJson, toDebateJson } from '../../engine/library/debate-json';
import { sampleMeta, speakerTurn } from './fixtures';

const ID = '20261201-110512-a3f9c2';

function sample() {
  const meta = sampleMeta(ID);
  const speakers = meta.speakers.map((speaker, at) => ({ ...speaker, thinking: at === 0 ? ('high' as const) : false }));
  return toDebateJson({ ...meta, speakers }, [
    speakerTurn('t1', 'Tea.', {
      thinking: '</details> Weighing it.',
      thinkingMs: 12_400,
      alternatives: [{ ...speakerTurn('x', 'Coffee.'), thinking: 'Earlier.', thinkingMs: 800 }].map(({ text, status, metrics, thinking, thinkingMs }) => ({ text, status, metrics, thinking, thinkingMs })),
    }),
  ]);
}

describe('debate JSON with reasoning', () => {
  it('round-trips reasoning, its duration (the current reply\'s and the alternatives\') and the speakers\' settings', () => {
    const debate = sample();
    expect(debate.turns[0]).toMatchObject({ thinking: '</details> Weighing it.', thinkingMs: 12_400, alternatives: [{ thinking: 'Earlier.', thinkingMs: 800 }] });
    expect(debate.speakers.map((speaker) => speaker.thinking)).toEqual(['high', false]);
    // Read back, it is the same debate: nothing of the reasoning or the settings is dropped.
    expect(parseDebateJson(serializeDebateJson(debate))).toStrictEqual({ ok: true, debate });
  });

  it.each([
    ['a negative duration', (json: Record<string, unknown>) => ((json.turns as Record<string, unknown>[])[0]!.thinkingMs = -1)],
    ['a duration in words', (json: Record<string, unknown>) => ((json.turns as Record<string, unknown>[])[0]!.thinkingMs = '12 s')],
    ['an unknown thinking level', (json: Record<string, unknown>) => ((json.speakers as Record<string, unknown>[])[0]!.thinking = 'max')],
  ])('refuses %s', (_label, spoil) => {
    const json = JSON.parse(serializeDebateJson(sample())) as Record<string, unknown>;
    spoil(json);
    expect(parseDebateJson(JSON.stringify(json)).ok).toBe(false);
  });
});
