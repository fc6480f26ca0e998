// How a panel's snapshot follows the engine's events, and how a snapshot saved
// before a window reload comes back. Pure functions: the controller holds the state.
// Type-only imports, so the webview bundles what it uses of this file too.
import type { DebateEvent, DebateOutcome, Transcript, Turn } from '../engine/types';
import type { DebateStatus, LiveTurn, PanelSnapshot } from './protocol';

const RUNNING: ReadonlySet<DebateStatus> = new Set(['connecting', 'loading', 'speaking']);

export function isRunningStatus(status: DebateStatus): boolean {
  return RUNNING.has(status);
}

export function statusForOutcome(outcome: DebateOutcome): DebateStatus {
  switch (outcome) {
    case 'complete':
      return 'done';
    case 'stopped':
      return 'stopped';
    case 'failed':
      return 'failed';
    default: {
      const unexpected: never = outcome;
      throw new Error(`Unknown debate outcome: ${String(unexpected)}`);
    }
  }
}

/** The snapshot after one engine event. Returns a new object; the input is left as is. */
export function applyDebateEvent(snapshot: PanelSnapshot, event: DebateEvent): PanelSnapshot {
  switch (event.type) {
    case 'debate-start':
      return {
        ...snapshot,
        status: 'connecting',
        error: null,
        liveTurn: null,
        transcript: {
          topic: event.topic,
          speakers: event.speakers,
          exchanges: event.exchanges,
          startedAt: event.startedAt,
          endedAt: null,
          turns: [],
          outcome: 'running',
        },
      };
    case 'models-loading':
      return snapshot.status === 'connecting' ? { ...snapshot, status: 'loading' } : snapshot;
    case 'turn-start': {
      const { type: _type, ...turn } = event;
      return { ...snapshot, status: isRunningStatus(snapshot.status) ? 'speaking' : snapshot.status, liveTurn: { ...turn, text: '' } };
    }
    case 'token':
      if (snapshot.liveTurn === null || snapshot.liveTurn.turnIndex !== event.turnIndex) return snapshot;
      return {
        ...snapshot,
        liveTurn: { ...snapshot.liveTurn, text: snapshot.liveTurn.text + event.text, tokens: (snapshot.liveTurn.tokens ?? 0) + 1 },
      };
    case 'turn-end':
      return {
        ...snapshot,
        liveTurn: null,
        transcript: snapshot.transcript && {
          ...snapshot.transcript,
          turns: [...snapshot.transcript.turns, event.turn],
        },
      };
    case 'error':
      return { ...snapshot, error: event.error };
    case 'debate-end':
      return {
        ...snapshot,
        liveTurn: null,
        transcript: event.transcript,
        status: event.transcript.outcome === 'running' ? snapshot.status : statusForOutcome(event.transcript.outcome),
      };
    default: {
      const unexpected: never = event;
      throw new Error(`Unknown debate event: ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * The turn in progress, saved with every token batch, is newer than the snapshot
 * (saved at most every 500 ms): it replaces the snapshot's copy of that turn, or
 * becomes the live turn when the snapshot was saved just before the turn began.
 * A saved turn of another debate or an earlier turn is ignored.
 */
export function withLatestLiveTurn(snapshot: PanelSnapshot, live: LiveTurn | null): PanelSnapshot {
  const transcript = snapshot.transcript;
  if (live === null || transcript === null || transcript.outcome !== 'running') return snapshot;
  const current = snapshot.liveTurn;
  const isNewer =
    current === null ? live.turnIndex === transcript.turns.length : current.turnIndex === live.turnIndex && live.text.length > current.text.length;
  return isNewer ? { ...snapshot, liveTurn: live } : snapshot;
}

export const CUT_OFF_NOTE = 'Cut off when the window reloaded; the text up to that point is kept.';

/**
 * A snapshot restored after a window reload: the debate that was running is
 * over, so it shows as stopped and its partial turn becomes a stopped turn.
 */
export function reviveSnapshot(snapshot: PanelSnapshot, now: Date): PanelSnapshot {
  const transcript = snapshot.transcript;
  const wasRunning = isRunningStatus(snapshot.status) || transcript?.outcome === 'running';
  if (!wasRunning) return { ...snapshot, liveTurn: null };
  if (transcript === null) return { ...snapshot, status: 'stopped', liveTurn: null };
  const turns = snapshot.liveTurn === null ? transcript.turns : [...transcript.turns, cutOffTurn(snapshot.liveTurn)];
  const stopped: Transcript = { ...transcript, turns, outcome: 'stopped', endedAt: transcript.endedAt ?? now.toISOString() };
  return { ...snapshot, status: 'stopped', liveTurn: null, transcript: stopped };
}

function cutOffTurn(live: LiveTurn): Turn {
  return {
    index: live.turnIndex,
    exchange: live.exchange,
    speakerIndex: live.speakerIndex,
    speaker: live.speaker,
    model: live.model,
    tone: live.tone,
    text: live.text,
    status: 'stopped',
    // Ollama's figures for a turn cut off by a reload never arrived; the chunk count did.
    metrics: {
      timeToFirstTokenMs: null,
      durationMs: 0,
      tokens: live.tokens ?? 0,
      tokensPerSecond: null,
      loadDurationMs: null,
      promptTokens: null,
    },
    note: CUT_OFF_NOTE,
  };
}
