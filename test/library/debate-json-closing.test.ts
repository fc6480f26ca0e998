// Debate JSON v1 for a debate that ends well: the AI moderator's turns, closing statements,
// the moderator, the stop conditions (consensus, embeddings), the order's picks, and the
// vote, written and read back; malformed values refused.
import { describe, expect, it } from 'vitest';
import { parseDebateJson, serializeDebateJson, toDebateJson, type DebateJson, type ExportedTurn } from '../../engine/library/debate-json';
import type { DebateMeta } from '../../engine/library/meta';
import { sampleMeta, speakerTurn } from './fixtures';

const ID = '20261201-110512-a3f9c2';

const TURNS: ExportedTurn[] = [
  { kind: 'moderator', id: 'f', exchange: 1, text: 'What matters most?', createdAt: '2026-12-01T11:06:00.000Z', ai: { model: 'gemma3:4b', purpose: 'framing' } },
  speakerTurn('t1', 'Tea.'),
  speakerTurn('t2', 'Coffee.', { speakerIndex: 1, speaker: 'Bob', model: 'qwen3:4b' }),
  { kind: 'moderator', id: 's', exchange: 1, text: 'They differ.', createdAt: '2026-12-01T11:07:00.000Z', ai: { model: 'gemma3:4b', purpose: 'summary' } },
  { kind: 'moderator', id: 'n', exchange: 1, text: 'My own note.', createdAt: '2026-12-01T11:07:30.000Z' },
  speakerTurn('c1', 'Position: Tea.\nAnswer: Yes.', { closing: { position: 'Tea.', answer: 'Yes.' } }),
  speakerTurn('c2', 'I pass.', { speakerIndex: 1, speaker: 'Bob', model: 'qwen3:4b', closing: { position: 'I pass.', answer: null } }),
];

function meta(overrides: Partial<DebateMeta> = {}): DebateMeta {
  return sampleMeta(ID, {
    stopReason: 'consensus',
    order: { kind: 'moderator', picks: [[1, 0]] },
    stopOn: { repetition: { threshold: 0.92, ngram: 3, embedModel: 'nomic-embed-text' }, consensus: { model: 'qwen3:8b', host: 'http://judge:11434' } },
    moderator: { model: 'gemma3:4b', host: 'http://gpu-box:11434' },
    closingStatements: true,
    ...overrides,
  });
}

function sample(): DebateJson {
  return toDebateJson(meta(), TURNS);
}

function spoiled(spoil: (json: Record<string, unknown>) => void): ReturnType<typeof parseDebateJson> {
  const json = JSON.parse(serializeDebateJson(sample())) as Record<string, unknown>;
  spoil(json);
  return parseDebateJson(JSON.stringify(json));
}

const turnsOf = (json: Record<string, unknown>) => json.turns as Record<string, unknown>[];

describe('debate JSON with an AI moderator and closing statements', () => {
  it('writes the moderator, closing statements, stop conditions, picks and the vote, and reads them back the same', () => {
    const debate = sample();
    expect(debate).toMatchObject({
      stopReason: 'consensus',
      order: { kind: 'moderator', picks: [[1, 0]] },
      stopOn: { repetition: { embedModel: 'nomic-embed-text' }, consensus: { model: 'qwen3:8b', host: 'http://judge:11434' } },
      moderator: { model: 'gemma3:4b', host: 'http://gpu-box:11434' },
      closingStatements: true,
    });
    expect(debate.turns[0]).toMatchObject({ ai: { model: 'gemma3:4b', purpose: 'framing' } });
    expect(debate.turns[4]).not.toHaveProperty('ai');
    expect(debate.turns[5]).toMatchObject({ closing: { position: 'Tea.', answer: 'Yes.' } });
    expect(debate.turns[6]).toMatchObject({ closing: { position: 'I pass.', answer: null } });
    expect(debate.vote).toEqual({ groups: [{ answer: 'Yes.', votes: 1, speakers: ['Ada'] }], statements: 2, majority: null, withoutAnswer: ['Bob'] });
    expect(parseDebateJson(serializeDebateJson(debate))).toStrictEqual({ ok: true, debate });
  });

  it('puts the new fields in the documented order', () => {
    const keys = Object.keys(JSON.parse(serializeDebateJson(sample())) as object);
    expect(keys).toEqual([
      'format', 'version', 'id', 'title', 'topic', 'speakers', 'exchanges', 'settings', 'createdAt', 'endedAt',
      'outcome', 'stopReason', 'order', 'stopOn', 'moderator', 'closingStatements', 'turns', 'vote',
    ]);
  });

  it('writes no vote, moderator or closing field for a debate without them', () => {
    const plain = toDebateJson(sampleMeta(ID), [speakerTurn('t1', 'Tea.')]);
    for (const key of ['vote', 'moderator', 'closingStatements']) expect(plain).not.toHaveProperty(key);
    // Closing statements that all failed make no vote.
    const failed = toDebateJson(meta(), [speakerTurn('t1', 'Tea.'), speakerTurn('c1', '', { status: 'failed' })]);
    expect(failed).not.toHaveProperty('vote');
  });

  it.each([
    ['an AI turn with an unknown purpose', (json: Record<string, unknown>) => (turnsOf(json)[0]!.ai = { model: 'gemma3:4b', purpose: 'gossip' })],
    ['an AI turn without a model', (json: Record<string, unknown>) => (turnsOf(json)[0]!.ai = { model: '', purpose: 'summary' })],
    ['a closing statement without a position', (json: Record<string, unknown>) => (turnsOf(json)[5]!.closing = { answer: 'Yes' })],
    ['a closing answer that is a number', (json: Record<string, unknown>) => (turnsOf(json)[5]!.closing = { position: 'p', answer: 3 })],
    ['a moderator without a model', (json: Record<string, unknown>) => (json.moderator = { host: 'http://x:1' })],
    ['closing statements as a word', (json: Record<string, unknown>) => (json.closingStatements = 'yes')],
    ['a consensus model that is empty', (json: Record<string, unknown>) => (json.stopOn = { consensus: { model: '' } })],
    ['an unknown order', (json: Record<string, unknown>) => (json.order = { kind: 'alphabetical' })],
    ['a pick of a speaker the debate does not have', (json: Record<string, unknown>) => (json.order = { kind: 'moderator', picks: [[0, 5]] })],
    ['a moderator order without a moderator', (json: Record<string, unknown>) => delete json.moderator],
    ['a vote with a negative count', (json: Record<string, unknown>) => (json.vote = { groups: [{ answer: 'a', votes: -1, speakers: [] }], statements: 1, majority: null, withoutAnswer: [] })],
    ['a vote without its groups', (json: Record<string, unknown>) => (json.vote = { statements: 1, majority: null, withoutAnswer: [] })],
    ['an unknown stop reason', (json: Record<string, unknown>) => (json.stopReason = 'boredom')],
  ])('refuses %s', (_label, spoil) => {
    const parsed = spoiled(spoil);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toBe('invalid');
  });

  it('names the field of a moderator order without its moderator, and of a pick out of range', () => {
    const missing = spoiled((json) => delete json.moderator);
    expect(!missing.ok && missing.reason).toContain('a moderator order needs the moderator');
    const outOfRange = spoiled((json) => (json.order = { kind: 'moderator', picks: [[0], [1, 2]] }));
    expect(!outOfRange.ok && outOfRange.reason).toContain('bad field order.picks[1]: picks a speaker the debate does not have (it has 2)');
  });
});
