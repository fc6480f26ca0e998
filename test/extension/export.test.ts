import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFileName, IN_PROGRESS_MARK, transcriptToMarkdown } from '../../engine/markdown';
import type { Transcript } from '../../engine/types';
import { exportFolder, exportTranscript, NOTHING_TO_EXPORT, numberedFileName, type ExportIo, type Locations } from '../../extension/export';
import type { PanelEvent } from '../../extension/contract/protocol';
import { applyDebateEvent, emptyDebateView, exportableDebate } from '../../extension/contract/snapshot';
import { transcript as makeTranscript, turn } from './fixtures';

const posix: Locations<string> = {
  workspaceFolders: ['/work/project', '/work/other'],
  home: '/home/ada',
  joinPath: (base, ...segments) => path.posix.join(base, ...segments),
  file: (absolutePath) => absolutePath,
  isAbsolute: (candidate) => path.posix.isAbsolute(candidate),
};

describe('exportFolder', () => {
  it('is the first workspace folder when the setting is empty', () => {
    expect(exportFolder('', posix)).toBe('/work/project');
  });

  it('is home when no folder is open', () => {
    expect(exportFolder('', { ...posix, workspaceFolders: [] })).toBe('/home/ada');
    expect(exportFolder('notes', { ...posix, workspaceFolders: [] })).toBe('/home/ada/notes');
  });

  it('reads a relative setting against the first workspace folder, an absolute one as is', () => {
    expect(exportFolder('docs/debates', posix)).toBe('/work/project/docs/debates');
    expect(exportFolder('docs\\debates\\', posix)).toBe('/work/project/docs/debates');
    expect(exportFolder('./', posix)).toBe('/work/project');
    expect(exportFolder('/srv/exports', posix)).toBe('/srv/exports');
  });
});

const transcript: Transcript = makeTranscript({
  topic: 'Is a hot dog a sandwich?',
  speakers: [{ name: 'Speaker 1', model: 'llama3.2:1b', tone: 'Rational' }],
  startedAt: '2026-03-04T10:00:00.000Z',
  endedAt: '2026-03-04T10:01:00.000Z',
  turns: [turn(0, 'It is, structurally.')],
  outcome: 'complete',
  stopReason: 'exchanges',
});
const now = new Date('2026-03-04T12:00:00.000Z');

/** A file system and dialogs in memory, recording what was asked. */
function fakeIo(options: { existing?: string[]; saveAs?: string | undefined; replace?: boolean } = {}) {
  const files = new Map<string, string>((options.existing ?? []).map((file) => [file, 'old']));
  const log = { dialogDefault: null as string | null, replaceAsked: [] as string[], opened: [] as string[], info: [] as string[] };
  const io: ExportIo<string> = {
    locations: posix,
    askSaveLocation: async (defaultLocation) => {
      log.dialogDefault = defaultLocation;
      return 'saveAs' in options ? options.saveAs : defaultLocation;
    },
    exists: async (location) => files.has(location),
    confirmReplace: async (location) => {
      log.replaceAsked.push(location);
      return options.replace ?? false;
    },
    writeFile: async (location, content) => {
      files.set(location, new TextDecoder().decode(content));
    },
    open: async (location) => {
      log.opened.push(location);
    },
    info: (message) => log.info.push(message),
  };
  return { io, files, log };
}

