// Transcript -> markdown, pure. The file's structure (title, metadata, one level-2 heading per
// turn naming the speaker and the model) is generated; whatever people, models or servers
// wrote is kept from posing as that structure or swallowing it:
// - every reply and moderator's note is a blockquote, each of its lines prefixed with "> ".
//   A blockquote ends at the blank line after it whatever it holds (an unclosed fence, a list,
//   an HTML block), and a heading inside it is nested, never a top-level turn heading;
// - raw HTML in them (an unclosed `<!--`, `<script>`, `<textarea>`...) is written as text
//   (`&lt;`), so a renderer with HTML on (as GitHub renders) shows it instead of obeying it;
// - names, models, tones and the topic are collapsed to one line with markdown escaped;
// - control characters and bidi overrides are dropped everywhere (see text-safety.ts);
// - a reasoning model's reasoning goes in a collapsed <details> block, quoted like a reply
//   (so it can't close the block or reach past it), or is left out (MarkdownOptions.thinking);
// - the earlier replies Regenerate kept follow the turn's reply, each in such a block.
import MarkdownIt from 'markdown-it';
import { formatDuration, plural, thoughtFor } from './format';
import { isUnsafeCodePoint, normalizeLineBreaks, stripUnsafe } from './text-safety';
import { CRITERION_NAMES, JUDGE_CRITERIA, formatScore, markedTurns, verdictOutcome, type Verdict } from './judge/verdict';
import { tallyVotes, type VoteTally } from './closing';
import { describeDebateSettings } from './debate-settings';
import { linkCitations, materialSection } from './material/material-markdown';
import { CLOSING_STATEMENT_LABEL, moderatorPurposeLabel } from './turn-labels';
import type { ModeratorTurn, SpeakerTurn, StopReason, Transcript, Turn } from './types';

