// What a person does with a debate through its panel, on the real engine and a library in
// a temporary folder, against the Ollama simulator: the debate is saved as it runs, a
// panel reopened by id (a reload, a second window) shows it again (a turn cut off by
// the reload kept, the debate interrupted), a debate that is gone is said to be gone,
// and Continue, Pause, Resume with the moderator's word, Regenerate, another reply,
// Branch from here and a debate held elsewhere (read-only) all go through the panel's
// messages as the webview sends them.
import { findTone } from '../../../engine/tones';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CUT_OFF_NOTE } from '../../../engine/session';
import { PANEL_CLOSED_NOTE } from '../../../extension/debate/session-controller';
import type { SpeakerTurn, Transcript, Turn } from '../../../engine/types';
import type { ChatRequestBody, OllamaSimulator, SimModel } from '../../simulator/ollama-simulator';
import { startSimulator } from '../../simulator/ollama-simulator';
import { debateOf, killableFs, lastEnd, removeLibraries, tempLibrary, TestWindow, webviewDebate, type TestPanel, type WindowOptions } from './panel-harness';

/** A model whose every reply is new: "<label> reply <n>." then `words` filler words (long replies give time to act mid-turn). */
function numbered(name: string, label: string, words = 0): SimModel {
  let count = 0;
  const filler = Array.from({ length: words }, (_, i) => ` w${i}`).join('');
  return { name, reply: () => `${label} reply ${++count}.${filler}` };
}

const request = (exchanges = 1, topic = 'Tabs or spaces?') => ({
  topic,
  speakers: [
    { model: 'alpha:1b', tone: 'Rational' },
    { model: 'beta:1b', tone: 'Cynic' },
  ],
  exchanges,
});

const simulators: OllamaSimulator[] = [];
const windows: TestWindow[] = [];

async function simulator(options: { words?: number; tokenDelayMs?: number } = {}): Promise<OllamaSimulator> {
  const sim = await startSimulator({
    models: [numbered('alpha:1b', 'Ada', options.words), numbered('beta:1b', 'Bob', options.words)],
    ...(options.tokenDelayMs !== undefined && { tokenDelayMs: options.tokenDelayMs }),
  });
  simulators.push(sim);
  return sim;
}

function window(sim: OllamaSimulator, folder: string = tempLibrary(), options: WindowOptions = {}): TestWindow {
  const opened = new TestWindow(sim.url, folder, options);
  windows.push(opened);
  return opened;
}

afterEach(async () => {
  for (const opened of windows.splice(0)) opened.dispose();
  await Promise.all(simulators.splice(0).map((sim) => sim.close()));
  removeLibraries();
});

function speakerTurns(transcript: Transcript): SpeakerTurn[] {
  return transcript.turns.filter((turn): turn is SpeakerTurn => turn.kind === 'speaker');
}

function texts(turns: readonly Turn[]): string[] {
  return turns.map((turn) => (turn.kind === 'speaker' ? `${turn.speaker}: ${turn.text}` : `Moderator: ${turn.text}`));
}

/** Starts a debate in a new panel and runs it to its end; returns the panel and the debate's id. */
async function finished(opened: TestWindow, exchanges = 1): Promise<{ panel: TestPanel; id: string; transcript: Transcript }> {
  const panel = opened.open();
  await panel.panel.receive({ type: 'ready' });
  await panel.panel.receive({ type: 'start', request: request(exchanges) });
  const { transcript } = lastEnd(panel);
  return { panel, id: transcript.id, transcript };
}

/** The init snapshot a panel's webview gets once it says ready. */
async function ready(panel: TestPanel) {
  await panel.panel.receive({ type: 'ready' });
  const init = panel.of('init').at(-1);
  if (init === undefined) throw new Error('no init');
  return init.snapshot;
}

/** Every message content of every chat request from request number `from` on. */
function contentsFrom(sim: OllamaSimulator, from: number): string[] {
  return sim.chatRequests().slice(from).flatMap((chat) => ((chat.body as ChatRequestBody).messages ?? []).map((message) => message.content));
}

