// The pure rules of "Export Decision Record": where the record goes (the setting, the
// workspace, asked for without one), which model drafts it (the debate's own judge, the
// setting, else asked), which debates the command offers, and when the panel offers it.
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasCompleteSpeakerTurn, offersDecisionRecord } from '../../../extension/contract/decision-record';
import type { DebateView } from '../../../extension/contract/protocol';
import type { Locations } from '../../../extension/export';
import { DEFAULT_DECISION_RECORDS_FOLDER, decisionRecordsFolder, recordableDebates, recordJudge } from '../../../extension/decisions/record-choices';
import { sampleTranscript } from '../../adr/record-fixtures';
import { ADA, BOB, makeNote, makeTurn } from '../../engine/fixtures';
import { damaged, entry, lock, meta } from '../library/fixtures';

function locations(workspaceFolders: string[]): Locations<string> {
  return {
    workspaceFolders,
    home: '/home/ada',
    joinPath: (base, ...segments) => posix.join(base, ...segments),
    file: (absolute) => `file:${absolute}`,
    isAbsolute: (path) => posix.isAbsolute(path),
  };
}

describe('decisionRecordsFolder', () => {
  it.each([
    ['', ['/work/app'], { kind: 'folder', location: '/work/app/docs/decisions' }],
    ['   ', ['/work/app', '/work/lib'], { kind: 'folder', location: '/work/app/docs/decisions' }],
    ['adr', ['/work/app'], { kind: 'folder', location: '/work/app/adr' }],
    ['architecture\\decisions/', ['/work/app'], { kind: 'folder', location: '/work/app/architecture/decisions' }],
    ['/srv/records', ['/work/app'], { kind: 'folder', location: 'file:/srv/records' }],
    ['/srv/records', [], { kind: 'folder', location: 'file:/srv/records' }],
    ['', [], { kind: 'ask' }],
    ['adr', [], { kind: 'ask' }],
  ])('%j with workspace folders %j: %j', (setting, folders, expected) => {
    expect(decisionRecordsFolder(setting, locations(folders))).toEqual(expected);
  });

  it('defaults to docs/decisions, as MADR names it', () => {
    expect(DEFAULT_DECISION_RECORDS_FOLDER).toBe('docs/decisions');
  });
});

describe('recordJudge: the model that drafts the record', () => {
  it.each([
    [{ model: 'gemma3:4b' }, 'qwen3:8b', { model: 'gemma3:4b' }],
    [{ model: ' gemma3:4b ', host: 'http://gpu-box:11434' }, 'qwen3:8b', { model: 'gemma3:4b', host: 'http://gpu-box:11434' }],
    [{ model: 'gemma3:4b', host: '  ' }, '', { model: 'gemma3:4b' }],
    [undefined, 'qwen3:8b', { model: 'qwen3:8b' }],
    [undefined, '  qwen3:8b ', { model: 'qwen3:8b' }],
    [{ model: '  ' }, 'qwen3:8b', { model: 'qwen3:8b' }],
    [undefined, '', null],
    [undefined, '   ', null],
  ])('the debate judge %j, the setting %j: %j', (judge, setting, expected) => {
    expect(recordJudge(judge, setting)).toEqual(expected);
  });
});

describe('recordableDebates', () => {
  it('offers the readable debates no run holds, newest first', () => {
    const old = entry(meta(new Date(2026, 10, 1, 9)));
    const newer = entry(meta(new Date(2026, 11, 1, 9)));
    const running = entry(meta(new Date(2026, 11, 2, 9)), { outcome: 'running', lockedBy: lock() });
    expect(recordableDebates([old, running, damaged('broken'), newer]).map((debate) => debate.id)).toEqual([newer.id, old.id]);
    expect(recordableDebates([])).toEqual([]);
  });
});

describe('when the panel offers a decision record', () => {
  const finished = sampleTranscript();
  const view = (patch: Partial<DebateView>): Pick<DebateView, 'transcript' | 'status' | 'access'> => ({
    transcript: finished,
    status: 'done',
    access: { kind: 'writable' },
    ...patch,
  });

  it.each([
    ['a finished debate', view({}), true],
    ['a stopped debate', view({ status: 'stopped' }), true],
    ['a failed debate with something said', view({ status: 'failed' }), true],
    ['no debate', view({ transcript: null, status: 'idle' }), false],
    ['a running debate', view({ status: 'speaking' }), false],
    ['a debate being loaded', view({ status: 'loading' }), false],
    ['a debate paused for the moderator', view({ status: 'paused' }), false],
    ['a debate running in another window', view({ status: 'running-elsewhere', access: { kind: 'read-only', reason: 'in the CLI' } }), false],
    ['a debate gone from the library', view({ access: { kind: 'unavailable', debateId: finished.id, reason: 'deleted' } }), false],
    ['a debate with no turn', view({ transcript: sampleTranscript({ turns: [] }) }), false],
  ])('%s: %s', (_what, shown, offered) => {
    expect(offersDecisionRecord(shown)).toBe(offered);
  });

  it('needs a complete speaker turn with words: stopped, failed, empty turns and moderator notes are not enough', () => {
    const speakers = [ADA, BOB];
    expect(hasCompleteSpeakerTurn({ turns: [makeTurn(0, speakers, 'Half a sent', { status: 'stopped' })] })).toBe(false);
    expect(hasCompleteSpeakerTurn({ turns: [makeTurn(0, speakers, '', { status: 'failed' })] })).toBe(false);
    expect(hasCompleteSpeakerTurn({ turns: [makeTurn(0, speakers, '   ')] })).toBe(false);
    expect(hasCompleteSpeakerTurn({ turns: [makeNote('m1', 1, 'Framing the question.')] })).toBe(false);
    expect(hasCompleteSpeakerTurn({ turns: [makeNote('m1', 1, 'Framing.'), makeTurn(1, speakers, 'A full reply.')] })).toBe(true);
  });
});
