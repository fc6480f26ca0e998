// What a citation link shows on hover: the cited lines of the material with their numbers, from
// the excerpt that holds them or from the diff's new side. Control characters are made visible,
// as in what the speakers were sent. Pure (no DOM).
import { readDiff } from '../../engine/material/diff-lines';
import { materialLines, normalizeMaterialPath, type DebateMaterial } from '../../engine/material/material';
import { UNSAFE_CHARACTERS } from '../../engine/text-safety';
import type { CitationTarget } from '../../extension/contract/citation-rules';

/** Lines a hover card shows at most; a longer citation says how many more there are. */
export const MAX_CARD_LINES = 20;

export interface CitedLine {
  line: number;
  text: string;
  /** A line the diff adds (the others of a diff are context). */
  added?: true;
}

function visible(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, '\uFFFD').replace(/\r/g, '\uFFFD');
}

const covers = (from: number, to: number, target: CitationTarget): boolean => from <= target.startLine && target.endLine <= to;

/** The lines `target` cites, numbered: from the first excerpt of its path that holds them, else the diff's new lines; none when the material has neither. */
export function citedLines(material: DebateMaterial | undefined, target: CitationTarget): CitedLine[] {
  const excerpt = (material?.excerpts ?? []).find((candidate) => normalizeMaterialPath(candidate.path) === target.path && covers(candidate.startLine, candidate.endLine, target));
  if (excerpt !== undefined) {
    return materialLines(excerpt.text)
      .slice(target.startLine - excerpt.startLine, target.endLine - excerpt.startLine + 1)
      .map((text, at) => ({ line: target.startLine + at, text: visible(text) }));
  }
  if (material?.diff === undefined) return [];
  return readDiff(material.diff.text).flatMap((line) => {
    if (line.path !== target.path || line.newLine === undefined || line.newLine < target.startLine || line.newLine > target.endLine) return [];
    return [{ line: line.newLine, text: visible(line.text.slice(1)), ...(line.kind === 'added' && { added: true as const }) }];
  });
}
