// The debate library at scale: 1,000 debates of 10 turns x 1,500 characters in a temporary
// library. Each debate has its meta.json and a checkpoints.jsonl stand-in holding its turns'
// text (search takes the text reader as a function, so the real checkpoint format doesn't
// matter here). Prints:
//   list() of all 1,000 (goal < 500 ms);
//   a cold search over the turns' text (a fresh library object: every text read) and a warm
//   one (texts cached, checkpoints unchanged), goal < 300 ms.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newDebateId } from '../../engine/library/ids';
import { DebateLibrary } from '../../engine/library/library';
import { type DebateMeta, serializeMeta } from '../../engine/library/meta';
import { CHECKPOINTS_FILE, META_FILE } from '../../engine/library/paths';
import { seededRandom } from '../../engine/seeded-random';
import { FILLER_WORDS, generatedText } from './generated-text';
import { median } from './stats';

const DEBATES = 1000;
const TURNS = 10;
const TURN_CHARS = 1500;
const LIST_GOAL_MS = 500;
const SEARCH_GOAL_MS = 300;
const RUNS = 5;
/** Appears in one debate's last turn only, so every search scans all the text. */
const NEEDLE = 'Quetzalcoatlus';

function turnText(next: () => number): string {
  return generatedText(next, TURN_CHARS);
}

function build(library: string): string {
  const next = seededRandom(42);
  const start = Date.parse('2026-01-01T00:00:00Z');
  let needleId = '';
  for (let index = 0; index < DEBATES; index++) {
    const created = new Date(start + index * 3_600_000);
    const id = newDebateId(created, () => index.toString(16).padStart(6, '0'));
    const meta: DebateMeta = {
      schema: 1,
      id,
      title: index % 3 === 0 ? `Debate number ${index}` : null,
      topic: `Topic ${index}: is ${FILLER_WORDS[index % FILLER_WORDS.length]} overrated?`,
      speakers: [
        { name: 'Ada', model: 'llama3.2:1b', tone: 'Rational', tonePrompt: 'Be logical. Answer in 2-3 sentences.' },
        { name: 'Bob', model: 'qwen3:4b', tone: 'Cynic', tonePrompt: 'Be dryly cynical. Answer in 2-3 sentences.' },
      ],
      exchanges: TURNS / 2,
      settings: { contextBudgetChars: 12_000 },
      createdAt: created.toISOString(),
      updatedAt: created.toISOString(),
      endedAt: created.toISOString(),
      outcome: 'complete',
      stopReason: 'exchanges',
      turnCount: TURNS,
    };
    const folder = join(library, id);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, META_FILE), serializeMeta(meta));
    const turns = Array.from({ length: TURNS }, () => turnText(next));
    if (index === 123) {
      turns[TURNS - 1] = `${turns[TURNS - 1]?.slice(0, TURN_CHARS - 40)} a ${NEEDLE} flew over`;
      needleId = id;
    }
    writeFileSync(join(folder, CHECKPOINTS_FILE), turns.map((text, turn) => `${JSON.stringify({ turnId: `t${turn}`, text })}\n`).join(''));
  }
  return needleId;
}

/** The stand-in for reading turns back from checkpoints: every line's text. */
function readText(library: string, id: string): string {
  return readFileSync(join(library, id, CHECKPOINTS_FILE), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text)
    .join('\n\n');
}

function timed<T>(work: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = work();
  return { ms: performance.now() - started, result };
}

const fixed = (value: number, digits = 1): string => value.toFixed(digits);
const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');

function main(): void {
  const library = mkdtempSync(join(tmpdir(), 'tm-library-bench-'));
  try {
    const built = timed(() => build(library));
    console.log(`Machine: ${availableParallelism()} cores, load average ${fixed(loadavg()[0] ?? Number.NaN)} (1 min)`);
    console.log(`Library: ${DEBATES} debates x ${TURNS} turns x ${TURN_CHARS} chars, built in ${fixed(built.ms, 0)} ms (${library})`);

    const lists = Array.from({ length: RUNS }, () => timed(() => new DebateLibrary(library).list()));
    const listed = lists[0]?.result.length ?? 0;
    if (listed !== DEBATES) throw new Error(`list() found ${listed} debates, expected ${DEBATES}`);
    const listMedian = median(lists.map((run) => run.ms));
    console.log(
      `  list() all ${DEBATES}: median ${fixed(listMedian)} ms  (runs: ${lists.map((run) => fixed(run.ms)).join(' / ')})` +
        `   goal < ${LIST_GOAL_MS} ms  ${verdict(listMedian < LIST_GOAL_MS)}`,
    );

    const cold: number[] = [];
    const reading: number[] = [];
    const warm: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const lib = new DebateLibrary(library);
      // The reader's own time, to tell the library's share from the stand-in's.
      let readMs = 0;
      const first = timed(() =>
        lib.search(NEEDLE.toLowerCase(), (id) => {
          const read = timed(() => readText(library, id));
          readMs += read.ms;
          return read.result;
        }),
      );
      reading.push(readMs);
      if (first.result.length !== 1 || first.result[0]?.id !== built.result) throw new Error('cold search missed the needle');
      cold.push(first.ms);
      // A different query: the texts come from the cache, the scan is done again.
      const second = timed(() => lib.search(`${NEEDLE} FLEW`, (id) => readText(library, id)));
      if (second.result.length !== 1) throw new Error('warm search missed the needle');
      warm.push(second.ms);
    }
    const coldMedian = median(cold);
    const warmMedian = median(warm);
    console.log(
      `  search, cold (reads all text): median ${fixed(coldMedian)} ms  (runs: ${cold.map((ms) => fixed(ms)).join(' / ')})` +
        `   goal < ${SEARCH_GOAL_MS} ms  ${verdict(coldMedian < SEARCH_GOAL_MS)}`,
    );
    console.log(`    of which readText (the checkpoints stand-in) took: median ${fixed(median(reading))} ms`);
    console.log(
      `  search, warm (cached text):    median ${fixed(warmMedian)} ms  (runs: ${warm.map((ms) => fixed(ms)).join(' / ')})` +
        `   goal < ${SEARCH_GOAL_MS} ms  ${verdict(warmMedian < SEARCH_GOAL_MS)}`,
    );
    console.log(`  (${fixed((DEBATES * TURNS * TURN_CHARS) / 1e6)} M characters of turn text searched each time)`);
  } finally {
    rmSync(library, { recursive: true, force: true });
  }
}

main();
