// The material in a markdown export, and the citations of it in replies as relative links. Pure.
// Each excerpt (and the diff) sits in a backtick fence longer than any run of backticks in it,
// so nothing in a file can close the fence and pose as the transcript's structure.
import { findCitations } from '../citations';
import { stripUnsafe } from '../text-safety';
import { hasMaterial, materialLines, type DebateMaterial } from './material';
import { diffTitle } from './prompt-block';

/** A fence its content can't close: one backtick more than its longest run (at least three). */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (run) => run[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** An info string for a path's fence: its extension when it is plain letters and digits. */
function languageOf(path: string): string {
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(path)?.[1];
  return extension?.toLowerCase() ?? 'text';
}

/** A path in running markdown text: its only markup-capable character is `_`. */
function pathText(path: string): string {
  return stripUnsafe(path).replace(/[\\`*_[\]<>#|~&!()]/g, (char) => `\\${char}`);
}

function fenced(text: string, info: string): string[] {
  const body = materialLines(stripUnsafe(text.replace(/\r\n?/g, '\n')));
  const fence = fenceFor(body.join('\n'));
  return [`${fence}${info}`, ...body, fence];
}

/** "## Material": every excerpt under its path and lines, then the diff, each fenced. Empty without material. */
export function materialSection(material: DebateMaterial | undefined): string[] {
  if (!hasMaterial(material)) return [];
  const lines = ['## Material', ''];
  for (const excerpt of material.excerpts ?? []) {
    lines.push(`**${pathText(excerpt.path)}**, lines ${excerpt.startLine}-${excerpt.endLine}`, '', ...fenced(excerpt.text, languageOf(excerpt.path)), '');
  }
  if (material.diff !== undefined) lines.push(`**${diffTitle(material.diff)}**`, '', ...fenced(material.diff.text, 'diff'), '');
  return lines;
}

/** A citation's target: the path's segments percent-encoded (so nothing in it ends the link), after `base`, with GitHub's line anchor. */
export function citationHref(path: string, startLine: number, endLine: number, base = ''): string {
  const prefix = base === '' || base === '.' ? '' : `${base.replace(/\\/g, '/').replace(/\/+$/, '')}/`;
  const target = `${prefix}${path}`.split('/').map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment).replace(/[()'*!]/g, percentEncoded))).join('/');
  return `${target}#L${startLine}${endLine === startLine ? '' : `-L${endLine}`}`;
}

/** The characters encodeURIComponent leaves that could end or confuse a markdown link target. */
function percentEncoded(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** Whether a line opens or closes a fenced code block (where a link would show as written). */
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * A reply with each citation of the material made a link (`base`: the path from the export's
 * folder to the one the material's paths start from). A citation wrapped in single backticks
 * becomes a link around that code span; one inside other code (a longer span, a fenced block)
 * stays as written, as do citations outside the material.
 */
export function linkCitations(text: string, material: DebateMaterial | undefined, base = ''): string {
  if (!hasMaterial(material)) return text;
  const lines = text.split('\n');
  let inFence = false;
  return lines
    .map((line) => {
      if (FENCE_LINE.test(line)) {
        inFence = !inFence;
        return line;
      }
      return inFence ? line : linkLine(line, material, base);
    })
    .join('\n');
}

function linkLine(line: string, material: DebateMaterial, base: string): string {
  let result = '';
  let from = 0;
  for (const span of findCitations(line, material)) {
    if (!span.inMaterial) continue;
    const before = line.slice(0, span.start);
    const ticksBefore = (before.match(/`/g) ?? []).length;
    const wrapped = line[span.start - 1] === '`' && line[span.end] === '`' && line[span.start - 2] !== '`' && line[span.end + 1] !== '`';
    if (ticksBefore % 2 === 1 && !wrapped) continue;
    const label = line.slice(span.start, span.end);
    const href = citationHref(span.path, span.startLine, span.endLine, base);
    const [start, end, text] = wrapped ? [span.start - 1, span.end + 1, `\`${label}\``] : [span.start, span.end, pathText(label)];
    if (start < from) continue;
    result += `${line.slice(from, start)}[${text}](${href})`;
    from = end;
  }
  return result + line.slice(from);
}
