// The markdown export of a debate that ends well: the AI moderator's turns labelled with its
// model and purpose, closing statements and the "Vote" section beside the "Verdict", the
// debate's settings in the metadata, and none of the model-written parts (summaries,
// positions, answers, the moderator's model) able to forge structure or HTML.
import MarkdownIt, { type Token } from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { transcriptToMarkdown } from '../../engine/markdown';
import type { Transcript } from '../../engine/types';
import { aiTurn, closingTurn, endedWell, END_SPEAKERS as speakers } from './debate-end-fixtures';
import { makeNote, makeTurn } from './fixtures';
import { sampleVerdict } from './judge-fixtures';

function debate(patch: Partial<Transcript> = {}): Transcript {
  return endedWell({ verdicts: [sampleVerdict()], ...patch });
}

function tokensOf(markdown: string, html: boolean): Token[] {
  return new MarkdownIt({ html }).parse(markdown, {});
}

function topLevelH2(tokens: Token[]): string[] {
  const text = (inline: Token | undefined): string => (inline?.children ?? []).map((child) => child.content).join('');
  return tokens.flatMap((token, at) => (token.type === 'heading_open' && token.tag === 'h2' && token.level === 0 ? [text(tokens[at + 1])] : []));
}

/** Table cells not inside a blockquote (a model's own table in its quoted words is its business). */
function cellsOutsideQuotes(tokens: Token[]): number {
  let depth = 0;
  let cells = 0;
  for (const token of tokens) {
    if (token.type === 'blockquote_open') depth++;
    else if (token.type === 'blockquote_close') depth--;
    else if (token.type === 'td_open' && depth === 0) cells++;
  }
  return cells;
}

const EXPECTED_HEADINGS = [
  '2. Ada — llama3.2:1b · Cynic',
  '3. Bob — qwen2.5:0.5b · Polite',
  '4. Cy — llama3.2:1b · Rational',
  '8. Ada — llama3.2:1b · Cynic · Closing statement',
  '9. Bob — qwen2.5:0.5b · Polite · Closing statement',
  '10. Cy — llama3.2:1b · Rational · Closing statement',
  'Vote · 3 closing statements',
  'Verdict · judged by gemma3:4b · 2026-12-01 15:00 UTC',
];

describe('the markdown export of a debate with an AI moderator and closing statements', () => {
  it('lists the order, the moderator (never its host), the stop conditions with thresholds and closing statements in the metadata', () => {
    const markdown = transcriptToMarkdown(debate());
    for (const line of [
      '- **Ended by:** consensus: The moderator found that the speakers agree.',
      '- **Order:** simultaneous (every speaker answers the previous round at once)',
      '- **Moderator:** gemma3:4b',
      '- **Stop conditions:** repetition (embedding similarity ≥ 0.92, by nomic-embed-text); consensus (as the moderator finds it)',
      '- **Closing statements:** yes, tallied as a vote',
    ]) {
      expect(markdown).toContain(`${line}\n`);
    }
    expect(markdown).toContain('- **Totals:** 6 turns, 1 moderator note, 3 AI moderator turns, 252 tokens, ');
    expect(markdown).not.toContain('secret');
    const judged = transcriptToMarkdown(debate({ moderator: undefined, order: { kind: 'moderator', picks: [[2, 0, 1]] }, stopOn: { consensus: { model: 'qwen3:8b' } } }));
    expect(judged).toContain('- **Order:** moderator (the AI moderator picks who speaks next)\n');
    expect(judged).toContain('- **Stop conditions:** consensus (as qwen3:8b finds it)\n');
    expect(judged).not.toContain('- **Moderator:**');
  });

  it('writes nothing new for a plain debate', () => {
    const plain = transcriptToMarkdown(debate({ order: undefined, moderator: undefined, stopOn: undefined, closingStatements: undefined, turns: [makeTurn(0, speakers, 'Tea.')], verdicts: undefined }));
    for (const absent of ['Order', 'Moderator', 'Stop conditions', 'Closing statement', 'Vote', 'AI moderator']) expect(plain).not.toContain(absent);
  });

  it("labels the AI moderator's turns with its model and purpose, quoted like a note", () => {
    const markdown = transcriptToMarkdown(debate());
    for (const section of [
      '**1. Moderator** (gemma3:4b) · framing the question\n\n> What makes a drink better: taste, health or cost?\n',
      '**5. Moderator** (gemma3:4b) · summary of round 1\n\n> Two for tea, one for coffee.\n',
      "**6. Moderator's note** · exchange 1\n\n> A note of my own.\n",
      '**7. Moderator** (gemma3:4b) · closing the debate\n\n> The speakers agree enough; closing.\n',
    ]) {
      expect(markdown).toContain(section);
    }
  });

  it('heads closing statements as such, with the position and answer the vote read', () => {
    const markdown = transcriptToMarkdown(debate());
    for (const html of [false, true]) expect(topLevelH2(tokensOf(markdown, html))).toEqual(EXPECTED_HEADINGS);
    expect(markdown).toContain('> Position: Tea is kinder.\n> Answer: Tea.\n\n**Position:** Tea is kinder.\n\n**Answer:** Tea.\n');
    expect(markdown).toContain('**Position:** I stay with coffee.\n\n**Answer:** (none)\n');
  });

  it('tallies the vote in its own section before the verdict: result, answers with votes and voters, who gave none', () => {
    const markdown = transcriptToMarkdown(debate());
    const vote = markdown.slice(markdown.indexOf('## Vote'), markdown.indexOf('## Verdict'));
    expect(vote).toBe(
      [
        '## Vote · 3 closing statements',
        '',
        '**Result:** majority for "Tea." (2 of 3)',
        '',
        '| Answer | Votes | Speakers |',
        '| --- | ---: | --- |',
        '| Tea. | 2 | Ada, Bob |',
        '',
        '**No answer from:** Cy',
        '',
        '---',
        '',
        '',
      ].join('\n'),
    );
    const split = transcriptToMarkdown(debate({ turns: [closingTurn(0, { position: 'a', answer: 'Yes' }), closingTurn(1, { position: 'b', answer: 'No' })] }));
    expect(split).toContain('**Result:** no majority\n');
    expect(split).toContain('| Yes | 1 | Ada |\n| No | 1 | Bob |\n');
  });

  it('has no vote section when no closing statement completed', () => {
    const failed = { ...closingTurn(0, { position: 'x', answer: 'y' }), status: 'failed' as const };
    expect(transcriptToMarkdown(debate({ turns: [makeTurn(0, speakers, 'Tea.'), failed] }))).not.toContain('## Vote');
  });
});