describe('the library is the record', () => {
  it('saves a debate as it runs, and a panel opened on its id in another window shows it whole', async () => {
    const sim = await simulator();
    const first = window(sim);
    const { id, transcript } = await finished(first);
    expect(first.library.changes).toBe(2);

    // The window reloaded (VS Code handed the serializer the webview's state, whatever storage copy it had): a new host, the same library.
    const second = window(sim, first.folder);
    const revived = second.open(id);
    const snapshot = await ready(revived);
    expect(snapshot).toMatchObject({ status: 'done', access: { kind: 'writable' }, liveTurns: [], error: null });
    expect(snapshot.transcript).toEqual(transcript);
    // Its set-up fills the form, ready for another debate like it.
    expect(snapshot.form).toEqual(request());
    expect(revived.titles).toEqual(['New Debate', 'Tabs or spaces?']);
    expect(revived.panel.debateId).toBe(id);
  });

  it('a panel closed mid-turn (or a window reloading in time to say so) leaves its debate interrupted, not stopped by the user', async () => {
    const sim = await simulator({ words: 300, tokenDelayMs: 5 });
    const opened = window(sim);
    const panel = opened.open();
    const run = panel.panel.receive({ type: 'start', request: request() });
    await vi.waitFor(() => expect(panel.panel.snapshot().liveTurns[0]?.text.length ?? 0).toBeGreaterThan(20), { timeout: 5_000 });
    const id = panel.panel.debateId!;
    panel.panel.dispose();
    await run;

    const revived = opened.open(id);
    const snapshot = await ready(revived);
    expect(snapshot.status).toBe('interrupted');
    expect(snapshot.transcript).toMatchObject({ id, outcome: 'interrupted', stopReason: null });
    const [cut] = speakerTurns(snapshot.transcript!);
    expect(cut).toMatchObject({ speaker: 'Speaker 1', status: 'stopped', note: PANEL_CLOSED_NOTE });
    expect(cut!.text.length).toBeGreaterThan(20);
    // Finish debate: the cut-off turn stays, marked; its speaker speaks again.
    sim.setOptions({ tokenDelayMs: 0 });
    await revived.panel.receive({ type: 'continue' });
    expect(speakerTurns(lastEnd(revived).transcript).map((turn) => [turn.speaker, turn.status])).toEqual([
      ['Speaker 1', 'stopped'], ['Speaker 1', 'complete'], ['Speaker 2', 'complete'],
    ]);
  });

  it('keeps a turn cut off by a reload: the debate comes back interrupted, and Finish debate speaks that turn again', async () => {
    const sim = await simulator({ words: 300, tokenDelayMs: 5 });
    const fs = killableFs();
    const before = window(sim, tempLibrary(), { store: { fs } });
    const panel = before.open();
    const run = panel.panel.receive({ type: 'start', request: request() });
    await vi.waitFor(() => expect(panel.panel.snapshot().liveTurns[0]?.text.length ?? 0).toBeGreaterThan(60), { timeout: 5_000 });
    // The turn in progress reaches the disk every 100 ms.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const shown = panel.panel.snapshot().liveTurns[0]!.text;
    const id = panel.panel.debateId!;

    // The window reloads: its extension host dies, and nothing more it does reaches the disk.
    fs.kill();
    panel.panel.dispose();
    await run;

    // The new extension host (another process: the old one's lock is stale) reads the debate by id.
    const after = window(sim, before.folder, { store: { isAlive: (pid) => pid !== process.pid } });
    const revived = after.open(id);
    const snapshot = await ready(revived);
    expect(snapshot.status).toBe('interrupted');
    expect(snapshot.access).toEqual({ kind: 'writable' });
    expect(snapshot.transcript).toMatchObject({ id, outcome: 'interrupted' });
    const [cut] = speakerTurns(snapshot.transcript!);
    expect(cut).toMatchObject({ speaker: 'Speaker 1', status: 'stopped', note: CUT_OFF_NOTE });
    expect(cut!.text.length).toBeGreaterThan(20);
    expect(shown.startsWith(cut!.text)).toBe(true);

    sim.setOptions({ tokenDelayMs: 0 });
    await revived.panel.receive({ type: 'continue' });
    const ended = lastEnd(revived).transcript;
    expect(ended.outcome).toBe('complete');
    // The cut-off turn stays, marked; its speaker speaks again, then the next one.
    expect(speakerTurns(ended).map((turn) => [turn.speaker, turn.status])).toEqual([
      ['Speaker 1', 'stopped'], ['Speaker 1', 'complete'], ['Speaker 2', 'complete'],
    ]);
    expect(debateOf(webviewDebate(revived.posted))).toEqual(debateOf(revived.panel.snapshot()));
  });

  it('says plainly when the debate is not in the library, or is damaged, instead of an empty form', async () => {
    const sim = await simulator();
    const opened = window(sim);
    const missing = opened.open('20260101-000000-abcdef');
    const snapshot = await ready(missing);
    expect(snapshot.transcript).toBeNull();
    expect(snapshot.access).toMatchObject({ kind: 'unavailable', debateId: '20260101-000000-abcdef' });
    expect(snapshot.access.kind === 'unavailable' && snapshot.access.reason).toMatch(/not in the library at .*tm-panels-/);
    expect(missing.titles.at(-1)).toBe('Debate not found');
    // Its id stays the panel's, so a later reload (the library folder set back, say) tries it again.
    expect(missing.panel.debateId).toBe('20260101-000000-abcdef');

    const { id } = await finished(opened);
    writeFileSync(join(opened.folder, id, 'meta.json'), '{"schema": 1, "id": ');
    const damaged = window(sim, opened.folder).open(id);
    const broken = await ready(damaged);
    expect(broken.access).toMatchObject({ kind: 'unavailable', debateId: id });
    expect(broken.access.kind === 'unavailable' && broken.access.reason).toMatch(/damaged/);
  });

  it('starting a new debate in a panel that shows one keeps the previous one in the library', async () => {
    const sim = await simulator();
    const opened = window(sim);
    const { panel, id } = await finished(opened);
    await panel.panel.receive({ type: 'start', request: request(1, 'Cats or dogs?') });
    const second = lastEnd(panel).transcript;
    expect(second.id).not.toBe(id);
    expect(panel.panel.debateId).toBe(second.id);
    const { store } = await opened.libraryServices();
    expect(store.library.list().map((entry) => entry.id).sort()).toEqual([id, second.id].sort());
  });
});

