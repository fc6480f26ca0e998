import * as realFs from 'node:fs';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AIMessage, HumanMessage } from '@langchain/core/messages';
import { Annotation, Command, END, INTERRUPT, START, StateGraph, interrupt, isInterrupted } from '@langchain/langgraph';
import { ERROR, MemorySaver, emptyCheckpoint } from '@langchain/langgraph-checkpoint';
import { afterEach, describe, expect, it } from 'vitest';
import { FileCheckpointer, type CheckpointFs } from '../../engine/library/file-checkpointer';

interface Turn {
  id: string;
  text: string;
}

const TURN_CHARS = 2_000;

/** 2,000 characters of pseudo-random words, different for every n (a small xorshift, so runs repeat). */
function turnText(n: number): string {
  let seed = (n * 2_654_435_761) >>> 0 || 1;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  let text = '';
  while (text.length < TURN_CHARS) {
    const word = Array.from({ length: 2 + Math.floor(next() * 8) }, () => String.fromCharCode(97 + Math.floor(next() * 26))).join('');
    text += `${word} `;
  }
  return text.slice(0, TURN_CHARS);
}

const DebateState = Annotation.Root({
  topic: Annotation<string>(),
  turns: Annotation<Turn[]>({ reducer: (turns, added) => turns.concat(added), default: () => [] }),
});

/** One speaker node that appends a turn per step until there are `turnCount`. */
function debateGraph(turnCount: number) {
  return new StateGraph(DebateState)
    .addNode('speak', (state) => ({ turns: [{ id: `turn-${state.turns.length + 1}`, text: turnText(state.turns.length + 1) }] }))
    .addEdge(START, 'speak')
    .addConditionalEdges('speak', (state) => (state.turns.length < turnCount ? 'speak' : END), ['speak', END]);
}

