import { describe, expect, it } from 'vitest';
import { buildLeaderboard, countedVerdict, judgedDebateOf, leaderboardMarkdown, type Leaderboard } from '../../engine/leaderboard';
import { byModel, byModelAndTone, gamesOf, recordsOf } from '../../engine/leaderboard/pairwise';
import { percentile } from '../../engine/leaderboard/bootstrap';
import { median } from '../../engine/leaderboard/speed';
import type { SpeakerTurn, Turn } from '../../engine/types';
import { judged, repeated } from './fixtures';

const OPTIONS = { seed: 7, resamples: 200 };

describe('how a judged debate counts', () => {
  it('two speakers: one game, won by the winner', () => {
    expect(gamesOf(judged(['a', 'b'], 1), byModel)).toEqual([{ a: 'b', b: 'a', score: 1 }]);
  });

  it('three speakers with a winner: the winner beats each other speaker; the losers play no game', () => {
    expect(gamesOf(judged(['a', 'b', 'c'], 2), byModel)).toEqual([
      { a: 'c', b: 'a', score: 1 },
      { a: 'c', b: 'b', score: 1 },
    ]);
  });

  it('a tie among three speakers is a draw between every two', () => {
    expect(gamesOf(judged(['a', 'b', 'c'], null), byModel)).toEqual([
      { a: 'a', b: 'b', score: 0.5 },
      { a: 'a', b: 'c', score: 0.5 },
      { a: 'b', b: 'c', score: 0.5 },
    ]);
  });

  it('a model against itself plays no game at the model level, but its tones do play at the model + tone level', () => {
    const selfPlay = judged(['a/Cynic', 'a/Polite'], 0);
    expect(gamesOf(selfPlay, byModel)).toEqual([]);
    expect(gamesOf(selfPlay, byModelAndTone)).toHaveLength(1);
    expect(recordsOf([selfPlay], byModel).size).toBe(0);
  });

  it('the record is per debate: a three-speaker win is one win, each other speaker one loss; a tie is a tie for all', () => {
    const records = recordsOf([judged(['a', 'b', 'c'], 0), judged(['a', 'b', 'c'], null)], byModel);
    expect(records.get('a')).toEqual({ wins: 1, losses: 0, ties: 1, debates: 2 });
    expect(records.get('b')).toEqual({ wins: 0, losses: 1, ties: 1, debates: 2 });
    expect(records.get('c')).toEqual({ wins: 0, losses: 1, ties: 1, debates: 2 });
  });
});

describe('the verdict that counts and what is read from a record', () => {
  const verdict = (winner: number | null, createdAt: string) => ({ winner, createdAt });

  it('the newest verdict counts, wherever it is in the list; equal times: the later one', () => {
    expect(countedVerdict([verdict(0, '2026-12-01T10:00:00Z'), verdict(1, '2026-12-01T09:00:00Z')])?.winner).toBe(0);
    expect(countedVerdict([verdict(0, '2026-12-01T09:00:00Z'), verdict(1, '2026-12-01T10:00:00Z')])?.winner).toBe(1);
    expect(countedVerdict([verdict(0, '2026-12-01T09:00:00Z'), verdict(null, '2026-12-01T09:00:00Z')])?.winner).toBeNull();
    expect(countedVerdict([verdict(1, 'not a date'), verdict(0, '2026-12-01T09:00:00Z')])?.winner).toBe(0);
    expect(countedVerdict([])).toBeNull();
  });

  const speakerTurn = (speakerIndex: number, ttft: number | null, rate: number | null, status: SpeakerTurn['status'] = 'complete'): Turn => ({
    kind: 'speaker',
    id: `t${speakerIndex}-${ttft}`,
    exchange: 1,
    speakerIndex,
    speaker: `S${speakerIndex}`,
    model: 'm',
    tone: 'Rational',
    text: 'x',
    status,
    metrics: { timeToFirstTokenMs: ttft, durationMs: 1000, tokens: 10, tokensPerSecond: rate, loadDurationMs: null, promptTokens: null },
  });

  it('speakers take their own host, else the debate’s, else the default; only complete speaker turns are timed', () => {
    const record = {
      id: 'd1',
      speakers: [
        { model: 'a', tone: 'Cynic', host: 'http://gpu:11434' },
        { model: 'b', tone: 'Polite' },
      ],
      settings: { host: 'http://box:11434' },
      verdicts: [verdict(1, '2026-12-01T09:00:00Z')],
    };
    const turns = [speakerTurn(0, 100, 20), speakerTurn(1, 200, 30), speakerTurn(1, 300, 40, 'failed')];
    const debate = judgedDebateOf(record, turns, 'http://default:11434');
    expect(debate?.speakers.map((speaker) => speaker.host)).toEqual(['http://gpu:11434', 'http://box:11434']);
    expect(debate?.winner).toBe(1);
    expect(debate?.turns).toEqual([
      { speakerIndex: 0, timeToFirstTokenMs: 100, tokensPerSecond: 20 },
      { speakerIndex: 1, timeToFirstTokenMs: 200, tokensPerSecond: 30 },
    ]);
    expect(judgedDebateOf({ ...record, settings: {} }, [], 'http://default:11434')?.speakers[1]?.host).toBe('http://default:11434');
  });

  it('leaves out a debate with no verdict, one speaker, or a winner no speaker has', () => {
    const base = { id: 'd', speakers: [{ model: 'a', tone: 'T' }, { model: 'b', tone: 'T' }], settings: {} };
    expect(judgedDebateOf(base, [], 'h')).toBeNull();
    expect(judgedDebateOf({ ...base, verdicts: [] }, [], 'h')).toBeNull();
    expect(judgedDebateOf({ ...base, speakers: [{ model: 'a', tone: 'T' }], verdicts: [verdict(0, '2026-12-01T09:00:00Z')] }, [], 'h')).toBeNull();
    expect(judgedDebateOf({ ...base, verdicts: [verdict(2, '2026-12-01T09:00:00Z')] }, [], 'h')).toBeNull();
  });
});

