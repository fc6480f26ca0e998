// The queue's rules, without Redis: queue names, the match stream's fold (claims fencing off a
// worker that lost its job), the debate rebuilt from a stream, the registry, which queues a
// worker serves, what a job may carry, and the worker's and tournament's --queue options.
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../engine/cli/args';
import { parseWorker } from '../../engine/cli/queue-worker-args';
import { checkedDebate, finishedDebate, resumableDebate } from '../../engine/queue/match-debate';
import { readMatchJob } from '../../engine/queue/match-job';
import { applyEntry, decodeEntry, EMPTY_MATCH, encodeEntry, foldEntries, type MatchEntry, type MatchState } from '../../engine/queue/match-stream';
import { matchJobId, matchStreamKey, queueNameFor } from '../../engine/queue/queue-names';
import { queuesFor } from '../../engine/queue/queued-schedule';
import { servableQueues } from '../../engine/queue/queue-worker';
import { displayRedisUrl, redisUrlProblem } from '../../engine/queue/redis-url';
import { readRegistry } from '../../engine/queue/registry';
import { hostSeenFromAfar } from '../../engine/queue/worker-host';
import type { DebateRecord } from '../../engine/store';
import { planTournament } from '../../engine/tournament/plan';
import type { SpeakerConfig, Turn } from '../../engine/types';
import { makeTurn } from '../engine/fixtures';
import { sampleVerdict } from '../engine/judge-fixtures';
import { sampleMeta } from '../library/fixtures';

const ID = '20261201-110512-a3f9c2';
const SPEAKERS: SpeakerConfig[] = [
  { name: 'Ada', model: 'llama3.2:1b', tone: 'Rational' },
  { name: 'Bob', model: 'qwen3:4b', tone: 'Cynic' },
];

function record(patch: Partial<DebateRecord> = {}): DebateRecord {
  const { schema: _schema, ...meta } = sampleMeta(ID, { outcome: 'running', stopReason: null, turnCount: 0, tournament: { id: 'tn-0123456789ab', match: 't01-a-vs-b-a' } });
  return { ...meta, ...patch };
}

const turn = (index: number, text = `turn ${index}`): Turn => makeTurn(index, SPEAKERS, text);

/** The stream's raw entries for these, with ids 1-0, 2-0… as XRANGE gives them. */
function raw(entries: readonly MatchEntry[]): [string, string[]][] {
  return entries.map((entry, index) => [`${index + 1}-0`, encodeEntry(entry)]);
}

function fold(entries: readonly MatchEntry[]): MatchState {
  return foldEntries(EMPTY_MATCH, raw(entries));
}

describe('queue names', () => {
  it('names one queue per set of models, whatever their order, case or implied :latest tag', () => {
    const name = queueNameFor(['m1', 'M2:latest', 'judge:1b']);
    expect(name).toMatch(/^tm-[0-9a-f]{16}$/);
    expect(queueNameFor(['judge:1b', 'm2', 'm1:latest'])).toBe(name);
    expect(queueNameFor(['m1', 'm3', 'judge:1b'])).not.toBe(name);
    expect(queueNameFor(['m1', 'm2', 'judge:2b'])).not.toBe(name);
  });

  it('gives job ids and stream keys BullMQ accepts (no ":" in a job id) and one per match', () => {
    const plan = planTournament({ models: ['qwen3:1.7b', 'gemma3:4b'], topics: ['Tea?'], judge: 'llama3.2:1b', exchanges: 1 });
    const ids = plan.matches.map((match) => matchJobId(plan.id, match.key));
    expect(ids.every((id) => !id.includes(':'))).toBe(true);
    expect(new Set(ids).size).toBe(plan.matches.length);
    expect(matchStreamKey(ids[0] ?? '')).toBe(`talking-models:match:${ids[0]}`);
  });

  it('groups a tournament\'s matches by queue: one per pairing (with the judge), both speaking orders together', () => {
    const plan = planTournament({ models: ['a', 'b', 'c'], topics: ['One?', 'Two?'], judge: 'j', exchanges: 1 });
    const queues = queuesFor(plan, plan.matches);
    expect(queues.size).toBe(3);
    for (const { models, matches } of queues.values()) {
      expect(matches).toHaveLength(4);
      expect(new Set(matches.flatMap((match) => [...match.models]))).toEqual(new Set(models.filter((model) => model !== 'j')));
      expect(models).toContain('j');
    }
  });
});

