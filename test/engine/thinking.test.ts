import { describe, expect, it } from 'vitest';
import { splitThinking, thinkingSplitter, type ThinkingSplit } from '../../engine/thinking';

/** Inputs and how they split, whole. */
const CORPUS: ReadonlyArray<{ name: string; input: string; reply: string; thinking: string }> = [
  { name: 'no reasoning', input: 'Bread is best fresh.', reply: 'Bread is best fresh.', thinking: '' },
  { name: 'a leading block', input: '<think>\nThey want bread.\n</think>\n\nBread is best fresh.', reply: 'Bread is best fresh.', thinking: 'They want bread.' },
  { name: '<thinking> tags', input: '<thinking>Hmm, rye?</thinking>Rye wins.', reply: 'Rye wins.', thinking: 'Hmm, rye?' },
  { name: 'an indented block after a line', input: 'First.\n  <think>aside</think>\nThen.', reply: 'First.\nThen.', thinking: 'aside' },
  { name: 'two blocks', input: '<think>a</think>One.\n<think>b</think>Two.', reply: 'One.\nTwo.', thinking: 'ab' },
  { name: 'a tag mentioned mid-line', input: 'Models write <think> tags.', reply: 'Models write <think> tags.', thinking: '' },
  { name: 'an unclosed block', input: '<think>still going', reply: '', thinking: 'still going' },
  { name: 'an unfinished tag at the end', input: 'Answer\n<thi', reply: 'Answer\n<thi', thinking: '' },
  { name: 'a wrong closing tag inside', input: '<think>a </thinking> b</think>c', reply: 'c', thinking: 'a </thinking> b' },
  { name: 'a near-tag closing', input: '<think>x </thin y</think>z', reply: 'z', thinking: 'x </thin y' },
  { name: 'spaces inside the reasoning kept, around it dropped', input: '<think>  a  \n\n b \n</think>  c', reply: 'c', thinking: 'a  \n\n b' },
  { name: 'an unclosed block ending in spaces', input: '<think>go on \n', reply: '', thinking: 'go on' },
  { name: 'a stray closing tag', input: 'Plain </think> text', reply: 'Plain </think> text', thinking: '' },
  { name: 'upper-case tags', input: '<THINK>no</THINK>', reply: '<THINK>no</THINK>', thinking: '' },
  { name: 'non-ASCII and a surrogate pair', input: '<think>café 🍞</think>\n日本 🥖', reply: '日本 🥖', thinking: 'café 🍞' },
  { name: 'a nested opening tag', input: '<think>a <think> b</think>c', reply: 'c', thinking: 'a <think> b' },
  { name: 'an empty block', input: '<think></think>\n\nJust this.', reply: 'Just this.', thinking: '' },
  { name: 'indentation kept without a tag', input: 'List:\n  - item', reply: 'List:\n  - item', thinking: '' },
];

function feed(pieces: readonly string[]): ThinkingSplit {
  const splitter = thinkingSplitter();
  let reply = '';
  let thinking = '';
  for (const piece of pieces) {
    const out = splitter.push(piece);
    reply += out.reply;
    thinking += out.thinking;
  }
  const end = splitter.end();
  return { reply: reply + end.reply, thinking: thinking + end.thinking };
}

describe('splitThinking', () => {
  it.each(CORPUS)('splits $name', ({ input, reply, thinking }) => {
    expect(splitThinking(input)).toEqual({ reply, thinking });
  });

  it.each(CORPUS)('gives the same split of $name cut at every boundary, once and twice', ({ input, reply, thinking }) => {
    for (let i = 0; i <= input.length; i++) {
      expect(feed([input.slice(0, i), input.slice(i)]), `cut at ${i}`).toEqual({ reply, thinking });
      for (let j = i; j <= input.length; j++) {
        expect(feed([input.slice(0, i), input.slice(i, j), input.slice(j)]), `cut at ${i} and ${j}`).toEqual({ reply, thinking });
      }
    }
  });

  it.each(CORPUS)('gives the same split of $name one character at a time', ({ input, reply, thinking }) => {
    expect(feed([...input])).toEqual({ reply, thinking });
  });

  it('releases reply text at once when it cannot start a tag, holding back only a possible tag', () => {
    const splitter = thinkingSplitter();
    expect(splitter.push('Hello, ')).toEqual({ reply: 'Hello, ', thinking: '' });
    expect(splitter.push('world\n<th')).toEqual({ reply: 'world\n', thinking: '' });
    expect(splitter.push('ink>why')).toEqual({ reply: '', thinking: 'why' });
    expect(splitter.push(' not </th')).toEqual({ reply: '', thinking: ' not' });
    expect(splitter.push('ink>Done')).toEqual({ reply: 'Done', thinking: '' });
    expect(splitter.end()).toEqual({ reply: '', thinking: '' });
  });
});
