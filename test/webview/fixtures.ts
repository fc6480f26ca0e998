// Host messages as the extension would send them, for the webview tests and benchmark.
import type { DebateOutcome, ModelInfo, ModeratorTurn, SpeakerTurn, Tone, Transcript, Turn, TurnMetrics } from '../../engine/types';
import type { HostMessage, PanelSnapshot } from '../../extension/contract/protocol';

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
    liveTurns: [],
    moderatorAtWork: null,
    judgeAtWork: null,
    error: null,
    warning: null,
    access: { kind: 'writable' },
    form: { topic: 'Tabs or spaces?', speakers: SPEAKERS.map(({ model, tone }) => ({ model, tone })), exchanges: 3 },
    tones: TONES,
    models: MODELS,
    host: HOST,
    ...overrides,
  };
}

export function init(overrides: Partial<PanelSnapshot> = {}): HostMessage {
  return { type: 'init', snapshot: snapshot(overrides) };
}

/** The debate as the engine records it: running, with no turns yet unless given. */
export function transcript(overrides: Partial<Transcript> = {}): Transcript {
  return {
    id: 'debate-1',
    topic: 'Tabs or spaces?',
    speakers: SPEAKERS,
    exchanges: 1,
    startedAt: '2025-11-25T09:00:00Z',
    endedAt: null,
    turns: [],
    outcome: 'running',
    stopReason: null,
    ...overrides,
  };
}

export function runStart(topic = 'Tabs or spaces?', exchanges = 1, turns: Turn[] = []): HostMessage {
  return { type: 'debate-event', event: { type: 'run-start', transcript: transcript({ topic, exchanges, turns }) } };
}

/** The last event of a run: the transcript as the engine ends it. */
export function runEnd(turns: Turn[], outcome: DebateOutcome = 'complete'): HostMessage {
  const stopReason = outcome === 'complete' ? 'exchanges' : outcome === 'failed' ? 'error' : outcome === 'stopped' ? 'user' : null;
  return { type: 'debate-event', event: { type: 'run-end', transcript: transcript({ turns, outcome, stopReason, endedAt: '2025-11-25T09:01:00Z' }) } };
}

/** Splits text into ~4-character pieces, the size of typical model tokens. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S{1,4}|\s+/g) ?? [];
}

export function metrics(tokens: number): TurnMetrics {
  return { timeToFirstTokenMs: 420, durationMs: 420 + tokens * 25, tokens, tokensPerSecond: 40, loadDurationMs: 100, promptTokens: 80 };
}

/** The id of the turn at 0-based `position`. */
export function turnId(position: number): string {
  return `turn-${position}`;
}

export function turn(position: number, text: string, status: SpeakerTurn['status'] = 'complete', note?: string): SpeakerTurn {
  const speaker = SPEAKERS[position % SPEAKERS.length]!;
  return {
    kind: 'speaker', id: turnId(position), exchange: Math.floor(position / SPEAKERS.length) + 1, speakerIndex: position % SPEAKERS.length,
    speaker: speaker.name, model: speaker.model, tone: speaker.tone, text, status, metrics: metrics(tokenize(text).length),
    ...(note === undefined ? {} : { note }),
  };
}

export function moderatorTurn(id: string, text: string, exchange = 1): ModeratorTurn {
  return { kind: 'moderator', id, exchange, text, createdAt: '2025-11-25T09:00:30Z' };
}

export function turnStart(position: number): HostMessage {
  const { speaker, model, tone, exchange, speakerIndex } = turn(position, '');
  return { type: 'debate-event', event: { type: 'turn-start', turnId: turnId(position), speakerIndex, speaker, model, tone, exchange } };
}

/** Token messages for one turn, `perBatch` tokens joined per message as the host does. */
export function tokenMessages(position: number, tokens: readonly string[], perBatch = 1): HostMessage[] {
  const messages: HostMessage[] = [];
  for (let i = 0; i < tokens.length; i += perBatch) {
    const batch = tokens.slice(i, i + perBatch);
    messages.push({ type: 'debate-event', event: { type: 'token', turnId: turnId(position), text: batch.join(''), chunks: batch.length } });
  }
  return messages;
}

export function turnEnd(position: number, text: string, status: SpeakerTurn['status'] = 'complete', note?: string): HostMessage {
  return { type: 'debate-event', event: { type: 'turn-end', turn: turn(position, text, status, note) } };
}

export function moderatorNote(note: ModeratorTurn): HostMessage {
  return { type: 'debate-event', event: { type: 'turn-end', turn: note } };
}

export function status(value: PanelSnapshot['status']): HostMessage {
  return { type: 'status', status: value };
}

/** The host showing a debate whole (read from the library, another reply chosen, found locked, deleted). */
export function debate(overrides: Partial<PanelSnapshot> = {}): HostMessage {
  const { status, transcript: shown, liveTurns, moderatorAtWork, judgeAtWork, error, warning, access } = snapshot(overrides);
  return { type: 'debate', debate: { status, transcript: shown, liveTurns, moderatorAtWork, judgeAtWork, error, warning, access } };
}
