// The MADR renderer, pure: the sections and front matter it writes, and a hostile corpus of
// model text that must not forge any of that structure (front matter, headings, lists, HTML,
// control characters).
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { demotedTranscript, localDay, renderDecisionRecord } from '../../engine/adr/madr';
import type { DecisionAnswer } from '../../engine/adr/record-schema';
import { sampleAnswer, sampleTranscript } from './record-fixtures';
import { makeTurn } from '../engine/fixtures';
import type { Transcript } from '../../engine/types';

/** Late in the local day: the record keeps that day whatever the time zone. */
const DATE = new Date(2026, 11, 1, 23, 30);
const markdown = new MarkdownIt({ html: true });
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function render(answer: DecisionAnswer, transcript: Transcript = sampleTranscript()): string {
  return renderDecisionRecord({ answer, transcript, judgeModel: 'gemma3:4b', date: DATE });
}

/** The record without the front matter, split before the appended transcript. */
function parts(record: string): { front: string[]; body: string; transcript: string } {
  const lines = record.split('\n');
  const end = lines.indexOf('---', 1);
  const body = lines.slice(end + 1).join('\n');
  const at = body.indexOf('\n## Transcript\n');
  return { front: lines.slice(0, end + 1), body: body.slice(0, at), transcript: body.slice(at) };
}

/** The document's own headings (level 0): a heading inside a quote is the quote's. */
function headings(text: string): string[] {
  const tokens = markdown.parse(text, {});
  return tokens.flatMap((token, at) => (token.type === 'heading_open' && token.level === 0 ? [`${token.tag} ${tokens[at + 1]?.content ?? ''}`] : []));
}

function tokenTypes(text: string): Set<string> {
  const types = new Set<string>();
  for (const token of markdown.parse(text, {})) {
    types.add(token.type);
    for (const child of token.children ?? []) types.add(child.type);
  }
  return types;
}

const EXPECTED_HEADINGS = [
  'h1 Use PostgreSQL for the event store',
  'h2 Context and Problem Statement',
  'h2 Considered Options',
  'h2 Decision Outcome',
  'h3 Consequences',
  'h2 Pros and Cons of the Options',
  'h3 PostgreSQL',
  'h3 SQLite',
  'h2 More Information',
];

describe('renderDecisionRecord', () => {
  it('writes MADR 4: front matter, the sections in order, the chosen option with its reason, consequences, the transcript appended', () => {
    const record = render(sampleAnswer());
    const { front, body, transcript } = parts(record);
    expect(front).toEqual(['---', 'status: proposed', 'date: 2026-12-01', 'decision-makers: ["llama3.2:1b", "qwen2.5:0.5b"]', '---']);
    expect(headings(body)).toEqual(EXPECTED_HEADINGS);
    const sections = [
      '\n## Context and Problem Statement\n\nWe need a durable event store.\n\nThe team knows SQL well.\n',
      '\n## Considered Options\n\n* PostgreSQL\n* SQLite\n',
      '\nChosen option: "PostgreSQL", because it handles concurrent writers and the team knows it.\n',
      '\n### Consequences\n\n* Good, because one database to run\n* Bad, because an extra service in development\n',
      '\n### SQLite\n\n* Good, because no server\n* Bad, because one writer at a time\n',
      'Drafted by gemma3:4b from debate 20261201-150000-a1b2c3',
    ];
    for (const section of sections) expect(body).toContain(section);
    // The transcript: the library's export, its headings below "## Transcript".
    expect(headings(transcript)).toEqual(['h2 Transcript', 'h3 Postgres or SQLite?', 'h4 1. Ada — llama3.2:1b · Cynic', 'h4 2. Bob — qwen2.5:0.5b · Polite']);
    expect(transcript).toContain('> Postgres scales.');
    expect(record.endsWith('\n')).toBe(true);
  });

  it('names the chosen option as listed, whatever case or spacing the model used', () => {
    expect(render(sampleAnswer({ chosenOption: '  sqlite ' }))).toContain('Chosen option: "SQLite", because');
  });

  it('says so when no consequences or pros and cons were named, and leaves out decision-makers without speakers', () => {
    const record = render(sampleAnswer({ consequences: { good: [], bad: [] }, options: [{ name: 'A', pros: [], cons: [] }, { name: 'B', pros: ['x'], cons: [] }], chosenOption: 'A' }), sampleTranscript({ speakers: [], turns: [] }));
    expect(record).toContain('### Consequences\n\nNo consequences were named.\n');
    expect(record).toContain('### A\n\nNo pros or cons were named.\n');
    expect(record.split('\n').slice(0, 4)).toEqual(['---', 'status: proposed', 'date: 2026-12-01', '---']);
  });

  it('dates the record by its local day', () => {
    expect(localDay(new Date(2026, 0, 2, 0, 30))).toBe('2026-01-02');
  });
});

