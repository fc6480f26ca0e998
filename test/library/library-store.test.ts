// Debates run through DebateSessions on the on-disk library, against the simulator:
// what a folder holds, what a fresh process reads back, how a cut-off debate
// recovers, and what an unwritable library does.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../engine/library/library-store';
import { exportDebateJson, importDebateJson } from '../../engine/library/transfer';
import { CUT_OFF_NOTE, DebateSessions } from '../../engine/session';
import type { DebateConfig, DebateEvent, SpeakerTurn, Transcript } from '../../engine/types';
import { simulator } from '../engine/simulated-debate';

const folders: string[] = [];

function tempLibrary(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tm-library-'));
  folders.push(folder);
  return folder;
}

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function sessionsOn(folder: string, warnings: string[] = []): DebateSessions {
  return new DebateSessions(new LibraryStore(folder, { app: 'CLI', onWarning: (message) => warnings.push(message) }));
}

async function drain(events: AsyncIterable<DebateEvent>): Promise<DebateEvent[]> {
  const seen: DebateEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

function endOf(events: readonly DebateEvent[]): Transcript {
  const last = events[events.length - 1];
  if (last?.type !== 'run-end') throw new Error(`last event is ${last?.type}`);
  return last.transcript;
}

function folderBytes(folder: string): number {
  return readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
}

const MODELS = [
  { name: 'alpha:1b', reply: 'Alpha says tea. '.repeat(3) },
  { name: 'beta:1b', reply: 'Beta says coffee. '.repeat(3) },
];

async function config(exchanges = 2): Promise<DebateConfig> {
  const sim = await simulator({ models: MODELS });
  return {
    topic: 'Tea or coffee?',
    exchanges,
    host: sim.url,
    speakers: [
      { name: 'Ada', model: 'alpha:1b', tone: 'Cynic' },
      { name: 'Bob', model: 'beta:1b', tone: 'Polite' },
    ],
  };
}

describe('debates in the library', () => {
  it('records a debate as it runs and a fresh process reads it back whole', async () => {
    const library = tempLibrary();
    const run = sessionsOn(library).start(await config());
    const finished = endOf(await drain(run.events));
    expect(finished.outcome).toBe('complete');
    expect(finished.stopReason).toBe('exchanges');
    expect(finished.turns).toHaveLength(4);

    const reader = sessionsOn(library);
    const reread = await reader.transcript(run.id);
    expect(reread.turns).toEqual(finished.turns);
    expect(reread.outcome).toBe('complete');
    const [entry] = (reader.store as LibraryStore).library.list();
    expect(entry).toMatchObject({ id: run.id, ok: true, outcome: 'complete' });
    expect(entry?.ok && entry.meta.turnCount).toBe(4);
    expect(readdirSync(join(library, run.id)).sort()).toEqual(['checkpoints.jsonl', 'meta.json']);
  });

  it('keeps a 60-turn debate of 2,000-character replies within twice the transcript, each text once', async () => {
    const library = tempLibrary();
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: ({ messages }) => `${String(messages?.length)} `.padEnd(2000, 'x') }] });
    const speakers = [
      { name: 'Ada', model: 'alpha:1b', tone: 'Cynic' },
      { name: 'Bob', model: 'alpha:1b', tone: 'Polite' },
      { name: 'Cy', model: 'alpha:1b', tone: 'Rational' },
    ];
    const sessions = sessionsOn(library);
    const run = sessions.start({ topic: 'Long', exchanges: 20, host: sim.url, speakers, contextBudgetChars: 2_000 });
    const transcript = endOf(await drain(run.events));
    expect(transcript.turns).toHaveLength(60);
    const textBytes = transcript.turns.reduce((sum, turn) => sum + Buffer.byteLength(turn.text), 0);
    const bytes = folderBytes(join(library, run.id));
    console.info(`library folder for 60 turns: ${bytes} bytes for ${textBytes} bytes of text (${(bytes / textBytes).toFixed(2)}x)`);
    expect(bytes).toBeLessThan(2 * textBytes);
  });

  it('recovers a debate whose process died mid-turn: the cut-off text is kept and continue finishes it', async () => {
    const library = tempLibrary();
    const cfg = await config(1);
    const first = sessionsOn(library);
    const run = first.start(cfg);
    await drain(run.events);
    // Make it look as if a process died during Ada's first turn of a second exchange (the CLI tests kill a real one).
    const store = first.store as LibraryStore;
    store.update(run.id, { outcome: 'running' });
    const folder = join(library, run.id);
    writeFileSync(join(folder, 'live-turn.json'), JSON.stringify({ turnId: 'cut1', speakerIndex: 0, speaker: 'Ada', model: 'alpha:1b', tone: 'Cynic', exchange: 2, text: 'Half a thou', thinking: 'Ada muses first.', tokens: 3, startedAt: new Date().toISOString() }));
    writeFileSync(join(folder, 'lock.json'), JSON.stringify({ pid: 999_999_999, hostname: 'gone', app: 'CLI', token: 't', acquiredAt: '2020-01-01T00:00:00.000Z', heartbeatAt: '2020-01-01T00:00:00.000Z' }));

    const later = sessionsOn(library);
    expect((later.store as LibraryStore).library.list()[0]).toMatchObject({ outcome: 'interrupted' });
    expect(await later.recoverIfCutOff(run.id)).toBe(true);
    const recovered = await later.transcript(run.id);
    expect(recovered.outcome).toBe('interrupted');
    const cut = recovered.turns[2] as SpeakerTurn;
    expect(cut).toMatchObject({ id: 'cut1', text: 'Half a thou', thinking: 'Ada muses first.', status: 'stopped', note: CUT_OFF_NOTE });

    const resumed = endOf(await drain(later.continue(run.id, 1).events));
    expect(resumed.outcome).toBe('complete');
    expect(resumed.turns.map((turn) => turn.kind === 'speaker' && turn.speaker)).toEqual(['Ada', 'Bob', 'Ada', 'Ada', 'Bob']);
  });

  it('opens a debate another live process holds read-only, saying where it runs', async () => {
    const library = tempLibrary();
    const sessions = sessionsOn(library);
    const run = sessions.start(await config(1));
    await drain(run.events);
    const held = sessions.store.lock(run.id);
    expect(held.ok).toBe(true);
    const events = await drain(sessionsOn(library).continue(run.id, 1).events);
    const error = events.find((event) => event.type === 'error');
    expect(error?.type === 'error' && error.error.kind).toBe('locked');
    expect(error?.type === 'error' && error.error.message).toMatch(/open for writing elsewhere: running in the CLI \(pid \d+\)/);
    if (held.ok) held.lock.release();
    expect(endOf(await drain(sessionsOn(library).continue(run.id, 1).events)).turns).toHaveLength(4);
  });

  it.each(['/proc/talking-models-library', '/dev/full/library'])('runs a debate whose library %s cannot be written, warning once that it is not saved', async (folder) => {
    const warnings: string[] = [];
    const events = await drain(sessionsOn(folder, warnings).start(await config(1)).events);
    expect(endOf(events).outcome).toBe('complete');
    expect(endOf(events).turns).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/is not being saved to .*library/);
    expect(events.filter((event) => event.type === 'warning')).toHaveLength(1);
  });

  it('exports JSON that imports as a debate which exports the same JSON and can be continued', async () => {
    const library = tempLibrary();
    const sessions = sessionsOn(library);
    const run = sessions.start(await config(1));
    await drain(run.events);
    const exported = await exportDebateJson(sessions, run.id);

    const elsewhere = sessionsOn(tempLibrary());
    const imported = await importDebateJson(elsewhere, exported);
    expect(imported).toEqual({ ok: true, id: run.id, renamed: false });
    expect(await exportDebateJson(elsewhere, run.id)).toBe(exported);

    const again = await importDebateJson(elsewhere, exported);
    expect(again.ok && again.renamed).toBe(true);
    const continued = endOf(await drain(elsewhere.continue(run.id, 1).events));
    expect(continued.turns).toHaveLength(4);
    expect(continued.outcome).toBe('complete');
  });

  it('imports a paused debate as paused, waiting for the moderator', async () => {
    const library = tempLibrary();
    const sessions = sessionsOn(library);
    const run = sessions.start(await config(2));
    const events: DebateEvent[] = [];
    for await (const event of run.events) {
      events.push(event);
      if (event.type === 'turn-start') run.requestPause();
    }
    expect(endOf(events).outcome).toBe('paused');
    const exported = await exportDebateJson(sessions, run.id);
    const elsewhere = sessionsOn(tempLibrary());
    await importDebateJson(elsewhere, exported);
    expect((await elsewhere.transcript(run.id)).outcome).toBe('paused');
    expect(await exportDebateJson(elsewhere, run.id)).toBe(exported);
    const resumed = endOf(await drain(elsewhere.resume(run.id, { note: 'Be brief.' }).events));
    expect(resumed.turns.some((turn) => turn.kind === 'moderator' && turn.text === 'Be brief.')).toBe(true);
  });
});
