// A decision record as a MADR 4 file, pure: front matter (status proposed, the date, the
// speakers' models as decision-makers), the sections MADR names, then the debate's transcript
// appended under "## Transcript" (so the record stands on its own, wherever it is copied),
// its headings moved two levels down to sit below that one. Every model-written part goes
// through safe-markdown.ts; the transcript is the library's own export (markdown.ts), where
// model text is already quoted.
import { transcriptToMarkdown } from '../markdown';
import type { Transcript } from '../types';
import { findOption, type DecisionAnswer } from './record-schema';
import { oneLineField, proseParagraphs, yamlString } from './safe-markdown';

/** Most characters kept of each part the model wrote. */
export const RECORD_LIMITS = { title: 120, name: 120, point: 300, prose: 3000 } as const;

export interface RecordInput {
  answer: DecisionAnswer;
  transcript: Transcript;
  /** The model that drafted the record. */
  judgeModel: string;
  /** The record's date (its day in the local time zone: the user's day, as exports are named). */
  date: Date;
}

/** Pure: YYYY-MM-DD, the local day. */
export function localDay(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Pure: the front matter's lines, between the two `---`. */
function frontMatter(input: RecordInput): string[] {
  const models = [...new Set(input.transcript.speakers.map((speaker) => speaker.model))];
  const makers = models.length === 0 ? [] : [`decision-makers: [${models.map(yamlString).join(', ')}]`];
  return ['---', 'status: proposed', `date: ${localDay(input.date)}`, ...makers, '---'];
}

const point = (text: string): string => oneLineField(text, RECORD_LIMITS.point, '(empty)');
const optionName = (text: string): string => oneLineField(text, RECORD_LIMITS.name, '(unnamed option)');

/** Pure: "Good, because …" and "Bad, because …" bullets; a line saying so when there are none. */
function goodAndBad(good: readonly string[], bad: readonly string[], none: string): string[] {
  const bullets = [...good.map((text) => `* Good, because ${point(text)}`), ...bad.map((text) => `* Bad, because ${point(text)}`)];
  return bullets.length === 0 ? [none] : bullets;
}

/** Pure: the exported transcript with every heading two levels lower (its `#` lines are all generated: model text in it is quoted). */
export function demotedTranscript(transcript: Transcript): string[] {
  return transcriptToMarkdown(transcript, { thinking: false })
    .trimEnd()
    .split('\n')
    .map((line) => (/^#{1,4} /.test(line) ? `##${line}` : line));
}

/** Pure: the record's file content. */
export function renderDecisionRecord(input: RecordInput): string {
  const { answer } = input;
  const chosen = findOption(answer.options, answer.chosenOption) ?? answer.options[0];
  const [reason = '', ...moreReasons] = proseParagraphs(answer.justification, RECORD_LIMITS.prose);
  const lines = [
    ...frontMatter(input),
    '',
    `# ${oneLineField(answer.title, RECORD_LIMITS.title, 'Untitled decision')}`,
    '',
    '## Context and Problem Statement',
    '',
    ...proseParagraphs(answer.context, RECORD_LIMITS.prose).flatMap((paragraph) => [paragraph, '']),
    '## Considered Options',
    '',
    ...answer.options.map((option) => `* ${optionName(option.name)}`),
    '',
    '## Decision Outcome',
    '',
    `Chosen option: "${optionName(chosen?.name ?? answer.chosenOption)}", because ${reason}`,
    '',
    ...moreReasons.flatMap((paragraph) => [paragraph, '']),
    '### Consequences',
    '',
    ...goodAndBad(answer.consequences.good, answer.consequences.bad, 'No consequences were named.'),
    '',
    '## Pros and Cons of the Options',
    '',
    ...answer.options.flatMap((option) => [`### ${optionName(option.name)}`, '', ...goodAndBad(option.pros, option.cons, 'No pros or cons were named.'), '']),
    '## More Information',
    '',
    `Drafted by ${oneLineField(input.judgeModel, RECORD_LIMITS.name, 'the judge')} from debate ${oneLineField(input.transcript.id, RECORD_LIMITS.name, '(unsaved)')}, whose transcript follows. The status stays "proposed" until people review it.`,
    '',
    '## Transcript',
    '',
    ...demotedTranscript(input.transcript),
  ];
  return `${lines.join('\n')}\n`;
}
