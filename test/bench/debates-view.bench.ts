// The Debates view at scale: 1,000 debates of 10 turns x 1,500 characters, made with the real
// engine (LibraryStore + DebateSessions.adopt: meta.json and LangGraph checkpoints as a run
// writes them, no model) in a temporary library; one in ten is a branch of an earlier debate
// and a few are damaged. Prints, as medians of several runs:
//   list() + the whole tree built (tree-rules), as the view does on each refresh (goal < 500 ms);
//   a search over the turns' text through LibraryStore.turnText, cold (a fresh store: every
//   checkpoints file read) and warm (texts cached), goal < 300 ms each;
//   the Search Debates pick list for a query matching every debate (search + first 100 shown);
//   a refresh with a filter on (list + warm search + tree).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, hostname, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { newDebateId } from '../../engine/library/ids';
import { LibraryStore, openLibrary } from '../../engine/library/library-store';
import { META_FILE } from '../../engine/library/paths';
import type { DebateRecord } from '../../engine/store';
import type { SpeakerTurn } from '../../engine/types';
import type { DebatePanels } from '../../extension/library/debate-panels';
import { LibraryActions, type LibraryUi } from '../../extension/library/library-actions';
import { buildDebateTree } from '../../extension/library/tree-rules';
import { seededRandom } from '../../engine/seeded-random';
import { FILLER_WORDS, generatedText } from './generated-text';
import { median } from './stats';

const DEBATES = 1000;
const TURNS = 10;
const TURN_CHARS = 1500;
const BRANCH_EVERY = 10;
const DAMAGED = 3;
const TREE_GOAL_MS = 500;
const SEARCH_GOAL_MS = 300;
const RUNS = 5;
/** Appears in one debate's last turn only, so every search scans all the text. */
const NEEDLE = 'Quetzalcoatlus';

function turnText(next: () => number): string {
  return generatedText(next, TURN_CHARS);
}

const SPEAKERS = [
  { name: 'Ada', model: 'llama3.2:1b', tone: 'Rational', tonePrompt: 'Be logical. Answer in 2-3 sentences.' },
  { name: 'Bob', model: 'qwen3:4b', tone: 'Cynic', tonePrompt: 'Be dryly cynical. Answer in 2-3 sentences.' },
];

function turn(index: number, text: string): SpeakerTurn {
  const speakerIndex = index % 2;
  const speaker = SPEAKERS[speakerIndex]!;
  return {
    kind: 'speaker',
    id: `t${index}`,
    exchange: Math.floor(index / 2) + 1,
    speakerIndex,
    speaker: speaker.name,
    model: speaker.model,
    tone: speaker.tone,
    text,
    status: 'complete',
    metrics: { timeToFirstTokenMs: 300, durationMs: 9000, tokens: 350, tokensPerSecond: 40, loadDurationMs: null, promptTokens: 800 },
  };
}

async function build(library: string): Promise<string> {
  const next = seededRandom(42);
  const { sessions } = openLibrary(library, { app: 'CLI' });
  // Spread over the last ~40 days, so every recency group has debates.
  const start = Date.now() - DEBATES * 3_500_000;
  const ids: string[] = [];
  let needleId = '';
  for (let index = 0; index < DEBATES; index++) {
    const created = new Date(start + index * 3_500_000);
    const id = newDebateId(created, () => index.toString(16).padStart(6, '0'));
    const turns = Array.from({ length: TURNS }, (_, at) => turn(at, turnText(next)));
    if (index === 123) {
      const last = turns[TURNS - 1]!;
      turns[TURNS - 1] = { ...last, text: `${last.text.slice(0, TURN_CHARS - 40)} a ${NEEDLE} flew over` };
      needleId = id;
    }
    const branchOf = index > 0 && index % BRANCH_EVERY === 0 ? ids[Math.floor(next() * ids.length)] : undefined;
    const record: DebateRecord = {
      id,
      title: index % 3 === 0 ? `Debate number ${index}` : null,
      topic: `Topic ${index}: is ${FILLER_WORDS[index % FILLER_WORDS.length]} overrated?`,
      speakers: SPEAKERS,
      exchanges: TURNS / 2,
      settings: { contextBudgetChars: 12_000 },
      createdAt: created.toISOString(),
      updatedAt: created.toISOString(),
      endedAt: created.toISOString(),
      outcome: 'complete',
      stopReason: 'exchanges',
      turnCount: TURNS,
      ...(branchOf !== undefined && { parentId: branchOf, forkedAtTurn: 4 }),
    };
    await sessions.adopt(record, turns);
    ids.push(id);
  }
  for (let index = 0; index < DAMAGED; index++) writeFileSync(join(library, ids[index * 97 + 5]!, META_FILE), '{"schema": 1, "id": ');
  return needleId;
}

function timed<T>(work: () => T): { ms: number; result: T } {
  const started = performance.now();
  const result = work();
  return { ms: performance.now() - started, result };
}

async function timedAsync<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