describe('the match stream', () => {
  /** gpu-1 takes the match and speaks two turns. */
  const FIRST_RUN: MatchEntry[] = [
    { kind: 'claim', attempt: 'a1', worker: 'gpu-1', turns: 0 },
    { kind: 'record', attempt: 'a1', record: record() },
    { kind: 'turn', attempt: 'a1', turn: turn(0) },
    { kind: 'turn', attempt: 'a1', turn: turn(1) },
  ];

  it('reads back what it writes, and skips foreign or damaged entries', () => {
    const entry: MatchEntry = { kind: 'turn', attempt: 'a1', turn: turn(0) };
    expect(decodeEntry(encodeEntry(entry))).toEqual(entry);
    expect(decodeEntry(['e', '{"kind":"turn"'])).toBeNull();
    expect(decodeEntry(['e', JSON.stringify({ kind: 'bogus', attempt: 'a1' })])).toBeNull();
    expect(decodeEntry(['e', JSON.stringify({ kind: 'turn', attempt: 'a1', turn: { text: 'no id' } })])).toBeNull();
    expect(decodeEntry(['other', '{}'])).toBeNull();
    expect(decodeEntry(['x', 'e'])).toBeNull();
  });

  it('folds a claimed run: the record, its turns in order, a turn spoken again replacing itself, the verdict, the end', () => {
    const state = fold([
      ...FIRST_RUN,
      { kind: 'turn', attempt: 'a1', turn: turn(1, 'turn 1 again') },
      { kind: 'verdict', attempt: 'a1', verdict: sampleVerdict() },
      { kind: 'done', attempt: 'a1', record: record({ outcome: 'complete' }) },
    ]);
    expect(state.worker).toBe('gpu-1');
    expect(state.claims).toBe(1);
    expect(state.turns.map((entry) => (entry.kind === 'speaker' ? entry.text : ''))).toEqual(['turn 0', 'turn 1 again']);
    expect(state.verdicts).toHaveLength(1);
    expect(state.done?.outcome).toBe('complete');
    expect(state.lastId).toBe('7-0');
  });

  it('a new claim resumes from the turns it names; entries of the worker it replaced are ignored after it', () => {
    const state = fold([
      ...FIRST_RUN,
      // gpu-2 read two turns; gpu-1, not yet aware it lost the job, still adds one before the claim lands.
      { kind: 'turn', attempt: 'a1', turn: turn(2, 'late turn') },
      { kind: 'claim', attempt: 'a2', worker: 'gpu-2', turns: 2 },
      { kind: 'turn', attempt: 'a1', turn: turn(3, 'stale turn') },
      { kind: 'verdict', attempt: 'a1', verdict: sampleVerdict() },
      { kind: 'done', attempt: 'a1', record: record({ outcome: 'complete' }) },
      { kind: 'turn', attempt: 'a2', turn: turn(2, 'resumed turn') },
    ]);
    expect(state.worker).toBe('gpu-2');
    expect(state.claims).toBe(2);
    expect(state.turns.map((entry) => (entry.kind === 'speaker' ? entry.text : ''))).toEqual(['turn 0', 'turn 1', 'resumed turn']);
    expect(state.verdicts).toEqual([]);
    expect(state.done).toBeNull();
    // The record of the first run stands until the next run writes its own.
    expect(state.record?.id).toBe(ID);
  });

  it('ignores anything written without a claim', () => {
    expect(applyEntry(EMPTY_MATCH, { kind: 'turn', attempt: 'a1', turn: turn(0) })).toEqual(EMPTY_MATCH);
  });
});

