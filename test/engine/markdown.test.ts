import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt, { type Token } from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { exportFileName, IN_PROGRESS_MARK, transcriptToMarkdown, type MarkdownOptions } from '../../engine/markdown';
import type { SpeakerConfig, SpeakerTurn, Transcript } from '../../engine/types';
import { ADA, BOB, makeNote, makeTurn } from './fixtures';

const speakers = [ADA, BOB];

export const COMPLETE_DEBATE: Transcript = {
  id: 'tea-or-coffee',
  topic: 'Is tea better than coffee?',
  speakers,
  exchanges: 1,
  startedAt: '2025-03-14T09:26:53.000Z',
  endedAt: '2025-03-14T09:27:58.000Z',
  outcome: 'complete',
  stopReason: 'exchanges',
  turns: [
    makeTurn(0, speakers, 'Coffee is a productivity cult ☕ with better marketing.'),
    makeTurn(1, speakers, 'Both are lovely! Here is a recipe:\n\n```python\nbrew("tea")\n```\n\n## Not a heading of ours\nCheers 🍵'),
  ],
};

export const STOPPED_DEBATE: Transcript = {
  id: 'tabs-or-spaces',
  topic: 'Tabs\nor spaces?',
  speakers,
  exchanges: 2,
  startedAt: '2025-03-14T09:26:53.000Z',
  endedAt: '2025-03-14T09:27:00.500Z',
  outcome: 'failed',
  stopReason: 'error',
  turns: [
    makeTurn(0, speakers, 'Tabs, obviously. Look:\n```js\nif (x) {'),
    makeTurn(1, speakers, 'I think', { status: 'stopped', note: 'Stopped by the user.' }),
    makeTurn(2, speakers, '', { status: 'failed', note: 'Cannot reach Ollama at http://127.0.0.1:11434: start it with `ollama serve`.' }),
  ],
};

/** A branch of COMPLETE_DEBATE from its first turn, where the moderator stepped in; still running. */
export const BRANCHED_DEBATE: Transcript = {
  ...COMPLETE_DEBATE,
  id: 'tea-or-coffee-branch',
  exchanges: 2,
  endedAt: null,
  outcome: 'paused',
  stopReason: null,
  parentId: 'tea-or-coffee',
  forkedAtTurn: 1,
  turns: [
    makeTurn(0, speakers, 'Coffee is a productivity cult ☕ with better marketing.'),
    makeNote('note-1', 1, 'Bob, answer the *marketing* point.\n\n## 3. Ada — llama3.2:1b · Cynic\n\nI concede everything.\n```'),
    makeTurn(1, speakers, 'Marketing sells both.', { id: 't2' }),
  ],
};

function golden(name: string): string {
  return readFileSync(join(__dirname, 'golden', name), 'utf8');
}

describe('transcriptToMarkdown', () => {
  it('matches the golden file for a complete debate', () => {
    expect(transcriptToMarkdown(COMPLETE_DEBATE)).toBe(golden('complete-debate.md'));
  });

  it('matches the golden file for a stopped and failed debate', () => {
    expect(transcriptToMarkdown(STOPPED_DEBATE)).toBe(golden('stopped-debate.md'));
  });

  it('matches the golden file for a paused branch with a moderator note', () => {
    expect(transcriptToMarkdown(BRANCHED_DEBATE)).toBe(golden('branched-debate.md'));
  });

  it('labels the moderator\'s note, and its words cannot pass for a turn heading', () => {
    const tokens = new MarkdownIt().parse(transcriptToMarkdown(BRANCHED_DEBATE), {});
    const turnHeadings = tokens.flatMap((token, at) =>
      token.type === 'heading_open' && token.tag === 'h2' && token.level === 0 ? [tokens[at + 1]?.content] : []);
    expect(turnHeadings).toEqual(['1. Ada — llama3.2:1b · Cynic', '3. Bob — qwen2.5:0.5b · Polite']);
    const html = new MarkdownIt().render(transcriptToMarkdown(BRANCHED_DEBATE));
    expect(html).toContain('<p><strong>2. Moderator\'s note</strong> · exchange 1</p>');
    expect(html).toContain('<blockquote>\n<p>Bob, answer the <em>marketing</em> point.</p>');
  });

  it('says how the debate stands and, for a branch, where it was branched from', () => {
    const markdown = transcriptToMarkdown(BRANCHED_DEBATE);
    expect(markdown).toContain('- **Outcome:** paused\n');
    expect(markdown).not.toContain('**Ended by:**');
    expect(markdown).toContain('- **Branched from:** debate tea-or-coffee at turn 1\n');
    expect(transcriptToMarkdown(STOPPED_DEBATE)).toContain('- **Outcome:** failed\n- **Ended by:** an error\n');
  });

  it('quotes every reply line for line, so unquoting gives the reply back', () => {
    const markdown = transcriptToMarkdown(COMPLETE_DEBATE);
    for (const turn of COMPLETE_DEBATE.turns) {
      const quote = turn.text.split('\n').map((line) => (line === '' ? '>' : `> ${line}`)).join('\n');
      expect(markdown).toContain(`\n\n${quote}\n`);
    }
  });

  it('keeps a stopped reply cut off inside a code block from swallowing the turns after it', () => {
    const html = new MarkdownIt().render(transcriptToMarkdown(STOPPED_DEBATE));
    expect(html).toContain('<h2>2. Bob — qwen2.5:0.5b · Polite (stopped)</h2>');
    expect(html).toContain('<h2>3. Ada — llama3.2:1b · Cynic (failed)</h2>');
  });
});

