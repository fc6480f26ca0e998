import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { exportFileName, transcriptToMarkdown, unclosedFence } from '../../engine/markdown';
import type { Transcript } from '../../engine/types';
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

  it('keeps every turn text byte for byte', () => {
    const markdown = Buffer.from(transcriptToMarkdown(COMPLETE_DEBATE), 'utf8');
    for (const turn of COMPLETE_DEBATE.turns) expect(markdown.includes(Buffer.from(turn.text, 'utf8'))).toBe(true);
  });

  it('closes a fence a reply left open, after the reply, so later headings survive', () => {
    const markdown = transcriptToMarkdown(STOPPED_DEBATE);
    expect(markdown).toContain('if (x) {\n```\n');
    expect(unclosedFence('a\n~~~~\ncode\n~~~~')).toBeNull();
    expect(unclosedFence('```\n~~~\n')).toBe('```');
    expect(unclosedFence('````md\n```\n')).toBe('````');
  });

  it('closes a fence cut off inside a list item at its own indentation, so every later turn still renders', () => {
    const cutOff = ['1. Install it:\n   ```sh\n   npm i', '- Run:\n\n  ~~~\n  go', '10. Then:\n    ```\n    x'];
    for (const text of cutOff) {
      const transcript: Transcript = {
        ...STOPPED_DEBATE,
        turns: [makeTurn(0, speakers, text, { status: 'stopped', note: 'Stopped by the user.' }), makeTurn(1, speakers, 'After the code.')],
      };
      const html = new MarkdownIt().render(transcriptToMarkdown(transcript));
      expect(html, text).toContain('<h2>2. Bob');
      expect(html, text).toContain('<p>After the code.</p>');
    }
    expect(unclosedFence('1. a\n   ```sh\n   x')).toBe('   ```');
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
