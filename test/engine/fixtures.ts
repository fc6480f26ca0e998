// Builders shared by the engine tests: plain data, no I/O.
import type { ModeratorTurn, SpeakerConfig, SpeakerTurn, TurnMetrics } from '../../engine/types';

export const METRICS: TurnMetrics = {
  timeToFirstTokenMs: 120,
  durationMs: 1500,
  tokens: 42,
  tokensPerSecond: 28,
  loadDurationMs: 3,
  promptTokens: 80,
};

export const ADA: SpeakerConfig = { name: 'Ada', model: 'llama3.2:1b', tone: 'Cynic' };
export const BOB: SpeakerConfig = { name: 'Bob', model: 'qwen2.5:0.5b', tone: 'Polite' };
export const CY: SpeakerConfig = { name: 'Cy', model: 'llama3.2:1b', tone: 'Rational' };

/** A complete turn, the `index`-th spoken in a debate of `speakers` (round robin), with id `t<index>`. */
export function makeTurn(index: number, speakers: readonly SpeakerConfig[], text: string, patch: Partial<SpeakerTurn> = {}): SpeakerTurn {
  const speakerIndex = index % speakers.length;
  const speaker = speakers[speakerIndex];
  if (speaker === undefined) throw new RangeError('no speakers');
  return {
    kind: 'speaker',
    id: `t${index}`,
    exchange: Math.floor(index / speakers.length) + 1,
    speakerIndex,
    speaker: speaker.name,
    model: speaker.model,
    tone: speaker.tone,
    text,
    status: 'complete',
    metrics: METRICS,
    ...patch,
  };
}

/** A moderator's note made during `exchange`. */
export function makeNote(id: string, exchange: number, text: string): ModeratorTurn {
  return { kind: 'moderator', id, exchange, text, createdAt: '2025-01-01T00:00:00.000Z' };
}
