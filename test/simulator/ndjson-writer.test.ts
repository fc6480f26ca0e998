import { describe, expect, it } from 'vitest';
import { encodeLine, splitAt, splitPoints } from './ndjson-writer';
import { endsInsideCharacter } from './http-helpers';

describe('split writes', () => {
  it('cuts a line inside its first multi-byte character and before the newline', () => {
    const line = encodeLine({ message: { content: 'Ça va 👋' } });
    const pieces = splitAt(line, splitPoints(line));
    expect(Buffer.concat(pieces).equals(line)).toBe(true);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    const prefixes = pieces.slice(0, -1).map((_, index) => Buffer.concat(pieces.slice(0, index + 1)));
    expect(prefixes.some((prefix) => endsInsideCharacter(prefix))).toBe(true);
    expect(Buffer.from(pieces[pieces.length - 1]).toString()).toBe('\n');
  });

  it('still cuts a pure-ASCII line into pieces that rejoin exactly', () => {
    const line = encodeLine({ done: true });
    const pieces = splitAt(line, splitPoints(line));
    expect(pieces.length).toBe(3);
    expect(Buffer.concat(pieces).equals(line)).toBe(true);
  });
});