describe('buildLeaderboard', () => {
  it('two models 3-1: ranked, records, the rating gap near 400·log10(3), intervals around the ratings', () => {
    const board = buildLeaderboard([...repeated(3, ['strong', 'weak'], 0), ...repeated(1, ['strong', 'weak'], 1)], OPTIONS);
    expect(board.models.map((row) => [row.rank, row.model, row.wins, row.losses, row.ties, row.debates])).toEqual([
      [1, 'strong', 3, 1, 0, 4],
      [2, 'weak', 1, 3, 0, 4],
    ]);
    const [strong, weak] = board.models as [Leaderboard['models'][0], Leaderboard['models'][0]];
    expect(strong.rating - weak.rating).toBeGreaterThan(185);
    expect(strong.rating - weak.rating).toBeLessThan(191);
    expect(strong.rating + weak.rating).toBeCloseTo(3000, 6);
    for (const row of board.models) {
      expect(row.interval?.low).toBeLessThanOrEqual(row.rating + 1e-9);
      expect(row.interval?.high).toBeGreaterThanOrEqual(row.rating - 1e-9);
      expect((row.interval?.high ?? 0) - (row.interval?.low ?? 0)).toBeGreaterThan(50);
    }
    expect(board.judgedDebates).toBe(4);
    expect(board.games).toBe(4);
  });

  it('all ties: everyone 1500 and sharing rank 1', () => {
    const board = buildLeaderboard([judged(['a', 'b'], null), judged(['b', 'c'], null), judged(['a', 'c'], null)], OPTIONS);
    expect(board.models.map((row) => row.rank)).toEqual([1, 1, 1]);
    for (const row of board.models) expect(row.rating).toBeCloseTo(1500, 6);
    expect(board.models.map((row) => row.ties)).toEqual([2, 2, 2]);
  });

  it('a three-model cycle ranks all three equal', () => {
    const board = buildLeaderboard([judged(['a', 'b'], 0), judged(['b', 'c'], 0), judged(['c', 'a'], 0)], OPTIONS);
    expect(board.models.map((row) => row.rank)).toEqual([1, 1, 1]);
  });

  it('an unbeaten model ranks first with a finite rating and interval', () => {
    const board = buildLeaderboard([...repeated(3, ['champ', 'b'], 0), judged(['b', 'c'], 0), judged(['champ', 'c'], 0)], OPTIONS);
    const champ = board.models[0];
    expect(champ?.model).toBe('champ');
    expect(Number.isFinite(champ?.rating)).toBe(true);
    expect(Number.isFinite(champ?.interval?.high)).toBe(true);
    expect(board.models.map((row) => row.model)).toEqual(['champ', 'b', 'c']);
  });

  it('is deterministic under a seed; another seed moves the intervals but not the ratings', () => {
    const debates = [...repeated(3, ['a', 'b'], 0), judged(['a', 'b'], 1), judged(['b', 'c'], 0), judged(['a', 'c'], null), judged(['c', 'a'], 0)];
    const first = buildLeaderboard(debates, OPTIONS);
    expect(buildLeaderboard(debates, OPTIONS)).toEqual(first);
    const other = buildLeaderboard(debates, { seed: 8, resamples: 200 });
    expect(other.models.map((row) => row.rating)).toEqual(first.models.map((row) => row.rating));
    expect(other.models.map((row) => row.interval)).not.toEqual(first.models.map((row) => row.interval));
  });

  it('without resamples the intervals are null', () => {
    const board = buildLeaderboard([judged(['a', 'b'], 0)], { seed: 1, resamples: 0 });
    expect(board.models.every((row) => row.interval === null)).toBe(true);
  });

  it('ranks models in a tone apart from the model', () => {
    const board = buildLeaderboard([judged(['a/Cynic', 'b/Polite'], 0), judged(['a/Polite', 'b/Polite'], 1), judged(['a/Cynic', 'a/Polite'], 0)], OPTIONS);
    expect(board.modelTones.map((row) => `${row.model}/${row.tone}`)).toEqual(['a/Cynic', 'b/Polite', 'a/Polite']);
    expect(board.models.every((row) => row.tone === null)).toBe(true);
    expect(board.modelTones.find((row) => row.tone === 'Cynic')).toMatchObject({ wins: 2, losses: 0, debates: 2 });
  });

  it('an empty library gives empty tables', () => {
    const board = buildLeaderboard([], OPTIONS);
    expect(board).toMatchObject({ models: [], modelTones: [], speed: [], judgedDebates: 0, games: 0 });
  });
});

