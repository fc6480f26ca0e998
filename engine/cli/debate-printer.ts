// Streams debate events to the terminal as they arrive: a label line per turn,
// the tokens as they come, a dim metrics line after each turn, and the moderator's
// notes set apart. One printer follows every run of one command (an --interactive
// debate is several runs: one per moderator's reply), so the heading prints once.
// Errors and warnings are not printed here: the command reports them on stderr.

import { plural } from '../format';
import type { DebateEvent, ModeratorTurn, Transcript } from '../types';
import type { Style } from './color';
import { metricsLine, moderatorBlock, oneLine, sanitizeForTerminal, thinkingText, thoughtLine, turnLabel } from './render';

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

/** `command` spells a CLI command line to suggest (with --library when the command had one). */
export function createDebatePrinter(
  write: (text: string) => void,
  style: Style,
  command: (rest: string) => string = (rest) => `talking-models ${rest}`,
  options: PrinterOptions = {},
): DebatePrinter {
  const now = options.now ?? (() => performance.now());
  let exchanges = 0;
  /** When the reasoning now streaming began; null when none is (its line is printed when it ends). */
  let thinkingSince: number | null = null;
  let atLineStart = true;
  let headed = false;
  let loadingShown = false;

  const emit = (text: string): void => {
    if (text === '') return;
    write(text);
    atLineStart = text.endsWith('\n');
  };
  const endLine = (): void => {
    if (!atLineStart) emit('\n');
  };
  /** Reasoning is over (the reply began, or the turn ended): one dim line says how long it took. */
  const endThinking = (recordedMs?: number): void => {
    if (thinkingSince === null) return;
    const ms = recordedMs ?? now() - thinkingSince;
    thinkingSince = null;
    endLine();
    emit(`${thoughtLine(ms, style)}\n`);
  };

  const heading = (transcript: Transcript): void => {
    emit(`${style.bold(`Topic: ${oneLine(transcript.topic)}`)}\n\n`);
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
      for (const note of notes) emit(`${moderatorBlock(note.text, style)}\n\n`);
    } else if (transcript.parentId !== undefined) {
      emit('\n');
    }
  };

  return {
    event(event) {
      switch (event.type) {
        case 'run-start':
          exchanges = event.transcript.exchanges;
          if (!headed) heading(event.transcript);
          headed = true;
          break;
        case 'models-loading':
          if (!loadingShown) emit(`${style.dim(`Loading ${event.models.map(oneLine).join(', ')}…`)}\n\n`);
          loadingShown = true;
          break;
        case 'turn-start':
          thinkingSince = null;
          endLine();
          emit(`${turnLabel(event, exchanges, style)}\n`);
          break;
        case 'thinking':
          thinkingSince ??= now();
          if (options.showThinking === true && event.text !== '') {
            write(thinkingText(event.text, style));
            atLineStart = event.text.endsWith('\n');
          }
          break;
        case 'token':
          endThinking();
          emit(sanitizeForTerminal(event.text));
          break;
        case 'turn-end':
          endThinking(event.turn.kind === 'speaker' ? event.turn.thinkingMs : undefined);
          endLine();
          emit(event.turn.kind === 'speaker' ? `${metricsLine(event.turn, style)}\n\n` : `${moderatorBlock(event.turn.text, style)}\n\n`);
          break;
        case 'moderator-start':
          endLine();
          break;
        case 'error':
        case 'warning':
          endLine();
          break;
        case 'run-end':
          endLine();
          // A stop condition ended it before its exchanges: say which and why (the exchange count needs no word).
          if (event.transcript.stopNote !== undefined) emit(`${style.dim(oneLine(`Ended early: ${event.transcript.stopNote}`))}\n\n`);
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
