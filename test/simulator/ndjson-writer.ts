/**
 * Writes NDJSON lines (one JSON object and '\n' per line), optionally cut into several
 * network writes. The cuts land inside the first multi-byte UTF-8 character of the line
 * when there is one, so clients that decode each network chunk on its own (instead of
 * buffering bytes) break emoji and accents, exactly as they would against a real server.
 */
import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';

export function encodeLine(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
}

/** Byte offsets where a line is cut: a third of the way in, inside the first multi-byte character, and before the '\n'. */
export function splitPoints(line: Uint8Array): number[] {
  const points = new Set<number>([Math.floor(line.length / 3), line.length - 1]);
  // A lead byte of a multi-byte sequence is 0b11xxxxxx; cutting right after it splits the character.
  const leadByte = line.findIndex((byte) => byte >= 0xc0);
  if (leadByte >= 0) points.add(leadByte + 1);
  return [...points].filter((point) => point > 0 && point < line.length).sort((a, b) => a - b);
}

export function splitAt(line: Uint8Array, points: readonly number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, line.length]) {
    pieces.push(line.subarray(start, point));
    start = point;
  }
  return pieces;
}

/**
 * Writes one line. With `split`, each piece is its own HTTP chunk, and the event loop turns
 * between pieces so they leave as separate writes rather than one coalesced buffer.
 */
export async function writeLine(res: ServerResponse, value: unknown, split: boolean): Promise<void> {
  const line = encodeLine(value);
  if (!split) {
    res.write(line);
    return;
  }
  for (const piece of splitAt(line, splitPoints(line))) {
    if (res.destroyed) return;
    res.write(piece);
    await nextTurn();
  }
}
