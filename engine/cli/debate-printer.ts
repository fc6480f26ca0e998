// Streams debate events to the terminal as they arrive: a label line per turn,
// the tokens as they come, a dim metrics line after each turn, and the moderator's
// notes set apart. One printer follows every run of one command (an --interactive
// debate is several runs: one per moderator's reply), so the heading prints once.
// Errors and warnings are not printed here: the command reports them on stderr.
//
// In a simultaneous order several turns stream at once (their events interleave): the first
// streams live, the others are held back and printed whole (label, reply, metrics) once the
// live one has ended, so no two replies mix on the terminal.

import type { Verdict } from '../judge/verdict';
import { verdictText } from './verdict-text';
import { closingStatementsOf, tallyVotes } from '../closing';
import { plural } from '../format';
import { moderatorActivityLabel } from '../turn-labels';
import type { DebateEvent, ModeratorTurn, Transcript, Turn } from '../types';
import type { Style } from './color';
import {
  debateSettingsLine,
  moderatorBlock,
  moderatorTurnBlock,
  oneLine,
  sanitizeForTerminal,
  thinkingText,
  thoughtLine,
  turnFooter,
  turnLabel,
} from './render';
import { voteText } from './vote-text';

export interface PrinterOptions {
  /** --show-thinking: print reasoning (dimmed) as it streams; else only how long it took. */
  showThinking?: boolean;
  /** A clock in ms (tests pass their own). */
  now?: () => number;
}

export interface DebatePrinter {
  event(event: DebateEvent): void;
  /** The moderator's note typed between turns (--interactive). */
  moderatorNote(text: string): void;
  /** A dim line of the CLI's own (recovery, branch), kept apart from any turn. */
  info(text: string): void;
}

type TurnStart = Extract<DebateEvent, { type: 'turn-start' }>;

/** A turn being spoken: streamed live, or held back while another streams. */
interface StreamingTurn {
  start: TurnStart;
  /** Whether it is (as far as the printer can tell at its start) a closing statement. */
  closing: boolean;
  /** When its reasoning began; null when none is streaming (its line is printed when it ends). */
  thinkingSince: number | null;
  /** A held-back turn's output after its label; a live turn's goes straight out. */
  pending: string;
  /** Whether a held-back turn's output ends a line. */
  atLineStart: boolean;
  /** The turn as it ended, once it has (a held-back turn waits for the live one). */
  ended: Turn | null;
}

/**
 * Closing statements are only told apart by their record (`closing`), which comes at the turn's
 * end; their start is known by this: they follow the rounds, in the round the debate ended in,
 * so a speaker starting again in a round it already spoke in (or after a closing statement
 * ended) starts its closing statement. A regenerated turn keeps what it was.
 */
class ClosingTracker {
  private enabled = false;
  private began = false;
  private readonly spoken = new Set<string>();
  private readonly known = new Map<string, boolean>();

  reset(transcript: Transcript): void {
    this.enabled = transcript.closingStatements === true;
    this.began = false;
    this.spoken.clear();
    this.known.clear();
    for (const turn of transcript.turns) this.record(turn);
    // Statements of an earlier run close earlier rounds: a run that goes on starts new ones.
    this.began = false;
  }

  record(turn: Turn): void {
    if (turn.kind !== 'speaker') return;
    this.known.set(turn.id, turn.closing !== undefined);
    if (turn.closing !== undefined) this.began = true;
    else this.spoken.add(`${turn.exchange}:${turn.speakerIndex}`);
  }

  isClosing(start: TurnStart): boolean {
    if (!this.enabled) return false;
    return this.known.get(start.turnId) ?? (this.began || this.spoken.has(`${start.exchange}:${start.speakerIndex}`));
  }
}

