// Library entries as DebateLibrary.list() gives them, made by hand for the view's rules.
import type { LibraryEntry } from '../../../engine/library/library';
import type { LockInfo } from '../../../engine/library/lock';
import type { DebateMeta } from '../../../engine/library/meta';
import type { DebateOutcome } from '../../../engine/types';

export const SELF = { pid: 4242, hostname: 'laptop' };

/** A debate id for a local time (ids are UTC; the tree groups by local days). */
export function idAt(local: Date, suffix = 'a1b2c3'): string {
  const iso = local.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}-${suffix}`;
}

export function meta(created: Date, overrides: Partial<DebateMeta> = {}, suffix?: string): DebateMeta {
  const id = overrides.id ?? idAt(created, suffix);
  return {
    schema: 1,
    id,
    title: null,
    topic: 'Is a hot dog a sandwich?',
    speakers: [
      { name: 'Ada', model: 'llama3.2:1b', tone: 'Rational', tonePrompt: 'Be logical.' },
      { name: 'Bob', model: 'qwen3:4b', tone: 'Cynic', tonePrompt: 'Be cynical.' },
    ],
    exchanges: 3,
    settings: {},
    createdAt: created.toISOString(),
    updatedAt: created.toISOString(),
    endedAt: null,
    outcome: 'complete',
    stopReason: 'exchanges',
    turnCount: 6,
    ...overrides,
  };
}

export function entry(
  debate: DebateMeta,
  options: { outcome?: DebateOutcome; lockedBy?: LockInfo | null; parentMissing?: boolean } = {},
): Extract<LibraryEntry, { ok: true }> {
  return {
    id: debate.id,
    ok: true,
    meta: debate,
    outcome: options.outcome ?? debate.outcome,
    lockedBy: options.lockedBy ?? null,
    parentMissing: options.parentMissing ?? false,
  };
}

export function damaged(id: string, reason = 'meta.json is not valid JSON (Unexpected end of JSON input)'): Extract<LibraryEntry, { ok: false }> {
  return { id, ok: false, problem: 'invalid-json', reason };
}

export function lock(overrides: Partial<LockInfo> = {}): LockInfo {
  return {
    pid: 999,
    hostname: 'laptop',
    app: 'CLI',
    token: 'abc',
    acquiredAt: '2026-12-10T10:00:00.000Z',
    heartbeatAt: '2026-12-10T10:00:00.000Z',
    ...overrides,
  };
}

/** Newest first, as list() orders them. */
export function newestFirst(entries: LibraryEntry[]): LibraryEntry[] {
  return [...entries].sort((a, b) => (a.id < b.id ? 1 : -1));
}
