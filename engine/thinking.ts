// Reasoning written inline in a reply (`<think>…</think>`, as older Ollama templates stream
// it) told apart from the reply, one streamed piece at a time. Pure: a state and a step.
//
// Decisions:
// - An opening tag counts only at the start of a line (spaces before it allowed): models put
//   their reasoning block there, while a reply that *mentions* "<think>" mid-sentence stays
//   a reply. A closing tag counts anywhere inside the reasoning.
// - `<think>` and `<thinking>` (lower case, as the templates write them); each closes with
//   its own closing tag.
// - Tags may arrive split across pieces at any character: a tail that could still become a
//   tag is held back until the next piece says what it is (or the stream ends).
// - Whitespace right after a tag, and at the end of the reasoning, is dropped: it separates
//   the block, it is not content (trailing whitespace is held until something follows it).
// - A reasoning block the stream never closes is reasoning to the end.

export interface ThinkingSplit {
  /** Reply text released by this step. */
  reply: string;
  /** Reasoning text released by this step. */
  thinking: string;
}

export interface ThinkingSplitterState {
  /** Inside a reasoning block: the closing tag that ends it; outside: null. */
  closeTag: string | null;
  /** Text held back because it could be the start of a tag. */
  held: string;
  /** Whether the next reply character starts a line (where an opening tag counts). */
  atLineStart: boolean;
  /** Whether whitespace is being dropped after a tag. */
  skippingSpace: boolean;
}

const OPENING_TAGS: ReadonlyMap<string, string> = new Map([
  ['<think>', '</think>'],
  ['<thinking>', '</thinking>'],
]);

export const INITIAL_SPLITTER_STATE: ThinkingSplitterState = { closeTag: null, held: '', atLineStart: true, skippingSpace: false };

/** Whether `text` could still grow into one of `tags` (a proper prefix of one). */
function couldBecomeTag(text: string, tags: Iterable<string>): boolean {
  for (const tag of tags) if (tag.length > text.length && tag.startsWith(text)) return true;
  return false;
}

/** Where an opening tag starting a line begins in `text` (its indentation included), or null. */
function findOpening(text: string, atLineStart: boolean): { at: number; end: number; closeTag: string } | null {
  let lineStart = atLineStart ? 0 : text.indexOf('\n') + 1;
  while (lineStart > 0 || (lineStart === 0 && atLineStart)) {
    let tagAt = lineStart;
    while (text[tagAt] === ' ' || text[tagAt] === '\t') tagAt++;
    for (const [open, close] of OPENING_TAGS) {
      if (text.startsWith(open, tagAt)) return { at: lineStart, end: tagAt + open.length, closeTag: close };
    }
    const next = text.indexOf('\n', lineStart);
    if (next === -1) return null;
    lineStart = next + 1;
  }
  return null;
}

/** How much of the end of the reply text to hold back: an unfinished line that could become an opening tag. */
function replyTailToHold(text: string, atLineStart: boolean): number {
  const lastBreak = text.lastIndexOf('\n');
  if (lastBreak === -1 && !atLineStart) return 0;
  const line = text.slice(lastBreak + 1);
  const indentEnd = line.length - line.trimStart().length;
  const rest = line.slice(indentEnd);
  return rest === '' || couldBecomeTag(rest, OPENING_TAGS.keys()) ? line.length : 0;
}

/** How much of the end of the reasoning to hold back: a tail that could become the closing tag, and the whitespace before it. */
function thinkingTailToHold(text: string, closeTag: string): number {
  let tag = 0;
  for (let length = Math.min(text.length, closeTag.length - 1); length > 0; length--) {
    if (closeTag.startsWith(text.slice(text.length - length))) {
      tag = length;
      break;
    }
  }
  const before = text.slice(0, text.length - tag);
  return text.length - before.trimEnd().length;
}

function dropLeadingSpace(text: string, state: ThinkingSplitterState): string {
  if (!state.skippingSpace) return text;
  const kept = text.trimStart();
  if (kept !== '') state.skippingSpace = false;
  return kept;
}

/** One streamed piece of content: the new state, and what of it (and of the held text) is reply and reasoning. */
export function splitThinkingStep(previous: ThinkingSplitterState, piece: string): { state: ThinkingSplitterState; split: ThinkingSplit } {
  const state = { ...previous };
  let text = state.held + piece;
  state.held = '';
  let reply = '';
  let thinking = '';
  while (text !== '') {
    text = dropLeadingSpace(text, state);
    if (text === '') break;
    if (state.closeTag === null) {
      const opening = findOpening(text, state.atLineStart);
      if (opening === null) {
        const hold = replyTailToHold(text, state.atLineStart);
        const released = text.slice(0, text.length - hold);
        reply += released;
        if (released !== '') state.atLineStart = released.endsWith('\n');
        state.held = text.slice(text.length - hold);
        break;
      }
      reply += text.slice(0, opening.at);
      state.closeTag = opening.closeTag;
      state.skippingSpace = true;
      text = text.slice(opening.end);
    } else {
      const closing = text.indexOf(state.closeTag);
      if (closing === -1) {
        const hold = thinkingTailToHold(text, state.closeTag);
        thinking += text.slice(0, text.length - hold);
        state.held = text.slice(text.length - hold);
        break;
      }
      thinking += text.slice(0, closing).trimEnd();
      text = text.slice(closing + state.closeTag.length);
      state.closeTag = null;
      state.skippingSpace = true;
      state.atLineStart = true;
    }
  }
  return { state, split: { reply, thinking } };
}

/** The stream ended: whatever was held back is released (an unclosed block stays reasoning). */
export function splitThinkingEnd(state: ThinkingSplitterState): ThinkingSplit {
  if (state.held === '') return { reply: '', thinking: '' };
  return state.closeTag === null ? { reply: state.held, thinking: '' } : { reply: '', thinking: state.held.trimEnd() };
}

/** A whole text split at once (a recorded reply, a test's expectation). */
export function splitThinking(text: string): ThinkingSplit {
  const { state, split } = splitThinkingStep(INITIAL_SPLITTER_STATE, text);
  const end = splitThinkingEnd(state);
  return { reply: split.reply + end.reply, thinking: split.thinking + end.thinking };
}

/** A streaming splitter for one reply: feed pieces, then `end()` once. */
export function thinkingSplitter(): { push(piece: string): ThinkingSplit; end(): ThinkingSplit } {
  let state = INITIAL_SPLITTER_STATE;
  return {
    push(piece) {
      const step = splitThinkingStep(state, piece);
      state = step.state;
      return step.split;
    },
    end: () => splitThinkingEnd(state),
  };
}
