// The words and choices of the Debates view's commands.
import { describe, expect, it } from 'vitest';
import type { SpeakerTurn, Turn } from '../../../engine/types';
import {
  branchChoices,
  continueChoices,
  debateFileName,
  deleteQuestion,
  escapeIcons,
  foundIn,
  idInFile,
  importedMessage,
  quotedName,
  revealInOsLabel,
  searchChoice,
  titleFromInput,
  turnChoiceLabel,
} from '../../../extension/library/command-rules';
import { damaged, entry, meta } from './fixtures';

function speaker(text: string, overrides: Partial<SpeakerTurn> = {}): SpeakerTurn {
  return {
    kind: 'speaker',
    id: 't1',
    exchange: 1,
    speakerIndex: 0,
    speaker: 'Ada',
    model: 'llama3.2:1b',
    tone: 'Rational',
    text,
    status: 'complete',
    metrics: { timeToFirstTokenMs: 1, durationMs: 2, tokens: 3, tokensPerSecond: null, loadDurationMs: null, promptTokens: null },
    ...overrides,
  };
}

describe('Branch from… choices', () => {
  it('labels a turn "K. Speaker (model): first words…" on one line', () => {
    expect(turnChoiceLabel(speaker('Hot dogs\nare   sandwiches.'), 3)).toBe('3. Ada (llama3.2:1b): Hot dogs are sandwiches.');
    const long = turnChoiceLabel(speaker('word '.repeat(50)), 1);
    expect(long.startsWith('1. Ada (llama3.2:1b): word word')).toBe(true);
    expect(long.endsWith('…')).toBe(true);
    expect(turnChoiceLabel(speaker(''), 2)).toBe('2. Ada (llama3.2:1b): (no text)');
    const note: Turn = { kind: 'moderator', id: 'm1', exchange: 2, text: 'Be brief.', createdAt: '2026-01-01T00:00:00Z' };
    expect(turnChoiceLabel(note, 4)).toBe('4. Moderator: Be brief.');
  });

  it('offers every turn, the last first, each worth its 1-based position, marking cut turns', () => {
    const turns: Turn[] = [
      speaker('First.'),
      speaker('Second.', { speaker: 'Bob', model: 'qwen3:4b', tone: 'Cynic', speakerIndex: 1 }),
      { kind: 'moderator', id: 'm', exchange: 2, text: 'Shorter, please.', createdAt: '2026-01-01T00:00:00Z' },
      speaker('Third, cut', { exchange: 2, status: 'stopped' }),
    ];
    const choices = branchChoices(turns);
    expect(choices.map((choice) => choice.value)).toEqual([4, 3, 2, 1]);
    expect(choices[0]).toMatchObject({ label: '4. Ada (llama3.2:1b): Third, cut', description: 'Rational · stopped · exchange 2' });
    expect(choices[1]?.description).toBe("moderator's note · exchange 2");
    expect(choices[3]?.description).toBe('Rational · exchange 1');
  });
});

describe('Continue choices', () => {
  it('offers 1, 2, 3 or 5 more exchanges to a complete debate', () => {
    expect(continueChoices('complete', 3).map((choice) => [choice.label, choice.value])).toEqual([
      ['1 more exchange', 1],
      ['2 more exchanges', 2],
      ['3 more exchanges', 3],
      ['5 more exchanges', 5],
    ]);
  });

  it('first offers to finish the planned exchanges of one that may have some left', () => {
    for (const outcome of ['interrupted', 'stopped', 'paused', 'failed'] as const) {
      const [first, ...rest] = continueChoices(outcome, 4);
      expect(first).toMatchObject({ label: 'Finish the planned exchanges', description: 'goes on to exchange 4', value: undefined });
      expect(rest).toHaveLength(4);
    }
  });
});

describe('export file names', () => {
  it('is debate-<name>-<local date>.md or .json, from the title when renamed', () => {
    const created = new Date(2026, 11, 1, 23, 30).toISOString();
    expect(debateFileName({ title: null, topic: 'Is a hot dog a sandwich?', createdAt: created }, 'markdown')).toBe('debate-is-a-hot-dog-a-sandwich-2026-12-01.md');
    expect(debateFileName({ title: 'Café au lait', topic: 'x', createdAt: created }, 'json')).toBe('debate-cafe-au-lait-2026-12-01.json');
    expect(debateFileName({ title: null, topic: '???', createdAt: 'not a date' }, 'json')).toBe('debate-untitled-undated.json');
  });
});

