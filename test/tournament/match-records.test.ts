// Finding a tournament's debates among the library's entries (pure): by tag, judged first, branches left out.
import { describe, expect, it } from 'vitest';
import type { LibraryEntry } from '../../engine/library/library';
import type { DebateMeta } from '../../engine/library/meta';
import { isJudged, matchDebates } from '../../engine/tournament/match-records';
import { sampleVerdict } from '../engine/judge-fixtures';

function entry(id: string, extra: Partial<DebateMeta>): LibraryEntry {
  const meta: DebateMeta = {
    schema: 1, id, title: null, topic: 'Tea?', exchanges: 1, settings: {}, createdAt: '', updatedAt: '', endedAt: null, outcome: 'complete', stopReason: 'exchanges', turnCount: 2,
    speakers: [{ name: 'Speaker 1', model: 'm1', tone: 'Rational', tonePrompt: 'p' }, { name: 'Speaker 2', model: 'm2', tone: 'Rational', tonePrompt: 'p' }],
    ...extra,
  };
  return { id, ok: true, meta, outcome: meta.outcome, lockedBy: null, parentMissing: false };
}

describe('matchDebates', () => {
  it('finds each match’s debate by its tag, a judged one before a newer unjudged one', () => {
    const entries: LibraryEntry[] = [
      entry('20261201-100003-000003', { tournament: { id: 'tn-1', match: 'k1' }, outcome: 'interrupted' }),
      entry('20261201-100002-000002', { tournament: { id: 'tn-1', match: 'k1' }, verdicts: [sampleVerdict({ winner: 1 })] }),
      entry('20261201-100001-000001', { tournament: { id: 'tn-1', match: 'k2' }, outcome: 'stopped' }),
      entry('20261201-100000-000000', { tournament: { id: 'tn-1', match: 'k2' }, outcome: 'failed' }),
      entry('20261201-100004-000004', { tournament: { id: 'tn-2', match: 'k1' }, verdicts: [sampleVerdict({ winner: 0 })] }),
      entry('20261201-100005-000005', {}),
      { id: '20261201-100006-000006', ok: false, problem: 'invalid', reason: 'bad' },
    ];
    const found = matchDebates(entries, 'tn-1');
    expect([...found.keys()].sort()).toEqual(['k1', 'k2']);
    expect(found.get('k1')).toEqual({ debateId: '20261201-100002-000002', winner: 1, models: ['m1', 'm2'] });
    expect(isJudged(found.get('k1')!)).toBe(true);
    // Among unjudged ones, the newest stands for the match.
    expect(found.get('k2')?.debateId).toBe('20261201-100001-000001');
    expect(isJudged(found.get('k2')!)).toBe(false);
  });

  it('leaves out branches, which copy their parent’s tag', () => {
    const entries = [entry('20261201-100001-000001', { tournament: { id: 'tn-1', match: 'k1' }, parentId: '20261201-100000-000000', verdicts: [sampleVerdict({ winner: 0 })] })];
    expect(matchDebates(entries, 'tn-1').size).toBe(0);
  });

  it('counts the last verdict of a debate judged twice, a tie included', () => {
    const entries = [entry('20261201-100001-000001', { tournament: { id: 'tn-1', match: 'k1' }, verdicts: [sampleVerdict({ winner: 0 }), sampleVerdict({ winner: null })] })];
    expect(matchDebates(entries, 'tn-1').get('k1')?.winner).toBeNull();
  });
});
