// Rules of the material section (materialSection.ts), as pure functions: what each part of the
// attached material is called, how large it is against the chosen speakers' smallest context
// window, its one-line summary for the folded set-up, and reading it back from saved UI state.
import type { AttachedMaterial } from '../../extension/contract/protocol';
import type { DebateMaterial, MaterialDiff } from '../../engine/types';
import { diffFiles } from '../../engine/material/diff-lines';
import { materialLines } from '../../engine/material/material';
import { speakerName } from '../../extension/contract/speaker-options';
import * as l10n from './l10n';

/** One part as the section lists it: an excerpt, or the diff. */
export interface MaterialPart {
  kind: 'excerpt' | 'diff';
  /** `path:start-end`, or the diff's kind in words. */
  title: string;
  lines: number;
  /** The files a diff changes (none for an excerpt). */
  files: string[];
  /** The exact lines, for the preview: each excerpt line numbered, the diff as it is. */
  preview: string;
}

export function diffKindText(diff: Pick<MaterialDiff, 'kind'>): string {
  return diff.kind === 'staged' ? l10n.t('Staged changes') : l10n.t('Uncommitted changes (working tree against HEAD)');
}

/** Every line of an excerpt with its number, the widest number setting the gutter. */
function numbered(startLine: number, text: string): string {
  const lines = materialLines(text);
  const width = String(startLine + lines.length - 1).length;
  return lines.map((line, at) => `${String(startLine + at).padStart(width)}  ${line}`).join('\n');
}

export function materialParts(material: DebateMaterial): MaterialPart[] {
  const parts: MaterialPart[] = (material.excerpts ?? []).map((excerpt) => ({
    kind: 'excerpt',
    title: `${excerpt.path}:${excerpt.startLine}-${excerpt.endLine}`,
    lines: excerpt.endLine - excerpt.startLine + 1,
    files: [],
    preview: numbered(excerpt.startLine, excerpt.text),
  }));
  const diff = material.diff;
  if (diff !== undefined) parts.push({ kind: 'diff', title: diffKindText(diff), lines: materialLines(diff.text).length, files: diffFiles(diff.text), preview: diff.text.replace(/\n$/, '') });
  return parts;
}

/** "12 lines", "1 line"; a diff's files after it. */
export function partDetail(part: MaterialPart): string {
  const lines = part.lines === 1 ? l10n.t('1 line') : l10n.t('{0} lines', part.lines.toLocaleString('en-US'));
  if (part.kind === 'excerpt') return lines;
  const files = part.files.length === 1 ? l10n.t('1 file: {0}', part.files[0]!) : l10n.t('{0} files: {1}', part.files.length, part.files.join(', '));
  return `${files} · ${lines}`;
}

/** A speaker's window as the form has it: its own, else the default. */
interface WindowedSpeaker {
  name?: string;
  contextSize?: number;
}

/** The material's estimate against the smallest window among the speakers. */
export interface MaterialFit {
  tokens: number;
  window: number;
  speaker: string;
  minWindow: number;
  fits: boolean;
}

export function materialFit(attached: AttachedMaterial, speakers: readonly WindowedSpeaker[]): MaterialFit {
  let smallest = { window: Number.POSITIVE_INFINITY, speaker: '' };
  speakers.forEach((speaker, index) => {
    const window = speaker.contextSize !== undefined && Number.isFinite(speaker.contextSize) && speaker.contextSize > 0 ? speaker.contextSize : attached.defaultWindow;
    if (window < smallest.window) smallest = { window, speaker: speakerName(speaker, index) };
  });
  if (!Number.isFinite(smallest.window)) smallest = { window: attached.defaultWindow, speaker: '' };
  return { tokens: attached.tokens, window: smallest.window, speaker: smallest.speaker, minWindow: attached.minWindow, fits: smallest.window >= attached.minWindow };
}

const count = (value: number): string => value.toLocaleString('en-US');

/** The estimate in words: its tokens, the smallest window and whose, and whether it fits (and what to do when not). */
export function fitText(fit: MaterialFit): string {
  if (fit.fits) {
    return l10n.t('About {0} tokens: fits the smallest context window, {1}\'s {2} tokens (the material needs a window of {3} or more).', count(fit.tokens), fit.speaker, count(fit.window), count(fit.minWindow));
  }
  return l10n.t(
    'About {0} tokens: too large for {1}\'s context window of {2} tokens (it needs {3} or more). Start will be refused: send fewer lines, or raise that speaker\'s context window in More.',
    count(fit.tokens), fit.speaker, count(fit.window), count(fit.minWindow),
  );
}

/** The material in a few words, for the folded set-up: "material src/app.ts:10-20", "material: 3 excerpts", "material: uncommitted changes, 2 files". */
export function materialSummary(material: DebateMaterial): string {
  const excerpts = material.excerpts ?? [];
  const parts: string[] = [];
  if (excerpts.length === 1) parts.push(`${excerpts[0]!.path}:${excerpts[0]!.startLine}-${excerpts[0]!.endLine}`);
  else if (excerpts.length > 1) parts.push(l10n.t('{0} excerpts', excerpts.length));
  if (material.diff !== undefined) {
    const files = diffFiles(material.diff.text).length;
    const kind = material.diff.kind === 'staged' ? l10n.t('staged changes') : l10n.t('uncommitted changes');
    parts.push(files === 1 ? l10n.t('{0}, 1 file', kind) : l10n.t('{0}, {1} files', kind, files));
  }
  return l10n.t('material: {0}', parts.join(', '));
}

function isExcerpt(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { path, startLine, endLine, text } = value as Record<string, unknown>;
  return typeof path === 'string' && typeof text === 'string' && Number.isInteger(startLine) && Number.isInteger(endLine);
}

/** Material saved with the form by an earlier page (its shape not guaranteed): null when unusable. */
export function readSavedMaterial(value: unknown): AttachedMaterial | null {
  if (typeof value !== 'object' || value === null) return null;
  const { material, tokens, minWindow, defaultWindow } = value as Record<string, unknown>;
  if (typeof tokens !== 'number' || typeof minWindow !== 'number' || typeof defaultWindow !== 'number') return null;
  if (typeof material !== 'object' || material === null) return null;
  const { excerpts, diff } = material as Record<string, unknown>;
  if (excerpts !== undefined && !(Array.isArray(excerpts) && excerpts.every(isExcerpt))) return null;
  const diffOk = diff === undefined || (typeof diff === 'object' && diff !== null && typeof (diff as Record<string, unknown>).text === 'string'
    && ['working-tree', 'staged'].includes(String((diff as Record<string, unknown>).kind)));
  if (!diffOk || (excerpts === undefined && diff === undefined)) return null;
  return { material: material as DebateMaterial, tokens, minWindow, defaultWindow };
}
