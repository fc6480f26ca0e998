// Terminal styling: ANSI colour when writing to a terminal, plain text otherwise.

export interface ColorChoice {
  noColorFlag: boolean;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
}

/** Colour is on only for a terminal, and off with --no-color or NO_COLOR (https://no-color.org). */
export function colorEnabled(choice: ColorChoice): boolean {
  if (choice.noColorFlag) return false;
  const noColor = choice.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return choice.isTTY;
}

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  /** A distinct colour per speaker (6 speakers at most, 6 colours). */
  speaker(index: number, text: string): string;
}

// Cyan, magenta, yellow, green, blue, red: readable on dark and light themes.
const SPEAKER_COLORS = [36, 35, 33, 32, 34, 31] as const;

function wrap(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

export function createStyle(enabled: boolean): Style {
  if (!enabled) {
    const plain = (text: string): string => text;
    return { bold: plain, dim: plain, speaker: (_index, text) => text };
  }
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    speaker: (index, text) => {
      const color = SPEAKER_COLORS[index % SPEAKER_COLORS.length] ?? 36;
      return `\u001b[1;${color}m${text}\u001b[0m`;
    },
  };
}
