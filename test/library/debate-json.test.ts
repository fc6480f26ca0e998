import { describe, expect, it } from 'vitest';
import {
  type DebateJson,
  type ExportedTurn,
  parseDebateJson,
  serializeDebateJson,
  toDebateJson,
} from '../../engine/library/debate-json';
import { sampleMeta, speakerTurn } from './fixtures';

const ID = '20261201-110512-a3f9c2';

/** Text a model (or whoever edited the file) might write: markup, escapes, control characters, a lone surrogate. */
const HOSTILE = '</script><img src=x onerror=alert(1)>\n\u0000\u2028 "quoted" \\ \ud800 trailing   ';

const TURNS: ExportedTurn[] = [
  speakerTurn('t1', HOSTILE, {
    thinking: 'Let me think about bread.',
    alternatives: [{ text: 'An earlier reply', status: 'stopped', note: 'Stopped by you.', metrics: speakerTurn('x', '').metrics, thinking: 'hmm' }],
  }),
  { kind: 'moderator', id: 'm1', exchange: 1, text: '  Please be brief.  ', createdAt: '2026-12-01T11:06:00.000Z' },
  speakerTurn('t2', 'Nope.', { speakerIndex: 1, speaker: 'Bob', model: 'qwen3:4b', tone: 'Cynic', status: 'failed', note: 'No first token in 120 s.' }),
];

function sample(): DebateJson {
  return toDebateJson(sampleMeta(ID, { title: 'Buns', parentId: '20261130-090000-000001', forkedAtTurn: 1, endedAt: '2026-12-01T11:09:00.000Z' }), TURNS, {
    verdicts: [{ winner: 'Ada', scores: { b: 1, a: 2 } }],
    material: { excerpts: [{ path: 'src/a.ts', startLine: 3, endLine: 4, text: 'const a = 1;\nconst b = 2;' }], diff: { kind: 'staged', text: 'diff --git a/x b/x\n' } },
  });
}

function reason(text: string): string {
  const parsed = parseDebateJson(text);
  if (parsed.ok) throw new Error('expected a rejection');
  return parsed.reason;
}

