import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenizer';

describe('tokenize', () => {
  it('splits into word pieces that carry their leading space', () => {
    expect(tokenize('Hello world!')).toEqual(['Hello', ' world', '!']);
    expect(tokenize('It is 42, isn\'t it?')).toEqual(['It', ' is', ' 42', ',', ' isn', "'", 't', ' it', '?']);
  });

  it('keeps accents inside words and emoji as their own tokens', () => {
    expect(tokenize('Ça coûte 5 € 👋🏽')).toEqual(['Ça', ' coûte', ' 5', ' €', ' 👋', '🏽']);
  });

  it.each([
    'Hello world!',
    '  leading and trailing spaces  ',
    'Line one\n\nLine two\n',
    '```ts\nconst x = 1;\n```',
    'Tabs\tand\r\nCRLF',
    'Ünïcödé 🎉🎉 家族 👨‍👩‍👧 done.',
    '',
  ])('loses nothing: the tokens of %j concatenate back to it', (text) => {
    const tokens = tokenize(text);
    expect(tokens.join('')).toBe(text);
    expect(tokens.every((token) => token.length > 0)).toBe(true);
  });
});
