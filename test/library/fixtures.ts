// Shared helpers for the library tests: temporary libraries, sample records and a file system
// with injected faults (the tests run as root, where file modes never make a write fail).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { ExportedSpeakerTurn } from '../../engine/library/debate-json';
import type { LibraryFs } from '../../engine/library/library-fs';
import { nodeFs } from '../../engine/library/library-fs';
import type { DebateMeta } from '../../engine/library/meta';

const made: string[] = [];

/** A fresh empty folder, removed after the test. */
export function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tm-library-'));
  made.push(folder);
  return folder;
}

afterEach(() => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
});

export function sampleMeta(id: string, overrides: Partial<DebateMeta> = {}): DebateMeta {
  return {
    schema: 1,
    id,
    title: null,
    topic: 'Is a hot dog a sandwich?',
    speakers: [
      { name: 'Ada', model: 'llama3.2:1b', tone: 'Rational', tonePrompt: 'Be logical. Answer in 2-3 sentences.' },
      { name: 'Bob', model: 'qwen3:4b', tone: 'Cynic', tonePrompt: 'Be dryly cynical. Answer in 2-3 sentences.', temperature: 0.7 },
    ],
    exchanges: 3,
    settings: { contextBudgetChars: 12_000 },
    createdAt: '2026-12-01T11:05:12.000Z',
    updatedAt: '2026-12-01T11:06:00.000Z',
    endedAt: null,
    outcome: 'complete',
    stopReason: 'exchanges',
    turnCount: 6,
    ...overrides,
  };
}

/** A speaker turn as the engine makes it (plus, when given, thinking, as an export may carry). */
export function speakerTurn(id: string, text: string, overrides: Partial<ExportedSpeakerTurn> = {}): ExportedSpeakerTurn {
  return {
    kind: 'speaker',
    id,
    exchange: 1,
    speakerIndex: 0,
    speaker: 'Ada',
    model: 'llama3.2:1b',
    tone: 'Rational',
    text,
    status: 'complete',
    metrics: { timeToFirstTokenMs: 120, durationMs: 900, tokens: 42, tokensPerSecond: 55.5, loadDurationMs: null, promptTokens: 300 },
    ...overrides,
  };
}

export type FsOperation = keyof LibraryFs;

/** A system error as node:fs throws it. */
export function systemError(code: string, message: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}, ${path}`), { code, path });
}

/**
 * The real file system, except that `fault(operation, path)` may return an error to throw
 * instead, or the string 'dev-full' to send a write to /dev/full (a real ENOSPC from the kernel).
 * Every call is recorded in `calls`.
 */
export function faultyFs(fault: (operation: FsOperation, path: string) => Error | 'dev-full' | null): LibraryFs & { calls: Array<[FsOperation, string]> } {
  const calls: Array<[FsOperation, string]> = [];
  const check = (operation: FsOperation, path: string): 'dev-full' | null => {
    calls.push([operation, path]);
    const result = fault(operation, path);
    if (result instanceof Error) throw result;
    return result;
  };
  return {
    calls,
    readFileSync: (path, encoding) => (check('readFileSync', path), nodeFs.readFileSync(path, encoding)),
    writeFileSync: (path, data, options) => {
      if (check('writeFileSync', path) === 'dev-full') nodeFs.writeFileSync('/dev/full', data);
      else nodeFs.writeFileSync(path, data, options);
    },
    renameSync: (from, to) => (check('renameSync', from), nodeFs.renameSync(from, to)),
    rmSync: (path, options) => (check('rmSync', path), nodeFs.rmSync(path, options)),
    mkdirSync: (path, options) => (check('mkdirSync', path), nodeFs.mkdirSync(path, options)),
    readdirSync: (path) => (check('readdirSync', path), nodeFs.readdirSync(path)),
    statSync: (path) => (check('statSync', path), nodeFs.statSync(path)),
    existsSync: (path) => (check('existsSync', path), nodeFs.existsSync(path)),
  };
}
