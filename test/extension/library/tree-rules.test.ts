// The Debates view's rules: recency groups, branches nested under their parent, what each
// item shows, markdown escaping in tooltips, damaged debates.
import { describe, expect, it } from 'vitest';
import {
  buildDebateTree,
  createdAtOf,
  debateLabel,
  escapeMarkdown,
  filterMessage,
  groupOf,
  holderPlace,
  modelsSummary,
  outcomeText,
  shortDate,
  truncate,
  type DebateNode,
} from '../../../extension/library/tree-rules';
import { damaged, entry, idAt, lock, meta, newestFirst, SELF } from './fixtures';

/** 15:00 local time on 10 December 2026. */
const NOW = new Date(2026, 11, 10, 15, 0, 0);
const at = (day: number, hour = 12, minute = 0): Date => new Date(2026, 11, day, hour, minute, 0);

function labels(nodes: readonly DebateNode[]): string[] {
  return nodes.map((node) => node.view.label);
}

describe('groupOf', () => {
  it('groups by local calendar day: today, yesterday, the 7 days before, older', () => {
    expect(groupOf(at(10, 0, 0), NOW)).toBe('today');
    expect(groupOf(at(10, 14, 59), NOW)).toBe('today');
    expect(groupOf(at(9, 23, 59), NOW)).toBe('yesterday');
    expect(groupOf(at(9, 0, 0), NOW)).toBe('yesterday');
    expect(groupOf(at(8, 23, 59), NOW)).toBe('week');
    expect(groupOf(at(3, 0, 0), NOW)).toBe('week');
    expect(groupOf(at(2, 23, 59), NOW)).toBe('older');
    expect(groupOf(new Date(2025, 0, 1), NOW)).toBe('older');
  });

  it('counts a date in the future (another clock) as today, and an invalid one as older', () => {
    expect(groupOf(at(12), NOW)).toBe('today');
    expect(groupOf(new Date(Number.NaN), NOW)).toBe('older');
  });

  it('uses calendar days across a month boundary', () => {
    const firstOfMonth = new Date(2026, 2, 1, 9, 0);
    expect(groupOf(new Date(2026, 1, 28, 23, 0), firstOfMonth)).toBe('yesterday');
    expect(groupOf(new Date(2026, 1, 22, 0, 0), firstOfMonth)).toBe('week');
    expect(groupOf(new Date(2026, 1, 21, 23, 0), firstOfMonth)).toBe('older');
  });
});

