// The pure rules behind Debate Selection, This File, Uncommitted Changes and a Decision: whole
// lines from selections (several, overlapping, ending at a line's start), path labels (one
// folder, multi-root, outside the workspace), what can't be read and why, the diff choice, the
// decision's topic and speakers, the size estimate; and the start request carrying material
// (bounded) into the engine's config.
import { describe, expect, it } from 'vitest';
import { materialBudget } from '../../../engine/material/budget';
import { materialBlock } from '../../../engine/material/prompt-block';
import { validateConfig } from '../../../engine/validate';
import { MAX_MATERIAL_CHARS, parseWebviewMessage } from '../../../extension/contract/protocol';
import { toDebateConfig } from '../../../extension/debate/debate-request';
import { decisionSpeakers, decisionTopic, optionProblem, optionPrompt, questionProblem } from '../../../extension/material/decision-prompt';
import { fileBytesExcerpt, fileTextExcerpt, MAX_FILE_MATERIAL_BYTES } from '../../../extension/material/file-material';
import { chooseRepository, diffChoices, diffMaterial, gitUnavailableMessage } from '../../../extension/material/git-diff-material';
import { attachedMaterial, smallestWindowFor } from '../../../extension/material/material-estimate';
import { materialPathLabel } from '../../../extension/material/material-paths';
import { selectedLineRanges, selectionExcerpts } from '../../../extension/material/selection-material';
import { suggestedTopic } from '../../../extension/material/topic-suggestion';
import { readSettings } from '../../../extension/settings';

const FILE = ['import x from "y";', '', 'export function add(a, b) {', '  return a + b;', '}', '', 'export const two = add(1, 1);'].join('\n');
const span = (startLine: number, startCharacter: number, endLine: number, endCharacter: number) => ({ startLine, startCharacter, endLine, endCharacter });