describe('delete question', () => {
  it('asks, says it cannot be undone, and names the branches that stay', () => {
    const none = deleteQuestion('the debate “Cats”', []);
    expect(none.message).toBe('Delete the debate “Cats”?');
    expect(none.detail).toContain('cannot be undone');
    expect(none.detail).not.toContain('branch');
    expect(deleteQuestion('the debate “Cats”', ['“A”']).detail).toContain('Its branch “A” stays, without a parent.');
    expect(deleteQuestion('the debate “Cats”', ['“A”', '“B”']).detail).toContain('Its 2 branches stay, without a parent: “A”, “B”.');
    const many = deleteQuestion('the debate “Cats”', ['1', '2', '3', '4', '5', '6', '7']).detail;
    expect(many).toContain('Its 7 branches stay, without a parent: 1, 2, 3, 4, 5 and 2 more.');
  });

  it('names a readable debate by its name and a damaged one by its id', () => {
    expect(quotedName(entry(meta(new Date(), { title: 'Named' })), 'x')).toBe('“Named”');
    expect(quotedName(damaged('20261210-081500-abcdef'), '20261210-081500-abcdef')).toBe('debate 20261210-081500-abcdef');
    expect(quotedName(null, 'gone')).toBe('debate gone');
  });
});

describe('import messages', () => {
  it('says the id, and when the file\'s id was taken, which', () => {
    expect(importedMessage('20261210-081500-abcdef', false, '20261210-081500-abcdef')).toBe('Imported as 20261210-081500-abcdef.');
    expect(importedMessage('20261210-090000-123456', true, '20261210-081500-abcdef')).toBe(
      'A debate with the id 20261210-081500-abcdef exists in the library; imported as 20261210-090000-123456.',
    );
    expect(importedMessage('new', true, null)).toBe('A debate with its id exists in the library; imported as new.');
  });

  it('reads the id a file names, if any', () => {
    expect(idInFile('{"id":"abc","x":1}')).toBe('abc');
    expect(idInFile('{"id":3}')).toBeNull();
    expect(idInFile('not json')).toBeNull();
  });
});

describe('search choices', () => {
  it('shows the name, models, outcome and date, and the snippet (else where it matched)', () => {
    const debate = meta(new Date(2026, 11, 10, 9, 5), { title: 'Hot dogs' });
    const withSnippet = searchChoice({ id: debate.id, fields: ['text'], snippet: '…a sandwich, surely…' }, entry(debate));
    expect(withSnippet).toEqual({
      label: 'Hot dogs',
      description: 'llama3.2:1b, qwen3:4b · complete · 2026-12-10 09:05',
      detail: '…a sandwich, surely…',
      value: debate.id,
    });
    expect(searchChoice({ id: debate.id, fields: ['topic', 'model'], snippet: null }, entry(debate)).detail).toBe('found in the topic and model');
    expect(foundIn(['title', 'topic', 'tone'])).toBe('found in the title, topic and tone');
    expect(searchChoice({ id: 'x', fields: ['title'], snippet: null }, undefined).label).toBe('Debate x');
  });

  it('escapes icon syntax where VS Code would draw icons', () => {
    expect(escapeIcons('$(rocket) launch')).toBe('\\$(rocket) launch');
    expect(escapeIcons('cost $(5) and $(sync~spin)')).toBe('cost \\$(5) and \\$(sync~spin)');
    expect(escapeIcons('already \\$(x)')).toBe('already \\$(x)');
    expect(escapeIcons('$ (not) an icon')).toBe('$ (not) an icon');
  });
});

describe('rename', () => {
  it('stores no title for an empty name or the topic itself (the topic shows)', () => {
    expect(titleFromInput('', 'Topic')).toBeNull();
    expect(titleFromInput('   ', 'Topic')).toBeNull();
    expect(titleFromInput(' Topic ', 'Topic')).toBeNull();
    expect(titleFromInput('New\nname', 'Topic')).toBe('New name');
  });
});

describe('reveal label', () => {
  it('names the file manager as each platform does', () => {
    expect(revealInOsLabel('win32')).toBe('Reveal in File Explorer');
    expect(revealInOsLabel('darwin')).toBe('Reveal in Finder');
    expect(revealInOsLabel('linux')).toBe('Open Containing Folder');
  });
});