describe('exportTranscript', () => {
  const proposed = `/work/project/${exportFileName(transcript.topic, now)}`;

  it('proposes debate-<slug>-<date>.md, writes the markdown and opens it', async () => {
    const { io, files, log } = fakeIo();
    const outcome = await exportTranscript({ transcript }, '', io, { now });
    expect(log.dialogDefault).toBe(proposed);
    expect(path.posix.basename(proposed)).toMatch(/^debate-is-a-hot-dog-a-sandwich-2026-03-04\.md$/);
    expect(outcome).toEqual({ kind: 'written', location: proposed });
    expect(files.get(proposed)).toBe(transcriptToMarkdown(transcript));
    expect(log.opened).toEqual([proposed]);
    expect(log.replaceAsked).toEqual([]);
  });

  it('proposes the file in the export folder setting', async () => {
    const { io, log } = fakeIo();
    await exportTranscript({ transcript }, 'exports', io, { now });
    expect(path.posix.dirname(log.dialogDefault ?? '')).toBe('/work/project/exports');
  });

  it('proposes the first numbered name no file has yet, so the dialog does not offer to replace one', async () => {
    const second = proposed.replace(/\.md$/, '-2.md');
    const { io, files, log } = fakeIo({ existing: [proposed, second] });
    const outcome = await exportTranscript({ transcript }, '', io, { now });
    const third = proposed.replace(/\.md$/, '-3.md');
    expect(log.dialogDefault).toBe(third);
    expect(outcome).toEqual({ kind: 'written', location: third });
    expect(files.get(proposed)).toBe('old');
    expect(files.get(second)).toBe('old');
    // The dialog itself guards a file the person picks; no second question after it.
    expect(log.replaceAsked).toEqual([]);
  });

  it('never replaces a caller-chosen existing file unless the person says Replace', async () => {
    const kept = fakeIo({ existing: [proposed], replace: false });
    expect(await exportTranscript({ transcript }, '', kept.io, { now, target: proposed })).toEqual({ kind: 'cancelled' });
    expect(kept.log.replaceAsked).toEqual([proposed]);
    expect(kept.log.dialogDefault).toBeNull();
    expect(kept.files.get(proposed)).toBe('old');
    expect(kept.log.opened).toEqual([]);

    const replaced = fakeIo({ existing: [proposed], replace: true });
    expect(await exportTranscript({ transcript }, '', replaced.io, { now, target: proposed })).toEqual({ kind: 'written', location: proposed });
    expect(replaced.files.get(proposed)).toBe(transcriptToMarkdown(transcript));
  });

  it('numbers copies before the extension', () => {
    expect(numberedFileName('debate-x-2026-03-04.md', 1)).toBe('debate-x-2026-03-04.md');
    expect(numberedFileName('debate-x-2026-03-04.md', 2)).toBe('debate-x-2026-03-04-2.md');
    expect(numberedFileName('notes', 3)).toBe('notes-3');
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const { io, files } = fakeIo({ saveAs: undefined });
    expect(await exportTranscript({ transcript }, '', io, { now })).toEqual({ kind: 'cancelled' });
    expect(files.size).toBe(0);
  });

  it('says so when there is nothing to export: no debate, or one with no turn at all', async () => {
    for (const empty of [null, { ...transcript, turns: [] }, { ...transcript, outcome: 'failed' as const, stopReason: 'error' as const, turns: [] }]) {
      const { io, log, files } = fakeIo();
      expect(await exportTranscript({ transcript: empty }, '', io, { now })).toEqual({ kind: 'nothing-to-export' });
      expect(log.info).toEqual([NOTHING_TO_EXPORT]);
      expect(log.dialogDefault).toBeNull();
      expect(files.size).toBe(0);
    }
  });

  it('exports a debate whose only turn failed without a word: the turn and why it failed are what there is', async () => {
    const failed = { ...transcript, outcome: 'failed' as const, turns: [turn(0, '', { status: 'failed', note: 'Speaker 1 produced no text within 120 s.' })] };
    const { io, files } = fakeIo();
    expect(await exportTranscript({ transcript: failed }, '', io, { now })).toEqual({ kind: 'written', location: proposed });
    expect(files.get(proposed)).toContain('**Note:** Speaker 1 produced no text within 120 s.');
  });

  it('proposes the debate\'s previous export again, so saving replaces it (the dialog asks first), wherever it was', async () => {
    for (const previous of [proposed, '/srv/elsewhere/my-notes.md', proposed.replace(/\.md$/, '-3.md')]) {
      const { io, files, log } = fakeIo({ existing: [previous] });
      const outcome = await exportTranscript({ transcript, previous }, 'exports', io, { now });
      expect(log.dialogDefault).toBe(previous);
      expect(outcome).toEqual({ kind: 'written', location: previous });
      expect(files.get(previous)).toBe(transcriptToMarkdown(transcript));
      // The dialog's own question guarded the existing file; none is asked twice.
      expect(log.replaceAsked).toEqual([]);
    }
  });

  it('marks the turn in progress when exported while it was being spoken', async () => {
    const running = { ...transcript, outcome: 'running' as const, endedAt: null, turns: [turn(0, 'It is.'), turn(1, 'Half a tho', { status: 'stopped' })] };
    const { io, files } = fakeIo();
    await exportTranscript({ transcript: running, inProgressTurnIds: ['turn-1'] }, '', io, { now });
    const markdown = files.get(proposed) ?? '';
    expect(markdown).toBe(transcriptToMarkdown(running, { inProgressTurnIds: ['turn-1'] }));
    expect(markdown).toContain(`## 2. Speaker 2 — llama3.2:1b · Rational\n\n${IN_PROGRESS_MARK}\n\n> Half a tho\n`);
  });

  it('marks every turn still streaming in a simultaneous round, each as far as it got; the finished one is not marked', async () => {
    const speakers = ['Ada', 'Bo', 'Cy'].map((name) => ({ name, model: 'llama3.2:1b', tone: 'Rational' }));
    const round = makeTranscript({ topic: transcript.topic, speakers, order: { kind: 'simultaneous' } });
    const heading = (speakerIndex: number) => ({ turnId: `turn-${speakerIndex}`, speakerIndex, speaker: speakers[speakerIndex]!.name, model: 'llama3.2:1b', tone: 'Rational', exchange: 1 });
    const events: PanelEvent[] = [
      { type: 'run-start', transcript: round },
      ...[0, 1, 2].map((index): PanelEvent => ({ type: 'turn-start', ...heading(index) })),
      { type: 'token', turnId: 'turn-2', text: 'Cy half' },
      { type: 'token', turnId: 'turn-0', text: 'Ada half' },
      { type: 'token', turnId: 'turn-1', text: 'Bo done.' },
      { type: 'turn-end', turn: turn(1, 'Bo done.', { speaker: 'Bo', speakerIndex: 1 }) },
      { type: 'token', turnId: 'turn-2', text: ' and more' },
    ];
    const view = events.reduce(applyDebateEvent, emptyDebateView());
    const subject = exportableDebate(view);
    expect(subject?.inProgressTurnIds).toEqual(['turn-0', 'turn-2']);
    const { io, files } = fakeIo();
    await exportTranscript(subject!, '', io, { now });
    const markdown = files.get(proposed) ?? '';
    expect(markdown.split(IN_PROGRESS_MARK)).toHaveLength(3);
    expect(markdown).toContain('## 1. Bo — llama3.2:1b · Rational\n\n> Bo done.\n');
    expect(markdown).toContain(`## 2. Ada — llama3.2:1b · Rational\n\n${IN_PROGRESS_MARK}\n\n> Ada half\n`);
    expect(markdown).toContain(`## 3. Cy — llama3.2:1b · Rational\n\n${IN_PROGRESS_MARK}\n\n> Cy half and more\n`);
    // In progress is not stopped: no turn says so.
    expect(markdown).not.toContain('(stopped)');
  });
});