/** `command` spells a CLI command line to suggest (with --library when the command had one). */
export function createDebatePrinter(
  write: (text: string) => void,
  style: Style,
  command: (rest: string) => string = (rest) => `talking-models ${rest}`,
  options: PrinterOptions = {},
): DebatePrinter {
  const now = options.now ?? (() => performance.now());
  let exchanges = 0;
  let atLineStart = true;
  let headed = false;
  let loadingShown = false;
  let closingInRun = false;
  /** The judge's verdict of this run, printed after the debate's last lines (its turn marks need the whole transcript). */
  let verdict: Verdict | null = null;
  const closing = new ClosingTracker();
  /** The turn streaming to the terminal. */
  let live: StreamingTurn | null = null;
  /** Turns held back and still speaking, in the order they started. */
  let waiting: StreamingTurn[] = [];
  /** Turns held back that have ended, in the order they ended. */
  let finished: StreamingTurn[] = [];
  /** Turns that ended: a stray token of theirs is dropped, not printed into another's reply. */
  const endedIds = new Set<string>();

  const emit = (text: string, endsLine = text.endsWith('\n')): void => {
    if (text === '') return;
    write(text);
    atLineStart = endsLine;
  };
  const endLine = (): void => {
    if (!atLineStart) emit('\n');
  };

  /** Output of a turn: straight out when it is live, else held back with it. */
  const out = (turn: StreamingTurn, text: string, endsLine = text.endsWith('\n')): void => {
    if (text === '') return;
    if (turn === live) {
      emit(text, endsLine);
      return;
    }
    turn.pending += text;
    turn.atLineStart = endsLine;
  };
  const endTurnLine = (turn: StreamingTurn): void => {
    if (!(turn === live ? atLineStart : turn.atLineStart)) out(turn, '\n');
  };
  /** Reasoning is over (the reply began, or the turn ended): one dim line says how long it took. */
  const endThinking = (turn: StreamingTurn, recordedMs?: number): void => {
    if (turn.thinkingSince === null) return;
    const ms = recordedMs ?? now() - turn.thinkingSince;
    turn.thinkingSince = null;
    endTurnLine(turn);
    out(turn, `${thoughtLine(ms, style)}\n`);
  };
  const labelOf = (turn: StreamingTurn): string => {
    const ended = turn.ended;
    const isClosing = ended?.kind === 'speaker' ? ended.closing !== undefined || turn.closing : turn.closing;
    return `${turnLabel(turn.start, exchanges, style, isClosing)}\n`;
  };
  /** The turn still speaking with this id (a token after its end is not its). */
  const findTurn = (turnId: string): StreamingTurn | undefined => (live?.start.turnId === turnId ? live : waiting.find((turn) => turn.start.turnId === turnId));

  /** A held-back turn goes out: its label and all it has so far. */
  const release = (turn: StreamingTurn): void => {
    endLine();
    emit(labelOf(turn));
    emit(turn.pending, turn.atLineStart);
    turn.pending = '';
  };
  /** With no turn live: print the held-back turns that ended, then stream the first still going. */
  const nextLive = (): void => {
    for (const turn of finished) release(turn);
    finished = [];
    const next = waiting.shift();
    if (next === undefined) return;
    live = next;
    release(next);
  };
  /** Run over: whatever is held back goes out, ended or not. */
  const releaseAll = (): void => {
    if (live !== null) endLine();
    live = null;
    for (const turn of [...finished, ...waiting]) {
      release(turn);
      endLine();
    }
    finished = [];
    waiting = [];
  };

  const heading = (transcript: Transcript): void => {
    emit(`${style.bold(`Topic: ${oneLine(transcript.topic)}`)}\n`);
    const settings = debateSettingsLine(transcript);
    emit(settings === '' ? '\n' : `${style.dim(settings)}\n\n`);
    if (transcript.parentId !== undefined) {
      const at = transcript.forkedAtTurn === undefined ? '' : ` from turn ${transcript.forkedAtTurn}`;
      emit(`${style.dim(`A branch of ${oneLine(transcript.parentId)}${at}`)}\n`);
    }
    const earlier = transcript.turns.length;
    if (earlier > 0) {
      const show = command(`show ${oneLine(transcript.id)}`);
      emit(`${style.dim(`${plural(earlier, 'earlier turn')} (\`${show}\` prints ${earlier === 1 ? 'it' : 'them'})`)}\n\n`);
      // The moderator's last word (a branch's --note, a note made before a pause) is what the next speaker answers.
      const notes = [];
      for (let i = earlier - 1; i >= 0 && transcript.turns[i]?.kind === 'moderator'; i--) notes.unshift(transcript.turns[i] as ModeratorTurn);
      for (const note of notes) emit(`${moderatorTurnBlock(note, style)}\n\n`);
    } else if (transcript.parentId !== undefined) {
      emit('\n');
    }
  };

  const turnStarted = (event: TurnStart): void => {
    endedIds.delete(event.turnId);
    const turn: StreamingTurn = { start: event, closing: closing.isClosing(event), thinkingSince: null, pending: '', atLineStart: true, ended: null };
    if (live === null) {
      live = turn;
      endLine();
      emit(labelOf(turn));
    } else {
      waiting.push(turn);
    }
  };

  const turnEnded = (ended: Turn): void => {
    closing.record(ended);
    endedIds.add(ended.id);
    if (ended.kind === 'speaker' && ended.closing !== undefined) closingInRun = true;
    const turn = findTurn(ended.id);
    if (ended.kind === 'moderator' || turn === undefined) {
      endLine();
      emit(ended.kind === 'speaker' ? `${turnFooter(ended, style)}\n\n` : `${moderatorTurnBlock(ended, style)}\n\n`);
      return;
    }
    turn.ended = ended;
    endThinking(turn, ended.thinkingMs);
    endTurnLine(turn);
    out(turn, `${turnFooter(ended, style)}\n\n`);
    if (turn !== live) {
      waiting = waiting.filter((other) => other !== turn);
      finished.push(turn);
      return;
    }
    live = null;
    nextLive();
  };

  const runEnded = (transcript: Transcript): void => {
    releaseAll();
    endLine();
    // A stop condition ended it before its exchanges: say which and why (the exchange count needs no word).
    if (transcript.stopNote !== undefined) emit(`${style.dim(oneLine(`Ended early: ${transcript.stopNote}`))}\n\n`);
    if (closingInRun && closingStatementsOf(transcript.turns).length > 0) emit(`${voteText(tallyVotes(transcript.turns, transcript.speakers), style)}\n\n`);
    if (verdict !== null) emit(`${verdictText(verdict, transcript.turns, style)}\n`);
    verdict = null;
  };

  return {
    event(event) {
      switch (event.type) {
        case 'run-start':
          exchanges = event.transcript.exchanges;
          closing.reset(event.transcript);
          closingInRun = false;
          if (!headed) heading(event.transcript);
          headed = true;
          break;
        case 'models-loading':
          if (!loadingShown) emit(`${style.dim(`Loading ${event.models.map(oneLine).join(', ')}…`)}\n\n`);
          loadingShown = true;
          break;
        case 'turn-start':
          turnStarted(event);
          break;
        case 'thinking': {
          const turn = findTurn(event.turnId);
          if (turn === undefined) break;
          turn.thinkingSince ??= now();
          if (options.showThinking === true && event.text !== '') out(turn, thinkingText(event.text, style), event.text.endsWith('\n'));
          break;
        }
        case 'token': {
          const turn = findTurn(event.turnId);
          if (turn === undefined) {
            if (!endedIds.has(event.turnId)) emit(sanitizeForTerminal(event.text));
            break;
          }
          endThinking(turn);
          out(turn, sanitizeForTerminal(event.text));
          break;
        }
        case 'turn-end':
          turnEnded(event.turn);
          break;
        case 'moderator-start':
          endLine();
          emit(`${style.dim(`Moderator (${oneLine(event.model)}) ${moderatorActivityLabel(event.activity, event.round)}…`)}\n`);
          break;
        case 'judge-start':
          endLine();
          emit(`${style.dim(`Judge (${oneLine(event.model)}) is judging the debate blind…`)}\n`);
          break;
        case 'verdict':
          verdict = event.verdict;
          break;
        // Said once the run ends, with the exit code (run-session.ts), as `judge` says it.
        case 'verdict-unavailable':
        case 'error':
        case 'warning':
          endLine();
          break;
        case 'run-end':
          runEnded(event.transcript);
          break;
        default: {
          const unhandled: never = event;
          throw new Error(`Unhandled debate event ${JSON.stringify(unhandled)}`);
        }
      }
    },
    moderatorNote(text) {
      endLine();
      emit(`${moderatorBlock(text, style)}\n\n`);
    },
    info(text) {
      endLine();
      emit(`${style.dim(oneLine(text))}\n\n`);
    },
  };
}