describe('the debate rebuilt from a stream', () => {
  const claimed = (entries: MatchEntry[]): MatchState => fold([{ kind: 'claim', attempt: 'a1', worker: 'w', turns: 0 }, { kind: 'record', attempt: 'a1', record: record() }, ...entries]);
  const now = new Date('2026-12-01T12:00:00.000Z');

  it('stands interrupted mid-debate, ready to go on from its last completed turn', () => {
    const rebuilt = resumableDebate(claimed([{ kind: 'turn', attempt: 'a1', turn: turn(0) }, { kind: 'turn', attempt: 'a1', turn: turn(1) }]), now);
    expect(rebuilt).toMatchObject({ ok: true, record: { outcome: 'interrupted', stopReason: null, turnCount: 2, tournament: { match: 't01-a-vs-b-a' } } });
  });

  it('stands complete when every exchange was spoken (only the verdict is missing), with a verdict given already', () => {
    const turns = [0, 1, 2, 3, 4, 5].map((index): MatchEntry => ({ kind: 'turn', attempt: 'a1', turn: turn(index) }));
    expect(resumableDebate(claimed(turns), now)).toMatchObject({ ok: true, record: { outcome: 'complete', stopReason: 'exchanges', turnCount: 6 } });
    const judged = resumableDebate(claimed([...turns, { kind: 'verdict', attempt: 'a1', verdict: sampleVerdict() }]), now);
    expect(judged?.ok === true && judged.record.verdicts).toHaveLength(1);
  });

  it('is nothing before a record arrived, and a finished one only once done', () => {
    expect(resumableDebate(fold([{ kind: 'claim', attempt: 'a1', worker: 'w', turns: 0 }]), now)).toBeNull();
    expect(finishedDebate(claimed([]))).toBeNull();
    expect(finishedDebate(claimed([{ kind: 'done', attempt: 'a1', record: record({ outcome: 'complete', stopReason: 'exchanges' }) }]))).toMatchObject({ ok: true });
  });

  it.each([
    ['a turn naming a speaker the debate does not have', record(), [makeTurn(0, SPEAKERS, 'x', { speakerIndex: 5 })], /turns are not valid/],
    ['the same turn id twice', record(), [turn(0), { ...turn(1), id: 't0' }], /duplicate turn id/],
    ['a record without speakers', record({ speakers: [] }), [], /record is not valid/],
    ['a record whose id is not a debate id', record({ id: '../../etc' }), [], /record is not valid/],
  ])('refuses %s', (_what, given, turns, reason) => {
    const checked = checkedDebate(given, turns);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.reason).toMatch(reason);
  });
});

describe('which queues a worker serves', () => {
  it('reads the registry, skipping what is not a queue\'s models', () => {
    const registry = readRegistry({ 'tm-1': '["m1","m2","j"]', 'tm-2': 'not json', 'tm-3': '[]', 'tm-4': '{"m":1}', 'tm-5': '["m3","j:latest"]' });
    expect([...registry.keys()]).toEqual(['tm-1', 'tm-5']);
  });

  it('listens only where its Ollama has every model (speakers and judge), names as Ollama matches them', () => {
    const registry = new Map([['tm-1', ['m1', 'm2', 'j']], ['tm-2', ['m1', 'm3', 'j']], ['tm-3', ['M1:latest', 'm2:latest', 'j']]]);
    expect(servableQueues(registry, 'http://gpu', ['m1:latest', 'm2:latest', 'j:latest'])).toEqual(['tm-1', 'tm-3']);
    expect(servableQueues(registry, 'http://gpu', ['m1:latest', 'm2:latest'])).toEqual([]);
  });
});

