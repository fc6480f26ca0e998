// Material must fit every speaker's window whole: it is refused with its size and a way to make
// it smaller, never cut (a speaker arguing about half a function would argue about the wrong code).
import { DEFAULT_CONTEXT_WINDOW } from '../limits';
import { estimateTokens, replyReserve, safetyMargin } from '../token-budget';
import type { DebateConfig, DebateError } from '../types';
import { hasMaterial, materialLines, type DebateMaterial } from './material';
import { diffTitle, materialBlock } from './prompt-block';

/** Tokens the material may take of a window: half of what the reply's reserve and the margin leave, the rest for the debate itself. */
export function materialBudget(window: number): number {
  return Math.max(0, Math.floor((window - replyReserve(window) - safetyMargin(window)) / 2));
}

/** The material's estimated tokens as sent (its block, labels included). */
export function materialTokens(material: DebateMaterial | undefined): number {
  const block = materialBlock(material);
  return block === null ? 0 : estimateTokens(block);
}

interface Part {
  name: string;
  lines: number;
  tokens: number;
}

function parts(material: DebateMaterial): Part[] {
  const excerpts = (material.excerpts ?? []).map((excerpt) => ({
    name: `${excerpt.path}:${excerpt.startLine}-${excerpt.endLine}`,
    lines: excerpt.endLine - excerpt.startLine + 1,
    tokens: materialTokens({ excerpts: [excerpt] }),
  }));
  const diff = material.diff;
  return diff === undefined ? excerpts : [...excerpts, { name: diffTitle(diff).toLowerCase(), lines: materialLines(diff.text).length, tokens: materialTokens({ diff }) }];
}

const count = (value: number): string => value.toLocaleString('en-US');

/** The smallest window a speaker of the debate has, and whose. */
function smallestWindow(config: DebateConfig): { window: number; speaker: string } {
  let smallest = { window: Number.POSITIVE_INFINITY, speaker: '' };
  for (const speaker of config.speakers) {
    const window = speaker.contextSize ?? config.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
    if (window < smallest.window) smallest = { window, speaker: speaker.name };
  }
  return smallest;
}

function invalid(field: string, message: string): DebateError {
  return { kind: 'invalid-config', field, message };
}

/** Excerpts that make sense: a path, 1-based lines in order, as many lines of text as they say. */
function shapeProblem(material: DebateMaterial): DebateError | null {
  const excerpts = material.excerpts ?? [];
  for (const [index, excerpt] of excerpts.entries()) {
    const at = `material.excerpts[${index}]`;
    if (excerpt.path.trim() === '') return invalid(`${at}.path`, `${at} has no path.`);
    const { startLine, endLine } = excerpt;
    if (!(Number.isSafeInteger(startLine) && Number.isSafeInteger(endLine) && startLine >= 1 && endLine >= startLine)) {
      return invalid(`${at}.startLine`, `${at} (${excerpt.path}) needs lines from 1 up, the first no later than the last (got ${startLine}-${endLine}).`);
    }
    if (materialLines(excerpt.text).length !== endLine - startLine + 1) {
      return invalid(`${at}.text`, `${at} (${excerpt.path}:${startLine}-${endLine}) holds ${materialLines(excerpt.text).length} lines, not ${endLine - startLine + 1}.`);
    }
  }
  if (material.diff !== undefined && material.diff.text.trim() === '') return invalid('material.diff', 'The diff is empty: there are no changes to debate.');
  return null;
}

/** Null when the material (if any) is well formed and fits every speaker's window; else why not, with its size and a way to shrink it. */
export function materialProblem(config: DebateConfig): DebateError | null {
  const material = config.material;
  if (!hasMaterial(material)) return null;
  const shape = shapeProblem(material);
  if (shape !== null) return shape;
  const tokens = materialTokens(material);
  const { window, speaker } = smallestWindow(config);
  const room = materialBudget(window);
  if (tokens <= room) return null;
  const largest = parts(material).sort((a, b) => b.tokens - a.tokens)[0];
  const largestNote = largest === undefined ? '' : ` The largest part is ${largest.name} (${count(largest.lines)} lines, about ${count(largest.tokens)} tokens).`;
  return invalid(
    'material',
    `The material is about ${count(tokens)} tokens, more than the ${count(room)} it may take of ${speaker}'s context window of ${count(window)} tokens; it is not cut.` +
      `${largestNote} Send fewer lines (a range, e.g. path:START-END), a smaller diff (stage part of the changes and send the staged diff), or raise the context window.`,
  );
}