describe('operations', () => {
  it('Continue adds exchanges to a finished debate, and finishes the planned ones of a stopped one', async () => {
    const sim = await simulator();
    const opened = window(sim);
    const { panel } = await finished(opened);
    await panel.panel.receive({ type: 'continue', exchanges: 1 });
    const continued = lastEnd(panel).transcript;
    expect(continued).toMatchObject({ outcome: 'complete', exchanges: 2 });
    expect(texts(continued.turns)).toEqual(['Speaker 1: Ada reply 1.', 'Speaker 2: Bob reply 1.', 'Speaker 1: Ada reply 2.', 'Speaker 2: Bob reply 2.']);

    sim.setOptions({ tokenDelayMs: 20 });
    const run = panel.panel.receive({ type: 'continue', exchanges: 1 });
    await vi.waitFor(() => expect(panel.panel.snapshot().liveTurns[0]?.text.length ?? 0).toBeGreaterThan(0), { timeout: 5_000 });
    await panel.panel.receive({ type: 'stop' });
    await run;
    expect(lastEnd(panel).transcript).toMatchObject({ outcome: 'stopped', exchanges: 3 });
    sim.setOptions({ tokenDelayMs: 0 });
    await panel.panel.receive({ type: 'continue' });
    const done = lastEnd(panel).transcript;
    expect(done).toMatchObject({ outcome: 'complete', exchanges: 3 });
    expect(speakerTurns(done).map((turn) => turn.status)).toEqual(['complete', 'complete', 'complete', 'complete', 'stopped', 'complete', 'complete']);
  });

  it('Pause waits for the moderator after the turn in progress; Resume carries the note to every later speaker', async () => {
    const sim = await simulator({ words: 40, tokenDelayMs: 3 });
    const opened = window(sim);
    const panel = opened.open();
    await panel.panel.receive({ type: 'ready' });
    const run = panel.panel.receive({ type: 'start', request: request(2) });
    await vi.waitFor(() => expect(panel.panel.snapshot().liveTurns[0]?.text.length ?? 0).toBeGreaterThan(0), { timeout: 5_000 });
    await panel.panel.receive({ type: 'pause' });
    expect(panel.of('status').at(-1)?.status).toBe('pausing');
    await run;
    expect(lastEnd(panel).transcript).toMatchObject({ outcome: 'paused', turns: [{ speaker: 'Speaker 1', status: 'complete' }] });
    expect(panel.panel.snapshot().status).toBe('paused');

    sim.setOptions({ tokenDelayMs: 0 });
    const before = sim.chatRequests().length;
    await panel.panel.receive({ type: 'resume', note: 'Talk about the cost.', exchanges: 1 });
    const resumed = lastEnd(panel).transcript;
    expect(resumed).toMatchObject({ outcome: 'complete', exchanges: 1 });
    expect(texts(resumed.turns).map((text) => text.split(' w0')[0])).toEqual(['Speaker 1: Ada reply 1.', 'Moderator: Talk about the cost.', 'Speaker 2: Bob reply 1.']);
    expect(contentsFrom(sim, before).some((content) => content.includes('Talk about the cost.'))).toBe(true);
    expect(debateOf(webviewDebate(panel.posted))).toEqual(debateOf(panel.panel.snapshot()));
  });

  it('the moderator may choose who speaks next, or end the debate', async () => {
    const sim = await simulator({ words: 40, tokenDelayMs: 3 });
    const opened = window(sim);
    const panel = opened.open();
    const run = panel.panel.receive({ type: 'start', request: request(2) });
    await vi.waitFor(() => expect(panel.panel.snapshot().liveTurns).not.toEqual([]), { timeout: 5_000 });
    await panel.panel.receive({ type: 'pause' });
    await run;
    // Speaker 1 again, and the moderator pauses once more after that turn.
    const again = panel.panel.receive({ type: 'resume', nextSpeaker: 0 });
    await vi.waitFor(() => expect(panel.panel.snapshot().liveTurns).not.toEqual([]), { timeout: 5_000 });
    await panel.panel.receive({ type: 'pause' });
    await again;
    expect(speakerTurns(lastEnd(panel).transcript).map((turn) => turn.speaker)).toEqual(['Speaker 1', 'Speaker 1']);
    await panel.panel.receive({ type: 'resume', end: true });
    expect(lastEnd(panel).transcript).toMatchObject({ outcome: 'complete', stopReason: 'moderator' });
    expect(sim.chatRequests()).toHaveLength(2);
  });

  it('Regenerate speaks the last turn again, keeping the earlier reply; choosing it brings it back', async () => {
    const sim = await simulator();
    const opened = window(sim);
    const { panel, transcript } = await finished(opened);
    const last = speakerTurns(transcript).at(-1)!;
    // Only the last speaker turn can be regenerated.
    await panel.panel.receive({ type: 'regenerate', turnId: transcript.turns[0]!.id });
    expect(opened.log.warn).toHaveBeenCalledWith(expect.stringContaining('only that one can be regenerated'));
    expect(lastEnd(panel).transcript).toEqual(transcript);

    await panel.panel.receive({ type: 'regenerate', turnId: last.id });
    const regenerated = speakerTurns(lastEnd(panel).transcript).at(-1)!;
    expect(regenerated).toMatchObject({ id: last.id, text: 'Bob reply 2.', alternatives: [{ text: 'Bob reply 1.', status: 'complete' }] });
    expect(lastEnd(panel).transcript.turns).toHaveLength(2);

    const changes = opened.library.changes;
    await panel.panel.receive({ type: 'choose-alternative', turnId: last.id, alternative: 0 });
    const shown = panel.of('debate').at(-1)!.debate;
    expect(speakerTurns(shown.transcript!).at(-1)).toMatchObject({ id: last.id, text: 'Bob reply 1.', alternatives: [{ text: 'Bob reply 2.' }] });
    expect(opened.library.changes).toBe(changes + 1);
    const { sessions } = await opened.libraryServices();
    expect(await sessions.transcript(transcript.id)).toEqual(shown.transcript);
    expect(debateOf(webviewDebate(panel.posted))).toEqual(debateOf(panel.panel.snapshot()));
  });

  it('Regenerate on a paused debate waits for the moderator again after the new reply', async () => {
    const sim = await simulator({ words: 40, tokenDelayMs: 3 });
    const opened = window(sim);
    const panel = opened.open();
    const run = panel.panel.receive({ type: 'start', request: request(2) });
    await vi.waitFor(() => expect(panel.panel.snapshot().liveTurns).not.toEqual([]), { timeout: 5_000 });
    await panel.panel.receive({ type: 'pause' });
    await run;
    const first = speakerTurns(lastEnd(panel).transcript)[0]!;
    sim.setOptions({ tokenDelayMs: 0 });
    await panel.panel.receive({ type: 'regenerate', turnId: first.id });
    const after = lastEnd(panel).transcript;
    expect(after.outcome).toBe('paused');
    expect(speakerTurns(after)).toEqual([expect.objectContaining({ id: first.id, alternatives: [expect.objectContaining({ text: first.text })] })]);
  });

  it('Branch from here opens a new debate in a new panel, sharing the turns up to that one, and runs it', async () => {
    const sim = await simulator();
    const opened = window(sim);
    const { panel, id, transcript } = await finished(opened);
    await panel.panel.receive({ type: 'branch', turnId: transcript.turns[0]!.id });
    expect(opened.panels).toHaveLength(2);
    const branch = opened.panels[1]!;
    const ran = lastEnd(branch).transcript;
    expect(ran).toMatchObject({ parentId: id, forkedAtTurn: 1, outcome: 'complete' });
    expect(ran.id).not.toBe(id);
    expect(ran.turns[0]).toEqual(transcript.turns[0]);
    expect(texts(ran.turns)).toEqual(['Speaker 1: Ada reply 1.', 'Speaker 2: Bob reply 2.']);
    expect(branch.titles.at(-1)).toBe('Tabs or spaces?');
    // The parent is as it was.
    expect(lastEnd(panel).transcript).toEqual(transcript);
    const { store } = await opened.libraryServices();
    expect(store.library.get(ran.id)).toMatchObject({ ok: true, meta: { parentId: id, forkedAtTurn: 1 } });

    // From the last turn of a finished debate the branch has nothing planned left: it opens and waits for Continue.
    await panel.panel.receive({ type: 'branch', turnId: transcript.turns[1]!.id });
    const waiting = opened.panels[2]!;
    const snapshot = await ready(waiting);
    expect(snapshot).toMatchObject({ status: 'done', transcript: { parentId: id, forkedAtTurn: 2, turns: transcript.turns } });
    expect(waiting.events()).toEqual([]);
  });
});

