// The tournament's plan (pure): every pairing on every topic twice, speaking order swapped;
// the id from the normalised inputs; keys stable and safe in a file name.
import { describe, expect, it } from 'vitest';
import { modelSlug, planTournament, type TournamentInputs } from '../../engine/tournament/plan';

const INPUTS: TournamentInputs = { models: ['qwen3:1.7b', 'gemma3:4b', 'llama3.2:1b'], topics: ['Tabs or spaces?', 'Cats or dogs?'], judge: 'phi4:14b', exchanges: 2 };

describe('planTournament', () => {
  it('runs every unordered pairing on every topic twice, once each way round', () => {
    const plan = planTournament(INPUTS);
    expect(plan.matches).toHaveLength(3 * 2 * 2);
    for (const topicIndex of [0, 1]) {
      const onTopic = plan.matches.filter((match) => match.topicIndex === topicIndex);
      const orders = onTopic.map((match) => match.models.join(' then '));
      expect(new Set(orders).size).toBe(6);
      for (const match of onTopic) expect(orders).toContain([...match.models].reverse().join(' then '));
      expect(onTopic.every((match) => match.topic === INPUTS.topics[topicIndex])).toBe(true);
    }
    expect(plan.matches.filter((match) => match.swapped)).toHaveLength(6);
  });

  it('gives each match a distinct key that is safe as a file name', () => {
    const plan = planTournament(INPUTS);
    const keys = plan.matches.map((match) => match.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9.-]+$/);
    expect(keys).toContain('t01-gemma3-4b-vs-llama3.2-1b-a');
    expect(keys).toContain('t02-llama3.2-1b-vs-qwen3-1.7b-b');
    const swapped = plan.matches.find((match) => match.key === 't02-llama3.2-1b-vs-qwen3-1.7b-b');
    expect(swapped?.models).toEqual(['qwen3:1.7b', 'llama3.2:1b']);
  });

  it('has the same id for the same tournament however the command was written', () => {
    const id = planTournament(INPUTS).id;
    expect(planTournament({ ...INPUTS, models: ['llama3.2:1b', ' gemma3:4b', 'qwen3:1.7b', 'gemma3:4b'] }).id).toBe(id);
    expect(planTournament({ ...INPUTS, topics: [' Tabs or spaces? ', 'Cats or dogs?', ''] }).id).toBe(id);
    expect(planTournament({ ...INPUTS, tone: 'Rational' }).id).toBe(id);
    expect(id).toMatch(/^tn-[0-9a-f]{12}$/);
  });

  it.each([
    ['a topic', { topics: [...INPUTS.topics, 'Tea?'] }],
    ['the topics order', { topics: [...INPUTS.topics].reverse() }],
    ['a model', { models: ['qwen3:1.7b', 'gemma3:4b'] }],
    ['the judge', { judge: 'gemma3:12b' }],
    ['the exchanges', { exchanges: 3 }],
    ['the tone', { tone: 'Cynic' }],
  ])('has another id when %s changes', (_what, change) => {
    expect(planTournament({ ...INPUTS, ...change }).id).not.toBe(planTournament(INPUTS).id);
  });

  it('keeps keys apart for models whose names read the same as slugs', () => {
    const plan = planTournament({ ...INPUTS, models: ['a:b', 'a-b'] });
    expect(new Set(plan.matches.map((match) => match.key)).size).toBe(plan.matches.length);
    expect(modelSlug('Library/Qwen3:1.7B')).toBe('library-qwen3-1.7b');
  });

  it.each([
    [{ models: ['gemma3:4b', 'gemma3:4b'] }, /two different models/],
    [{ topics: [' '] }, /one topic/],
    [{ judge: ' ' }, /judge/],
    [{ exchanges: 0 }, /exchanges/],
  ])('refuses inputs that make no tournament: %j', (change, message) => {
    expect(() => planTournament({ ...INPUTS, ...change })).toThrow(message);
  });
});