describe('speed', () => {
  it('median time to first token and tokens per second per model and host, and per model over every host', () => {
    const turn = (speakerIndex: number, ttft: number | null, rate: number | null) => ({ speakerIndex, timeToFirstTokenMs: ttft, tokensPerSecond: rate });
    const board = buildLeaderboard(
      [
        judged(['a', 'b'], 0, [turn(0, 100, 10), turn(1, 900, 50), turn(0, 300, 30)], 'http://one:11434'),
        judged(['a', 'b'], 0, [turn(0, 200, 20), turn(0, null, null)], 'http://user:secret@two:11434'),
      ],
      OPTIONS,
    );
    expect(board.speed).toEqual([
      { model: 'a', host: 'http://one:11434', turns: 2, medianTimeToFirstTokenMs: 200, medianTokensPerSecond: 20 },
      { model: 'a', host: 'http://user:***@two:11434', turns: 2, medianTimeToFirstTokenMs: 200, medianTokensPerSecond: 20 },
      { model: 'b', host: 'http://one:11434', turns: 1, medianTimeToFirstTokenMs: 900, medianTokensPerSecond: 50 },
    ]);
    expect(board.models.find((row) => row.model === 'a')?.speed).toEqual({ turns: 4, medianTimeToFirstTokenMs: 200, medianTokensPerSecond: 20 });
  });

  it('medians and percentiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(percentile([10, 20, 30, 40, 50], 0.5)).toBe(30);
    expect(percentile([10, 20], 0.975)).toBeCloseTo(19.75, 9);
    expect(percentile([10, 20, 30], 0.025)).toBeCloseTo(10.5, 9);
  });
});

describe('leaderboardMarkdown', () => {
  it('one row per model: rank, model, rating, interval, W-L-T, median TTFT, tok/s', () => {
    const turn = (speakerIndex: number) => ({ speakerIndex, timeToFirstTokenMs: 1234, tokensPerSecond: 31.26 });
    const markdown = leaderboardMarkdown(buildLeaderboard([...repeated(3, ['a', 'b'], 0), judged(['a', 'b'], 1, [turn(0), turn(1)])], OPTIONS));
    const lines = markdown.trimEnd().split('\n');
    expect(lines[0]).toBe('| Rank | Model | Rating | 95% CI | W-L-T | Median TTFT | tok/s |');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^\| 1 \| a \| 159\d \| \d{4}–\d{4} \| 3-1-0 \| 1\.23 s \| 31\.3 \|$/);
    expect(lines[3]).toMatch(/^\| 2 \| b \| 140\d \| \d{4}–\d{4} \| 1-3-0 \| 1\.23 s \| 31\.3 \|$/);
  });

  it('model names cannot forge table structure: pipes, newlines, HTML and control characters', () => {
    const hostile = ['evil | 9999 | x', 'two\nlines\n| forged | row |', '<img src=x onerror=alert(1)>', 'bidi\u202Eflip\u001b[31m'];
    const markdown = leaderboardMarkdown(buildLeaderboard(hostile.map((model) => judged([model, 'plain'], null)), OPTIONS));
    const lines = markdown.trimEnd().split('\n');
    expect(lines).toHaveLength(2 + hostile.length + 1);
    for (const line of lines) expect(line.split(/(?<!\\)\|/).length).toBe(9);
    expect(markdown).not.toMatch(/(?<!\\)<img/);
    expect(markdown).toContain('\\<img');
    expect(markdown).not.toMatch(/[\u202E\u001b]/);
  });

  it('says so when nothing was judged', () => {
    expect(leaderboardMarkdown(buildLeaderboard([], OPTIONS))).toBe('_No judged debates yet._\n');
  });
});