describe('the Debates view through DebatePanels', () => {
  it('opens a debate in the panel showing it, else a new one; continues it there; a deleted one is said to be gone', async () => {
    const sim = await simulator();
    const opened = window(sim);
    const { panel, id } = await finished(opened);
    await opened.directory.openDebate(id);
    expect(opened.panels).toHaveLength(1);
    expect(panel.reveals).toBe(1);

    await opened.directory.continueDebate(id, 1);
    expect(lastEnd(panel).transcript).toMatchObject({ id, exchanges: 2, outcome: 'complete' });

    const other = await finished(opened);
    other.panel.close();
    await opened.directory.openDebate(other.id);
    expect(opened.panels).toHaveLength(2);
    expect(opened.panels[1]!.panel.transcript?.id).toBe(other.id);

    const { store } = await opened.libraryServices();
    store.library.delete(id);
    opened.directory.debateDeleted(id);
    const shown = panel.of('debate').at(-1)!.debate;
    expect(shown.access).toMatchObject({ kind: 'unavailable', debateId: id, reason: expect.stringMatching(/deleted/) });
    // What was on screen stays, to read or export.
    expect(shown.transcript?.id).toBe(id);
    expect(panel.titles.at(-1)).toBe('Debate not found');
    const posted = panel.posted.length;
    await panel.panel.receive({ type: 'continue', exchanges: 1 });
    expect(panel.posted).toHaveLength(posted);
  });

  it('branches with a speaker given another tone: the branch records it and its requests carry that tone', async () => {
    const sim = await simulator();
    const opened = window(sim);
    const { id, transcript } = await finished(opened);
    const from = sim.chatRequests().length;
    const second = transcript.speakers[1]!;
    await opened.directory.branchDebate(id, 1, [undefined, { ...second, tone: 'Philosopher' }]);
    const branch = lastEnd(opened.panels[1]!).transcript;
    expect(branch).toMatchObject({ parentId: id, forkedAtTurn: 1, outcome: 'complete' });
    expect(branch.speakers.map((speaker) => speaker.tone)).toEqual([transcript.speakers[0]!.tone, 'Philosopher']);
    const system = (sim.chatRequests()[from]?.body as ChatRequestBody).messages?.[0]?.content ?? '';
    expect(system.startsWith(findTone('Philosopher')!.prompt)).toBe(true);
  });

  it('opens the debate a panel links to (the one it replaced) through the directory', async () => {
    const sim = await simulator();
    const opened = window(sim);
    const { panel, id } = await finished(opened);
    await panel.panel.receive({ type: 'start', request: request(1, 'Cats or dogs?') });
    await panel.panel.receive({ type: 'open-debate', debateId: id });
    expect(opened.panels).toHaveLength(2);
    expect(opened.panels[1]!.panel.transcript?.id).toBe(id);
  });
});

