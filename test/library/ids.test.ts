import { describe, expect, it } from 'vitest';
import { isDebateId, newDebateId, randomIdSuffix } from '../../engine/library/ids';

describe('debate ids', () => {
  it('are the UTC date and time, then the random suffix', () => {
    expect(newDebateId(new Date('2026-12-01T11:05:12.999Z'), () => 'a3f9c2')).toBe('20261201-110512-a3f9c2');
    // A local time zone never shifts it: the Date is one instant.
    expect(newDebateId(new Date('2026-12-31T23:59:59+02:00'), () => '000000')).toBe('20261231-215959-000000');
  });

  it('sort by creation time as strings', () => {
    const ids = ['2026-01-02T00:00:00Z', '2025-12-31T23:59:59Z', '2026-01-01T10:00:00Z'].map((time) => newDebateId(new Date(time), () => 'ffffff'));
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
  });

  it('refuse a suffix that is not 6 lowercase hex digits, and an invalid date', () => {
    expect(() => newDebateId(new Date(), () => 'ABCDEF')).toThrow(/suffix/);
    expect(() => newDebateId(new Date(), () => '../x')).toThrow(/suffix/);
    expect(() => newDebateId(new Date('nope'), () => 'abcdef')).toThrow(/invalid date/);
  });

  it('random suffixes are valid and differ', () => {
    const suffixes = new Set(Array.from({ length: 50 }, randomIdSuffix));
    expect(suffixes.size).toBeGreaterThan(45);
    for (const suffix of suffixes) expect(isDebateId(`20261201-110512-${suffix}`)).toBe(true);
    expect(isDebateId(newDebateId(new Date()))).toBe(true);
  });

  it('isDebateId accepts only the exact shape', () => {
    expect(isDebateId('20261201-110512-a3f9c2')).toBe(true);
    for (const bad of ['', '..', '20261201-110512-a3f9c', '20261201-110512-a3f9c2 ', '20261201-110512-a3f9c2/..', '2026120-110512-a3f9c2', 'x20261201-110512-a3f9c2', 42, null]) {
      expect(isDebateId(bad)).toBe(false);
    }
  });
});
