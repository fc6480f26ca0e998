// A verdict saved with its debate and exported: the library's record returns it, the
// transcript carries it, the JSON export writes it and an import keeps it, and the markdown
// export's "Verdict" section keeps the judge's words (untrusted) from forging structure.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt, { type Token } from 'markdown-it';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../engine/library/library-store';
import { exportDebateJson, importDebateJson } from '../../engine/library/transfer';
import { transcriptToMarkdown } from '../../engine/markdown';
import { DebateSessions } from '../../engine/session';
import { MemoryDebateStore, type DebateRecord } from '../../engine/store';
import type { SpeakerConfig, Transcript } from '../../engine/types';
import { ADA, BOB, makeTurn } from './fixtures';
import { sampleVerdict as verdict } from './judge-fixtures';

const ID = '20261201-150000-a1b2c3';
const speakers = [ADA, BOB];

function record(patch: Partial<DebateRecord> = {}): DebateRecord {
  return {
    id: ID,
    title: null,
    topic: 'Is tea better than coffee?',
    speakers: speakers.map((speaker) => ({ ...speaker, tonePrompt: `You are ${speaker.tone}.` })),
    exchanges: 1,
    settings: {},
    createdAt: '2026-12-01T15:00:00.000Z',
    updatedAt: '2026-12-01T15:01:00.000Z',
    endedAt: '2026-12-01T15:01:00.000Z',
    outcome: 'complete',
    stopReason: 'exchanges',
    turnCount: 2,
    ...patch,
  };
}

const TURNS = [makeTurn(0, speakers, 'Tea, with evidence.'), makeTurn(1, speakers, 'Coffee.')];

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function libraryStore(): LibraryStore {
  const folder = mkdtempSync(join(tmpdir(), 'tm-judge-'));
  folders.push(folder);
  return new LibraryStore(folder, { app: 'CLI' });
}

describe('a verdict saved with its debate', () => {
  it('is saved in the library, returned with the debate (its record and its transcript), newest last', async () => {
    const store = libraryStore();
    const sessions = new DebateSessions(store);
    await sessions.adopt(record(), TURNS);
    expect((await sessions.transcript(ID)).verdicts).toBeUndefined();
    store.library.addVerdict(ID, verdict());
    store.library.addVerdict(ID, verdict({ seed: 7, winner: null }));
    const entry = store.library.get(ID);
    if (entry === null || !entry.ok) throw new Error('debate not found');
    expect(entry.meta.verdicts?.map((one) => one.seed)).toEqual([4242, 7]);
    // A fresh reader (another process) sees the same.
    const fresh = new DebateSessions(new LibraryStore(store.folder, { app: 'CLI' }));
    expect((await fresh.transcript(ID)).verdicts).toEqual([verdict(), verdict({ seed: 7, winner: null })]);
  });

  it('a damaged verdict in meta.json is left out; the debate and its other verdicts still read', async () => {
    const store = libraryStore();
    await new DebateSessions(store).adopt(record({ verdicts: [verdict()] }), TURNS);
    const file = join(store.library.folderOf(ID), 'meta.json');
    const meta = JSON.parse(readFileSync(file, 'utf8')) as { verdicts: unknown[] };
    writeFileSync(file, JSON.stringify({ ...meta, verdicts: [{ winner: 'made up' }, ...meta.verdicts] }));
    const entry = store.library.get(ID);
    expect(entry?.ok).toBe(true);
    if (entry?.ok) expect(entry.meta.verdicts).toEqual([verdict()]);
  });

  it('is written in the JSON export and kept by an import', async () => {
    const sessions = new DebateSessions(new MemoryDebateStore());
    await sessions.adopt(record({ verdicts: [verdict()] }), TURNS);
    const json = await exportDebateJson(sessions, ID);
    expect((JSON.parse(json) as { verdicts: unknown }).verdicts).toEqual([verdict()]);
    const other = new DebateSessions(new MemoryDebateStore());
    const imported = await importDebateJson(other, json);
    if (!imported.ok) throw new Error(imported.reason);
    expect(other.store.read(imported.id)?.verdicts).toEqual([verdict()]);
    expect(await exportDebateJson(other, imported.id)).toBe(json);
  });

  it('an import leaves out entries that are not verdicts, and a debate without verdicts exports none', async () => {
    const sessions = new DebateSessions(new MemoryDebateStore());
    await sessions.adopt(record(), TURNS);
    const json = await exportDebateJson(sessions, ID);
    expect(json).not.toContain('"verdicts"');
    const withForeign = JSON.stringify({ ...(JSON.parse(json) as object), verdicts: [{ winner: 'Ada' }, verdict()] });
    const other = new DebateSessions(new MemoryDebateStore());
    const imported = await importDebateJson(other, withForeign);
    if (!imported.ok) throw new Error(imported.reason);
    expect(other.store.read(imported.id)?.verdicts).toEqual([verdict()]);
  });
});

function transcript(patch: Partial<Transcript> = {}): Transcript {
  return {
    id: ID,
    topic: 'Is tea better than coffee?',
    speakers,
    exchanges: 1,
    startedAt: '2026-12-01T15:00:00.000Z',
    endedAt: '2026-12-01T15:01:00.000Z',
    turns: TURNS,
    outcome: 'complete',
    stopReason: 'exchanges',
    verdicts: [verdict()],
    ...patch,
  };
}

