import { describe, expect, it } from 'vitest';
import { readableServerText } from '../../engine/errors';
import { cutText, isUnsafeCodePoint, normalizeLineBreaks, stripUnsafe, withoutPassword } from '../../engine/text-safety';

describe('stripUnsafe', () => {
  it.each([
    ['ESC sequences', '\u001b[31mred\u001b[0m', '[31mred[0m'],
    ['BEL and OSC', '\u001b]0;title\u0007', ']0;title'],
    ['C1 controls', '\u0080\u0085\u009b1m\u009f', '1m'],
    ['CR, VT, FF, NUL, DEL', 'a\rb\u000bc\u000cd\u0000e\u007ff', 'abcdef'],
    ['bidi overrides and isolates', '\u202aa\u202bb\u202cc\u202dd\u202ee\u2066f\u2067g\u2068h\u2069', 'abcdefgh'],
  ])('drops %s', (_label, text, safe) => {
    expect(stripUnsafe(text)).toBe(safe);
  });

  it('keeps tabs, line feeds, emoji, accents and right-to-left marks', () => {
    const text = 'a\tb\nc 🎉 é \u200f\u200e שלום';
    expect(stripUnsafe(text)).toBe(text);
  });

  it('knows the code points, for character references', () => {
    expect([0x1b, 0x9b, 0x202e, 0x2066, 0x7f].every(isUnsafeCodePoint)).toBe(true);
    expect([0x9, 0xa, 0x41, 0xe9, 0x200f, 0x1f389].some(isUnsafeCodePoint)).toBe(false);
    expect(isUnsafeCodePoint(0x110000)).toBe(false);
  });

  it('reads CRLF and a lone CR as line breaks', () => {
    expect(normalizeLineBreaks('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });
});

describe('withoutPassword', () => {
  it.each([
    ['http://ada:s3cret@gpu-box:11434', 'http://ada:***@gpu-box:11434'],
    ['https://ada:s3cret@gpu-box/', 'https://ada:***@gpu-box/'],
    ['http://:s3cret@host:1', 'http://:***@host:1'],
    ['http://ada@host:1', 'http://ada@host:1'],
    ['http://127.0.0.1:11434', 'http://127.0.0.1:11434'],
    ['not a url //ada:s3cret@x', 'not a url //ada:***@x'],
  ])('%s is shown as %s', (address, shown) => {
    expect(withoutPassword(address)).toBe(shown);
  });
});

describe('readableServerText and cutText', () => {
  it('makes a server\'s words one short line', () => {
    const dump = `\u001b[2J${'junk \n'.repeat(100_000)}`;
    const text = readableServerText(dump);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text.endsWith('…')).toBe(true);
    expect(text).not.toMatch(/[\n\u001b]/);
  });

  it('cuts by characters, never inside one', () => {
    expect(cutText('🎉'.repeat(10), 5)).toBe('🎉🎉🎉🎉…');
    expect(cutText('short', 5)).toBe('short');
    expect(cutText('🎉🎉🎉', 3)).toBe('🎉🎉🎉');
  });
});