describe('a job\'s data', () => {
  const plan = planTournament({ models: ['m1', 'm2'], topics: ['Tea?'], judge: 'j', exchanges: 2 });
  const match = plan.matches[1];

  it('names a match the worker plans again from the inputs', () => {
    const read = readMatchJob({ tournamentId: plan.id, matchKey: match?.key, inputs: plan.inputs });
    expect(read).toMatchObject({ ok: true, match, plan: { id: plan.id } });
  });

  it.each([
    ['inputs that plan another tournament', { tournamentId: plan.id, matchKey: match?.key, inputs: { ...plan.inputs, exchanges: 3 } }, /plan tournament tn-/],
    ['a match the tournament does not have', { tournamentId: plan.id, matchKey: 't09-x-vs-y-a', inputs: plan.inputs }, /has no match/],
    ['inputs no tournament can have', { tournamentId: plan.id, matchKey: match?.key, inputs: { ...plan.inputs, models: ['m1'] } }, /can't be planned/],
    ['something else', { hello: 'world' }, /does not describe/],
  ])('refuses %s', (_what, data, reason) => {
    const read = readMatchJob(data);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.reason).toMatch(reason);
  });
});

describe('the --queue options', () => {
  it('reads the worker command with its defaults', () => {
    expect(parseWorker(['--queue', 'redis://box:6379'])).toEqual({ kind: 'worker', queue: 'redis://box:6379', host: undefined, concurrency: 1, lockDurationMs: 30_000, refreshMs: 5000 });
    expect(parseWorker(['--queue', 'rediss://:pw@box:6380', '--host', 'http://127.0.0.1:11434', '--concurrency', '2', '--lock-duration', '1.5', '--refresh', '0.3'])).toMatchObject({
      host: 'http://127.0.0.1:11434', concurrency: 2, lockDurationMs: 1500, refreshMs: 300,
    });
    expect(parseCommandLine(['worker', '--queue', 'redis://box:6379'])).toMatchObject({ ok: true, command: { kind: 'worker' } });
  });

  it.each([
    [[], /worker needs --queue/],
    [['--queue', 'box:6379'], /redis:\/\/ or rediss:\/\//],
    [['--queue', 'http://box'], /redis:\/\/ or rediss:\/\//],
    [['--queue', 'not a url'], /Redis URL like/],
    [['--queue', 'redis://b', '--concurrency', '0'], /--concurrency takes a whole number from 1/],
    [['--queue', 'redis://b', '--lock-duration', '0'], /--lock-duration takes a number of seconds/],
    [['--queue', 'redis://b', '--refresh', 'soon'], /--refresh takes a number of seconds/],
    [['--queue', 'redis://b', '--host', ' '], /--host needs a URL/],
  ])('refuses worker %j', (argv, message) => {
    expect(() => parseWorker(argv)).toThrow(message);
  });

  it('never shows a password given in the URL', () => {
    expect(displayRedisUrl('redis://:s3cret@box:6379')).toBe('redis://:***@box:6379');
    expect(displayRedisUrl('redis://user:s3cret@box:6379/2')).toBe('redis://user:***@box:6379/2');
    expect(redisUrlProblem('http://:s3cret@box')).not.toContain('s3cret');
    expect(redisUrlProblem('redis://:s3cret@box:6379')).toBeNull();
  });

  it('tournament takes --queue URL, checked', () => {
    const base = ['tournament', '--model', 'm1', '--model', 'm2', '--topic', 'Tea?', '--judge', 'j'];
    expect(parseCommandLine([...base, '--queue', 'redis://box:6379'])).toMatchObject({ ok: true, command: { kind: 'tournament', queue: 'redis://box:6379' } });
    expect(parseCommandLine(base)).toMatchObject({ ok: true, command: { queue: undefined } });
    expect(parseCommandLine([...base, '--queue', 'box'])).toMatchObject({ ok: false });
  });
});

describe('the host a collected debate records', () => {
  it.each([
    ['http://127.0.0.1:11434', 'http://gpu-1:11434'],
    ['http://localhost:11434', 'http://gpu-1:11434'],
    ['http://[::1]:11434', 'http://gpu-1:11434'],
    ['http://127.0.1.1:8080/ollama', 'http://gpu-1:8080/ollama'],
    ['https://ollama.lan:8443', 'https://ollama.lan:8443'],
    ['http://10.0.0.7:11434', 'http://10.0.0.7:11434'],
    ['not a url', 'not a url'],
  ])('records %s from worker machine gpu-1 as %s', (host, seen) => {
    expect(hostSeenFromAfar(host, 'gpu-1')).toBe(seen);
  });
});