describe('buildDebateTree', () => {
  it('puts debates in recency groups, in order, newest first within each, and leaves out empty groups', () => {
    const entries = newestFirst([
      entry(meta(at(10, 9), { topic: 'today, early' }, '000001')),
      entry(meta(at(10, 14), { topic: 'today, late' }, '000002')),
      entry(meta(at(9), { topic: 'yesterday' })),
      entry(meta(new Date(2026, 5, 1), { topic: 'june' })),
    ]);
    const tree = buildDebateTree(entries, { now: NOW, self: SELF });
    expect(tree.groups.map((group) => group.label)).toEqual(['Today', 'Yesterday', 'Older']);
    expect(labels(tree.groups[0]!.children)).toEqual(['today, late', 'today, early']);
    expect(tree.total).toBe(4);
    expect(tree.shown).toBe(4);
    expect(tree.byId.size).toBe(4);
  });

  it('nests branches under their parent (newest first), in the parent\'s group, however old the branch', () => {
    const parent = meta(at(1), { topic: 'parent' });
    const branchA = meta(at(10, 9), { topic: 'branch A', parentId: parent.id, forkedAtTurn: 2 }, '00000a');
    const branchB = meta(at(10, 10), { topic: 'branch B', parentId: parent.id, forkedAtTurn: 4 }, '00000b');
    const grandchild = meta(at(10, 11), { topic: 'branch of A', parentId: branchA.id, forkedAtTurn: 3 }, '00000c');
    const tree = buildDebateTree(newestFirst([entry(parent), entry(branchA), entry(branchB), entry(grandchild)]), { now: NOW, self: SELF });
    expect(tree.groups.map((group) => group.key)).toEqual(['older']);
    const [root] = tree.groups[0]!.children;
    expect(root!.view.label).toBe('parent');
    expect(labels(root!.children)).toEqual(['branch B', 'branch A']);
    const nodeA = tree.byId.get(branchA.id)!;
    expect(labels(nodeA.children)).toEqual(['branch of A']);
    expect(nodeA.parent).toBe(root);
    expect(tree.byId.get(grandchild.id)!.parent).toBe(nodeA);
    expect(tree.byId.get(grandchild.id)!.group).toBe('older');
  });

  it('keeps a branch whose parent was deleted at the top level, marked', () => {
    const orphan = meta(at(10), { topic: 'orphan', parentId: idAt(at(1), 'dead00'), forkedAtTurn: 1 });
    const tree = buildDebateTree([entry(orphan, { parentMissing: true })], { now: NOW, self: SELF });
    const node = tree.groups[0]!.children[0]!;
    expect(node.parent).toBeNull();
    expect(node.view.description).toContain('parent deleted');
    expect(node.view.tooltip).toContain('\\(deleted\\)');
  });

  it('shows only the filter\'s matches; a matching branch whose parent does not match stands at the top level, unmarked', () => {
    const parent = meta(at(1), { topic: 'parent' });
    const branch = meta(at(10), { topic: 'branch', parentId: parent.id, forkedAtTurn: 2 });
    const other = meta(at(9), { topic: 'other' });
    const tree = buildDebateTree(newestFirst([entry(parent), entry(branch), entry(other)]), { now: NOW, self: SELF, only: new Set([branch.id]) });
    expect(tree.total).toBe(3);
    expect(tree.shown).toBe(1);
    expect(tree.groups.map((group) => group.key)).toEqual(['today']);
    const node = tree.groups[0]!.children[0]!;
    expect(node.view.label).toBe('branch');
    expect(node.view.description).not.toContain('parent deleted');
    // The tooltip still names the parent.
    expect(node.view.tooltip).toContain('Branched from “parent” at turn 2');
  });

  it('cuts a cycle of parent links instead of losing the debates in it', () => {
    const a = meta(at(10, 9), { topic: 'A', id: idAt(at(10, 9), 'aaaaaa'), parentId: idAt(at(10, 10), 'bbbbbb') });
    const b = meta(at(10, 10), { topic: 'B', id: idAt(at(10, 10), 'bbbbbb'), parentId: a.id });
    const self = meta(at(10, 11), { topic: 'Self', id: idAt(at(10, 11), 'cccccc') });
    self.parentId = self.id;
    const tree = buildDebateTree(newestFirst([entry(a), entry(b), entry(self)]), { now: NOW, self: SELF });
    expect(tree.byId.size).toBe(3);
    const shown = tree.groups.flatMap((group) => group.children);
    expect(labels(shown)).toContain('Self');
    const count = (nodes: readonly DebateNode[]): number => nodes.reduce((sum, node) => sum + 1 + count(node.children), 0);
    expect(count(shown)).toBe(3);
  });

  it('lists a damaged debate with its reason, grouped by the time in its id, and lets branches nest under it', () => {
    const id = idAt(at(9, 8));
    const branch = meta(at(10), { topic: 'branch of damaged', parentId: id, forkedAtTurn: 1 });
    const tree = buildDebateTree(newestFirst([damaged(id), entry(branch)]), { now: NOW, self: SELF });
    expect(tree.groups.map((group) => group.key)).toEqual(['yesterday']);
    const node = tree.byId.get(id)!;
    expect(node.view).toMatchObject({ label: `Damaged debate ${id}`, contextValue: 'debate.damaged', icon: { id: 'circle-slash' } });
    expect(node.view.description).toContain('not valid JSON');
    expect(node.view.tooltip).toContain('Nothing was deleted');
    expect(labels(node.children)).toEqual(['branch of damaged']);
  });

  it('nests a chain of 5,000 branches without running out of stack', () => {
    const chain = Array.from({ length: 5000 }, (_, index) => meta(new Date(at(1).getTime() + index * 1000), { topic: `link ${index}` }, index.toString(16).padStart(6, '0')));
    for (let index = 1; index < chain.length; index++) chain[index]!.parentId = chain[index - 1]!.id;
    const tree = buildDebateTree(newestFirst(chain.map((debate) => entry(debate))), { now: NOW, self: SELF });
    expect(tree.groups[0]!.children).toHaveLength(1);
    expect(tree.byId.size).toBe(5000);
  });
});

