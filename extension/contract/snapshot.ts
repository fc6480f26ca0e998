// How the debate shown in a panel follows the engine's events: the one reducer, run by
// the host on its snapshot and by the webview on what it draws, so both hold the same
// debate. Pure functions with type-only imports, so the webview bundles them too.
import type { DebateOutcome, SpeakerTurn, Transcript, Turn, TurnStatus } from '../../engine/types';
import type { DebateAccess, DebateStatus, DebateView, LiveTurn, PanelEvent } from './protocol';

/** The statuses of a run in this panel (a debate running elsewhere is not one). */
const RUNNING: ReadonlySet<DebateStatus> = new Set(['connecting', 'loading', 'speaking', 'pausing']);

export function isRunningStatus(status: DebateStatus): boolean {
  return RUNNING.has(status);
}

export const WRITABLE: DebateAccess = { kind: 'writable' };

/** The status a debate that stands at `outcome` shows. */
export function statusForOutcome(outcome: DebateOutcome): DebateStatus {
  switch (outcome) {
    case 'running':
      return 'speaking';
    case 'paused':
      return 'paused';
    case 'interrupted':
      return 'interrupted';
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

/** The debate before anything ran. */
export function emptyDebateView(): DebateView {
  return { status: 'idle', transcript: null, liveTurn: null, error: null, warning: null, access: WRITABLE };
}

export const RUN_ENDED_NOTE = 'The run ended before this turn did; the text up to that point is kept.';
export const TURN_REPLACED_NOTE = 'The next turn began before this one ended; the text up to that point is kept.';

/**
 * A turn that was streaming when something ended it without the engine's own
 * turn-end (the run ended, the next turn began, the window reloaded): its text so
 * far, marked. The only place such a turn is built.
 */
export function cutOffTurn(live: LiveTurn, status: Exclude<TurnStatus, 'complete'>, note: string): SpeakerTurn {
  return {
    kind: 'speaker',
    id: live.turnId,
    exchange: live.exchange,
    speakerIndex: live.speakerIndex,
    speaker: live.speaker,
    model: live.model,
    tone: live.tone,
    text: live.text,
    ...(live.thinking !== undefined && live.thinking !== '' && { thinking: live.thinking }),
    status,
    // Ollama's figures for a cut-off turn never arrived; the chunk count did.
    metrics: {
      timeToFirstTokenMs: null,
      durationMs: 0,
      tokens: live.tokens ?? 0,
      tokensPerSecond: null,
      loadDurationMs: null,
      promptTokens: null,
    },
    note,
  };
}

/** The turns with `turn` in place of the one with its id (regenerated), else after them. */
function withTurn(turns: readonly Turn[], turn: Turn): Turn[] {
  const at = turns.findIndex((candidate) => candidate.id === turn.id);
  if (at === -1) return [...turns, turn];
  const next = [...turns];
  next[at] = turn;
  return next;
}

/**
 * The transcript keeping the live turn, cut off, unless it holds that turn already (a
 * regenerated turn keeps its earlier reply).
 */
export function keepingLiveTurn(transcript: Transcript, live: LiveTurn | null, status: Exclude<TurnStatus, 'complete'>, note: string): Transcript {
  if (live === null || transcript.turns.some((turn) => turn.id === live.turnId)) return transcript;
  return { ...transcript, turns: [...transcript.turns, cutOffTurn(live, status, note)] };
}

/**
 * The debate as an export holds it: its turns with the turn in progress as far as it got (a
 * regenerated turn's new reply in place of the earlier one), and that turn's id for the export to
 * mark; null while there is no turn at all, not even one in progress.
 */
export function exportableDebate(view: Pick<DebateView, 'transcript' | 'liveTurn'>): { transcript: Transcript; inProgressTurnId: string | null } | null {
  const { transcript, liveTurn } = view;
  if (transcript === null || (transcript.turns.length === 0 && liveTurn === null)) return null;
  if (liveTurn === null) return { transcript, inProgressTurnId: null };
  // The status is the export's to word ("in progress"), not a stop: no note.
  const { note: _note, ...live } = cutOffTurn(liveTurn, 'stopped', '');
  return { transcript: { ...transcript, turns: withTurn(transcript.turns, live) }, inProgressTurnId: liveTurn.turnId };
}

/** The view after one event. Returns a new object (unchanged parts shared); the input is left as is. */
export function applyDebateEvent<V extends DebateView>(view: V, event: PanelEvent): V {
  switch (event.type) {
    case 'run-start':
      return {
        ...view,
        // A stop or pause asked for before the run began stays asked for.
        status: view.status === 'stopped' || view.status === 'pausing' ? view.status : 'connecting',
        error: null,
        warning: null,
        liveTurn: null,
        transcript: event.transcript,
        // A run of another debate (a new one started here) is this panel's own.
        access: event.transcript.id === view.transcript?.id ? view.access : WRITABLE,
      };
    case 'models-loading':
      return view.status === 'connecting' ? { ...view, status: 'loading' } : view;
    case 'moderator-start':
      return view;
    case 'turn-start': {
      const { type: _type, ...heading } = event;
      const live = view.liveTurn;
      const transcript = view.transcript && live !== null && live.turnId !== heading.turnId
        ? keepingLiveTurn(view.transcript, live, 'stopped', TURN_REPLACED_NOTE)
        : view.transcript;
      return {
        ...view,
        transcript,
        // A pause asked for stays asked for: it comes after this turn.
        status: view.status === 'pausing' || !isRunningStatus(view.status) ? view.status : 'speaking',
        liveTurn: { ...heading, text: '', tokens: 0 },
      };
    }
    case 'token': {
      const live = view.liveTurn;
      if (live === null || live.turnId !== event.turnId) return view;
      const chunks = 'chunks' in event ? event.chunks : 1;
      return { ...view, liveTurn: { ...live, text: live.text + event.text, tokens: (live.tokens ?? 0) + chunks } };
    }
    case 'thinking': {
      const live = view.liveTurn;
      if (live === null || live.turnId !== event.turnId) return view;
      return { ...view, liveTurn: { ...live, thinking: (live.thinking ?? '') + event.text } };
    }
    case 'turn-end':
      return {
        ...view,
        liveTurn: view.liveTurn?.turnId === event.turn.id ? null : view.liveTurn,
        transcript: view.transcript && { ...view.transcript, turns: withTurn(view.transcript.turns, event.turn) },
      };
    case 'error':
      return { ...view, error: event.error };
    case 'warning':
      return { ...view, warning: event.message };
    case 'run-end': {
      const { outcome } = event.transcript;
      return {
        ...view,
        liveTurn: null,
        transcript: keepingLiveTurn(event.transcript, view.liveTurn, outcome === 'failed' ? 'failed' : 'stopped', RUN_ENDED_NOTE),
        status: outcome === 'running' ? view.status : statusForOutcome(outcome),
      };
    }
    default: {
      const unexpected: never = event;
      throw new Error(`Unknown debate event: ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The debate part of a snapshot (or of any view). */
export function debateViewOf(view: DebateView): DebateView {
  const { status, transcript, liveTurn, error, warning, access } = view;
  return { status, transcript, liveTurn, error, warning, access };
}