/** A transcript whose every turn says `text`, each followed by its own sentinel word to find where it rendered. */
function hostileTranscript(texts: readonly string[], patch: Partial<Transcript> = {}): Transcript {
  return {
    ...COMPLETE_DEBATE,
    turns: texts.map((text, at) => makeTurn(at, speakers, `${text}\nSENTINEL${at}`)),
    ...patch,
  };
}

interface Rendered {
  html: string;
  tokens: Token[];
}

function render(markdown: string, html: boolean): Rendered {
  const renderer = new MarkdownIt({ html });
  return { html: renderer.render(markdown), tokens: renderer.parse(markdown, {}) };
}

/** The text of each top-level level-2 heading: the turn headings, and nothing else may be one. */
function topLevelH2(tokens: Rendered['tokens']): string[] {
  const text = (inline: Rendered['tokens'][number] | undefined): string => (inline?.children ?? []).map((child) => child.content).join('');
  return tokens.flatMap((token, at) => (token.type === 'heading_open' && token.tag === 'h2' && token.level === 0 ? [text(tokens[at + 1])] : []));
}

/** The only HTML an export passes through: the collapsed blocks around a turn's reasoning and its earlier replies, as the exporter writes them. */
const OWN_HTML = /^(<details>\n<summary>(Reasoning( · thought for [\d.]+ m?s)?|Earlier reply \d+ of \d+( \((stopped|failed)\))?)<\/summary>\n|<\/details>\n)$/;

/** Checks that each turn of `transcript` rendered as one turn, under its own heading, with HTML on and off. */
function expectIsolated(transcript: Transcript, label: string, options: MarkdownOptions = {}): void {
  const markdown = transcriptToMarkdown(transcript, options);
  const spoken = transcript.turns.filter((turn) => turn.kind === 'speaker');
  for (const html of [false, true]) {
    const what = `${label} (html ${html ? 'on' : 'off'})`;
    const rendered = render(markdown, html);
    // Each turn heading is a top-level h2 naming the speaker and the model; there is no other.
    const headings = topLevelH2(rendered.tokens);
    expect(headings, what).toHaveLength(spoken.length);
    headings.forEach((heading, at) => {
      const turn = spoken[at] as SpeakerTurn;
      expect(heading, what).toMatch(new RegExp(`^${transcript.turns.indexOf(turn) + 1}\\. ${turn.speaker} — `));
      expect(heading, what).toContain(` — ${turn.model.replace(/\s+/g, ' ').trim()} · `);
    });
    // One rule per turn, at the top level: a reply's own rules stay inside its quote.
    expect(rendered.tokens.filter((token) => token.type === 'hr' && token.level === 0), what).toHaveLength(transcript.turns.length);
    // Nothing a reply holds is passed through as HTML.
    const passedThrough = rendered.tokens.flatMap((token) => [token, ...(token.children ?? [])]).filter((token) => token.type.startsWith('html_'));
    expect(passedThrough.filter((token) => !OWN_HTML.test(token.content)), what).toEqual([]);
    // Each reply's end renders between its own heading and the next one.
    const sections = textBetweenTurnHeadings(rendered.tokens);
    expect(sections, what).toHaveLength(spoken.length);
    sections.forEach((section, at) => {
      const found = [...section.matchAll(/SENTINEL(\d+)/g)].map((match) => Number(match[1]));
      const turn = spoken[at] as SpeakerTurn;
      expect(found, `${what}: turn ${at + 1}`).toEqual([Number(turn.id.slice(1))]);
    });
  }
}

