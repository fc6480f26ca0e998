/**
 * A stand-in for a model's tokeniser: word pieces that carry their leading whitespace,
 * so "Hello world!" becomes "Hello", " world", "!". Every character of the input lands in
 * exactly one token, so the tokens always concatenate back to the input.
 */
const TOKEN = /\s*(?:[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_])|\s+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}
