// What the Leaderboard panel's host reads (extension/leaderboard/leaderboard-source.ts), against
// a real library folder seeded through the library's API: the ranked view, a damaged debate
// left out, and a library that can't be opened said in words.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as engine from '../../engine';
import { readLeaderboard, TurnsCache } from '../../extension/leaderboard/leaderboard-source';
import { tempFolder } from '../library/fixtures';
import { seedJudgedDebates } from './seed-library';

describe('readLeaderboard', () => {
  it('ranks the judged debates of the library, leaving out unjudged and damaged ones', async () => {
    const folder = tempFolder();
    await seedJudgedDebates(folder, [
      { speakers: [{ model: 'a', tone: 'Cynic' }, { model: 'b', tone: 'Polite' }], winner: 0, timeToFirstTokenMs: 1500, tokensPerSecond: 12.34 },
      { speakers: [{ model: 'a', tone: 'Cynic' }, { model: 'c', tone: 'Polite' }], winner: 0 },
      { speakers: [{ model: 'b', tone: 'Cynic' }, { model: 'c', tone: 'Polite' }], winner: 0 },
      { speakers: [{ model: 'c', tone: 'Cynic' }, { model: 'a', tone: 'Polite' }], winner: 0, judged: false },
    ]);
    // A debate folder whose meta.json is not JSON: listed as damaged, not counted.
    mkdirSync(join(folder, '20261201-120000-abcdef'));
    writeFileSync(join(folder, '20261201-120000-abcdef', 'meta.json'), '{ not json');
    const library = engine.openLibrary(folder, { app: 'VS Code' });
    const message = await readLeaderboard({ open: async () => ({ ok: true, library, engine }) });
    expect(message.type).toBe('leaderboard');
    if (message.type !== 'leaderboard') return;
    const { view } = message;
    expect(view.judgedDebates).toBe(3);
    expect(view.models.map((row) => [row.rank, row.model, row.record.text])).toEqual([
      [1, 'a', '2-0-0'],
      [2, 'b', '1-1-0'],
      [3, 'c', '0-2-0'],
    ]);
    expect(view.models[0]?.rating.value).toBeGreaterThan(1500);
    // a's turns: 1500 ms and 200 ms to the first token, 12.34 and 30 tokens/s.
    expect(view.models[0]?.firstToken).toEqual({ text: '850 ms', value: 850 });
    expect(view.models[0]?.tokensPerSecond).toEqual({ text: '21.2', value: 21.17 });
    expect(view.models[1]?.firstToken).toEqual({ text: '850 ms', value: 850 });
    expect(view.modelTones.map((row) => `${row.model}/${row.tone}`)).toEqual(['a/Cynic', 'b/Cynic', 'b/Polite', 'c/Polite']);
    expect(view.speed.map((row) => [row.model, row.host, row.turns])).toEqual([
      ['a', 'http://127.0.0.1:11434', 2],
      ['b', 'http://127.0.0.1:11434', 2],
      ['c', 'http://127.0.0.1:11434', 2],
    ]);
  });

  it('says why when the library cannot be opened', async () => {
    const message = await readLeaderboard({ open: async () => ({ ok: false, message: 'The debate library could not be opened: EACCES' }) });
    expect(message).toEqual({ type: 'leaderboardFailed', message: 'The debate library could not be opened: EACCES' });
  });
});

describe('TurnsCache', () => {
  it('reads a debate\'s turns again only when its record changed, and forgets debates gone from the library', async () => {
    const cache = new TurnsCache();
    let reads = 0;
    const read = async () => {
      reads++;
      return [];
    };
    await cache.get('d1', '2026-12-01T10:00:00Z', read);
    await cache.get('d1', '2026-12-01T10:00:00Z', read);
    expect(reads).toBe(1);
    await cache.get('d1', '2026-12-01T10:05:00Z', read);
    expect(reads).toBe(2);
    cache.retain(new Set(['other']));
    await cache.get('d1', '2026-12-01T10:05:00Z', read);
    expect(reads).toBe(3);
  });
});