describe('a debate held by another window', () => {
  it('opens read-only, naming where it runs, and changes nothing; once it ends there it can be checked again', async () => {
    const sim = await simulator({ words: 200, tokenDelayMs: 5 });
    const first = window(sim);
    const running = first.open();
    const run = running.panel.receive({ type: 'start', request: request() });
    await vi.waitFor(() => expect(running.panel.snapshot().liveTurns).not.toEqual([]), { timeout: 5_000 });
    const id = running.panel.debateId!;

    const second = window(sim, first.folder);
    const watching = second.open(id);
    const snapshot = await ready(watching);
    expect(snapshot.status).toBe('running-elsewhere');
    expect(snapshot.access).toMatchObject({ kind: 'read-only', reason: expect.stringMatching(new RegExp(`running in VS Code \\(test window\\) \\(pid ${process.pid}\\)`)) });
    await watching.panel.receive({ type: 'continue', exchanges: 1 });
    await watching.panel.receive({ type: 'regenerate', turnId: 'turn-1' });
    expect(watching.events()).toEqual([]);
    expect(second.log.warn).toHaveBeenCalledWith(expect.stringContaining('read-only'));

    // The panel reads it again every few seconds, following the turns as they end there.
    await vi.waitFor(() => expect(running.panel.transcript?.turns.length ?? 0).toBe(1), { timeout: 10_000 });
    watching.scheduler.runAll();
    await vi.waitFor(() => expect(watching.panel.transcript?.turns).toHaveLength(1));
    expect(watching.panel.snapshot().access.kind).toBe('read-only');

    await running.panel.receive({ type: 'stop' });
    await run;
    await watching.panel.receive({ type: 'reload-debate' });
    expect(watching.of('debate').at(-1)!.debate).toMatchObject({ status: 'stopped', access: { kind: 'writable' }, transcript: { outcome: 'stopped' } });
    // Free again, it is no longer read again and again.
    expect(watching.scheduler.pendingCount).toBe(0);
  });

  it('turns read-only when the engine refuses a run because another window took the debate meanwhile', async () => {
    const sim = await simulator({ words: 200 });
    const first = window(sim);
    const { panel, id } = await finished(first);
    const second = window(sim, first.folder);
    const other = second.open(id);
    await ready(other);

    sim.setOptions({ tokenDelayMs: 5 });
    const run = panel.panel.receive({ type: 'continue', exchanges: 1 });
    await vi.waitFor(() => expect(panel.panel.snapshot().liveTurns).not.toEqual([]), { timeout: 5_000 });
    await other.panel.receive({ type: 'continue', exchanges: 1 });
    const view = other.panel.snapshot();
    expect(view.access).toMatchObject({ kind: 'read-only', reason: expect.stringMatching(/open for writing elsewhere: running in VS Code \(test window\)/) });
    expect(view.status).toBe('running-elsewhere');
    expect(view.error).toBeNull();
    expect(debateOf(webviewDebate(other.posted))).toEqual(debateOf(view));
    await panel.panel.receive({ type: 'stop' });
    await run;
  });
});