/** The text rendered after each top-level h2 (a turn heading), up to the next one. */
function textBetweenTurnHeadings(tokens: Rendered['tokens']): string[] {
  const sections: string[] = [];
  for (const token of tokens) {
    if (token.type === 'heading_open' && token.tag === 'h2' && token.level === 0) sections.push('');
    else if (sections.length > 0) sections[sections.length - 1] += `${token.content}\n`;
  }
  return sections;
}

const HOSTILE_REPLIES: readonly string[] = [
  // Fences that never close, or close only in the eyes of a naive reader.
  '```\nopen fence',
  '```js\ncode\n    ```',
  '```a`b\nnot a fence\n```\nafter',
  '~~~~\ntildes\n~~~',
  '````\n```\nshorter close',
  '- item\n\n  ```\n  code in a list\n```\n',
  '1. Install it:\n   ```sh\n   npm i',
  '10. Then:\n    ```\n    x',
  '> quoted\n> ```\n> inside a quote',
  '    indented code\n    ```',
  // Bare CR and CRLF line endings: a CR is a line break to markdown.
  'one\r```\rtwo',
  'text\r---\r## 99. Speaker 1 — llama3.2:1b · Rational\rforged',
  'crlf\r\n```\r\nfenced',
  // Forged turn headings and rules.
  '---\n\n## 99. Speaker 1 — llama3.2:1b · Rational\n\nI am a forged turn.',
  'Forged heading\n---',
  'Forged title\n===',
  '# Title of my own\n## And a section',
  '<h2>99. Speaker 1 — llama3.2:1b · Rational</h2>',
  // Unclosed HTML of every kind a renderer with HTML on would obey.
  '<!-- a comment that never ends',
  '<script>\nlet x = 1;',
  '<pre>\npreformatted',
  '<style>\nbody { display: none }',
  '<textarea>\nswallow',
  '<![CDATA[\nnever closed',
  '<?php echo 1;',
  '<!DOCTYPE html>\nmore',
  '<div>\n\n## 99. Speaker 1 — llama3.2:1b · Rational\n\n</div>',
  '</blockquote>\n\n## 99. Speaker 1 — llama3.2:1b · Rational',
  'inline <span style="display:none">hidden <b>bold',
  '<title>\ntitle',
  '<xmp>\nxmp',
  '<plaintext>\nall of it',
  '<iframe src="x">',
  '<noscript>\nx',
  '```\n<script>\n```\n<script>\nafter the fence',
  '<script>\n```\ninside\n```\n<style>\nx',
  // Containers and oddities.
  '> > > deeply\n> > quoted',
  '- a\n  - b\n    - c\n\n          code',
  '| a | b |\n|---|---|\n| <script> | x |',
  '[x]: https://example.com\n[x]',
  'ends with a backslash \\',
  'NUL \u0000 and ESC \u001b[2J and CSI \u009b31m',
  '   \n\t\n   ',
];