const config = { configurable: { thread_id: 'd1' }, recursionLimit: 1_000 };
const input = { topic: 'Tea or coffee?' };

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A fresh library folder; `<folder>/<threadId>/checkpoints.jsonl` as the extension lays it out. */
function library() {
  const folder = mkdtempSync(join(tmpdir(), 'tm-file-checkpointer-'));
  folders.push(folder);
  const threadFile = (threadId: string) => join(folder, threadId, 'checkpoints.jsonl');
  return { threadFile, file: threadFile('d1'), saver: (fs?: CheckpointFs) => new FileCheckpointer({ threadFile, ...(fs ? { fs } : {}) }) };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe('FileCheckpointer values', () => {
  it('reads back from its file exactly what MemorySaver gives back, arrays split into shared elements included', async () => {
    const messages = [new HumanMessage('Tea?'), new AIMessage({ content: 'Coffee.', additional_kwargs: { reasoning_content: 'hm' } })];
    const values: Record<string, unknown> = {
      messages,
      sameMessagesAgain: [...messages, new HumanMessage('More?')],
      odd: [1, undefined, null, 'two', { nested: [3, new Map([['k', new Set([4])]])] }, new Uint8Array([5, 6]), [7, 8]],
      bytes: new Uint8Array([0, 255]),
      nothing: undefined,
      text: 'plain',
    };
    const versions = Object.fromEntries(Object.keys(values).map((channel) => [channel, 1]));
    const checkpoint = { ...emptyCheckpoint(), channel_values: values, channel_versions: versions };
    const metadata = { source: 'loop' as const, step: 1, parents: {} };
    const lib = library();
    const thread = { configurable: { thread_id: 'd1', checkpoint_ns: '' } };
    const memory = new MemorySaver();
    const written = await lib.saver().put(thread, checkpoint, metadata, versions);
    await lib.saver().putWrites(written, [['messages', [messages[1]]], [ERROR, new Error('boom')]], 'task-1');
    await memory.putWrites(await memory.put(thread, checkpoint, metadata), [['messages', [messages[1]]], [ERROR, new Error('boom')]], 'task-1');

    const expected = await memory.getTuple(thread);
    const actual = await lib.saver().getTuple(thread);
    expect(actual?.checkpoint).toStrictEqual(expected?.checkpoint);
    expect(actual?.pendingWrites).toStrictEqual(expected?.pendingWrites);
    expect(actual?.checkpoint.channel_values.messages).toEqual(messages);
    // Each message is stored once, though three values hold it.
    expect(occurrences(readFileSync(lib.file, 'utf8'), 'Coffee.')).toBe(1);
  });
});

describe('FileCheckpointer with a real graph', () => {
  it('keeps a 60-turn debate in a log that grows linearly, each turn stored once, and a new instance reads it all back', async () => {
    const lib = library();
    const saver = lib.saver();
    const final = await debateGraph(60).compile({ checkpointer: saver }).invoke(input, config);
    expect(final.turns).toHaveLength(60);

    const log = readFileSync(lib.file, 'utf8');
    const size = statSync(lib.file).size;
    const textBytes = final.turns.reduce((sum, turn) => sum + Buffer.byteLength(turn.text), 0);
    console.info(`60 turns x ${TURN_CHARS} chars: log ${size} bytes for ${textBytes} bytes of turn text (${(size / textBytes).toFixed(2)}x)`);
    expect(size).toBeLessThan(2 * textBytes);
    for (const turn of final.turns) expect(occurrences(log, turn.text)).toBe(1);
    expect(saver.problems('d1')).toEqual([]);

    // The same run kept in memory is the reference for every snapshot.
    const reference = debateGraph(60).compile({ checkpointer: new MemorySaver() });
    await reference.invoke(input, config);
    const expected = await collect(reference.getStateHistory(config));

    const reopened = debateGraph(60).compile({ checkpointer: lib.saver() });
    expect((await reopened.getState(config)).values).toEqual(final);
    const history = await collect(reopened.getStateHistory(config));
    expect(history).toHaveLength(expected.length);
    expect(history.map((snapshot) => [snapshot.values, snapshot.next, snapshot.metadata?.step])).toEqual(
      expected.map((snapshot) => [snapshot.values, snapshot.next, snapshot.metadata?.step]),
    );
  });

  it('skips a torn last line, reads the state before it, and goes on writing after it', async () => {
    const lib = library();
    const graph = debateGraph(3).compile({ checkpointer: lib.saver() });
    await graph.invoke(input, config);
    const before = await graph.getState(config);
    const lines = readFileSync(lib.file, 'utf8').trimEnd().split('\n');
    const last = lines[lines.length - 1];
    appendFileSync(lib.file, last.slice(0, Math.floor(last.length / 2)));

    const reader = lib.saver();
    const reopened = debateGraph(5).compile({ checkpointer: reader });
    expect((await reopened.getState(config)).values).toEqual(before.values);
    expect(reader.problems('d1')).toEqual([expect.stringContaining(`line ${lines.length + 1}: incomplete last line`)]);

    // Two more turns written after the torn bytes start on a line of their own.
    await reopened.invoke(input, config);
    const later = await debateGraph(5).compile({ checkpointer: lib.saver() }).getState(config);
    expect(later.values.turns.map((turn: Turn) => turn.id)).toEqual(['turn-1', 'turn-2', 'turn-3', 'turn-4', 'turn-5']);
  });

  it('skips and reports garbage in the middle of the log', async () => {
    const lib = library();
    const graph = debateGraph(3).compile({ checkpointer: lib.saver() });
    await graph.invoke(input, config);
    const before = await graph.getState(config);
    const lines = readFileSync(lib.file, 'utf8').split('\n');
    const middle = Math.floor(lines.length / 2);
    writeFileSync(lib.file, [...lines.slice(0, middle), '{"not json', ...lines.slice(middle)].join('\n'));

    const reader = lib.saver();
    expect((await debateGraph(3).compile({ checkpointer: reader }).getState(config)).values).toEqual(before.values);
    expect(reader.problems('d1')).toEqual([expect.stringContaining(`line ${middle + 1}: not valid JSON`)]);
  });

  it('loses only what depends on a damaged record, says so, and never throws', async () => {
    const lib = library();
    await debateGraph(3).compile({ checkpointer: lib.saver() }).invoke(input, config);
    const lines = readFileSync(lib.file, 'utf8').split('\n');
    const turn2 = lines.findIndex((line) => line.includes(turnText(2)));
    lines[turn2] = lines[turn2].replace(turnText(2), 'x'.repeat(10)).slice(0, 40); // no longer JSON
    writeFileSync(lib.file, lines.join('\n'));

    const reader = lib.saver();
    const state = await debateGraph(3).compile({ checkpointer: reader }).getState(config);
    // The newest checkpoint that can be rebuilt: after turn 1, with speak to run again (its lost write dropped).
    expect(state.values.turns.map((turn: Turn) => turn.id)).toEqual(['turn-1']);
    expect(state.next).toEqual(['speak']);
    const problems = reader.problems('d1');
    expect(problems[0]).toContain(`line ${turn2 + 1}: not valid JSON`);
    expect(problems.some((problem) => problem.includes("can't be read"))).toBe(true);
  });

  it('goes on in memory when the disk is full, reports it, and writes the backlog once it can', async () => {
    const lib = library();
    let full = true;
    const fs: CheckpointFs = {
      ...realFs,
      appendFileSync(path, data) {
        if (!full) return realFs.appendFileSync(path, data);
        realFs.appendFileSync(path, data.slice(0, Math.floor(data.length / 2))); // a write cut short, as ENOSPC can
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
    };
    const errors: unknown[] = [];
    const saver = new FileCheckpointer({ threadFile: lib.threadFile, fs, onWriteError: (error) => errors.push(error) });

    const final = await debateGraph(4).compile({ checkpointer: saver }).invoke(input, config);
    expect(final.turns).toHaveLength(4);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => (error as NodeJS.ErrnoException).code === 'ENOSPC')).toBe(true);
    expect((await debateGraph(4).compile({ checkpointer: saver }).getState(config)).values).toEqual(final);

    full = false;
    const graph = debateGraph(6).compile({ checkpointer: saver });
    await graph.invoke(input, config);
    const written = await collect(graph.getStateHistory(config));
    const reread = debateGraph(6).compile({ checkpointer: lib.saver() });
    expect((await reread.getState(config)).values.turns).toHaveLength(6);
    expect((await collect(reread.getStateHistory(config))).map((snapshot) => snapshot.values)).toEqual(written.map((snapshot) => snapshot.values));
  });

  it('resumes a pending interrupt in a new checkpointer instance (a reloaded window)', async () => {
    const AskState = Annotation.Root({
      answers: Annotation<string[]>({ reducer: (answers, added) => answers.concat(added), default: () => [] }),
    });
    const askGraph = () =>
      new StateGraph(AskState)
        .addNode('ask', () => ({ answers: [interrupt<{ question: string }, string>({ question: 'Go on?' })] }))
        .addEdge(START, 'ask')
        .addEdge('ask', END);
    const lib = library();

    const paused = await askGraph().compile({ checkpointer: lib.saver() }).invoke({}, config);
    expect(isInterrupted(paused)).toBe(true);
    expect(INTERRUPT in paused).toBe(true);

    const graph = askGraph().compile({ checkpointer: lib.saver() });
    const pending = await graph.getState(config);
    expect(pending.next).toEqual(['ask']);
    expect(pending.tasks[0].interrupts[0].value).toEqual({ question: 'Go on?' });
    const resumed = await graph.invoke(new Command({ resume: 'yes' }), config);
    expect(resumed.answers).toEqual(['yes']);

    const after = await askGraph().compile({ checkpointer: lib.saver() }).getState(config);
    expect(after.values).toEqual({ answers: ['yes'] });
    expect(after.next).toEqual([]);
  });
});