describe('debate JSON', () => {
  it('round-trips: parse(serialize(toDebateJson(x))) deep-equals, turn text kept exactly', () => {
    const debate = sample();
    const parsed = parseDebateJson(serializeDebateJson(debate));
    expect(parsed).toStrictEqual({ ok: true, debate });
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.debate.turns[0]).toMatchObject({ text: HOSTILE, thinking: 'Let me think about bread.' });
    expect(parsed.debate.turns[1]).toMatchObject({ text: '  Please be brief.  ' });
    expect(parsed.debate.verdicts).toEqual([{ winner: 'Ada', scores: { b: 1, a: 2 } }]);
  });

  it('a debate without the optional fields round-trips too', () => {
    const debate = toDebateJson(sampleMeta(ID), []);
    expect(Object.keys(debate)).not.toContain('parentId');
    expect(parseDebateJson(serializeDebateJson(debate))).toStrictEqual({ ok: true, debate });
  });

  it('serializes with the documented key order, 2-space indent and a trailing newline, whatever the input order', () => {
    const text = serializeDebateJson(sample());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "format": "talking-models/debate",\n  "version": 1,\n  "id": "20261201-110512-a3f9c2",\n  "title": "Buns",\n')).toBe(true);
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys).toEqual([
      'format', 'version', 'id', 'title', 'topic', 'speakers', 'exchanges', 'settings', 'createdAt', 'endedAt',
      'outcome', 'stopReason', 'parentId', 'forkedAtTurn', 'turns', 'verdicts', 'material',
    ]);
    const shuffled = Object.fromEntries(Object.entries(sample()).reverse()) as unknown as DebateJson;
    expect(serializeDebateJson(shuffled)).toBe(text);
  });

  it('ignores fields it does not know, and keeps reserved content as given', () => {
    const json = JSON.parse(serializeDebateJson(sample())) as Record<string, unknown>;
    // A "__proto__" key from the file stays a plain key: it must not become a prototype on the way through.
    const text = JSON.stringify({ ...json, futureField: 1, verdicts: 'VERDICTS' }).replace('"VERDICTS"', '[{"z":1,"__proto__":{"polluted":true},"a":2}]');
    const parsed = parseDebateJson(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.debate).not.toHaveProperty('futureField');
    expect(JSON.stringify(parsed.debate.verdicts)).toBe('[{"z":1,"__proto__":{"polluted":true},"a":2}]');
    expect(serializeDebateJson(parsed.debate)).toContain('"__proto__": {');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps the material; the reserved array form of earlier files reads as none', () => {
    const json = JSON.parse(serializeDebateJson(sample())) as Record<string, unknown>;
    const parsed = parseDebateJson(JSON.stringify(json));
    expect(parsed.ok && parsed.debate.material?.excerpts?.[0]).toEqual({ path: 'src/a.ts', startLine: 3, endLine: 4, text: 'const a = 1;\nconst b = 2;' });
    const old = parseDebateJson(JSON.stringify({ ...json, material: [{ kind: 'selection', text: 'x' }] }));
    expect(old.ok && old.debate.material).toBeUndefined();
    expect(parseDebateJson(JSON.stringify({ ...json, material: { excerpts: [{ path: 'a', startLine: 0, endLine: 1, text: '' }] } })).ok).toBe(false);
  });

  it('rejects text that is not JSON', () => {
    expect(reason('{"format": ')).toMatch(/^not valid JSON \(.+\)$/);
  });

  it('rejects another format', () => {
    expect(reason('[]')).toBe('not a Talking Models debate: expected a JSON object with "format": "talking-models/debate"');
    expect(reason('{"format": "chatgpt/conversation", "version": 1}')).toBe(
      'unknown format "chatgpt/conversation": expected "format": "talking-models/debate"',
    );
    expect(reason('{"version": 1}')).toBe('unknown format (none): expected "format": "talking-models/debate"');
  });

  it('rejects a newer version, saying so', () => {
    const json = { ...(JSON.parse(serializeDebateJson(sample())) as object), version: 3 };
    expect(reason(JSON.stringify(json))).toBe(
      'unsupported version 3: this file was written by a newer Talking Models (this one reads version 1); update Talking Models to import it',
    );
    expect(reason(JSON.stringify({ ...json, version: '1' }))).toBe('unsupported version "1": expected 1');
  });

  it('rejects a bad field, naming its path', () => {
    const json = JSON.parse(serializeDebateJson(sample())) as DebateJson & Record<string, unknown>;
    const withTurn = (turn: unknown) => JSON.stringify({ ...json, turns: [json.turns[0], turn] });
    expect(reason(withTurn({ ...json.turns[1], text: 42 }))).toMatch(/^bad field turns\[1\]\.text: .*expected string/);
    expect(reason(withTurn({ ...json.turns[0], id: 'other', status: 'exploded' }))).toMatch(/^bad field turns\[1\]\.status: /);
    expect(reason(withTurn({ ...json.turns[0], kind: 'narrator' }))).toMatch(/^bad field turns\[1\]\.kind: /);
    expect(reason(JSON.stringify({ ...json, id: '../../etc' }))).toMatch(/^bad field id: not a debate id/);
    expect(reason(JSON.stringify({ ...json, speakers: [{ name: 'Ada' }] }))).toMatch(/^bad field speakers\[0\]\.model: /);
  });

  it('rejects duplicate turn ids and a turn naming a speaker the debate lacks', () => {
    const json = JSON.parse(serializeDebateJson(sample())) as DebateJson;
    expect(reason(JSON.stringify({ ...json, turns: [json.turns[0], json.turns[0]] }))).toBe('bad field turns[1].id: duplicate turn id "t1"');
    const turn = { ...json.turns[0], speakerIndex: 5 };
    expect(reason(JSON.stringify({ ...json, turns: [turn] }))).toBe('bad field turns[0].speakerIndex: no speaker 5 (the debate has 2)');
  });

  it('toDebateJson refuses to build an invalid export', () => {
    expect(() => toDebateJson(sampleMeta(ID), [speakerTurn('t1', 'x'), speakerTurn('t1', 'y')])).toThrow(/not a valid debate export: turns\[1\]\.id/);
  });
});
