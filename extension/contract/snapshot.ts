// How the debate shown in a panel follows the engine's events: the one reducer, run by
// the host on its snapshot and by the webview on what it draws, so both hold the same
// debate. Pure functions with type-only imports, so the webview bundles them too.
import type { DebateOutcome, SpeakerTurn, Transcript, Turn, TurnStatus } from '../../engine/types';
import type { DebateAccess, DebateStatus, DebateView, LiveTurn, PanelEvent } from './protocol';
import * as l10n from './l10n';

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
  return { status: 'idle', transcript: null, liveTurns: [], moderatorAtWork: null, judgeAtWork: null, error: null, warning: null, access: WRITABLE };
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
 * The transcript keeping the live turns, cut off, in the order they began, but for those it
 * holds already (a regenerated turn keeps its earlier reply).
 */
export function keepingLiveTurns(transcript: Transcript, live: readonly LiveTurn[], status: Exclude<TurnStatus, 'complete'>, note: string): Transcript {
  const cut = live.filter(({ turnId }) => !transcript.turns.some((turn) => turn.id === turnId)).map((turn) => cutOffTurn(turn, status, note));
  return cut.length === 0 ? transcript : { ...transcript, turns: [...transcript.turns, ...cut] };
}

/**
 * The debate as an export holds it: its turns with every turn in progress as far as it got (a
 * regenerated turn's new reply in place of the earlier one), and those turns' ids for the export
 * to mark; null while there is no turn at all, not even one in progress.
 */
export function exportableDebate(view: Pick<DebateView, 'transcript' | 'liveTurns'>): { transcript: Transcript; inProgressTurnIds: string[] } | null {
  const { transcript, liveTurns } = view;
  if (transcript === null || (transcript.turns.length === 0 && liveTurns.length === 0)) return null;
  if (liveTurns.length === 0) return { transcript, inProgressTurnIds: [] };
  const turns = liveTurns.reduce<readonly Turn[]>((shown, liveTurn) => {
    // The status is the export's to word ("in progress"), not a stop: no note.
    const { note: _note, ...live } = cutOffTurn(liveTurn, 'stopped', '');
    return withTurn(shown, live);
  }, transcript.turns);
  return { transcript: { ...transcript, turns: [...turns] }, inProgressTurnIds: liveTurns.map((live) => live.turnId) };
}

/** The live turns with `live` in place of the one with its id (a turn begun again), else after them. */
function withLiveTurn(liveTurns: readonly LiveTurn[], live: LiveTurn): LiveTurn[] {
  const at = liveTurns.findIndex((candidate) => candidate.turnId === live.turnId);
  if (at === -1) return [...liveTurns, live];
  return liveTurns.map((candidate, index) => (index === at ? live : candidate));
}

/** The view with live turn `turnId` changed by `change`; the view itself when no such turn is live (a stray event). */
function changingLiveTurn<V extends DebateView>(view: V, turnId: string, change: (live: LiveTurn) => LiveTurn): V {
  const at = view.liveTurns.findIndex((live) => live.turnId === turnId);
  if (at === -1) return view;
  return { ...view, liveTurns: view.liveTurns.map((live, index) => (index === at ? change(live) : live)) };
}

/** The live turns without `turnId` (the same list when it is not among them). */
function withoutLiveTurn(liveTurns: LiveTurn[], turnId: string): LiveTurn[] {
  return liveTurns.some((live) => live.turnId === turnId) ? liveTurns.filter((live) => live.turnId !== turnId) : liveTurns;
}

/** A run at work says so; a pause asked for stays asked for (it comes after this turn), and a debate not running here stays as it is. */
function atWork(status: DebateStatus): DebateStatus {
  return status === 'pausing' || !isRunningStatus(status) ? status : 'speaking';
}

/** The view after a turn began: beside the live turns of a simultaneous round, else in place of a live turn that never ended (cut off). */
function startingTurn<V extends DebateView>(view: V, started: LiveTurn): V {
  const together = view.transcript?.order?.kind === 'simultaneous';
  const replaced = together ? [] : view.liveTurns.filter((live) => live.turnId !== started.turnId);
  const transcript = view.transcript !== null && replaced.length > 0
    ? keepingLiveTurns(view.transcript, replaced, 'stopped', TURN_REPLACED_NOTE)
    : view.transcript;
  return {
    ...view,
    transcript,
    status: atWork(view.status),
    moderatorAtWork: null,
    liveTurns: withLiveTurn(together ? view.liveTurns : [], started),
  };
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
        liveTurns: [],
        moderatorAtWork: null,
        judgeAtWork: null,
        transcript: event.transcript,
        // A run of another debate (a new one started here) is this panel's own.
        access: event.transcript.id === view.transcript?.id ? view.access : WRITABLE,
      };
    case 'models-loading':
      return view.status === 'connecting' ? { ...view, status: 'loading' } : view;
    case 'moderator-start': {
      const { type: _type, ...work } = event;
      return { ...view, status: atWork(view.status), moderatorAtWork: work };
    }
    case 'turn-start': {
      const { type: _type, ...heading } = event;
      return startingTurn(view, { ...heading, text: '', tokens: 0 });
    }
    case 'token': {
      const chunks = 'chunks' in event ? event.chunks : 1;
      return changingLiveTurn(view, event.turnId, (live) => ({ ...live, text: live.text + event.text, tokens: (live.tokens ?? 0) + chunks }));
    }
    case 'thinking':
      return changingLiveTurn(view, event.turnId, (live) => ({ ...live, thinking: (live.thinking ?? '') + event.text }));
    case 'turn-end':
      return {
        ...view,
        moderatorAtWork: null,
        liveTurns: withoutLiveTurn(view.liveTurns, event.turn.id),
        transcript: view.transcript && { ...view.transcript, turns: withTurn(view.transcript.turns, event.turn) },
      };
    case 'judge-start':
      return { ...view, status: atWork(view.status), moderatorAtWork: null, judgeAtWork: event.model };
    case 'verdict':
      return {
        ...view,
        judgeAtWork: null,
        transcript: view.transcript && { ...view.transcript, verdicts: [...(view.transcript.verdicts ?? []), event.verdict] },
      };
    case 'verdict-unavailable':
      return { ...view, judgeAtWork: null, warning: l10n.t('No verdict from {0}: {1}', event.model, event.reason) };
    case 'error':
      return { ...view, error: event.error };
    case 'warning':
      return { ...view, warning: event.message };
    case 'run-end': {
      const { outcome } = event.transcript;
      return {
        ...view,
        liveTurns: [],
        moderatorAtWork: null,
        judgeAtWork: null,
        transcript: keepingLiveTurns(event.transcript, view.liveTurns, outcome === 'failed' ? 'failed' : 'stopped', RUN_ENDED_NOTE),
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
  const { status, transcript, liveTurns, moderatorAtWork, judgeAtWork, error, warning, access } = view;
  return { status, transcript, liveTurns, moderatorAtWork, judgeAtWork, error, warning, access };
}