describe('what an item shows', () => {
  const build = (...entries: Parameters<typeof buildDebateTree>[0]) => buildDebateTree(newestFirst([...entries]), { now: NOW, self: SELF });

  it('labels with the title, else the topic, on one line, truncated', () => {
    expect(debateLabel({ title: 'My name', topic: 'The topic' })).toBe('My name');
    expect(debateLabel({ title: null, topic: '  Line one\n\nline   two ' })).toBe('Line one line two');
    expect(debateLabel({ title: null, topic: '   ' })).toBe('Untitled debate');
    const long = debateLabel({ title: null, topic: 'word '.repeat(40) });
    expect(Array.from(long)).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
    // Control characters and bidi overrides never reach a label ("Trojan Source").
    expect(debateLabel({ title: 'safe\u202e\u0007txt.exe\u001b[31m', topic: '' })).toBe('safetxt.exe[31m');
    // Never half of a surrogate pair.
    expect(truncate('😀'.repeat(100), 10)).toBe(`${'😀'.repeat(9)}…`);
  });

  it('describes with the speakers\' models, the outcome and the time', () => {
    const tree = build(entry(meta(at(10, 9, 5))));
    expect(tree.groups[0]!.children[0]!.view.description).toBe('llama3.2:1b, qwen3:4b · complete · 09:05');
    const older = build(entry(meta(new Date(2026, 2, 3, 10, 0)))).groups[0]!.children[0]!;
    expect(older.view.description).toBe('llama3.2:1b, qwen3:4b · complete · Mar 3');
    expect(shortDate(new Date(2025, 10, 4), 'older', NOW)).toBe('Nov 4, 2025');
  });

  it('names a model several speakers share once, counted', () => {
    expect(modelsSummary([{ model: 'llama3.2:1b' }, { model: 'llama3.2:1b' }, { model: 'qwen3:4b' }])).toBe('llama3.2:1b ×2, qwen3:4b');
  });

  it('says where a debate runs: here, in the CLI, in another window, on another host', () => {
    expect(outcomeText('running', lock({ pid: SELF.pid, app: 'VS Code' }), SELF)).toBe('running here');
    expect(outcomeText('running', lock(), SELF)).toBe('running in the CLI');
    expect(outcomeText('running', lock({ app: 'VS Code', label: 'my-project' }), SELF)).toBe('running in another VS Code window (my-project)');
    expect(outcomeText('running', lock({ hostname: 'gpu-box' }), SELF)).toBe('running in the CLI on host gpu-box');
    expect(outcomeText('paused', lock(), SELF)).toBe('paused · open in the CLI');
    expect(outcomeText('complete', null, SELF)).toBe('complete');
    expect(holderPlace(lock({ pid: SELF.pid, hostname: 'other' }), SELF)).toBe('in the CLI on host other');
  });

  it('picks the icon and the context value by outcome', () => {
    const outcomes = ['running', 'paused', 'interrupted', 'complete', 'stopped', 'failed'] as const;
    const icons = outcomes.map((outcome, index) => {
      const node = build(entry(meta(at(10, 9, index)), { outcome })).groups[0]!.children[0]!;
      expect(node.view.contextValue).toBe(`debate.${outcome}`);
      return node.view.icon.id;
    });
    expect(icons).toEqual(['sync~spin', 'debug-pause', 'warning', 'pass', 'debug-stop', 'error']);
  });

  it('shows the effective outcome, not the recorded one (a running record whose writer died is interrupted)', () => {
    const node = build(entry(meta(at(10), { outcome: 'running', stopReason: null }), { outcome: 'interrupted' })).groups[0]!.children[0]!;
    expect(node.view.description).toContain('interrupted');
    expect(node.view.contextValue).toBe('debate.interrupted');
  });

  it('writes a tooltip with topic, speakers and tones, date, outcome, stop reason, turns, parent and id', () => {
    const parent = meta(at(9), { title: 'The parent' });
    const branch = meta(at(10, 9, 30), {
      title: 'Renamed',
      topic: 'Cats or dogs?',
      parentId: parent.id,
      forkedAtTurn: 3,
      outcome: 'stopped',
      stopReason: 'user',
      turnCount: 4,
    });
    const tree = build(entry(parent), entry(branch, { lockedBy: lock() }));
    const tooltip = tree.byId.get(branch.id)!.view.tooltip;
    const lines = tooltip.split('  \n');
    expect(lines[0]).toBe('**Renamed**');
    expect(lines).toContain('Topic: Cats or dogs\\?');
    expect(lines).toContain('Speakers: Ada (llama3\\.2\\:1b, Rational); Bob (qwen3\\:4b, Cynic)');
    expect(lines).toContain('Created: 2026\\-12\\-10 09\\:30');
    expect(lines).toContain('Outcome: stopped \\(stopped by the user\\)');
    expect(lines).toContain('Turns: 4 turns \\(3 exchanges planned\\)');
    expect(lines).toContain('Branched from “The parent” at turn 3');
    expect(lines).toContain('In use in the CLI \\(pid 999\\)\\; elsewhere it opens read\\-only\\.');
    expect(lines.at(-1)).toBe(`Id: ${branch.id.replaceAll('-', '\\-')}`);
  });

  it('escapes markdown in everything a person or a model wrote', () => {
    const hostile = '# Heading [click](https://evil.example) ![img](x.png) <b>bold</b> *em* `code` | table | www.evil.example';
    const debate = meta(at(10), {
      title: hostile,
      topic: 'line one\n\n---\nline two',
      speakers: [{ name: '**Ada**', model: '[m](u)', tone: '<script>', tonePrompt: 'x' }],
    });
    const tooltip = build(entry(debate)).groups[0]!.children[0]!.view.tooltip;
    for (const raw of ['[click]', '](', '![', '<b>', '*em*', '`code`', '<script>', '**Ada**', 'https://', 'www.evil']) {
      expect(tooltip, raw).not.toContain(raw);
    }
    // No line break from the record gets through: each field stays on its own line.
    expect(tooltip).toContain('Topic: line one \\-\\-\\- line two');
    expect(escapeMarkdown('a_b\\c')).toBe('a\\_b\\\\c');
    // Every ASCII punctuation character is escaped, nothing else.
    const punctuation = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
    expect(escapeMarkdown(punctuation)).toBe([...punctuation].map((char) => `\\${char}`).join(''));
    expect(escapeMarkdown('Café 1 2')).toBe('Café 1 2');
  });
});

describe('createdAtOf', () => {
  it('reads a damaged debate\'s creation time from its id (UTC)', () => {
    expect(createdAtOf(damaged('20261210-081500-abcdef')).toISOString()).toBe('2026-12-10T08:15:00.000Z');
  });
});

describe('filterMessage', () => {
  it('says how many debates match, or that none does; nothing without a filter', () => {
    expect(filterMessage('', { total: 5, shown: 5 })).toBeUndefined();
    expect(filterMessage('llama', { total: 5, shown: 2 })).toBe('2 of 5 debates match “llama”.');
    expect(filterMessage('zebra', { total: 5, shown: 0 })).toContain('No debate matches “zebra”');
  });
});
