// Which host can run which match (pure): both speakers' models and the judge's, as Ollama names them.
import { describe, expect, it } from 'vitest';
import { canServe, unservableMatches, unservableMessage } from '../../engine/tournament/host-fit';
import { planTournament } from '../../engine/tournament/plan';

const plan = planTournament({ models: ['m1', 'm2:7b', 'm3'], topics: ['Tea?'], judge: 'judge:1b', exchanges: 1 });
const match = (a: string, b: string) => plan.matches.find((candidate) => candidate.models[0] === a && candidate.models[1] === b)!;

describe('host fit', () => {
  it('serves a match only with both speakers and the judge installed', () => {
    const host = { url: 'http://a', models: ['m1:latest', 'M2:7b', 'judge:1b'] };
    expect(canServe(host, match('m1', 'm2:7b'), 'judge:1b')).toBe(true);
    expect(canServe(host, match('m1', 'm3'), 'judge:1b')).toBe(false);
    expect(canServe({ url: 'http://a', models: ['m1', 'm2:7b'] }, match('m1', 'm2:7b'), 'judge:1b')).toBe(false);
    expect(canServe({ url: 'http://a', models: ['m1:q4', 'm2:7b', 'judge:1b'] }, match('m1', 'm2:7b'), 'judge:1b')).toBe(false);
  });

  it('names the matches no host can run and what each host lacks', () => {
    const hosts = [
      { url: 'http://a', models: ['m1', 'm2:7b', 'judge:1b'] },
      { url: 'http://b', models: ['m1', 'm3', 'judge:1b'] },
    ];
    const unservable = unservableMatches(plan.matches, 'judge:1b', hosts);
    expect(unservable.map(({ match: m }) => [...m.models].sort().join('+'))).toEqual(['m2:7b+m3', 'm2:7b+m3']);
    const message = unservableMessage(unservable);
    expect(message).toContain('no host can run 2 matches');
    expect(message).toContain('http://a lacks m3');
    expect(message).toContain('http://b lacks m2:7b');
    expect(unservableMatches(plan.matches, 'judge:1b', [{ url: 'http://c', models: ['m1', 'm2:7b', 'm3', 'judge:1b'] }])).toEqual([]);
  });
});