/** A numeric character reference (`&#x202E;`, `&#27;`) that would decode to an unsafe character. */
const UNSAFE_REFERENCE = /&(#(?:[xX][0-9a-fA-F]{1,6}|[0-9]{1,7});)/g;

/** Untrusted text with its unsafe characters dropped, also when spelled as character references. */
function safeText(text: string): string {
  return stripUnsafe(normalizeLineBreaks(text)).replace(UNSAFE_REFERENCE, (whole, reference: string) => {
    const digits = reference.slice(1, -1);
    const codePoint = digits[0] === 'x' || digits[0] === 'X' ? Number.parseInt(digits.slice(1), 16) : Number.parseInt(digits, 10);
    return isUnsafeCodePoint(codePoint) ? `&amp;${reference}` : whole;
  });
}

/** Markdown punctuation that could start inline markup (code, emphasis, links, HTML, entities) or close a heading. */
const INLINE_MARKUP = /[\\`*_[\]<>#|~&!]/g;

/** Names, models and the topic go into single-line positions: one line, shown as written. */
export function inline(text: string): string {
  return safeText(text).replace(/\s+/g, ' ').trim().replace(INLINE_MARKUP, (char) => `\\${char}`);
}

/** A note of the engine's (why a turn stopped): one line, its code spans kept, no HTML. */
function noteText(text: string): string {
  return safeText(text).replace(/\s+/g, ' ').trim().replace(/</g, '&lt;');
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function utcDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

const HTML_RENDERER = new MarkdownIt({ html: true });
/** Rounds of re-parsing before every `<` of the text is escaped outright (each round escapes at least one). */
const MAX_HTML_ROUNDS = 16;

/**
 * The lines (0-based) of a blockquote's body that make a renderer with HTML on pass raw HTML
 * through: the first line of each HTML block (the one its start condition is read from), and
 * every line of a paragraph or heading holding inline HTML (a tag may span lines).
 */
function rawHtmlLines(lines: readonly string[]): Set<number> {
  const quote = lines.map((line) => (line === '' ? '>' : `> ${line}`)).join('\n');
  const found = new Set<number>();
  // A table cell's inline token has no lines of its own: its row's are the nearest.
  let near: [number, number] = [0, lines.length];
  for (const token of HTML_RENDERER.parse(quote, {})) {
    if (token.map !== null) near = token.map;
    if (token.type === 'html_block') found.add(near[0]);
    else if (token.type === 'inline' && (token.children ?? []).some((child) => child.type === 'html_inline')) {
      for (let line = near[0]; line < near[1]; line++) found.add(line);
    }
  }
  return found;
}

/**
 * The text's lines with raw HTML turned into text: every `<` of a line that would render as
 * HTML becomes `&lt;` (shown as `<`). Other lines are untouched, so `<` in code stays as written.
 * Escaping the start of an HTML block uncovers the lines it had swallowed, which may hold HTML
 * of their own: parse again until none is left.
 */
function withoutRawHtml(lines: string[]): string[] {
  if (!lines.some((line) => line.includes('<'))) return lines;
  let current = lines;
  for (let round = 0; round < MAX_HTML_ROUNDS; round++) {
    const raw = rawHtmlLines(current);
    if (raw.size === 0) return current;
    current = current.map((line, at) => (raw.has(at) ? line.replace(/</g, '&lt;') : line));
  }
  return current.map((line) => line.replace(/</g, '&lt;'));
}

/**
 * Every line of untrusted text as a blockquote: whatever it holds (a heading, a rule, a fence,
 * a list, HTML) stays inside the quote, and the quote ends at the blank line that follows it.
 */
function quoted(text: string): string[] {
  return withoutRawHtml(safeText(text).split('\n')).map((line) => (line === '' ? '>' : `> ${line}`));
}

function speakerTurns(transcript: Transcript): SpeakerTurn[] {
  return transcript.turns.filter((turn): turn is SpeakerTurn => turn.kind === 'speaker');
}

function totalDurationMs(transcript: Transcript): number {
  if (transcript.endedAt !== null) {
    const span = Date.parse(transcript.endedAt) - Date.parse(transcript.startedAt);
    if (Number.isFinite(span) && span >= 0) return span;
  }
  return speakerTurns(transcript).reduce((sum, turn) => sum + turn.metrics.durationMs, 0);
}

const ENDED_BY: Record<StopReason, string> = {
  exchanges: 'the exchange count',
  moderator: 'the moderator',
  repetition: 'repetition',
  consensus: 'consensus',
  user: 'the user',
  error: 'an error',
};

function metadata(transcript: Transcript): string[] {
  const speakers = transcript.speakers.map((s) => `${inline(s.name)} (${inline(s.model)}, ${inline(s.tone)})`);
  const spoken = speakerTurns(transcript);
  const aiTurns = transcript.turns.filter((turn) => turn.kind === 'moderator' && turn.ai !== undefined).length;
  const notes = transcript.turns.length - spoken.length - aiTurns;
  const tokens = spoken.reduce((sum, turn) => sum + turn.metrics.tokens, 0);
  const counts = [
    plural(spoken.length, 'turn'),
    ...(notes > 0 ? [plural(notes, 'moderator note')] : []),
    ...(aiTurns > 0 ? [plural(aiTurns, 'AI moderator turn')] : []),
    plural(tokens, 'token'),
  ];
  const lines = [
    `- **Date:** ${utcDateTime(transcript.startedAt)}`,
    `- **Speakers:** ${speakers.join('; ')}`,
    `- **Exchanges:** ${transcript.exchanges}`,
    `- **Outcome:** ${transcript.outcome}`,
  ];
  if (transcript.stopReason !== null) {
    const found = transcript.stopNote === undefined ? '' : `: ${noteText(transcript.stopNote)}`;
    lines.push(`- **Ended by:** ${ENDED_BY[transcript.stopReason]}${found}`);
  }
  for (const setting of describeDebateSettings(transcript)) lines.push(`- **${setting.name}:** ${inline(setting.value)}`);
  if (transcript.parentId !== undefined) {
    const at = transcript.forkedAtTurn === undefined ? '' : ` at turn ${transcript.forkedAtTurn}`;
    lines.push(`- **Branched from:** debate ${inline(transcript.parentId)}${at}`);
  }
  lines.push(`- **Totals:** ${counts.join(', ')}, ${formatDuration(totalDurationMs(transcript))}`);
  return lines;
}

/** Under the heading of a turn exported while it was still being spoken. */
export const IN_PROGRESS_MARK = '*(in progress when exported)*';

/**
 * A speaker's turn: a level-2 heading naming the speaker and model, why it did not complete (or
 * was cut) or that it was still being spoken, then the reply, quoted.
 */
function speakerSection(turn: SpeakerTurn, position: number, inProgress: boolean, withThinking: boolean, link: CitationLinker): string[] {
  const state = turn.status === 'complete' || inProgress ? '' : ` (${turn.status})`;
  const closing = turn.closing === undefined ? '' : ` · ${CLOSING_STATEMENT_LABEL}`;
  const lines = [`## ${position}. ${inline(turn.speaker)} — ${inline(turn.model)} · ${inline(turn.tone)}${closing}${state}`, ''];
  if (inProgress) lines.push(IN_PROGRESS_MARK, '');
  // The heading already says stopped or failed; the note says why, once (a complete turn's note says it was cut).
  if (turn.note) lines.push(`**Note:** ${noteText(turn.note)}`, '');
  if (withThinking && turn.thinking !== undefined && turn.thinking.trim() !== '') lines.push(...reasoningBlock(turn.thinking, turn.thinkingMs));
  if (turn.text !== '') lines.push(...quoted(link(turn.text)), '');
  // What the vote read from the statement: one line each, escaped like a name.
  if (turn.closing !== undefined) lines.push(`**Position:** ${inline(turn.closing.position) || '(none)'}`, '', `**Answer:** ${inline(turn.closing.answer ?? '') || '(none)'}`, '');
  lines.push(...earlierReplies(turn));
  return lines;
}

/** Opens every exported reasoning block; its summary holds only the engine's words and figures. */
export const REASONING_SUMMARY = 'Reasoning';

/**
 * A turn's reasoning, collapsed: HTML blocks of our own around the reasoning quoted like a reply,
 * so raw HTML in it (`</details>` too) is text, and the quote ends before `</details>`.
 */
function reasoningBlock(thinking: string, ms: number | undefined): string[] {
  const summary = ms === undefined ? REASONING_SUMMARY : `${REASONING_SUMMARY} · ${thoughtFor(ms).toLowerCase()}`;
  return collapsedBlock(summary, quoted(thinking));
}

/** Opens every exported earlier reply of a turn (Regenerate keeps them); the summary holds only the engine's words and figures. */
export const EARLIER_REPLY_SUMMARY = 'Earlier reply';

/** The replies Regenerate replaced, after the turn's own, each collapsed, its note escaped and its text quoted like a reply. */
function earlierReplies(turn: SpeakerTurn): string[] {
  const replies = turn.alternatives ?? [];
  return replies.flatMap((reply, at) => {
    const state = reply.status === 'complete' ? '' : ` (${reply.status})`;
    const body = [...(reply.note ? [`**Note:** ${noteText(reply.note)}`, ''] : []), ...(reply.text === '' ? [] : quoted(reply.text))];
    return collapsedBlock(`${EARLIER_REPLY_SUMMARY} ${at + 1} of ${replies.length}${state}`, body);
  });
}

/** A block of our own HTML around quoted (so inert) text: `</details>` inside it stays text, and the quote ends before ours. */
function collapsedBlock(summary: string, body: readonly string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

/** The moderator's note, or the AI moderator's turn (its model and purpose): labelled, not a turn heading, its words quoted so none can pass for one. */
function moderatorSection(turn: ModeratorTurn, position: number): string[] {
  const label = turn.ai === undefined
    ? `**${position}. Moderator's note** · exchange ${turn.exchange}`
    : `**${position}. Moderator** (${inline(turn.ai.model)}) · ${moderatorPurposeLabel(turn.ai.purpose, turn.exchange)}`;
  return [label, '', ...quoted(turn.text), ''];
}

/** `position` counts every turn from 1, notes included: the K of "branch at turn K". */
function turnSection(turn: Turn, position: number, inProgress: ReadonlySet<string>, withThinking: boolean, link: CitationLinker): string[] {
  switch (turn.kind) {
    case 'speaker':
      return speakerSection(turn, position, inProgress.has(turn.id), withThinking, link);
    case 'moderator':
      return moderatorSection(turn, position);
    default: {
      const unexpected: never = turn;
      throw new Error(`Unknown turn kind: ${JSON.stringify(unexpected)}`);
    }
  }
}

export interface MarkdownOptions {
  /** The turns still being spoken when the debate was exported (several in a simultaneous round): marked so, not as stopped. */
  inProgressTurnIds?: readonly string[];
  /** Whether reasoning models' reasoning is exported (collapsed); default true. */
  thinking?: boolean;
  /** The path from the export's folder to the folder the material's paths start from: citations link there (default: the same folder). */
  citationBase?: string;
}

/** A reply's citations of the material as links (engine/material/material-markdown.ts). */
type CitationLinker = (text: string) => string;

export function transcriptToMarkdown(transcript: Transcript, options: MarkdownOptions = {}): string {
  const title = inline(transcript.topic) || 'Untitled debate';
  const lines = [`# ${title}`, '', ...metadata(transcript), '', ...materialSection(transcript.material)];
  const link: CitationLinker = (text) => linkCitations(text, transcript.material, options.citationBase);
  const inProgress = new Set(options.inProgressTurnIds ?? []);
  // A rule before each turn sets it apart; its heading is the only top-level heading in it.
  const withThinking = options.thinking ?? true;
  transcript.turns.forEach((turn, at) => lines.push('---', '', ...turnSection(turn, at + 1, inProgress, withThinking, link)));
  const vote = tallyVotes(transcript.turns, transcript.speakers);
  if (vote.statements > 0) lines.push('---', '', ...voteSection(vote));
  for (const verdict of transcript.verdicts ?? []) lines.push('---', '', ...verdictSection(verdict, transcript.turns));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/**
 * A judge's verdict, after the turns: generated heading, result and scores table (names and
 * models escaped like every other one-line field), the family warning as an engine note, and
 * the rationale, model text, quoted like a reply so it can't pose as a turn or a heading.
 */
function verdictSection(verdict: Verdict, turns: readonly Turn[]): string[] {
  const criteria = JUDGE_CRITERIA.map((criterion) => CRITERION_NAMES[criterion]);
  const lines = [
    `## Verdict · judged by ${inline(verdict.judgeModel)} · ${utcDateTime(verdict.createdAt)}`,
    '',
    `**Result:** ${inline(verdictOutcome(verdict))}`,
    '',
    `**Judged:** ${plural(verdict.turnsJudged, 'turn')}, blind (no names), in ${plural(verdict.orders.length, 'order')} (seed ${verdict.seed})`,
    '',
    `| Speaker | Model | ${criteria.join(' | ')} | Overall |`,
    `| --- | --- | ${criteria.map(() => '---:').join(' | ')} | ---: |`,
    ...verdict.scores.map(
      (side) => `| ${inline(side.speaker)} | ${inline(side.model)} | ${JUDGE_CRITERIA.map((criterion) => formatScore(side.scores[criterion])).join(' | ')} | ${formatScore(side.overall)} |`,
    ),
    '',
  ];
  if (verdict.familyWarning !== null) lines.push(`**Warning:** ${noteText(verdict.familyWarning)}`, '');
  if (verdict.rationale.trim() !== '') lines.push('**Rationale:**', '', ...quoted(verdict.rationale), '');
  const marks = markedTurns(verdict, turns).map((turn) => `${turn.position}. ${inline(turn.speaker)} ${formatScore(turn.mark)}`);
  if (marks.length > 0) lines.push(`**Turn marks:** ${marks.join(' · ')}`, '');
  return lines;
}

/** The vote of the closing statements, before the verdicts: each answer (model text, escaped like a name) with its votes and voters, and the result. */
function voteSection(vote: VoteTally): string[] {
  const top = vote.groups[0];
  const result = vote.majority === null || top === undefined ? 'no majority' : `majority for "${inline(vote.majority)}" (${top.votes} of ${vote.statements})`;
  const lines = [`## Vote · ${plural(vote.statements, 'closing statement')}`, '', `**Result:** ${result}`, ''];
  if (vote.groups.length > 0) {
    lines.push(
      '| Answer | Votes | Speakers |',
      '| --- | ---: | --- |',
      ...vote.groups.map((group) => `| ${inline(group.answer)} | ${group.votes} | ${group.speakers.map(inline).join(', ')} |`),
      '',
    );
  }
  if (vote.withoutAnswer.length > 0) lines.push(`**No answer from:** ${vote.withoutAnswer.map(inline).join(', ')}`, '');
  return lines;
}

const MAX_SLUG_LENGTH = 50;

export function topicSlug(topic: string): string {
  const slug = topic
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
  return slug === '' ? 'untitled' : slug;
}

/** 'debate-<topic-slug>-YYYY-MM-DD.md', dated in the local time zone (the user's day). */
export function exportFileName(topic: string, date: Date): string {
  return `debate-${topicSlug(topic)}-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.md`;
}