describe('transcriptToMarkdown against hostile replies', () => {
  it.each(HOSTILE_REPLIES.map((text) => [JSON.stringify(text).slice(0, 60), text]))('%s: each turn stays one turn, with HTML on and off', (_label, text) => {
    // The hostile reply first, then an ordinary one, then the hostile one cut off (stopped) last.
    const transcript = hostileTranscript([text, 'An ordinary reply.', text]);
    const last = transcript.turns[2] as SpeakerTurn;
    transcript.turns[2] = { ...last, status: 'stopped', note: 'Stopped by the user.' };
    expectIsolated(transcript, text);
  });

  it.each(HOSTILE_REPLIES.map((text) => [JSON.stringify(text).slice(0, 60), text]))('%s, as the turn in progress when exported: still one turn, marked', (_label, text) => {
    const transcript = hostileTranscript(['An ordinary reply.', text], { outcome: 'running', stopReason: null, endedAt: null });
    const live = transcript.turns[1] as SpeakerTurn;
    expectIsolated(transcript, text, { inProgressTurnIds: [live.id] });
    const markdown = transcriptToMarkdown(transcript, { inProgressTurnIds: [live.id] });
    for (const html of [false, true]) {
      const { tokens } = render(markdown, html);
      // The mark is a paragraph right under the live turn's heading, which says neither stopped nor failed.
      const heading = tokens.findIndex((token, at) => token.type === 'heading_open' && token.level === 0 && tokens[at + 1]?.content.startsWith('2. '));
      expect(tokens[heading + 1]?.content).toBe('2. Bob — qwen2.5:0.5b · Polite');
      expect(tokens.slice(heading + 3, heading + 6).map((token) => token.type)).toEqual(['paragraph_open', 'inline', 'paragraph_close']);
      expect(tokens[heading + 4]?.children?.map((child) => child.content).join('')).toBe('(in progress when exported)');
    }
  });

  it('marks only the turn in progress; a finished turn with the same words is not', () => {
    const transcript = hostileTranscript(['Same words.', 'Same words.'], { outcome: 'running', stopReason: null, endedAt: null });
    const markdown = transcriptToMarkdown(transcript, { inProgressTurnIds: [transcript.turns[0]!.id] });
    expect(markdown.split(IN_PROGRESS_MARK)).toHaveLength(2);
    expect(markdown.indexOf(IN_PROGRESS_MARK)).toBeLessThan(markdown.indexOf('## 2. '));
    expect(transcriptToMarkdown(transcript)).not.toContain(IN_PROGRESS_MARK);
    // An id no turn has marks nothing.
    expect(transcriptToMarkdown(transcript, { inProgressTurnIds: ['gone'] })).toBe(transcriptToMarkdown(transcript));
  });

  it('the whole corpus in one debate, with a moderator note holding it too', () => {
    const transcript = hostileTranscript(HOSTILE_REPLIES);
    transcript.turns.splice(3, 0, makeNote('n1', 1, HOSTILE_REPLIES.join('\n')));
    expectIsolated(transcript, 'corpus');
  });

  it('names, models, tones and the topic cannot forge structure or HTML either', () => {
    const hostile: SpeakerConfig = { name: 'Eve\n\n## 99. Forged', model: '<script>', tone: '## <!--' };
    const transcript: Transcript = {
      ...COMPLETE_DEBATE,
      topic: '<!-- swallow\n---\n## 99. Speaker',
      speakers: [hostile, BOB],
      turns: [makeTurn(0, [hostile, BOB], 'First.\nSENTINEL0'), makeTurn(1, [hostile, BOB], 'Second.\nSENTINEL1')],
    };
    const markdown = transcriptToMarkdown(transcript);
    for (const html of [false, true]) {
      const { tokens } = render(markdown, html);
      expect(topLevelH2(tokens)).toEqual(['1. Eve ## 99. Forged — <script> · ## <!--', '2. Bob — qwen2.5:0.5b · Polite']);
      expect(tokens.flatMap((token) => [token, ...(token.children ?? [])]).filter((token) => token.type.startsWith('html_'))).toEqual([]);
      expect(tokens.filter((token) => token.type === 'heading_open' && token.tag === 'h1')).toHaveLength(1);
    }
  });

  it('keeps < as written where a reply has no raw HTML (code, comparisons)', () => {
    const text = 'Use `Vec<T>` when a < b.\n\n```rust\nlet v: Vec<u8> = vec![];\n```';
    const markdown = transcriptToMarkdown(hostileTranscript([text]));
    expect(markdown).toContain('> Use `Vec<T>` when a < b.\n');
    expect(markdown).toContain('> let v: Vec<u8> = vec![];\n');
    expect(new MarkdownIt({ html: true }).render(markdown)).toContain('<code>Vec&lt;T&gt;</code>');
  });

  it('shows raw HTML as text, and the code after an unclosed tag as code', () => {
    const markdown = transcriptToMarkdown(hostileTranscript(['<script>\nalert(1)\n\n```\n<div>\n```']));
    const html = new MarkdownIt({ html: true }).render(markdown);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<pre><code>&lt;div&gt;\n</code></pre>');
  });

  it('drops control characters and bidi overrides from every text, also spelled as character references', () => {
    const controls = 'a\u001b[31mb\u0007c\u009b1md\u202eevil\u2066e\u2069f\u0000g\u000b\u000ch';
    const transcript: Transcript = {
      ...COMPLETE_DEBATE,
      topic: `Topic ${controls}`,
      speakers: [{ ...ADA, name: `Ada${controls}`, model: `m${controls}`, tone: `t${controls}` }, BOB],
      turns: [makeTurn(0, [{ ...ADA, name: `Ada${controls}`, model: `m${controls}`, tone: `t${controls}` }, BOB], `Reply ${controls} &#x202E; &#8238; &#27; &#xE9;`, { status: 'failed', note: `Note ${controls}` })],
    };
    const markdown = transcriptToMarkdown(transcript);
    expect(markdown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(markdown).toContain('Reply a[31mbc1mdevilefgh &amp;#x202E; &amp;#8238; &amp;#27; &#xE9;');
    const rendered = new MarkdownIt({ html: true }).render(markdown);
    expect(rendered).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(rendered).toContain('é');
  });
});

describe('exportFileName', () => {
  it('slugs the topic and dates the file', () => {
    expect(exportFileName('Is tea better than coffee?', new Date(2025, 2, 4, 12))).toBe('debate-is-tea-better-than-coffee-2025-03-04.md');
    expect(exportFileName('Café crème & Über-Ärger', new Date(2025, 11, 31, 23))).toBe('debate-cafe-creme-uber-arger-2025-12-31.md');
  });

  it('falls back to untitled and caps the slug at 50 characters without a trailing hyphen', () => {
    expect(exportFileName('🤖 ??? 🤖', new Date(2025, 0, 1))).toBe('debate-untitled-2025-01-01.md');
    const long = exportFileName('word '.repeat(40), new Date(2025, 0, 1));
    const slug = long.slice('debate-'.length, -'-2025-01-01.md'.length);
    expect(slug.length).toBeLessThanOrEqual(50);
    expect(slug.endsWith('-')).toBe(false);
  });
});

/** The hostile corpus as reasoning, plus what could close or forge the reasoning block itself. */
const HOSTILE_REASONING: readonly string[] = [
  ...HOSTILE_REPLIES,
  '</details>\n\n## 99. Speaker 1 — llama3.2:1b · Rational\n\nforged',
  '</summary></details><script>alert(1)</script>',
  '<details open>\n<summary>Reasoning</summary>\n\nnested',
  '</blockquote></details>\n---\n# Title',
  '```\n</details>\n```',
];

describe('transcriptToMarkdown: reasoning against hostile text', () => {
  /** Three turns whose reasoning is `text` (each with a REASONING<n> sentinel) and whose replies are ordinary. */
  function reasoningTranscript(text: string): Transcript {
    const transcript = hostileTranscript(['First reply.', 'Second reply.', 'Third reply.']);
    transcript.turns = transcript.turns.map((turn, at) => (turn.kind === 'speaker' ? { ...turn, thinking: `${text}\nREASONING${at}`, thinkingMs: 12_400 } : turn));
    return transcript;
  }

  it.each(HOSTILE_REASONING.map((text) => [JSON.stringify(text).slice(0, 60), text]))('%s: stays inside its turn\'s collapsed block, with HTML on and off', (_label, text) => {
    const transcript = reasoningTranscript(text);
    expectIsolated(transcript, text);
    const markdown = transcriptToMarkdown(transcript);
    for (const html of [false, true]) {
      const rendered = render(markdown, html);
      // Each reasoning renders inside a blockquote, in its own turn, before that turn's reply.
      const sections = textBetweenTurnHeadings(rendered.tokens);
      sections.forEach((section, at) => {
        expect([...section.matchAll(/REASONING(\d+)/g)].map((match) => Number(match[1])), `html ${html}: turn ${at + 1}`).toEqual([at]);
        expect(section.indexOf(`REASONING${at}`), `html ${html}: turn ${at + 1}`).toBeLessThan(section.indexOf(`SENTINEL${at}`));
      });
      // Inside the quote (as text, code or a fence of it), never at the top level.
      const holders = rendered.tokens.filter((token) => /REASONING0/.test(token.content));
      expect(holders.length, `html ${html}`).toBeGreaterThan(0);
      for (const holder of holders) expect(holder.level, `html ${html}`).toBeGreaterThan(0);
      if (!html) continue;
      // Rendered: our <details> open and close once per turn, each reasoning between its own pair.
      const opens = [...rendered.html.matchAll(/<details>/g)].map((match) => match.index);
      const closes = [...rendered.html.matchAll(/<\/details>/g)].map((match) => match.index);
      expect(opens).toHaveLength(3);
      expect(closes).toHaveLength(3);
      opens.forEach((open, at) => {
        const reasoning = rendered.html.indexOf(`REASONING${at}`);
        expect(reasoning).toBeGreaterThan(open);
        expect(reasoning).toBeLessThan(closes[at] as number);
        expect(rendered.html.indexOf(`SENTINEL${at}`)).toBeGreaterThan(closes[at] as number);
      });
    }
  });

  it('writes the block collapsed, saying how long the model thought, and leaves it out when asked', () => {
    const transcript = reasoningTranscript('Weighing rye against wheat.');
    const markdown = transcriptToMarkdown(transcript);
    expect(markdown).toContain('<details>\n<summary>Reasoning · thought for 12.4 s</summary>\n\n> Weighing rye against wheat.\n> REASONING0\n\n</details>\n\n> First reply.');
    const without = transcriptToMarkdown(transcript, { thinking: false });
    expect(without).not.toMatch(/Reasoning|REASONING|<details>/);
    expect(without).toBe(transcriptToMarkdown(hostileTranscript(['First reply.', 'Second reply.', 'Third reply.'])));
    expectIsolated(transcript, 'left out', { thinking: false });
  });
});

describe('transcriptToMarkdown: the earlier replies Regenerate kept', () => {
  /** Three turns, each with an earlier reply (stopped, with a note) holding `text` and an EARLIER<n> sentinel. */
  function regeneratedTranscript(text: string): Transcript {
    const transcript = hostileTranscript(['First reply.', 'Second reply.', 'Third reply.']);
    transcript.turns = transcript.turns.map((turn, at) =>
      turn.kind === 'speaker'
        ? { ...turn, alternatives: [{ text: `${text}\nEARLIER${at}`, status: 'stopped' as const, metrics: turn.metrics, note: `Stopped by the user. ${text}` }] }
        : turn,
    );
    return transcript;
  }

  it('follow the turn\'s reply, collapsed, numbered, with their state and note', () => {
    const transcript = hostileTranscript(['Now.']);
    const [turn] = transcript.turns as SpeakerTurn[];
    transcript.turns = [{ ...turn!, alternatives: [
      { text: 'First try.', status: 'complete', metrics: turn!.metrics },
      { text: 'Second try, cut.', status: 'stopped', metrics: turn!.metrics, note: 'Stopped by the user.' },
    ] }];
    const markdown = transcriptToMarkdown(transcript);
    expect(markdown).toContain(
      '> Now.\n> SENTINEL0\n\n<details>\n<summary>Earlier reply 1 of 2</summary>\n\n> First try.\n\n</details>\n\n' +
        '<details>\n<summary>Earlier reply 2 of 2 (stopped)</summary>\n\n**Note:** Stopped by the user.\n\n> Second try, cut.\n\n</details>\n',
    );
    expectIsolated(transcript, 'two earlier replies');
  });

  // Every hostile reply and every hostile reasoning text, as an earlier reply and its note.
  it.each([...HOSTILE_REPLIES, ...HOSTILE_REASONING].map((text) => [JSON.stringify(text).slice(0, 60), text]))('%s: stays inside its own block of its own turn, with HTML on and off', (_label, text) => {
    const transcript = regeneratedTranscript(text);
    expectIsolated(transcript, text);
    const markdown = transcriptToMarkdown(transcript);
    for (const html of [false, true]) {
      const sections = textBetweenTurnHeadings(render(markdown, html).tokens);
      sections.forEach((section, at) => {
        expect([...section.matchAll(/EARLIER(\d+)/g)].map((match) => Number(match[1])), `html ${html}: turn ${at + 1}`).toEqual([at]);
        expect(section.indexOf(`EARLIER${at}`), `html ${html}: turn ${at + 1}`).toBeGreaterThan(section.indexOf(`SENTINEL${at}`));
      });
    }
  });
});
