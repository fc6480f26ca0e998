// Streams debate events to the terminal as they arrive: a label line per turn,
// the tokens as they come, a dim metrics line after each turn.
// Errors are not printed here: the command reports them once, on stderr.

import type { DebateEvent } from '../types';
import type { Style } from './color';
import { metricsLine, sanitizeForTerminal, turnLabel } from './render';

export type DebatePrinter = (event: DebateEvent) => void;

export function createDebatePrinter(write: (text: string) => void, style: Style): DebatePrinter {
  let exchanges = 0;
  let atLineStart = true;

  const emit = (text: string): void => {
    if (text === '') return;
    write(text);
    atLineStart = text.endsWith('\n');
  };
  const endLine = (): void => {
    if (!atLineStart) emit('\n');
  };

  return (event) => {
    switch (event.type) {
      case 'debate-start':
        exchanges = event.exchanges;
        emit(`${style.bold(`Topic: ${sanitizeForTerminal(event.topic)}`)}\n\n`);
        break;
      case 'models-loading':
        emit(`${style.dim(`Loading ${event.models.map(sanitizeForTerminal).join(', ')}…`)}\n\n`);
        break;
      case 'turn-start':
        endLine();
        emit(`${turnLabel(event, exchanges, style)}\n`);
        break;
      case 'token':
        emit(sanitizeForTerminal(event.text));
        break;
      case 'turn-end':
        endLine();
        emit(`${metricsLine(event.turn, style)}\n\n`);
        break;
      case 'error':
      case 'debate-end':
        endLine();
        break;
      default: {
        const unhandled: never = event;
        throw new Error(`Unhandled debate event ${JSON.stringify(unhandled)}`);
      }
    }
  };
}