describe('selections as whole lines', () => {
  it('takes every line a selection touches, from the start of its first line to the end of its last', () => {
    const result = selectionExcerpts('src/add.ts', FILE, [span(2, 9, 3, 4)]);
    expect(result).toEqual({ ok: true, excerpts: [{ path: 'src/add.ts', startLine: 3, endLine: 4, text: 'export function add(a, b) {\n  return a + b;' }] });
  });

  it('leaves out the line a selection ends at the very start of (Shift+Down), but not a one-line caret-free selection', () => {
    expect(selectedLineRanges([span(2, 0, 5, 0)])).toEqual([{ start: 3, end: 5 }]);
    expect(selectedLineRanges([span(4, 0, 4, 1)])).toEqual([{ start: 5, end: 5 }]);
  });

  it('gives several selections several excerpts, in document order, joining only those that overlap', () => {
    expect(selectedLineRanges([span(6, 0, 6, 5), span(0, 3, 0, 6), span(2, 0, 3, 2), span(3, 1, 4, 1)])).toEqual([
      { start: 1, end: 1 }, { start: 3, end: 5 }, { start: 7, end: 7 },
    ]);
    const result = selectionExcerpts('src/add.ts', FILE, [span(6, 0, 6, 5), span(0, 0, 0, 3)]);
    expect(result.ok && result.excerpts.map((excerpt) => [excerpt.startLine, excerpt.endLine, excerpt.text])).toEqual([
      [1, 1, 'import x from "y";'], [7, 7, 'export const two = add(1, 1);'],
    ]);
  });

  it('says the selection is empty (only carets), naming the file and the other command', () => {
    const result = selectionExcerpts('src/add.ts', FILE, [span(3, 2, 3, 2), span(5, 0, 5, 0)]);
    expect(result).toEqual({ ok: false, message: 'Nothing is selected in src/add.ts: select the lines to debate, or use "Debate This File".' });
  });

  it('refuses a selection too large to send, with its size', () => {
    const huge = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n');
    const result = selectionExcerpts('big.txt', huge, [span(0, 0, 19_999, 3)]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe("The selection is 614.1 KB: too large to send, and it would not fit a speaker's context window. Select fewer lines.");
  });
});

describe('path labels', () => {
  const one = [{ name: 'app', path: '/home/ada/app' }];
  const two = [{ name: 'app', path: '/home/ada/app' }, { name: 'lib', path: '/home/ada/lib/' }];

  it('is workspace-relative with forward slashes in a one-folder workspace', () => {
    expect(materialPathLabel('/home/ada/app/src/deep/add.ts', one)).toEqual({ label: 'src/deep/add.ts', outside: false });
    expect(materialPathLabel('/c:/work/app/src/add.ts', [{ name: 'app', path: '/c:/work/app' }])).toEqual({ label: 'src/add.ts', outside: false });
  });

  it('starts with the folder name only when the workspace has several folders (the innermost folder wins)', () => {
    expect(materialPathLabel('/home/ada/lib/index.ts', two)).toEqual({ label: 'lib/index.ts', outside: false });
    expect(materialPathLabel('/home/ada/app/src/add.ts', two)).toEqual({ label: 'app/src/add.ts', outside: false });
    const nested = [{ name: 'outer', path: '/w' }, { name: 'inner', path: '/w/packages/inner' }];
    expect(materialPathLabel('/w/packages/inner/a.ts', nested)).toEqual({ label: 'inner/a.ts', outside: false });
  });

  it('labels a file outside every folder by its name, and says it is outside', () => {
    expect(materialPathLabel('/tmp/notes/plan.md', one)).toEqual({ label: 'plan.md', outside: true });
    // A folder whose name is a prefix of another path is not its parent.
    expect(materialPathLabel('/home/ada/app-old/x.ts', one)).toEqual({ label: 'x.ts', outside: true });
    expect(materialPathLabel('/Untitled-1', [])).toEqual({ label: 'Untitled-1', outside: true });
  });
});

describe('a whole file', () => {
  it('is all its lines, from the open document or its bytes', () => {
    expect(fileTextExcerpt('src/add.ts', FILE)).toMatchObject({ ok: true, excerpt: { path: 'src/add.ts', startLine: 1, endLine: 7 } });
    expect(fileBytesExcerpt('src/add.ts', new TextEncoder().encode(`${FILE}\n`))).toMatchObject({ ok: true, excerpt: { startLine: 1, endLine: 7, text: FILE } });
  });

  it('refuses a binary file, from its bytes or an open document holding NUL', () => {
    const message = 'logo.png looks like a binary file (it holds NUL bytes): only text can be debated.';
    expect(fileBytesExcerpt('logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toEqual({ ok: false, message });
    expect(fileTextExcerpt('logo.png', 'PNG\u0000data')).toEqual({ ok: false, message });
  });

  it('refuses a huge file with its size and suggests selecting a range', () => {
    const bytes = new TextEncoder().encode('a\n'.repeat(MAX_FILE_MATERIAL_BYTES));
    expect(fileBytesExcerpt('data/dump.sql', bytes)).toEqual({
      ok: false,
      message: 'data/dump.sql is 512.0 KB: too large to send whole, and it would not fit a speaker\'s context window. Select the part to debate and run "Debate Selection".',
    });
    expect(fileTextExcerpt('data/dump.sql', 'é'.repeat(MAX_FILE_MATERIAL_BYTES))).toMatchObject({ ok: false, message: expect.stringContaining('is 512.0 KB: too large') });
  });

  it('says an empty file has nothing to send', () => {
    expect(fileTextExcerpt('empty.ts', '')).toEqual({ ok: false, message: 'empty.ts is empty: there are no lines to send' });
  });
});

describe('uncommitted changes', () => {
  const DIFF = 'diff --git a/src/add.ts b/src/add.ts\n--- a/src/add.ts\n+++ b/src/add.ts\n@@ -1,2 +1,2 @@\n-old\n+new\n ctx\n';

  it('offers the working tree against HEAD first, then the staged changes only', () => {
    expect(diffChoices().map((choice) => [choice.diffKind, choice.label])).toEqual([
      ['working-tree', 'Staged and unstaged (working tree against HEAD)'], ['staged', 'Staged only'],
    ]);
  });

  it('makes the diff the material, of the kind chosen, with the files it changes', () => {
    expect(diffMaterial('staged', DIFF.trimEnd(), 'app')).toEqual({ ok: true, material: { diff: { kind: 'staged', text: DIFF } }, files: ['src/add.ts'] });
  });

  it('says there is nothing to debate when the diff is empty, naming the repository', () => {
    expect(diffMaterial('working-tree', '  \n', 'app')).toEqual({ ok: false, message: 'No uncommitted changes in app.' });
    expect(diffMaterial('staged', '', 'app')).toEqual({ ok: false, message: 'No staged changes in app.' });
  });

  it('reads the repository of the active file, else the only one, else asks', () => {
    const repositories = [{ rootPath: '/w/app', name: 'app' }, { rootPath: '/w/app/vendor/lib', name: 'lib' }];
    expect(chooseRepository(repositories, '/w/app/vendor/lib/x.ts')).toBe(1);
    expect(chooseRepository(repositories, '/w/app/src/x.ts')).toBe(0);
    expect(chooseRepository(repositories, '/elsewhere/x.ts')).toBe('ask');
    expect(chooseRepository(repositories, null)).toBe('ask');
    expect(chooseRepository([repositories[0]!], '/elsewhere/x.ts')).toBe(0);
    expect(chooseRepository([], '/w/app/x.ts')).toBeNull();
  });

  it('says why no diff can be read, each case with its own way out and the commands that still work', () => {
    const still = '"Debate Selection" and "Debate This File" still work from the editor\'s text.';
    const untrusted = gitUnavailableMessage({ kind: 'untrusted' });
    expect(untrusted).toContain('disabled in an untrusted workspace (Restricted Mode). Trust the workspace');
    expect(untrusted).toContain(still);
    const virtual = gitUnavailableMessage({ kind: 'virtual', scheme: 'vscode-vfs' });
    expect(virtual).toBe(`This workspace is virtual (vscode-vfs): there is no local Git repository to read uncommitted changes from. ${still}`);
    expect(gitUnavailableMessage({ kind: 'no-extension' })).toContain('(vscode.git) is missing or disabled: enable it in the Extensions view');
    expect(gitUnavailableMessage({ kind: 'disabled' })).toContain('setting git.enabled');
    expect(gitUnavailableMessage({ kind: 'no-repository' })).toContain('No Git repository is open in this workspace');
    expect(gitUnavailableMessage({ kind: 'failed', reason: 'fatal: bad revision \'HEAD\'' })).toBe('Git could not give the uncommitted changes: fatal: bad revision \'HEAD\'');
  });
});

describe('a decision', () => {
  it('asks for a question, then at least two distinct options', () => {
    expect(questionProblem('   ')).toMatch(/^Type the question to decide/);
    expect(questionProblem('Which queue?')).toBeNull();
    expect(optionProblem('', [])).toBe('A decision needs at least 2 options: type option 1.');
    expect(optionProblem(' ', ['Redis'])).toBe('A decision needs at least 2 options: type option 2.');
    expect(optionProblem('', ['Redis', 'Kafka'])).toBeNull();
    expect(optionProblem('  redis ', ['Redis'])).toBe('"redis" is already an option.');
    expect(optionProblem('x'.repeat(301), [])).toBe('The option is too long (301 characters; at most 300).');
    expect(optionPrompt(1)).toBe('Option 1 of the decision (at least 2).');
    expect(optionPrompt(3)).toBe('Option 3 (at most 6); press Enter on an empty box to finish.');
  });

  it('states the question and the numbered options in the topic', () => {
    expect(decisionTopic(' Which  queue\nfor events? ', ['Redis streams', 'Kafka'])).toBe(
      'Decision: Which queue for events?\nOptions:\n1. Redis streams\n2. Kafka\nWhich option should be chosen, and why?',
    );
  });

  it('gives each option a speaker arguing for it, models and tones taken from the default speakers in turn', () => {
    const speakers = decisionSpeakers(['Redis streams', 'Kafka', 'A plain Postgres table'], [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:7b', tone: 'Cynic', host: 'http://gpu:11434' }]);
    expect(speakers).toEqual([
      { model: 'llama3.2:1b', tone: 'Rational', name: 'Option 1', stance: 'for', role: 'an advocate of “Redis streams”' },
      { model: 'qwen2.5:7b', tone: 'Cynic', host: 'http://gpu:11434', name: 'Option 2', stance: 'for', role: 'an advocate of “Kafka”' },
      { model: 'llama3.2:1b', tone: 'Rational', name: 'Option 3', stance: 'for', role: 'an advocate of “A plain Postgres table”' },
    ]);
    // A long option is shortened to fit a role (80 characters), and the request the host checks accepts it.
    const [long] = decisionSpeakers(['x'.repeat(200), 'y'], [{ model: 'm', tone: 'Rational' }]);
    expect(long!.role!.length).toBeLessThanOrEqual(80);
    expect(long!.role!.endsWith('…')).toBe(true);
    const request = { topic: decisionTopic('Q?', ['x'.repeat(200), 'y']), speakers: decisionSpeakers(['x'.repeat(200), 'y'], [{ model: 'm', tone: 'Rational' }]), exchanges: 2 };
    expect(parseWebviewMessage({ type: 'start', request }).ok).toBe(true);
  });
});

describe('the topic suggested for material', () => {
  it('names the lines, the file or the changes, and asks what should change', () => {
    const excerpt = { path: 'src/add.ts', startLine: 10, endLine: 20, text: Array.from({ length: 11 }, () => 'x').join('\n') };
    expect(suggestedTopic({ excerpts: [excerpt] }, 'selection')).toBe('Review of src/add.ts lines 10–20: what should change?');
    expect(suggestedTopic({ excerpts: [{ ...excerpt, endLine: 10, text: 'x' }] }, 'selection')).toBe('Review of src/add.ts line 10: what should change?');
    expect(suggestedTopic({ excerpts: [excerpt, excerpt] }, 'selection')).toBe('Review of 2 excerpts of src/add.ts: what should change?');
    expect(suggestedTopic({ excerpts: [excerpt] }, 'file')).toBe('Review of src/add.ts: what should change?');
    const diff = 'diff --git a/a.ts b/a.ts\n@@ -1 +1 @@\n-a\n+b\ndiff --git a/b.ts b/b.ts\n@@ -1 +1 @@\n-a\n+b\n';
    expect(suggestedTopic({ diff: { kind: 'working-tree', text: diff } }, 'diff', 'app')).toBe('Review of the uncommitted changes in app (2 files): what should change before they are committed?');
    expect(suggestedTopic({ diff: { kind: 'staged', text: diff.split('diff --git a/b.ts')[0]! } }, 'diff', 'app')).toBe('Review of the staged changes in app (1 file): what should change before they are committed?');
  });
});

describe('the size of material', () => {
  it('estimates its tokens as sent and the smallest window whose budget holds it', () => {
    const material = { excerpts: [{ path: 'a.ts', startLine: 1, endLine: 2, text: 'const a = 1;\nconst b = 2;' }] };
    const attached = attachedMaterial(material, 8192);
    expect(attached.tokens).toBeGreaterThan(Math.ceil(materialBlock(material)!.length / 4) - 1);
    expect(materialBudget(attached.minWindow)).toBeGreaterThanOrEqual(attached.tokens);
    expect(materialBudget(attached.minWindow - 1)).toBeLessThan(attached.tokens);
    for (const tokens of [1, 500, 3000, 70_000]) {
      const window = smallestWindowFor(tokens);
      expect(materialBudget(window)).toBeGreaterThanOrEqual(tokens);
      expect(materialBudget(window - 1)).toBeLessThan(tokens);
    }
  });
});

describe('the start request carrying material', () => {
  const settings = readSettings(() => undefined);
  const request = (material: unknown) => ({ topic: 'Review', speakers: [{ model: 'm', tone: 'Rational' }], exchanges: 1, material });
  const excerpt = { path: 'src/add.ts', startLine: 3, endLine: 4, text: 'export function add(a, b) {\n  return a + b;' };

  it('maps it into the engine config, which accepts it when it fits', () => {
    const parsed = parseWebviewMessage({ type: 'start', request: request({ excerpts: [excerpt] }) });
    if (!parsed.ok || parsed.message.type !== 'start') throw new Error(JSON.stringify(parsed));
    const config = toDebateConfig(parsed.message.request, settings, 'http://127.0.0.1:11434');
    expect(config.material).toEqual({ excerpts: [excerpt] });
    expect(validateConfig(config)).toBeNull();
    // None asked for: none in the config.
    expect(toDebateConfig({ topic: 'T', speakers: [{ model: 'm', tone: 'Rational' }], exchanges: 1 }, settings, 'h')).not.toHaveProperty('material');
  });

  it('refuses material beyond its bounds (sizes, counts, shapes) as a malformed message', () => {
    const big = 'x'.repeat(MAX_MATERIAL_CHARS / 2 + 1);
    for (const material of [
      { excerpts: [{ ...excerpt, text: big }, { ...excerpt, text: big }] },
      { excerpts: Array.from({ length: 51 }, () => excerpt) },
      { excerpts: [{ ...excerpt, path: '' }] },
      { excerpts: [{ ...excerpt, startLine: 0 }] },
      { diff: { kind: 'both', text: 'diff' } },
      { diff: { kind: 'staged', text: '' } },
    ]) {
      expect(parseWebviewMessage({ type: 'start', request: request(material) }).ok, JSON.stringify(material).slice(0, 80)).toBe(false);
    }
  });
});