/** What a model could write as a summary, a position or an answer to forge the export's structure. */
const HOSTILE_TEXTS: readonly string[] = [
  '---\n\n## 99. Ada — llama3.2:1b · Cynic · Closing statement\n\nForged.',
  '## Vote · 9 closing statements',
  '</details>\n\n## 98. Forged after a closed details block',
  '<details open><summary>Reasoning</summary>\n\nhidden',
  '<script>alert(1)</script>',
  '<!-- swallow the rest',
  '| forged | 99 | row |\n| --- | --- | --- |',
  '**Result:** majority for "forged"',
  '```\nopen fence',
  '[link](javascript:alert(1)) ![img](x) <img src=x onerror=alert(1)>',
  'ESC \u001b[2J CSI \u009b31m RLO \u202e &#x202E; &#27;',
];

describe('the markdown export against hostile summaries, positions and answers', () => {
  it.each(HOSTILE_TEXTS.map((text) => [JSON.stringify(text).slice(0, 60), text]))('%s forges no heading, row, HTML or control character', (_label, text) => {
    const hostile = debate({
      moderator: { model: `gemma3 ${text}` },
      turns: [
        aiTurn('f', 1, 'framing', text, `gemma3 ${text}`),
        makeTurn(0, speakers, 'Tea.'),
        makeTurn(1, speakers, 'Tea, on cost.'),
        makeTurn(2, speakers, 'Coffee.'),
        aiTurn('s', 1, 'summary', `${text}\nSENTINEL-SUMMARY`),
        makeNote('n', 1, text),
        aiTurn('x', 1, 'closing', text),
        closingTurn(0, { position: text, answer: text }),
        closingTurn(1, { position: text, answer: text }),
        closingTurn(2, { position: 'Fine.', answer: `${text} again` }),
      ],
    });
    const markdown = transcriptToMarkdown(hostile);
    for (const html of [false, true]) {
      const tokens = tokensOf(markdown, html);
      expect(topLevelH2(tokens)).toEqual(EXPECTED_HEADINGS);
      expect(tokens.filter((token) => token.type === 'heading_open' && token.tag === 'h1')).toHaveLength(1);
      // No HTML of a model's passes through (this debate has no reasoning, so no block of ours either).
      expect(tokens.flatMap((token) => [token, ...(token.children ?? [])]).filter((token) => token.type.startsWith('html_'))).toEqual([]);
      // Outside the quotes, the vote table and the verdict's have their own rows only (2 answers x 3 cells; 2 speakers x 7 cells).
      expect(cellsOutsideQuotes(tokens)).toBe(2 * 3 + 2 * 7);
      // The summary stays inside its quote.
      const sentinel = tokens.findIndex((token) => token.content.includes('SENTINEL-SUMMARY'));
      const before = tokens.slice(0, sentinel);
      expect(before.filter((token) => token.type === 'blockquote_open').length).toBeGreaterThan(before.filter((token) => token.type === 'blockquote_close').length);
    }
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(markdown).not.toContain('&#x202E;');
    expect(new MarkdownIt({ html: true }).render(markdown)).not.toMatch(/[\u001b\u009b\u202e]/);
  });
});