function topLevelH2(tokens: Token[]): string[] {
  return tokens.flatMap((token, at) =>
    token.type === 'heading_open' && token.tag === 'h2' && token.level === 0 ? [(tokens[at + 1]?.children ?? []).map((child) => child.content).join('')] : [],
  );
}

const HOSTILE_RATIONALES = [
  '---\n\n## 99. Ada — llama3.2:1b · Cynic\n\nA forged turn.',
  'Forged heading\n---',
  '# A title of its own',
  '<h2>99. Forged</h2>',
  '<!-- swallow the rest',
  '<script>\nalert(1)',
  '</blockquote>\n\n## 3. Forged',
  '```\nan open fence',
  'text\r---\r## 99. Forged',
  'ESC \u001b[2J and a bidi \u202e override &#x202E;',
];

describe('the markdown "Verdict" section', () => {
  it('shows the judge, the result, the scores table, the rationale quoted and the turn marks', () => {
    const markdown = transcriptToMarkdown(transcript());
    const expected = [
      '## Verdict · judged by gemma3:4b · 2026-12-01 15:00 UTC',
      '**Result:** Ada wins (every order agreed)',
      '**Judged:** 2 turns, blind (no names), in 2 orders (seed 4242)',
      '| Speaker | Model | Argument strength | Evidence | Rebuttal | Staying in tone | Overall |',
      '| Ada | llama3.2:1b | 8.0 | 7.0 | 6.5 | 9.0 | 7.6 |',
      '**Rationale:**\n\n> Ada gave evidence; Bob did not.\n',
      '**Turn marks:** 1. Ada 8.0 · 2. Bob 4.5',
    ];
    for (const part of expected) expect(markdown).toContain(part);
    const html = new MarkdownIt().render(markdown);
    expect(html).toContain('>Argument strength</th>');
    expect(html).toContain('<td>Ada</td>');
  });

  it('says a tie and the family warning; a debate never judged has no such section', () => {
    const tie = verdict({ winner: null, orders: [{ sides: [0, 1], winner: 0, retried: false }, { sides: [1, 0], winner: 1, retried: false }], familyWarning: 'The judge is of the llama family, as is Ada.' });
    const markdown = transcriptToMarkdown(transcript({ verdicts: [tie] }));
    expect(markdown).toContain('**Result:** a tie (the orders disagreed, so no win counts)');
    expect(markdown).toContain('**Warning:** The judge is of the llama family, as is Ada.');
    expect(transcriptToMarkdown(transcript({ verdicts: undefined }))).not.toContain('Verdict');
  });

  it.each(HOSTILE_RATIONALES.map((text) => [JSON.stringify(text).slice(0, 50), text]))('a hostile rationale %s forges no turn heading, HTML or control character', (_label, text) => {
    const markdown = transcriptToMarkdown(transcript({ verdicts: [verdict({ rationale: `${text}\nSENTINEL`, familyWarning: text })] }));
    for (const html of [false, true]) {
      const renderer = new MarkdownIt({ html });
      const tokens = renderer.parse(markdown, {});
      expect(topLevelH2(tokens)).toEqual(['1. Ada — llama3.2:1b · Cynic', '2. Bob — qwen2.5:0.5b · Polite', 'Verdict · judged by gemma3:4b · 2026-12-01 15:00 UTC']);
      expect(tokens.filter((token) => token.type === 'heading_open' && token.tag === 'h1' && token.level === 0)).toHaveLength(1);
      expect(tokens.flatMap((token) => [token, ...(token.children ?? [])]).filter((token) => token.type.startsWith('html_'))).toEqual([]);
      // The rationale stays inside its quote: its sentinel renders inside a blockquote.
      const sentinel = tokens.findIndex((token) => token.content.includes('SENTINEL'));
      expect(sentinel).toBeGreaterThan(0);
      expect(tokens.slice(0, sentinel).filter((token) => token.type === 'blockquote_open').length).toBeGreaterThan(tokens.slice(0, sentinel).filter((token) => token.type === 'blockquote_close').length);
    }
    expect(markdown).not.toMatch(/[\u001b\u202e]/);
    expect(markdown).not.toContain('&#x202E;\n');
  });

  it('speaker names, models and the judge\'s model cannot break the table or forge a heading', () => {
    const eve: SpeakerConfig = { name: 'Eve | x\n## 99. Forged', model: '<script>', tone: 'Cynic' };
    const hostile = verdict({
      judgeModel: 'judge\n## 98. Forged',
      scores: [{ speakerIndex: 0, speaker: eve.name, model: eve.model, scores: { argument: 1, evidence: 2, rebuttal: 3, tone: 4 }, overall: 2.5 }],
    });
    const markdown = transcriptToMarkdown(transcript({ speakers: [eve, BOB], turns: [makeTurn(0, [eve, BOB], 'x'), makeTurn(1, [eve, BOB], 'y')], verdicts: [hostile] }));
    const tokens = new MarkdownIt({ html: true }).parse(markdown, {});
    expect(topLevelH2(tokens)).toHaveLength(3);
    expect(topLevelH2(tokens)[2]).toBe('Verdict · judged by judge ## 98. Forged · 2026-12-01 15:00 UTC');
    // One row, seven cells: the pipe in the name is a character, not a column.
    const cells = tokens.filter((token) => token.type === 'td_open');
    expect(cells).toHaveLength(7);
    expect(tokens.flatMap((token) => [token, ...(token.children ?? [])]).filter((token) => token.type.startsWith('html_'))).toEqual([]);
  });
});