const fixed = (value: number, digits = 1): string => value.toFixed(digits);
const verdict = (ok: boolean): string => (ok ? 'ok' : 'MISSED');
const runs = (samples: readonly number[]): string => samples.map((ms) => fixed(ms)).join(' / ');

function report(label: string, samples: readonly number[], goal?: number): void {
  const middle = median(samples);
  const target = goal === undefined ? '' : `   goal < ${goal} ms  ${verdict(middle < goal)}`;
  console.log(`  ${label}: median ${fixed(middle)} ms  (runs: ${runs(samples)})${target}`);
}

const self = { pid: process.pid, hostname: hostname() };

/** The pick list's search as the view runs it (LibraryActions.search), on an already open store; search uses nothing else. */
function pickListSearch(store: LibraryStore): (query: string) => Promise<{ total: number }> {
  const unused = async (): Promise<never> => {
    throw new Error('not used by search');
  };
  const panels: DebatePanels = { openDebate: unused, continueDebate: unused, branchDebate: unused, judgeDebate: unused, debateDeleted: () => undefined };
  const actions = new LibraryActions<string>({
    access: { open: async () => ({ ok: true, library: { store, sessions: undefined as never }, engine: undefined as never }), changed: () => undefined },
    panels,
    ui: undefined as unknown as LibraryUi<string>,
    tones: () => [],
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    self,
  });
  return (query) => actions.search(query);
}

async function main(): Promise<void> {
  const library = mkdtempSync(join(tmpdir(), 'tm-debates-view-bench-'));
  try {
    const built = await timedAsync(() => build(library));
    console.log(`Machine: ${availableParallelism()} cores, load average ${fixed(loadavg()[0] ?? Number.NaN)} (1 min)`);
    console.log(
      `Library: ${DEBATES} debates x ${TURNS} turns x ${TURN_CHARS} chars (every ${BRANCH_EVERY}th a branch, ${DAMAGED} damaged), ` +
        `made with the engine in ${fixed(built.ms / 1000)} s (${library})`,
    );

    // The view keeps one store for the library; each refresh lists and builds anew.
    const store = new LibraryStore(library, { app: 'VS Code' });
    const trees = Array.from({ length: RUNS }, () =>
      timed(() => {
        const listed = timed(() => store.library.list());
        const tree = timed(() => buildDebateTree(listed.result, { now: new Date(), self }));
        return { list: listed.ms, build: tree.ms, tree: tree.result };
      }),
    );
    const tree = trees[0]!.result.tree;
    if (tree.total !== DEBATES) throw new Error(`the tree has ${tree.total} debates, expected ${DEBATES}`);
    const roots = tree.groups.reduce((sum, group) => sum + group.children.length, 0);
    console.log(`  tree: ${tree.groups.map((group) => `${group.label} ${group.children.length}`).join(', ')} (${roots} top-level, ${DEBATES - roots} nested)`);
    report('list() + tree, all 1,000', trees.map((run) => run.ms), TREE_GOAL_MS);
    console.log(`    of which list(): median ${fixed(median(trees.map((run) => run.result.list)))} ms, tree-rules: median ${fixed(median(trees.map((run) => run.result.build)))} ms`);

    const cold: number[] = [];
    const warm: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // A fresh store: no text cached, every checkpoints file read and parsed.
      const fresh = new LibraryStore(library, { app: 'VS Code' });
      const first = timed(() => fresh.library.search(NEEDLE.toLowerCase(), (id) => fresh.turnText(id)));
      if (first.result.length !== 1 || first.result[0]?.id !== built.result) throw new Error('cold search missed the needle');
      cold.push(first.ms);
      // Another query: the texts come from the cache (checkpoints unchanged), the scan is done again.
      const second = timed(() => fresh.library.search(`${NEEDLE} FLEW`, (id) => fresh.turnText(id)));
      if (second.result.length !== 1) throw new Error('warm search missed the needle');
      warm.push(second.ms);
    }
    report('search, cold (reads all checkpoints)', cold, SEARCH_GOAL_MS);
    report('search, warm (cached text)          ', warm, SEARCH_GOAL_MS);

    const pick = pickListSearch(store);
    await pick('sandwich'); // warms the text cache, as typing does
    const picks: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await timedAsync(() => pick('sandwich'));
      if (result.result.total < DEBATES - DAMAGED) throw new Error(`"sandwich" matched ${result.result.total} debates`);
      picks.push(result.ms);
    }
    report('Search Debates pick list, a query matching all (first 100 shown)', picks, SEARCH_GOAL_MS);

    const filtered: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      filtered.push(
        timed(() => {
          const entries = store.library.list();
          const only = new Set(store.library.search('llama3.2', (id) => store.turnText(id)).map((hit) => hit.id));
          return buildDebateTree(entries, { now: new Date(), self, only });
        }).ms,
      );
    }
    report('refresh with a filter on (list + warm search + tree)', filtered, TREE_GOAL_MS);
    console.log(`  (${fixed((DEBATES * TURNS * TURN_CHARS) / 1e6)} M characters of turn text searched each time)`);
  } finally {
    rmSync(library, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
