// The material as meta.json records it: kept exactly, optional for records written before it.
import { describe, expect, it } from 'vitest';
import { parseMeta, serializeMeta } from '../../engine/library/meta';
import { sampleMeta } from '../library/fixtures';

const ID = '20261201-110512-a3f9c2';

describe('material in meta.json', () => {
  it('round-trips with the debate, and a record without it still loads', () => {
    const material = { excerpts: [{ path: 'src/a.ts', startLine: 2, endLine: 3, text: 'b\nc' }], diff: { kind: 'working-tree' as const, text: '+x\n' } };
    expect(parseMeta(serializeMeta(sampleMeta(ID, { material })), ID)).toMatchObject({ ok: true, meta: { material } });
    const old = parseMeta(serializeMeta(sampleMeta(ID)), ID);
    expect(old.ok && old.meta.material).toBeUndefined();
  });

  it('refuses a damaged material rather than send speakers something else', () => {
    const text = serializeMeta(sampleMeta(ID)).replace('"schema": 1,', '"schema": 1, "material": {"diff": {"kind": "everything", "text": "x"}},');
    expect(parseMeta(text, ID)).toMatchObject({ ok: false, problem: 'invalid' });
  });
});
