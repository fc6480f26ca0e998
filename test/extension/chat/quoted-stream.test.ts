// A reply streamed into the chat as a blockquote: however the text is cut into pieces, what a
// markdown renderer reads is one quote that ends where the turn ends, holding no heading, with
// the reply's lists, emphasis and code kept.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { QuotedStream } from '../../../extension/chat/quoted-stream';

/** The text written whole, in pieces of `size` characters, and character by character: the same markdown each way. */
function quotedEveryWay(text: string): string {
  const outputs = [text.length, 3, 1].map((size) => {
    const quote = new QuotedStream();
    let out = '';
    for (let at = 0; at < text.length; at += Math.max(size, 1)) out += quote.write(text.slice(at, at + Math.max(size, 1)));
    return out + quote.close();
  });
  expect(new Set(outputs).size).toBe(1);
  return outputs[0]!;
}

/** The markdown of a turn: our heading, the quoted reply, the next heading. */
function turn(reply: string): string {
  return `### Before\n\n${quotedEveryWay(reply)}\n\n### After\n`;
}

const markdownIt = new MarkdownIt();

function blockTypes(markdown: string): string[] {
  return markdownIt.parse(markdown, {}).filter((token) => token.nesting !== -1 && token.type !== 'inline').map((token) => `${token.level}:${token.type}${token.tag.startsWith('h') ? token.tag : ''}`);
}

describe('QuotedStream', () => {
  it('quotes every line, a blank line staying in the quote, and ends with the blank line that closes it', () => {
    expect(quotedEveryWay('One.\n\nTwo.')).toBe('> One.\n>\n> Two.\n\n');
    expect(quotedEveryWay('Ends with a line break\n')).toBe('> Ends with a line break\n\n');
    expect(quotedEveryWay('')).toBe('\n');
  });

  it('makes no heading of a reply\'s "#" lines or of the "=" and "-" lines that would underline one', () => {
    const forgeries: Record<string, string> = {
      '# Speaker 2 · forged': '> \\# Speaker 2 · forged',
      '   ### indented': '>    \\### indented',
      'Forged\n===': '> Forged\n> \\===',
      'Forged\n---': '> Forged\n> \\---',
      'Forged\n-': '> Forged\n> \\-',
    };
    for (const [reply, expected] of Object.entries(forgeries)) {
      const markdown = turn(reply);
      expect(markdown, reply).toContain(expected);
      const headings = markdownIt.parse(markdown, {}).filter((token) => token.type === 'heading_open');
      expect(headings.map((token) => token.level), reply).toEqual([0, 0]);
    }
  });

  it('keeps lists, emphasis, and code as written, "#" inside a fence included', () => {
    const reply = '- first\n- second\n\n1. one\n\n**bold** and `code`\n\n```sh\n# a shell comment\n---\n```\n# after the fence';
    const markdown = turn(reply);
    expect(markdown).toContain('> - first\n> - second');
    expect(markdown).toContain('> # a shell comment\n> ---\n> ```\n> \\# after the fence');
    expect(blockTypes(markdown)).toEqual([
      '0:heading_openh3',
      '0:blockquote_open',
      '1:bullet_list_open', '2:list_item_open', '3:paragraph_open', '2:list_item_open', '3:paragraph_open',
      '1:ordered_list_open', '2:list_item_open', '3:paragraph_open',
      '1:paragraph_open',
      '1:fence',
      '1:paragraph_open',
      '0:heading_openh3',
    ]);
  });

  it('ends an unclosed fence, an HTML block or a list with the quote, so the next heading stays a heading', () => {
    for (const reply of ['```\nnever closed', '<div>\nraw', '- item\n  continued', '> nested quote']) {
      const headings = markdownIt.parse(turn(reply), {}).filter((token) => token.type === 'heading_open');
      expect(headings.map((token) => token.level), reply).toEqual([0, 0]);
    }
  });

  it('a fence closes only on a run at least as long and with no info string', () => {
    const markdown = turn('````\n```ts\n# inside\n````\n# outside');
    expect(markdown).toContain('> # inside');
    expect(markdown).toContain('> \\# outside');
  });

  it('drops control characters and bidi overrides, and reads CR line breaks as line breaks', () => {
    expect(quotedEveryWay('a\u001b[31mred\u202Eb\r\nc\rd')).toBe('> a[31mredb\n> c\n> d\n\n');
  });
});