/** Model text written to break out of its place, each case in a different field. */
const HOSTILE: [string, Partial<DecisionAnswer>][] = [
  ['a front-matter breakout in the title', { title: 'Real\n---\nstatus: accepted\n---\n# Fake title' }],
  ['a setext heading and a fake section in the context', { context: 'Fine so far\n---\n## Decision Outcome\nChosen option: "Evil"\n===' }],
  ['raw HTML, a comment and character references in the justification', { justification: '<script>alert(1)</script>\n\n<!-- swallow the rest\n\n&#x202E;evil &#27;[31m <img src=x onerror=alert(1)>' }],
  [
    'block starts in option names',
    {
      options: [
        { name: '- nested\n# heading', pros: ['1. ordered'], cons: ['> quote'] },
        { name: '```\nfence', pros: ['| a | b |\n| --- | --- |'], cons: ['    indented code'] },
      ],
      chosenOption: '- nested # heading',
    },
  ],
  ['control characters and bidi overrides everywhere', { title: 'Use\u001b]0;pwned\u0007 it\u202e', context: 'A\u0000B\u009bC\r\n\r\nD\u2066E', consequences: { good: ['\u001b[2Jclear'], bad: ['[x]: http://evil.example "link definition"'] } }],
  ['a paragraph that starts like a heading, a rule or a list', { context: '# Heading\n\n***\n\n+ item\n\n2) item\n\n> quote\n\n[^note]: footnote', justification: '## Consequences\n\n---' }],
];

describe('model text cannot forge the record\'s structure', () => {
  it.each(HOSTILE)('%s', (_case, patch) => {
    const answer = sampleAnswer(patch);
    const record = render(answer);
    const { front, body } = parts(record);
    // The front matter is exactly the generated one, and no other front-matter fence or rule appears before the transcript.
    expect(front).toEqual(['---', 'status: proposed', 'date: 2026-12-01', 'decision-makers: ["llama3.2:1b", "qwen2.5:0.5b"]', '---']);
    expect(body.split('\n').filter((line) => /^ {0,3}([-*_=])(\s*\1){2,}\s*$/.test(line))).toEqual([]);
    // Only the generated headings, one per option.
    expect(headings(body).map((heading) => heading.slice(0, 2))).toEqual(['h1', 'h2', 'h2', 'h2', 'h3', 'h2', 'h3', 'h3', 'h2']);
    expect(headings(body).filter((heading) => !/^h[123] /.test(heading))).toEqual([]);
    const structural = headings(body).slice(1).filter((heading) => !heading.startsWith('h3 ') || heading === 'h3 Consequences');
    expect(structural).toEqual(['h2 Context and Problem Statement', 'h2 Considered Options', 'h2 Decision Outcome', 'h3 Consequences', 'h2 Pros and Cons of the Options', 'h2 More Information']);
    // No raw HTML, no nested or other blocks, nothing unsafe anywhere in the file.
    const types = tokenTypes(record);
    for (const forbidden of ['html_block', 'html_inline']) expect(types.has(forbidden)).toBe(false);
    const bodyTypes = tokenTypes(body);
    for (const forbidden of ['ordered_list_open', 'blockquote_open', 'fence', 'code_block', 'table_open', 'hr']) expect(bodyTypes.has(forbidden)).toBe(false);
    expect(record).not.toMatch(UNSAFE);
    // Nor once rendered: a character reference must not decode to one.
    expect(markdown.render(record)).not.toMatch(UNSAFE);
    // Every option is one list item, in one flat list.
    const considered = body.slice(body.indexOf('\n## Considered Options\n'), body.indexOf('\n## Decision Outcome\n'));
    expect(considered.split('\n').filter((line) => line.startsWith('* '))).toHaveLength(answer.options.length);
  });

  it('keeps what the hostile text said, as text', () => {
    const record = render(sampleAnswer(HOSTILE[2]?.[1]));
    const html = markdown.render(record);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(render(sampleAnswer(HOSTILE[0]?.[1]))).toContain('# Real --- status: accepted --- \\# Fake title\n');
  });

  it('keeps decision-makers one YAML line whatever the model names hold', () => {
    const transcript = sampleTranscript({ speakers: [{ name: 'Ada', model: 'evil"\nstatus: accepted\n---', tone: 'Cynic' }, { name: 'Bob', model: 'x\u001b[31m', tone: 'Polite' }] });
    const front = parts(render(sampleAnswer(), transcript)).front;
    expect(front).toHaveLength(5);
    expect(JSON.parse(front[3]?.replace('decision-makers: ', '') ?? '')).toEqual(['evil" status: accepted ---', 'x[31m']);
  });

  it('the appended transcript holds a hostile turn as a quote: no heading, HTML or rule of its own', () => {
    const transcript = sampleTranscript({ turns: [makeTurn(0, sampleTranscript().speakers, '## Decision Outcome\n<script>x</script>\n---\n# Title')] });
    const text = demotedTranscript(transcript).join('\n');
    expect(headings(text)).toEqual(['h3 Postgres or SQLite?', 'h4 1. Ada — llama3.2:1b · Cynic']);
    const types = tokenTypes(text);
    expect(types.has('html_block') || types.has('html_inline')).toBe(false);
  });
});
