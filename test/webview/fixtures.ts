// Host messages as the extension would send them, for the webview tests and benchmark.
import type { HostMessage, PanelSnapshot } from '../../extension/protocol';
import type { ModelInfo, Tone, Turn, TurnMetrics } from '../../engine/types';

export const HOST = 'http://127.0.0.1:11434';

export const MODELS: ModelInfo[] = [
  { name: 'llama3.2:1b', sizeBytes: 1_321_098_329, parameterSize: '1.2B', quantization: 'Q8_0', family: 'llama', modifiedAt: '2025-10-01T10:00:00Z' },
  { name: 'qwen2.5:7b', sizeBytes: 4_683_087_332, parameterSize: '7.6B', quantization: 'Q4_K_M', family: 'qwen2', modifiedAt: '2025-10-02T10:00:00Z' },
  { name: 'gemma3:4b', sizeBytes: 3_338_801_804, parameterSize: '4.3B', quantization: 'Q4_K_M', family: 'gemma3', modifiedAt: '2025-10-03T10:00:00Z' },
];

export const TONES: Tone[] = [
  { name: 'Rational', prompt: 'You reason with structured logic and analytical clarity. Answer in 2-3 sentences and stay in character.' },
  { name: 'Philosopher', prompt: 'You think reflectively and conceptually. Answer in 2-3 sentences and stay in character.' },
  { name: 'Cynic', prompt: 'You answer with dry cynicism and sharp realism. Answer in 2-3 sentences and stay in character.' },
  { name: 'Adversary', prompt: 'You oppose strongly and counter whatever was said. Answer in 2-3 sentences and stay in character.' },
];

export const SPEAKERS = [
  { name: 'Speaker 1', model: 'llama3.2:1b', tone: 'Rational' },
  { name: 'Speaker 2', model: 'qwen2.5:7b', tone: 'Cynic' },
];

export function snapshot(overrides: Partial<PanelSnapshot> = {}): PanelSnapshot {
  return {
    status: 'idle',
    transcript: null,
    liveTurn: null,
    error: null,
    form: { topic: 'Tabs or spaces?', speakers: SPEAKERS.map(({ model, tone }) => ({ model, tone })), exchanges: 3 },
    tones: TONES,
    models: MODELS,
    host: HOST,
    ...overrides,
  };
}

export function init(overrides: Partial<PanelSnapshot> = {}): HostMessage {
  return { type: 'init', panelId: 'panel-1', snapshot: snapshot(overrides) };
}

export function debateStart(topic = 'Tabs or spaces?', exchanges = 1): HostMessage {
  return { type: 'debate-event', event: { type: 'debate-start', topic, speakers: SPEAKERS, exchanges, startedAt: '2025-11-25T09:00:00Z' } };
}

/** Splits text into ~4-character pieces, the size of typical model tokens. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S{1,4}|\s+/g) ?? [];
}

export function metrics(tokens: number): TurnMetrics {
  return { timeToFirstTokenMs: 420, durationMs: 420 + tokens * 25, tokens, tokensPerSecond: 40, loadDurationMs: 100, promptTokens: 80 };
}

export function turn(index: number, text: string, status: Turn['status'] = 'complete', note?: string): Turn {
  const speaker = SPEAKERS[index % SPEAKERS.length]!;
  return {
    index, exchange: Math.floor(index / SPEAKERS.length) + 1, speakerIndex: index % SPEAKERS.length,
    speaker: speaker.name, model: speaker.model, tone: speaker.tone, text, status, metrics: metrics(tokenize(text).length),
    ...(note === undefined ? {} : { note }),
  };
}

export function turnStart(index: number): HostMessage {
  const { speaker, model, tone, exchange, speakerIndex } = turn(index, '');
  return { type: 'debate-event', event: { type: 'turn-start', turnIndex: index, speakerIndex, speaker, model, tone, exchange } };
}

/** Token messages for one turn, `perBatch` tokens coalesced per message as the host does. */
export function tokenMessages(index: number, tokens: readonly string[], perBatch = 1): HostMessage[] {
  const messages: HostMessage[] = [];
  for (let i = 0; i < tokens.length; i += perBatch) {
    messages.push({ type: 'debate-event', event: { type: 'token', turnIndex: index, text: tokens.slice(i, i + perBatch).join('') } });
  }
  return messages;
}

export function turnEnd(index: number, text: string, status: Turn['status'] = 'complete', note?: string): HostMessage {
  return { type: 'debate-event', event: { type: 'turn-end', turn: turn(index, text, status, note) } };
}

export function status(value: PanelSnapshot['status']): HostMessage {
  return { type: 'status', status: value };
}
