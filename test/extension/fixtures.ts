// Small builders shared by the extension's unit tests.
import type { SpeakerTurn, Transcript } from '../../engine/types';
import type { PanelSnapshot } from '../../extension/contract/protocol';

/** The id of the turn at 0-based `position`: stable, readable in failures. */
export function turnId(position: number): string {
  return `turn-${position}`;
}

/** A complete turn at 0-based `position` of a two-speaker debate. */
export function turn(position: number, text: string, overrides: Partial<SpeakerTurn> = {}): SpeakerTurn {
  return {
    kind: 'speaker',
    id: turnId(position),
    exchange: 1,
    speakerIndex: position % 2,
    speaker: `Speaker ${(position % 2) + 1}`,
    model: 'llama3.2:1b',
    tone: 'Rational',
    text,
    status: 'complete',
    metrics: { timeToFirstTokenMs: 5, durationMs: 50, tokens: 3, tokensPerSecond: 60, loadDurationMs: 1, promptTokens: 10 },
    ...overrides,
  };
}

/** A transcript as the engine records it; running and without turns unless told otherwise. */
export function transcript(overrides: Partial<Transcript> = {}): Transcript {
  return {
    id: 'debate-1',
    topic: 'Tabs or spaces?',
    speakers: [
      { name: 'Speaker 1', model: 'llama3.2:1b', tone: 'Rational' },
      { name: 'Speaker 2', model: 'qwen2.5:0.5b', tone: 'Cynic' },
    ],
    exchanges: 1,
    startedAt: '2026-01-02T03:04:05.000Z',
    endedAt: null,
    turns: [],
    outcome: 'running',
    stopReason: null,
    ...overrides,
  };
}

export function idleSnapshot(): PanelSnapshot {
  return {
    status: 'idle',
    transcript: null,
    liveTurns: [],
    judgeAtWork: null,
    moderatorAtWork: null,
    error: null,
    warning: null,
    access: { kind: 'writable' },
    form: { topic: '', speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }], exchanges: 1 },
    tones: [{ name: 'Rational', prompt: 'Be rational.' }],
    models: null,
    host: 'http://127.0.0.1:11434',
  };
}
