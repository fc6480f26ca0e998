// What is said when a turn is read aloud: the model's markdown as plain text, in short pieces.
// Pure. Model output is untrusted: a speech engine may take a complete SSML document in place
// of text, so no tag and no angle bracket survives, entities included (markdown decodes
// `&lt;` to `<`, so tags are removed after parsing, not before). Reasoning is never read,
// not even an inline `<think>` block an old record kept in the reply (the engine's own rule
// finds it), nor any character the project counts as unsafe (controls, bidi overrides).
import MarkdownIt from 'markdown-it';
import { stripUnsafe } from '../../engine/text-safety';
import { splitThinking } from '../../engine/thinking';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const parser = new MarkdownIt({ html: false, linkify: false, typographer: false });
parser.disable(['image']);

const TAG = /<\/?[a-z!?][^<>]*>/gi;
/** The mark markdown puts in place of a NUL: nothing a voice can say. */
const REPLACEMENT_CHARACTER = /\ufffd/g;
const SENTENCE_END = /[.!?…:;。！？]$/u;

/** The most characters of one utterance: some engines stop a long one part-way, and skip and pause act per piece. */
export const MOST_UTTERANCE_CHARS = 220;

function inlineText(children: readonly Token[]): string {
  return children
    .map((child) => {
      if (child.type === 'text' || child.type === 'code_inline') return child.content;
      if (child.type === 'softbreak' || child.type === 'hardbreak') return ' ';
      return '';
    })
    .join('');
}

/** No tag, no bracket left that could open one, no control character; spaces collapsed. */
function inert(text: string): string {
  return stripUnsafe(text).replace(REPLACEMENT_CHARACTER, '').replace(TAG, ' ').replace(/[<>]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Pure: a turn's markdown as the plain text to read: its blocks as sentences, no markup, no reasoning. */
export function speechText(markdown: string): string {
  const blocks: string[] = [];
  for (const token of parser.parse(splitThinking(markdown).reply, {})) {
    if (token.type === 'inline') blocks.push(inlineText(token.children ?? []));
    else if (token.type === 'fence' || token.type === 'code_block') blocks.push(token.content);
  }
  return blocks
    .map(inert)
    .filter((block) => block !== '')
    // A heading or list item without a full stop still gets a pause after it.
    .map((block) => (SENTENCE_END.test(block) ? block : `${block}.`))
    .join(' ');
}

/** The text cut at its last space before `most` characters (anywhere, for text without spaces). */
function cutLong(sentence: string, most: number): string[] {
  const pieces: string[] = [];
  let rest = sentence.trim();
  while (rest.length > most) {
    const space = rest.lastIndexOf(' ', most);
    const at = space > 0 ? space : most;
    pieces.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

/** Pure: the text in pieces of whole sentences, each at most `most` characters (a longer sentence cut between words). */
export function speechChunks(text: string, most = MOST_UTTERANCE_CHARS): string[] {
  const sentences = [...new Intl.Segmenter(undefined, { granularity: 'sentence' }).segment(text)].flatMap(({ segment }) => cutLong(segment, most));
  const chunks: string[] = [];
  for (const sentence of sentences) {
    const last = chunks.length - 1;
    if (last >= 0 && chunks[last]!.length + 1 + sentence.length <= most) chunks[last] = `${chunks[last]} ${sentence}`;
    else chunks.push(sentence);
  }
  return chunks;
}
